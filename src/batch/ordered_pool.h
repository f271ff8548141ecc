#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace respgrade {

// What grading one item gives the writer: its output line and what the summary needs.
struct ItemResult {
  std::string line;  // one JSON object, without the line end
  bool failed = false;
  bool has_score = false;
  double score = 0;
  std::string verdicts;  // one Verdict per catalog rule, as chars; empty for a failed item
};

// Runs `work(i)` for i in [0, count) on `threads` threads and hands each result to `emit` in
// index order, as soon as it and all before it are done. At most `window` results wait at a
// time, so memory stays bounded however many items there are. `emit` runs on the calling
// thread. With one thread, everything runs on the calling thread. An exception thrown by
// `work` is rethrown by this function when its result's turn comes, after the threads stop.
//
// Once `stop_requested` returns true (it is polled, and must stay true), no further item is
// started: the ones already started are finished and emitted in order, and the function
// returns how many items were emitted, a prefix of [0, count).
std::size_t run_in_order(
    std::size_t count, unsigned threads, std::size_t window,
    const std::function<ItemResult(std::size_t)>& work,
    const std::function<void(std::size_t, ItemResult&&)>& emit,
    const std::function<bool()>& stop_requested = [] { return false; });

}  // namespace respgrade
