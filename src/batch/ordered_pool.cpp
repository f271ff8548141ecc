#include "batch/ordered_pool.h"

#include <algorithm>
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
  ResultRing(std::size_t count, std::size_t window) : count_(count), slots_(window) {}

  // The next item to work on, or nothing when all are taken or the run stopped.
  std::optional<std::size_t> take() {
    std::unique_lock lock(mutex_);
    space_.wait(lock,
                [&] { return stopped_ || next_ >= count_ || next_ < written_ + slots_.size(); });
    if (stopped_ || next_ >= count_) return std::nullopt;
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

  // Waits for the next result in order and frees its slot.
  ItemResult next_in_order() {
    std::unique_lock lock(mutex_);
    Slot& slot = slots_[written_ % slots_.size()];
    ready_.wait(lock, [&] { return slot.ready; });
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
  struct Slot {
    bool ready = false;
    ItemResult result;
    std::exception_ptr error;
  };

  std::mutex mutex_;
  std::condition_variable space_, ready_;
  std::size_t count_;
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

void run_in_order(std::size_t count, unsigned threads, std::size_t window,
                  const std::function<ItemResult(std::size_t)>& work,
                  const std::function<void(std::size_t, ItemResult&&)>& emit) {
  if (threads <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) emit(i, work(i));
    return;
  }

  ResultRing ring(count, std::max<std::size_t>(window, threads));
  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < std::min<std::size_t>(threads, count); ++t) {
    workers.emplace_back([&] { run_worker(ring, work); });
  }
  try {
    for (std::size_t i = 0; i < count; ++i) emit(i, ring.next_in_order());
  } catch (...) {
    // Workers finish the item in hand and take no more; jthread joins them on the way out.
    ring.stop();
    throw;
  }
}

}  // namespace respgrade
