#include "report/markup_escape.h"

#include "common/text_file.h"
#include "report/json_text.h"

namespace respgrade {

namespace {

// XML 1.0 allows tab, line feed and carriage return below U+0020, and nothing else.
bool forbidden_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

}  // namespace

std::string escape_markup(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    // Input files are checked UTF-8, but a path on Linux may hold any bytes. XML and HTML
    // readers reject those, so they become U+FFFD, as in the JSON output.
    if (static_cast<unsigned char>(c) >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, at);
      if (length == 0) {
        escaped += "\xEF\xBF\xBD";
      } else {
        escaped.append(text, at, length);
        at += length - 1;
      }
      continue;
    }
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        if (forbidden_control(c)) {
          escaped += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        } else {
          escaped += c;
        }
    }
  }
  return escaped;
}

std::string json_for_script(const nlohmann::ordered_json& value) {
  // Outside strings, JSON text never contains these three characters, so replacing every
  // occurrence only changes string contents, into escapes that decode to the same text.
  const std::string text = json_text(value);
  std::string safe;
  safe.reserve(text.size());
  for (const char c : text) {
    if (c == '<') {
      safe += "\\u003c";
    } else if (c == '>') {
      safe += "\\u003e";
    } else if (c == '&') {
      safe += "\\u0026";
    } else {
      safe += c;
    }
  }
  return safe;
}

}  // namespace respgrade
