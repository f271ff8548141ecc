#pragma once

namespace respgrade {

// Turns Ctrl-C (SIGINT) and SIGTERM into a request to stop, for work that must end between
// two results rather than in the middle of one. While an InterruptionWatch lives, the first
// such signal only sets the flag that stop_requested() reads. The handler then puts the earlier
// handler back, so a second Ctrl-C acts as it would have without the watch. The destructor
// restores the earlier handlers too. A signal the process inherited as ignored stays ignored.
class InterruptionWatch {
 public:
  InterruptionWatch();
  ~InterruptionWatch();
  InterruptionWatch(const InterruptionWatch&) = delete;
  InterruptionWatch& operator=(const InterruptionWatch&) = delete;

  // Returns whether a signal requested a stop since this watch began. Safe to call from any thread.
  static bool stop_requested();
  // Returns the signal that requested the stop, or 0.
  static int signal_number();
};

// The exit status of a run stopped by `signal`, as shells report a process killed by it.
inline int exit_status_for_signal(int signal) { return 128 + signal; }

}  // namespace respgrade
