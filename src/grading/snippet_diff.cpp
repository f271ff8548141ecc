#include "grading/snippet_diff.h"

#include <algorithm>
#include <dtl/dtl.hpp>
#include <sstream>

namespace respgrade {

namespace {

// Joins the snippets of one side and removes the indentation they all share.
std::vector<std::string> dedented(const std::vector<EvidenceCode>& snippets) {
  std::vector<std::string> lines;
  for (const EvidenceCode& snippet : snippets)
    lines.insert(lines.end(), snippet.lines.begin(), snippet.lines.end());
  std::size_t common = std::string::npos;
  for (const std::string& line : lines) {
    const auto indent = line.find_first_not_of(" \t");
    if (indent != std::string::npos) common = std::min(common, indent);
  }
  if (common == std::string::npos || common == 0) return lines;
  for (std::string& line : lines) line.erase(0, std::min(common, line.size()));
  return lines;
}

int first_line(const std::vector<EvidenceCode>& snippets) {
  return snippets.empty() ? 0 : snippets.front().span.first;
}

}  // namespace

std::string diff_evidence(const std::string& response_path, const std::vector<EvidenceCode>& from,
                          const std::string& ideal_path, const std::vector<EvidenceCode>& to) {
  const std::vector<std::string> old_lines = dedented(from);
  const std::vector<std::string> new_lines = dedented(to);
  if (old_lines.empty() && new_lines.empty()) return {};

  dtl::Diff<std::string, std::vector<std::string>> diff(old_lines, new_lines);
  diff.compose();

  // One hunk with the whole of both snippets: they are short, and the context is the point.
  std::ostringstream out;
  out << "--- " << response_path << '\n' << "+++ " << ideal_path << '\n';
  out << "@@ -" << first_line(from) << ',' << old_lines.size() << " +" << first_line(to) << ','
      << new_lines.size() << " @@\n";
  // Within each run of changes, print the removed lines before the added ones, as diff does.
  std::vector<std::string> removed, added;
  const auto flush = [&] {
    for (const std::string& line : removed) out << '-' << line << '\n';
    for (const std::string& line : added) out << '+' << line << '\n';
    removed.clear();
    added.clear();
  };
  for (const auto& [line, info] : diff.getSes().getSequence()) {
    if (info.type == dtl::SES_ADD) {
      added.push_back(line);
    } else if (info.type == dtl::SES_DELETE) {
      removed.push_back(line);
    } else {
      flush();
      out << ' ' << line << '\n';
    }
  }
  flush();
  return out.str();
}

}  // namespace respgrade
