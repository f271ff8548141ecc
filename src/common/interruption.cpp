#include "common/interruption.h"

#include <atomic>
#include <csignal>

namespace respgrade {

namespace {

// Lock-free, so the handler may write it and every thread may read it.
std::atomic<int> requested_by{0};
static_assert(std::atomic<int>::is_always_lock_free);

struct sigaction previous_interrupt, previous_terminate;

extern "C" void request_stop(int signal) { requested_by.store(signal); }

}  // namespace

InterruptionWatch::InterruptionWatch() {
  requested_by.store(0);
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  // SA_RESTART keeps a write or a read in progress from failing with EINTR; SA_RESETHAND makes
  // the next signal act as if no handler were set.
  action.sa_flags = SA_RESTART | SA_RESETHAND;
  sigaction(SIGINT, &action, &previous_interrupt);
  sigaction(SIGTERM, &action, &previous_terminate);
}

InterruptionWatch::~InterruptionWatch() {
  sigaction(SIGINT, &previous_interrupt, nullptr);
  sigaction(SIGTERM, &previous_terminate, nullptr);
}

bool InterruptionWatch::stop_requested() { return requested_by.load() != 0; }

int InterruptionWatch::signal_number() { return requested_by.load(); }

}  // namespace respgrade
