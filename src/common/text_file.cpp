#include "common/text_file.h"

#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "common/error.h"

namespace respgrade {

namespace {

// Names byte `offset` of `text` as "path:line:column", with a 1-based line (a line ends at
// LF, CRLF or a lone CR) and a 1-based column counted in bytes.
std::string at_position(const std::string& path, std::string_view text, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    const bool crlf = text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if (text[i] == '\n' || (text[i] == '\r' && !crlf)) {
      ++line;
      line_start = i + 1;
    }
  }
  return path + ":" + std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

// Describes a failed stat() or open() from its errno value.
InputError unreadable(const std::string& path, int error) {
  if (error == ENOENT) return InputError(path, "file not found", "Check the path");
  if (error == EACCES) {
    return InputError(path, "permission denied", "Make the file readable, or run as its owner");
  }
  std::string reason = std::strerror(error);
  // strerror() capitalizes its text, but here it continues a sentence.
  if (!reason.empty()) {
    reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  }
  return InputError(path, "cannot be read (" + reason + ")", "Check the path");
}

InputError too_large(const std::string& path, std::uintmax_t size, std::size_t max_bytes) {
  return InputError(path,
                    "file is " + std::to_string(size) + " bytes, over the limit of " +
                        std::to_string(max_bytes) + " bytes",
                    "Raise the limit with --max-file-size if this file is really an answer");
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;

  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  }
  return length;
}

void check_text(const std::string& path, std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) throw too_large(path, text.size(), max_bytes);
  if (text.empty()) {
    throw InputError(path, "file is empty", "Give a markdown answer with at least one code block");
  }

  // A NUL byte marks a binary file even when invalid UTF-8 comes first, as in a PNG header.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    throw InputError(at_position(path, text, nul), "file is binary (it contains a NUL byte)",
                     "Give a markdown text file");
  }
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[i]));
      throw InputError(at_position(path, text, i), std::string("invalid UTF-8 (byte ") + byte + ")",
                       "Convert the file to UTF-8, for example with iconv");
    }
    i += length;
  }

  std::string_view content = text;
  if (content.starts_with(kByteOrderMark)) content.remove_prefix(kByteOrderMark.size());
  if (content.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw InputError(path, "file contains only whitespace",
                     "Give a markdown answer with at least one code block");
  }
}

TextFile read_text_file(const std::string& path, std::size_t max_bytes) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) throw unreadable(path, errno);
  if (S_ISDIR(status.st_mode)) {
    throw InputError(path, "is a directory, not a markdown file", "Name a .md file inside it");
  }
  if (!S_ISREG(status.st_mode)) {
    throw InputError(path, "is not a regular file", "Name a markdown file");
  }
  if (static_cast<std::uintmax_t>(status.st_size) > max_bytes) {
    throw too_large(path, static_cast<std::uintmax_t>(status.st_size), max_bytes);
  }

  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw unreadable(path, errno);
  TextFile file{path, {}};
  file.text.resize(static_cast<std::size_t>(status.st_size));
  stream.read(file.text.data(), static_cast<std::streamsize>(file.text.size()));
  if (stream.gcount() != static_cast<std::streamsize>(file.text.size())) {
    throw InputError(path, "read failed before the end of the file", "Check the file system");
  }
  check_text(path, file.text, max_bytes);
  return file;
}

}  // namespace respgrade
