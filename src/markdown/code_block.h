#pragma once

#include <string>
#include <vector>

namespace respgrade {

// How a block's info string speaks of its language.
enum class LanguageTag {
  python,    // python, py, python3 or py3, in any case
  untagged,  // no info string: Python only if it reads as Python
  other,     // bash, yaml, json and the like: never Python
};

// One code block of a markdown response, with the markdown line of every code line.
struct CodeBlock {
  int index = 0;         // 0-based position among the response's code blocks
  std::string info;      // the whole info string, as written
  std::string language;  // its first word, lower-cased; empty when untagged
  LanguageTag tag = LanguageTag::untagged;
  std::string file_name;   // the file the response says the block belongs to, or empty
  std::string text;        // the code, with "\n" line ends whatever the file used
  std::vector<int> lines;  // lines[i] is the 1-based markdown line of code line i
  bool fenced = true;      // false for an indented code block
  bool closed = true;      // false for a fence that runs to the end of the file

  int first_line() const { return lines.empty() ? 0 : lines.front(); }
  int last_line() const { return lines.empty() ? 0 : lines.back(); }
};

}  // namespace respgrade
