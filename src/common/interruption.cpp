#include "common/interruption.h"

#include <atomic>
#include <csignal>

namespace respgrade {

namespace {

// Lock-free, so the handler may write it and every thread may read it.
std::atomic<int> requested_by{0};
static_assert(std::atomic<int>::is_always_lock_free);

struct sigaction previous_interrupt, previous_terminate;

// Records the request, then hands the signal back to the handler that was there before, so
// that a second Ctrl-C ends the process (and ReplacingFile's handler removes its temporary file).
extern "C" void request_stop(int signal) {
  requested_by.store(signal);
  sigaction(signal, signal == SIGINT ? &previous_interrupt : &previous_terminate, nullptr);
}

}  // namespace

InterruptionWatch::InterruptionWatch() {
  requested_by.store(0);
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  // SA_RESTART keeps a write or a read in progress from failing with EINTR.
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &previous_interrupt);
  sigaction(SIGTERM, &action, &previous_terminate);
  // A signal ignored when the process started (nohup, a background job) stays ignored.
  if (previous_interrupt.sa_handler == SIG_IGN) sigaction(SIGINT, &previous_interrupt, nullptr);
  if (previous_terminate.sa_handler == SIG_IGN) sigaction(SIGTERM, &previous_terminate, nullptr);
}

InterruptionWatch::~InterruptionWatch() {
  sigaction(SIGINT, &previous_interrupt, nullptr);
  sigaction(SIGTERM, &previous_terminate, nullptr);
}

bool InterruptionWatch::stop_requested() { return requested_by.load() != 0; }

int InterruptionWatch::signal_number() { return requested_by.load(); }

}  // namespace respgrade
