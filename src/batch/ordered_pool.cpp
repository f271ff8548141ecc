#include "batch/ordered_pool.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace respgrade {

namespace {

// A ring of `window` slots shared by the workers and the writer. Item i goes to slot
// i % window, and a worker may only take item i once item i - window has been written.
class ResultRing {
 public:
  ResultRing(std::size_t count, std::size_t window, const std::function<bool()>& stop_requested)
      : count_(count), stop_requested_(stop_requested), slots_(window) {}

  // The next item to work on, or nothing when all are taken or the run stopped.
  std::optional<std::size_t> take() {
    std::unique_lock lock(mutex_);
    const auto can_go_on = [&] {
      return must_stop() || next_ >= count_ || next_ < written_ + slots_.size();
    };
    while (!can_go_on()) space_.wait_for(lock, kPollInterval);
    if (must_stop() || next_ >= count_) return std::nullopt;
    return next_++;
  }

  void put(std::size_t index, ItemResult result, std::exception_ptr error) {
    const std::lock_guard lock(mutex_);
    Slot& slot = slots_[index % slots_.size()];
    slot.result = std::move(result);
    slot.error = std::move(error);
    slot.ready = true;
    ready_.notify_all();
  }

  // Waits for the next result in order and frees its slot. Returns nothing when a stop was
  // requested and every item started has been written.
  std::optional<ItemResult> next_in_order() {
    std::unique_lock lock(mutex_);
    Slot& slot = slots_[written_ % slots_.size()];
    const auto nothing_left = [&] { return stop_requested_() && written_ >= next_; };
    while (!slot.ready && !nothing_left()) ready_.wait_for(lock, kPollInterval);
    if (!slot.ready) return std::nullopt;
    ItemResult result = std::move(slot.result);
    const std::exception_ptr error = std::move(slot.error);
    slot = Slot{};
    ++written_;
    space_.notify_all();
    if (error) {
      stopped_ = true;
      lock.unlock();
      space_.notify_all();
      std::rethrow_exception(error);
    }
    return result;
  }

  void stop() {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
    space_.notify_all();
  }

 private:
  // A signal handler cannot wake a condition variable, so waits look at stop_requested_ this
  // often. Results arriving wake them at once.
  static constexpr std::chrono::milliseconds kPollInterval{50};

  bool must_stop() const { return stopped_ || stop_requested_(); }

  struct Slot {
    bool ready = false;
    ItemResult result;
    std::exception_ptr error;
  };

  std::mutex mutex_;
  std::condition_variable space_, ready_;
  std::size_t count_;
  const std::function<bool()>& stop_requested_;
  std::size_t next_ = 0;
  std::size_t written_ = 0;
  bool stopped_ = false;
  std::vector<Slot> slots_;
};

void run_worker(ResultRing& ring, const std::function<ItemResult(std::size_t)>& work) {
  while (const std::optional<std::size_t> index = ring.take()) {
    ItemResult result;
    std::exception_ptr error;
    try {
      result = work(*index);
    } catch (...) {
      error = std::current_exception();
    }
    ring.put(*index, std::move(result), std::move(error));
  }
}

}  // namespace

std::size_t run_in_order(std::size_t count, unsigned threads, std::size_t window,
                         const std::function<ItemResult(std::size_t)>& work,
                         const std::function<void(std::size_t, ItemResult&&)>& emit,
                         const std::function<bool()>& stop_requested) {
  if (threads <= 1 || count <= 1) {
    std::size_t i = 0;
    for (; i < count && !stop_requested(); ++i) emit(i, work(i));
    return i;
  }

  ResultRing ring(count, std::max<std::size_t>(window, threads), stop_requested);
  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < std::min<std::size_t>(threads, count); ++t) {
    workers.emplace_back([&] { run_worker(ring, work); });
  }
  std::size_t emitted = 0;
  try {
    for (; emitted < count; ++emitted) {
      std::optional<ItemResult> result = ring.next_in_order();
      if (!result) break;
      emit(emitted, std::move(*result));
    }
  } catch (...) {
    // Workers finish the item in hand and take no more; jthread joins them on the way out.
    ring.stop();
    throw;
  }
  return emitted;
}

}  // namespace respgrade
