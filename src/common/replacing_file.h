#pragma once

#include <sys/types.h>

#include <ext/stdio_filebuf.h>
#include <memory>
#include <ostream>
#include <string>

namespace respgrade {

// An output file that replaces its target all at once. Text goes to a temporary file in the
// target's folder. commit() flushes it to disk and renames it over the target, so a reader
// sees the old file or the new one, never a part of it. Without commit(), the destructor
// removes the temporary file and the target stays as it was.
//
// The target is found by following symbolic links one at a time. A link into /proc/self/fd/N
// or /dev/fd/N (such as /dev/stdout) names the open descriptor N. Output goes to that
// descriptor at its current offset, because replacing the file behind it would drop what the
// shell or earlier commands wrote there. A device or a pipe is written to directly too, because
// renaming over it would swap it for a regular file. A dangling link creates the file it points to.
//
// A replaced file keeps its mode and, where the process may set it, its owner. It is a new file
// all the same: other hard links to the old one keep the old text.
//
// Ctrl-C, SIGTERM, SIGHUP, SIGQUIT or SIGPIPE while the temporary file is open removes it and
// ends the process, unless a handler installed later (InterruptionWatch) takes the signal
// first. A process killed outright (SIGKILL, a power cut) cannot remove it: it is left beside
// the target as `.NAME.XXXXXX`, and the target is untouched.
class ReplacingFile {
 public:
  // Opens the output. Throws InputError naming `path` when its folder is missing or not
  // writable, when it is a folder, a loop of links or a descriptor that is not open.
  explicit ReplacingFile(std::string path);
  ~ReplacingFile();
  ReplacingFile(const ReplacingFile&) = delete;
  ReplacingFile& operator=(const ReplacingFile&) = delete;

  std::ostream& stream() { return stream_; }

  // Returns whether nothing has been written to a temporary file yet. Always false when
  // writing to the target directly.
  bool nothing_written();

  // Makes the written text the target's. Throws InputError when writing or renaming failed,
  // and then leaves the target as it was.
  void commit();

 private:
  std::string path_;       // as given, for messages
  std::string target_;     // the file to replace, with symbolic links followed
  std::string temporary_;  // empty when writing to the target directly
  std::unique_ptr<__gnu_cxx::stdio_filebuf<char>> buffer_;
  std::ostream stream_{nullptr};
  bool replaces_existing_ = false;  // the target exists: keep its mode and owner
  mode_t mode_ = 0;
  uid_t owner_ = 0;
  gid_t group_ = 0;
  bool committed_ = false;
  int pending_slot_ = -1;  // where the signal handler finds the temporary file, or -1
};

}  // namespace respgrade
