#include "model/literals.h"

#include <cctype>
#include <cstdlib>

#include "model/block_index.h"
#include "python/syntax.h"

namespace respgrade {

namespace {

void append_utf8(std::string& out, unsigned long code_point) {
  // A surrogate or a value past U+10FFFF has no UTF-8 form; writing it anyway would make the
  // JSON printers throw, so it becomes U+FFFD, the replacement character.
  if ((code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF) {
    code_point = 0xFFFD;
  }
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// Decodes one escape sequence such as `\n`, `\"` or `\u00e9`.
void append_escape(std::string& out, std::string_view escape) {
  if (escape.size() < 2) {
    out += escape;
    return;
  }
  switch (escape[1]) {
    case 'n':
      out += '\n';
      return;
    case 't':
      out += '\t';
      return;
    case 'r':
      out += '\r';
      return;
    case '\\':
      out += '\\';
      return;
    case '\'':
      out += '\'';
      return;
    case '"':
      out += '"';
      return;
    case '\n':
      return;  // a backslash at the end of a line continues the string
    case 'x':
    case 'u':
    case 'U': {
      const std::string digits(escape.substr(2));
      append_utf8(out, std::strtoul(digits.c_str(), nullptr, 16));
      return;
    }
    default:
      out += escape;
  }
}

}  // namespace

StringLiteral decode_string(TSNode string, const BlockIndex& block) {
  StringLiteral literal;
  bool raw = false;
  const uint32_t count = ts_node_child_count(string);
  for (uint32_t i = 0; i < count; ++i) {
    const TSNode part = ts_node_child(string, i);
    const std::string_view kind = syntax::type(part);
    if (kind == "string_start") {
      for (char c : block.text(part)) {
        raw = raw || c == 'r' || c == 'R';
      }
    } else if (kind == "interpolation") {
      literal.text += block.text(part);
      literal.partial = true;
    } else if (kind == "string_content") {
      // Escapes are child nodes of the content; copy the text between them as it is.
      uint32_t at = ts_node_start_byte(part);
      const uint32_t escapes = ts_node_child_count(part);
      for (uint32_t j = 0; j <= escapes; ++j) {
        const TSNode escape = j < escapes ? ts_node_child(part, j) : TSNode{};
        const uint32_t until = j < escapes ? ts_node_start_byte(escape) : ts_node_end_byte(part);
        literal.text += block.tree().source().substr(at, until - at);
        if (j == escapes) break;
        const std::string_view escape_text = block.text(escape);
        if (syntax::is(escape, "escape_interpolation")) {
          literal.text += escape_text.substr(0, 1);  // `{{` in an f-string is one brace
        } else if (raw) {
          literal.text += escape_text;
        } else {
          append_escape(literal.text, escape_text);
        }
        at = ts_node_end_byte(escape);
      }
    }
  }
  return literal;
}

std::optional<double> parse_number(std::string_view literal) {
  std::string digits;
  for (char c : literal) {
    if (c != '_') digits += c;
  }
  if (digits.empty()) return std::nullopt;
  const char last = static_cast<char>(std::tolower(static_cast<unsigned char>(digits.back())));
  if (last == 'j' || last == 'l') return std::nullopt;  // complex or Python 2 long
  char* end = nullptr;
  double value = 0;
  if (digits.size() > 2 && digits[0] == '0' &&
      std::isalpha(static_cast<unsigned char>(digits[1]))) {
    const char base = static_cast<char>(std::tolower(static_cast<unsigned char>(digits[1])));
    const int radix = base == 'x' ? 16 : base == 'o' ? 8 : base == 'b' ? 2 : 0;
    if (radix == 0) return std::nullopt;
    value = static_cast<double>(std::strtoull(digits.c_str() + 2, &end, radix));
  } else {
    value = std::strtod(digits.c_str(), &end);
  }
  if (end == nullptr || *end != '\0') return std::nullopt;
  return value;
}

}  // namespace respgrade
