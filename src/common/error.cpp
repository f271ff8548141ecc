#include "common/error.h"

#include <cstdio>

namespace respgrade {

namespace {

// Writes control characters other than tab as escapes (a newline as \n), so that a message
// quoting the user's text, such as a JSON key with a newline in it, stays on one line.
std::string on_one_line(const std::string& text) {
  std::string line;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      line += "\\n";
    } else if (c == '\r') {
      line += "\\r";
    } else if ((byte < 0x20 && c != '\t') || byte == 0x7F) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02X", byte);
      line += escape;
    } else {
      line += c;
    }
  }
  return line;
}

std::string join_message(const std::string& where, const std::string& problem,
                         const std::string& hint) {
  std::string text = where.empty() ? problem : where + ": " + problem;
  if (!hint.empty()) text += ". " + hint;
  return on_one_line(text);
}

}  // namespace

InputError::InputError(std::string where, const std::string& problem, std::string hint)
    : std::runtime_error(join_message(where, problem, hint)),
      where_(std::move(where)),
      problem_(problem),
      hint_(std::move(hint)) {}

std::string format_error(const InputError& error) {
  return std::string("respgrade: ") + error.what();
}

}  // namespace respgrade
