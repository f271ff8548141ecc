// Checks that the ordered thread pool keeps index order, bounds its window and passes on errors.

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
  // Item 0 is slow. With a window of 4, no worker may start item 4 or later before 0 is written.
  std::mutex mutex;
  std::size_t highest_started = 0;
  bool first_done = false;
  std::size_t started_before_first = 0;
  respgrade::run_in_order(
      20, 4, 4,
      [&](std::size_t index) {
        {
          const std::lock_guard lock(mutex);
          if (!first_done) started_before_first = std::max(started_before_first, index);
          highest_started = std::max(highest_started, index);
        }
        if (index == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return respgrade::ItemResult{};
      },
      [&](std::size_t index, respgrade::ItemResult&&) {
        const std::lock_guard lock(mutex);
        if (index == 0) first_done = true;
      });
  CHECK(started_before_first <= 3);
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
