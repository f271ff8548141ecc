#include "report/html_side_by_side.h"

#include <string_view>

namespace respgrade {

namespace {

std::vector<SideLine> flatten(const std::vector<EvidenceCode>& evidence) {
  std::vector<SideLine> lines;
  for (const EvidenceCode& code : evidence) {
    int line = code.span.first;
    for (const std::string& text : code.lines) lines.push_back({line++, text, false});
  }
  return lines;
}

// The body lines of a one-hunk unified diff, without the `---`, `+++` and `@@` header lines.
std::vector<std::string_view> diff_body(std::string_view diff) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < diff.size()) {
    const std::size_t end = std::min(diff.find('\n', start), diff.size());
    lines.push_back(diff.substr(start, end - start));
    start = end + 1;
  }
  std::size_t header = 0;
  for (const char* prefix : {"--- ", "+++ ", "@@ "}) {
    if (header < lines.size() && lines[header].starts_with(prefix)) ++header;
  }
  lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(header));
  return lines;
}

// Walks the diff, taking lines from each side in order. Returns false when the diff needs more
// lines than a side has, or leaves some unused.
bool align(const std::vector<std::string_view>& body, const std::vector<SideLine>& left,
           const std::vector<SideLine>& right, std::vector<SideBySideRow>& rows) {
  std::size_t i = 0, j = 0;
  std::vector<SideLine> removed, added;
  const auto flush = [&] {
    for (std::size_t k = 0; k < std::max(removed.size(), added.size()); ++k) {
      SideBySideRow row;
      if (k < removed.size()) row.response = removed[k];
      if (k < added.size()) row.ideal = added[k];
      rows.push_back(std::move(row));
    }
    removed.clear();
    added.clear();
  };
  for (const std::string_view line : body) {
    const char kind = line.empty() ? ' ' : line.front();
    if (kind != ' ' && kind != '-' && kind != '+') return false;
    if ((kind != '+' && i >= left.size()) || (kind != '-' && j >= right.size())) return false;
    if (kind == '-') {
      removed.push_back(left[i++]);
      removed.back().changed = true;
    } else if (kind == '+') {
      added.push_back(right[j++]);
      added.back().changed = true;
    } else {
      flush();
      rows.push_back({left[i++], right[j++]});
    }
  }
  flush();
  return i == left.size() && j == right.size();
}

}  // namespace

std::vector<SideBySideRow> side_by_side_rows(const PatternGrade& pattern) {
  const std::vector<SideLine> left = flatten(pattern.response_evidence);
  const std::vector<SideLine> right = flatten(pattern.ideal_evidence);
  std::vector<SideBySideRow> rows;
  if (!pattern.diff.empty() && align(diff_body(pattern.diff), left, right, rows)) return rows;

  rows.clear();
  for (std::size_t k = 0; k < std::max(left.size(), right.size()); ++k) {
    SideBySideRow row;
    if (k < left.size()) row.response = left[k];
    if (k < right.size()) row.ideal = right[k];
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace respgrade
