#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace respgrade {

// Default cap on the size of one input file. The largest real answer seen is about 110 KB,
// so 16 MiB leaves a wide margin while keeping a batch's memory bounded.
inline constexpr std::size_t kDefaultMaxFileBytes = 16u << 20;

// The UTF-8 byte-order mark, which some editors write at the start of a file.
inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// A text file read whole and checked: a regular, non-empty file within the size limit,
// valid UTF-8 without NUL bytes.
struct TextFile {
  std::string path;
  std::string text;
};

// Reads and checks `path`. Throws InputError naming the file (and the line and byte column, for
// bad bytes) when it is missing, unreadable, a directory, too large, empty or only whitespace,
// binary or not UTF-8. A file over `max_bytes` is rejected before it is read.
TextFile read_text_file(const std::string& path, std::size_t max_bytes = kDefaultMaxFileBytes);

// Returns the length of the UTF-8 sequence starting at `at`, or 0 if it is invalid (overlong
// forms, surrogates, code points past U+10FFFF and cut sequences included).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

// Checks bytes already in memory the same way; `path` only names them in errors.
void check_text(const std::string& path, std::string_view text, std::size_t max_bytes);

}  // namespace respgrade
