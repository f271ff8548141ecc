#include "batch/progress.h"

#include <cstdio>
#include <ostream>

namespace respgrade {

namespace {

std::string clock_text(double seconds) {
  const auto total = static_cast<long long>(seconds + 0.5);
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  }
  return text;
}

}  // namespace

std::string progress_line(std::size_t done, std::size_t total, double elapsed_seconds) {
  constexpr std::size_t kWidth = 20;
  const std::size_t filled = total == 0 ? kWidth : done * kWidth / total;
  std::string line = "[" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "]  " +
                     std::to_string(done) + "/" + std::to_string(total);
  if (done == 0 || elapsed_seconds <= 0) return line;
  const double rate = static_cast<double>(done) / elapsed_seconds;
  char text[64];
  std::snprintf(text, sizeof text, "  %.1f/s  ", rate);
  line += text;
  line += clock_text(static_cast<double>(total - done) / rate) + " left";
  return line;
}

ProgressBar::ProgressBar(std::ostream& terminal, std::size_t total)
    : terminal_(terminal), total_(total), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(std::size_t done) {
  const auto now = std::chrono::steady_clock::now();
  if (done < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  // "\r" returns to the line start and "\033[K" clears what a longer line left behind.
  terminal_ << '\r' << progress_line(done, total_, elapsed) << "\033[K" << std::flush;
}

void ProgressBar::finish() { terminal_ << "\r\033[K" << std::flush; }

}  // namespace respgrade
