#include "common/text_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "common/error.h"

namespace respgrade {

namespace {

// Returns the length of the UTF-8 sequence starting at `at`, or 0 if it is invalid
// (overlong forms, surrogates and code points past U+10FFFF included).
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

std::string at_line(const std::string& path, int line, std::size_t column) {
  return path + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace

void check_text(const std::string& path, std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    throw InputError(path,
                     "file is " + std::to_string(text.size()) + " bytes, over the limit of " +
                         std::to_string(max_bytes) + " bytes",
                     "Raise the limit with --max-file-size if this file is really an answer");
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw InputError(path, "file is empty", "Give a markdown answer with at least one code block");
  }

  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\0') {
      throw InputError(at_line(path, line, i - line_start + 1),
                       "file is binary (it contains a NUL byte)", "Give a markdown text file");
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      throw InputError(at_line(path, line, i - line_start + 1), "invalid UTF-8",
                       "Convert the file to UTF-8, for example with iconv");
    }
    if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
    }
    i += length;
  }
}

TextFile read_text_file(const std::string& path, std::size_t max_bytes) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    const int error = errno;
    const std::string problem = error == ENOENT ? "file not found" : std::strerror(error);
    throw InputError(path, problem, "Check the path");
  }
  if (S_ISDIR(status.st_mode)) {
    throw InputError(path, "is a directory, not a markdown file", "Name a .md file inside it");
  }
  if (!S_ISREG(status.st_mode)) {
    throw InputError(path, "is not a regular file", "Name a markdown file");
  }
  if (static_cast<std::size_t>(status.st_size) > max_bytes) {
    throw InputError(path,
                     "file is " + std::to_string(status.st_size) + " bytes, over the limit of " +
                         std::to_string(max_bytes) + " bytes",
                     "Raise the limit with --max-file-size if this file is really an answer");
  }

  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw InputError(path, "cannot be opened for reading", "Check its permissions");
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
