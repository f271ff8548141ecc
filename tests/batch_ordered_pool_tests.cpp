// Checks that the ordered thread pool keeps index order, bounds its window and passes on errors.

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "batch/ordered_pool.h"

namespace {

// Work whose duration varies so that later items often finish before earlier ones.
respgrade::ItemResult slow_work(std::size_t index) {
  std::this_thread::sleep_for(std::chrono::microseconds((index * 7919) % 5 * 400));
  respgrade::ItemResult result;
  result.line = std::to_string(index);
  return result;
}

}  // namespace

TEST_CASE("ordered pool emits in index order", "[batch][pool]") {
  for (unsigned threads : {1u, 2u, 4u}) {
    INFO(threads << " threads");
    std::vector<std::string> emitted;
    respgrade::run_in_order(60, threads, 3, slow_work,
                            [&](std::size_t index, respgrade::ItemResult&& result) {
                              CHECK(result.line == std::to_string(index));
                              emitted.push_back(std::move(result.line));
                            });
    REQUIRE(emitted.size() == 60);
    for (std::size_t i = 0; i < emitted.size(); ++i) CHECK(emitted[i] == std::to_string(i));
  }
}

TEST_CASE("ordered pool bounds waiting results", "[batch][pool]") {
  // Item 0 is slow. A worker may take item i only once item i - 4 has left the window of 4,
  // which happens right before that item's emit call, so no item can start more than 4 past
  // the number of emit calls begun. Without the window, items up to 19 would start at once.
  std::mutex mutex;
  std::size_t emits_begun = 0;
  std::size_t furthest_ahead = 0;
  std::size_t highest_started = 0;
  respgrade::run_in_order(
      20, 4, 4,
      [&](std::size_t index) {
        {
          const std::lock_guard lock(mutex);
          if (index > emits_begun) furthest_ahead = std::max(furthest_ahead, index - emits_begun);
          highest_started = std::max(highest_started, index);
        }
        if (index == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return respgrade::ItemResult{};
      },
      [&](std::size_t, respgrade::ItemResult&&) {
        const std::lock_guard lock(mutex);
        ++emits_begun;
      });
  CHECK(furthest_ahead <= 4);
  CHECK(highest_started == 19);
}

TEST_CASE("ordered pool rethrows a work error", "[batch][pool]") {
  std::vector<std::size_t> emitted;
  CHECK_THROWS_WITH(
      respgrade::run_in_order(
          10, 3, 4,
          [](std::size_t index) -> respgrade::ItemResult {
            if (index == 5) throw std::runtime_error("item 5 failed");
            return {};
          },
          [&](std::size_t index, respgrade::ItemResult&&) { emitted.push_back(index); }),
      "item 5 failed");
  CHECK(emitted == std::vector<std::size_t>{0, 1, 2, 3, 4});
}

TEST_CASE("ordered pool stops between items when asked", "[batch][pool]") {
  for (unsigned threads : {1u, 2u, 4u}) {
    INFO(threads << " threads");
    std::atomic<bool> stop{false};
    std::vector<std::size_t> emitted;
    const std::size_t count = respgrade::run_in_order(
        200, threads, 8, slow_work,
        [&](std::size_t index, respgrade::ItemResult&& result) {
          CHECK(result.line == std::to_string(index));
          emitted.push_back(index);
          if (index == 9) stop = true;
        },
        [&] { return stop.load(); });
    // Items started before the request are still written, in order; no item after them is.
    CHECK(count == emitted.size());
    CHECK(count >= 10);
    CHECK(count <= 10 + 8);
    for (std::size_t i = 0; i < emitted.size(); ++i) CHECK(emitted[i] == i);
  }
}

TEST_CASE("ordered pool started after a stop request does nothing", "[batch][pool]") {
  for (unsigned threads : {1u, 3u}) {
    std::atomic<std::size_t> calls{0};
    const std::size_t count = respgrade::run_in_order(
        5, threads, 4,
        [&](std::size_t) {
          ++calls;
          return respgrade::ItemResult{};
        },
        [](std::size_t, respgrade::ItemResult&&) {}, [] { return true; });
    CHECK(count == 0);
    CHECK(calls == 0);
  }
}
