#include "common/replacing_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/error.h"

namespace respgrade {

namespace {

namespace fs = std::filesystem;

std::string temporary_template(const fs::path& target) {
  return (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
}

}  // namespace

ReplacingFile::ReplacingFile(std::string path) : path_(std::move(path)), target_(path_) {
  std::error_code error;
  const fs::file_status status = fs::status(path_, error);
  if (fs::is_directory(status)) {
    throw InputError(path_, "is a folder, not a file to write", "Name a file inside it");
  }
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    stream_.open(path_, std::ios::binary | std::ios::trunc);
    if (!stream_) throw InputError(path_, "cannot be opened for writing", "Check its permissions");
    return;
  }
  if (fs::is_symlink(fs::symlink_status(path_, error))) {
    target_ = fs::weakly_canonical(path_, error).string();
    if (error) target_ = path_;
  }
  temporary_ = temporary_template(target_);
  const int descriptor = ::mkstemp(temporary_.data());
  if (descriptor < 0) {
    throw InputError(
        path_,
        std::string("cannot create a temporary file beside it (") + std::strerror(errno) + ")",
        "Check that its folder exists and is writable");
  }
  // mkstemp makes the file readable by its owner only. Keep the mode of the file it replaces,
  // or give it the mode a new file gets.
  mode_t mode = 0;
  if (fs::exists(status)) {
    mode = static_cast<mode_t>(status.permissions() & fs::perms::mask);
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  ::fchmod(descriptor, mode);
  ::close(descriptor);
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
}

ReplacingFile::~ReplacingFile() {
  if (!committed_ && !temporary_.empty()) std::remove(temporary_.c_str());
}

void ReplacingFile::commit() {
  stream_.close();
  bool written = static_cast<bool>(stream_);
  if (temporary_.empty()) {
    if (!written) throw InputError(path_, "write failed", "Check that it accepts output");
    committed_ = true;
    return;
  }
  // Flushes the text to disk before the rename, so that a crash of the machine right after it
  // cannot leave the new name on an empty file.
  const int descriptor = ::open(temporary_.c_str(), O_RDONLY);
  written = written && descriptor >= 0 && ::fsync(descriptor) == 0;
  if (descriptor >= 0) ::close(descriptor);
  if (!written) {
    throw InputError(path_, "write failed", "Check the free disk space and try again");
  }
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
    throw InputError(path_, std::string("cannot replace it (") + std::strerror(errno) + ")",
                     "Check that the file and its folder are writable");
  }
  committed_ = true;
}

}  // namespace respgrade
