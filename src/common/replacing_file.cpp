#include "common/replacing_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/error.h"

namespace respgrade {

namespace {

namespace fs = std::filesystem;

// Temporary files being written, for the signal handler below to remove. A handler may neither
// allocate nor lock, so the paths sit in fixed slots, and the flags are the only shared state.
constexpr int kSlots = 4;
constexpr std::size_t kMaxPath = 4096;
char pending_paths[kSlots][kMaxPath];
volatile std::sig_atomic_t pending_used[kSlots];
int pending_count = 0;
struct sigaction previous_interrupt, previous_terminate;

// Ctrl-C or SIGTERM while a temporary file is open: remove it, then end the process as the
// signal would have.
extern "C" void remove_pending_and_stop(int signal) {
  for (int slot = 0; slot < kSlots; ++slot) {
    if (pending_used[slot] != 0) ::unlink(pending_paths[slot]);
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

// Registers a temporary file for removal on a signal and returns its slot. Returns -1 when
// every slot is taken or the path is too long, so a signal would leave that file behind.
int add_pending(const std::string& path) {
  if (path.size() >= kMaxPath) return -1;
  for (int slot = 0; slot < kSlots; ++slot) {
    if (pending_used[slot] != 0) continue;
    std::memcpy(pending_paths[slot], path.c_str(), path.size() + 1);
    pending_used[slot] = 1;
    if (pending_count++ == 0) {
      struct sigaction action {};
      action.sa_handler = remove_pending_and_stop;
      sigemptyset(&action.sa_mask);
      sigaction(SIGINT, &action, &previous_interrupt);
      sigaction(SIGTERM, &action, &previous_terminate);
    }
    return slot;
  }
  return -1;
}

void remove_pending(int slot) {
  if (slot < 0) return;
  pending_used[slot] = 0;
  if (--pending_count == 0) {
    sigaction(SIGINT, &previous_interrupt, nullptr);
    sigaction(SIGTERM, &previous_terminate, nullptr);
  }
}

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
  pending_slot_ = add_pending(temporary_);
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
}

ReplacingFile::~ReplacingFile() {
  if (!committed_ && !temporary_.empty()) std::remove(temporary_.c_str());
  remove_pending(pending_slot_);
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
  // Past this point a signal must not remove the file, which is about to become the target.
  remove_pending(pending_slot_);
  pending_slot_ = -1;
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
    throw InputError(path_, std::string("cannot replace it (") + std::strerror(errno) + ")",
                     "Check that the file and its folder are writable");
  }
  committed_ = true;
}

}  // namespace respgrade
