#pragma once

#include <compare>

namespace respgrade {

// First and last line, 1-based and inclusive, of a stretch of a markdown file.
struct Span {
  int first = 0;
  int last = 0;

  bool empty() const { return first == 0; }
  bool overlaps(const Span& other) const {
    return !empty() && !other.empty() && first <= other.last && other.first <= last;
  }
  auto operator<=>(const Span&) const = default;
};

}  // namespace respgrade
