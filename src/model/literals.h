#pragma once

#include <tree_sitter/api.h>

#include <optional>
#include <string>
#include <string_view>

namespace respgrade {

class BlockIndex;

// The content of a Python string literal with its escapes decoded. An f-string's
// interpolations are kept as written (`{arn}`) and make the result partial.
struct StringLiteral {
  std::string text;
  bool partial = false;
};
StringLiteral decode_string(TSNode string, const BlockIndex& block);

// The value of an integer or float literal (`1_000`, `0x1F`, `2.5e3`), or nothing.
std::optional<double> parse_number(std::string_view literal);

}  // namespace respgrade
