#pragma once

#include <fstream>
#include <ostream>
#include <string>

namespace respgrade {

// An output file that replaces its target all at once. Text goes to a temporary file in the
// target's folder; commit() flushes it to disk and renames it over the target, so a reader
// sees the old file or the new one, never a part of it. Without commit(), the destructor
// removes the temporary file and the target stays as it was.
//
// Ctrl-C or SIGTERM while the file is open removes the temporary file and ends the process,
// unless a handler installed later (InterruptionWatch) takes the signal first. A process killed
// outright (SIGKILL, a power cut) cannot remove it: it is left beside the target as
// `.NAME.XXXXXX`, and the target is untouched.
//
// Only a regular file, or a name not yet taken, is replaced. A target that is a device or a
// pipe, such as /dev/null or /dev/stdout, is written to directly: renaming over it would swap
// the device for a file. A symbolic link is followed, and the file it points to is replaced.
class ReplacingFile {
 public:
  // Creates the temporary file. Throws InputError naming `path` when its folder is missing or
  // not writable.
  explicit ReplacingFile(std::string path);
  ~ReplacingFile();
  ReplacingFile(const ReplacingFile&) = delete;
  ReplacingFile& operator=(const ReplacingFile&) = delete;

  std::ostream& stream() { return stream_; }

  // Makes the written text the target's. Throws InputError when writing or renaming failed,
  // and then leaves the target as it was.
  void commit();

 private:
  std::string path_;       // as given, for messages
  std::string target_;     // the file to replace, with symbolic links resolved
  std::string temporary_;  // empty when writing to the target directly
  std::ofstream stream_;
  bool committed_ = false;
  int pending_slot_ = -1;  // where the signal handler finds the temporary file, or -1
};

}  // namespace respgrade
