#include "common/replacing_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>

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

// The signals that end a process by default and that a user or a closed pipe sends.
constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
constexpr int kSignalCount = sizeof kCleanupSignals / sizeof kCleanupSignals[0];
struct sigaction previous_actions[kSignalCount];

// A signal while a temporary file is open: remove it, then end the process as the signal
// would have.
extern "C" void remove_pending_and_stop(int signal) {
  for (int slot = 0; slot < kSlots; ++slot) {
    if (pending_used[slot] != 0) ::unlink(pending_paths[slot]);
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void install_cleanup() {
  struct sigaction action {};
  action.sa_handler = remove_pending_and_stop;
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < kSignalCount; ++i) {
    sigaction(kCleanupSignals[i], &action, &previous_actions[i]);
    // A signal ignored when the process started (nohup, a background job) stays ignored.
    if (previous_actions[i].sa_handler == SIG_IGN) {
      sigaction(kCleanupSignals[i], &previous_actions[i], nullptr);
    }
  }
}

void restore_signals() {
  for (int i = 0; i < kSignalCount; ++i)
    sigaction(kCleanupSignals[i], &previous_actions[i], nullptr);
}

// Registers a temporary file for removal on a signal and returns its slot. Returns -1 when
// every slot is taken or the path is too long, so a signal would leave that file behind.
int add_pending(const std::string& path) {
  if (path.size() >= kMaxPath) return -1;
  for (int slot = 0; slot < kSlots; ++slot) {
    if (pending_used[slot] != 0) continue;
    std::memcpy(pending_paths[slot], path.c_str(), path.size() + 1);
    pending_used[slot] = 1;
    if (pending_count++ == 0) install_cleanup();
    return slot;
  }
  return -1;
}

void remove_pending(int slot) {
  if (slot < 0) return;
  pending_used[slot] = 0;
  if (--pending_count == 0) restore_signals();
}

// The descriptor a path names through /dev/fd, /proc/self/fd or /dev/stdout and /dev/stderr.
std::optional<int> descriptor_named(std::string_view path) {
  if (path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  for (const std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (!path.starts_with(prefix)) continue;
    const std::string_view number = path.substr(prefix.size());
    int descriptor = -1;
    const auto [end, error] =
        std::from_chars(number.data(), number.data() + number.size(), descriptor);
    if (error == std::errc() && end == number.data() + number.size()) return descriptor;
  }
  return std::nullopt;
}

// The output's destination: a path with its links followed, or an open descriptor.
struct Destination {
  std::string path;
  std::optional<int> descriptor;
};

// Follows symbolic links one hop at a time, stopping at a descriptor path, so that a link to
// /proc/self/fd/1 is not resolved to the file behind the descriptor.
Destination find_destination(const std::string& path) {
  fs::path current = path;
  for (int hop = 0; hop < 40; ++hop) {
    if (const std::optional<int> descriptor = descriptor_named(current.string())) {
      return {current.string(), descriptor};
    }
    std::error_code error;
    if (!fs::is_symlink(fs::symlink_status(current, error))) return {current.string(), {}};
    const fs::path next = fs::read_symlink(current, error);
    if (error) return {current.string(), {}};
    current = next.is_absolute() ? next : current.parent_path() / next;
  }
  throw InputError(path, "is a loop of symbolic links", "Point the link at a file");
}

std::string temporary_template(const fs::path& target) {
  // The name gets 8 more bytes; a name near the 255-byte limit gets a short one instead.
  std::string name = "." + target.filename().string() + ".XXXXXX";
  if (name.size() > 255) name = ".respgrade-output.XXXXXX";
  return (target.parent_path() / name).string();
}

std::string system_error() { return std::strerror(errno); }

}  // namespace

ReplacingFile::ReplacingFile(std::string path) : path_(std::move(path)) {
  const Destination destination = find_destination(path_);
  target_ = destination.path;
  int descriptor = -1;

  if (destination.descriptor) {
    descriptor = ::dup(*destination.descriptor);
    if (descriptor < 0) {
      throw InputError(
          path_,
          "names descriptor " + std::to_string(*destination.descriptor) + ", which is not open",
          "Name a file, or run the command with that descriptor open");
    }
  } else {
    struct stat existing {};
    const bool exists = ::stat(target_.c_str(), &existing) == 0;
    if (exists && S_ISDIR(existing.st_mode)) {
      throw InputError(path_, "is a folder, not a file to write", "Name a file inside it");
    }
    if (exists && !S_ISREG(existing.st_mode)) {
      descriptor = ::open(target_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
      if (descriptor < 0) {
        throw InputError(path_, "cannot be opened for writing (" + system_error() + ")",
                         "Check its permissions");
      }
    } else {
      temporary_ = temporary_template(target_);
      descriptor = ::mkstemp(temporary_.data());
      if (descriptor < 0) {
        throw InputError(path_, "cannot create a temporary file beside it (" + system_error() + ")",
                         "Check that its folder exists and is writable");
      }
      pending_slot_ = add_pending(temporary_);
      replaces_existing_ = exists;
      if (exists) {
        mode_ = existing.st_mode & 07777;
        owner_ = existing.st_uid;
        group_ = existing.st_gid;
      } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode_ = 0666 & ~mask;
      }
    }
  }
  buffer_ = std::make_unique<__gnu_cxx::stdio_filebuf<char>>(descriptor, std::ios::out);
  stream_.rdbuf(buffer_.get());
}

ReplacingFile::~ReplacingFile() {
  stream_.rdbuf(nullptr);
  buffer_.reset();  // closes the descriptor
  if (!committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
  remove_pending(pending_slot_);
}

bool ReplacingFile::nothing_written() {
  if (temporary_.empty()) return false;
  stream_.flush();
  return ::lseek(buffer_->fd(), 0, SEEK_CUR) == 0;
}

void ReplacingFile::commit() {
  stream_.flush();
  bool written = static_cast<bool>(stream_);
  const int descriptor = buffer_->fd();

  if (temporary_.empty()) {
    if (!written) throw InputError(path_, "write failed", "Check that it accepts output");
    committed_ = true;
    return;
  }

  // mkstemp made the file readable by its owner only. It gets the mode of the file it replaces,
  // set only now so that a read-only mode cannot stop the writing.
  ::fchmod(descriptor, mode_);
  if (replaces_existing_) {
    // Works as root or for one's own files; otherwise the new file stays the writer's.
    [[maybe_unused]] const int ignored = ::fchown(descriptor, owner_, group_);
  }

  // Flushes the text to disk before the rename, so that a crash of the machine right after it
  // cannot leave the new name on an empty file.
  written = written && ::fsync(descriptor) == 0;
  written = buffer_->close() != nullptr && written;
  if (!written) {
    throw InputError(path_, "write failed", "Check the free disk space and try again");
  }

  // Past this point a signal must not remove the file, which is about to become the target.
  remove_pending(pending_slot_);
  pending_slot_ = -1;
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
    throw InputError(path_, "cannot replace it (" + system_error() + ")",
                     "Check that the file and its folder are writable");
  }
  committed_ = true;
}

}  // namespace respgrade
