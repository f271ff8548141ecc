#include "curation/snippet_locator.h"

#include <algorithm>
#include <string>
#include <vector>

namespace respgrade {

namespace {

struct CodeLine {
  std::string_view text;
  int line = 0;
};

std::string_view trimmed(std::string_view text) {
  const auto start = text.find_first_not_of(" \t\r");
  if (start == std::string_view::npos) return {};
  return text.substr(start, text.find_last_not_of(" \t\r") - start + 1);
}

// Splits code into trimmed non-blank lines; `lines` gives markdown line numbers when known.
std::vector<CodeLine> code_lines(std::string_view code, const std::vector<int>* lines) {
  std::vector<CodeLine> result;
  std::size_t start = 0;
  for (std::size_t row = 0; start < code.size(); ++row) {
    const auto end = std::min(code.find('\n', start), code.size());
    const std::string_view text = trimmed(code.substr(start, end - start));
    start = end + 1;
    if (text.empty()) continue;
    const int line = lines != nullptr && row < lines->size() ? (*lines)[row] : 0;
    result.push_back(CodeLine{text, line});
  }
  return result;
}

}  // namespace

std::optional<SnippetMatch> locate_snippet(std::string_view snippet, const Response& response) {
  std::vector<CodeLine> wanted;
  for (const CodeLine& line : code_lines(snippet, nullptr)) {
    if (!line.text.starts_with("#")) wanted.push_back(line);
  }
  if (wanted.empty()) return std::nullopt;

  std::vector<CodeLine> code;
  for (const PythonBlock& python : response.python_blocks) {
    const CodeBlock& block = response.block_of(python);
    for (const CodeLine& line : code_lines(block.text, &block.lines)) code.push_back(line);
  }

  // Try each place where a wanted line appears as an anchor, then match the rest in order
  // within a window a little longer than the snippet.
  std::optional<SnippetMatch> best;
  const std::size_t window = wanted.size() * 2 + 4;
  for (std::size_t anchor = 0; anchor < wanted.size(); ++anchor) {
    for (std::size_t start = 0; start < code.size(); ++start) {
      if (code[start].text != wanted[anchor].text) continue;
      SnippetMatch match{Span{code[start].line, code[start].line}, 1,
                         static_cast<int>(wanted.size())};
      std::size_t next = start + 1;
      for (std::size_t want = anchor + 1; want < wanted.size(); ++want) {
        for (std::size_t at = next; at < code.size() && at < start + window; ++at) {
          if (code[at].text != wanted[want].text) continue;
          ++match.matched;
          match.lines.last = code[at].line;
          next = at + 1;
          break;
        }
      }
      if (!best || match.matched > best->matched) best = match;
    }
    if (best && best->matched == best->total) break;
  }
  if (!best || best->matched * 2 < best->total) return std::nullopt;
  return best;
}

}  // namespace respgrade
