#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>

namespace respgrade {

// The progress line of a batch: a bar, done of total, rate and estimated time left, such as
// "[#######.............]  120/378  85.3/s  0:03 left". `elapsed_seconds` is wall time.
std::string progress_line(std::size_t done, std::size_t total, double elapsed_seconds);

// Redraws the progress line on a terminal at most ten times a second, and clears it at the end.
class ProgressBar {
 public:
  ProgressBar(std::ostream& terminal, std::size_t total);
  void update(std::size_t done);
  void finish();

 private:
  std::ostream& terminal_;
  std::size_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace respgrade
