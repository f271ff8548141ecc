#include "report/blocks_report.h"

#include <algorithm>
#include <ostream>

namespace respgrade {

namespace {

const PythonBlock* python_block_of(const Response& response, const CodeBlock& block) {
  for (const PythonBlock& python : response.python_blocks) {
    if (python.block_index == block.index) return &python;
  }
  return nullptr;
}

// Formats a count with its noun, plural unless the count is one: "1 code block", "2 code blocks".
std::string count_of(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// A markdown line number as JSON, or null for the 0 that stands for no line (an empty block).
nlohmann::ordered_json line_or_null(int line) {
  return line == 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(line);
}

std::string line_range(const CodeBlock& block) {
  if (block.lines.empty()) return "empty";
  if (block.lines.size() == 1) return "line " + std::to_string(block.first_line());
  return "lines " + std::to_string(block.first_line()) + "-" + std::to_string(block.last_line());
}

}  // namespace

nlohmann::ordered_json blocks_to_json(const Response& response) {
  nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
  for (const CodeBlock& block : response.blocks) {
    const PythonBlock* python = python_block_of(response, block);
    nlohmann::ordered_json entry = {
        {"index", block.index},
        {"language", block.language},
        {"info", block.info},
        {"file_name", block.file_name.empty() ? nlohmann::ordered_json()
                                              : nlohmann::ordered_json(block.file_name)},
        {"first_line", line_or_null(block.first_line())},
        {"last_line", line_or_null(block.last_line())},
        {"fenced", block.fenced},
        {"closed", block.closed},
        {"python", python != nullptr},
        {"python_reason",
         python != nullptr ? nlohmann::ordered_json(python->reason) : nlohmann::ordered_json()},
        {"test_code", python != nullptr && python->test_code},
        {"syntax_error_lines", python != nullptr ? python->error_lines : std::vector<int>{}},
        {"text", block.text},
    };
    blocks.push_back(std::move(entry));
  }
  const auto python_count = response.python_blocks.size();
  const auto error_count =
      std::count_if(response.python_blocks.begin(), response.python_blocks.end(),
                    [](const PythonBlock& python) { return !python.error_lines.empty(); });
  return {{"file", response.path},
          {"block_count", response.blocks.size()},
          {"python_block_count", python_count},
          {"blocks_with_syntax_errors", error_count},
          {"blocks", std::move(blocks)}};
}

void print_blocks_text(const Response& response, std::ostream& out) {
  out << response.path << ": " << count_of(response.blocks.size(), "code block") << ", "
      << response.python_blocks.size() << " Python\n";
  for (const CodeBlock& block : response.blocks) {
    const PythonBlock* python = python_block_of(response, block);
    out << "  block " << block.index + 1 << "  "
        << (block.language.empty() ? "(untagged)" : block.language) << "  "
        << (block.file_name.empty() ? "(no file name)" : block.file_name) << "  "
        << line_range(block);
    if (!block.closed) out << " (fence not closed)";
    if (python == nullptr) {
      out << "  not Python\n";
      continue;
    }
    out << "  Python (" << python->reason << (python->test_code ? ", test code" : "") << ")";
    if (python->error_lines.empty()) {
      out << "  no syntax errors\n";
      continue;
    }
    out << (python->error_lines.size() == 1 ? "  syntax error on line"
                                            : "  syntax errors on lines");
    for (int line : python->error_lines) out << ' ' << line;
    out << '\n';
  }
}

}  // namespace respgrade
