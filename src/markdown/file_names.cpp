#include "markdown/file_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace respgrade {

namespace {

constexpr std::array<std::string_view, 17> kKnownExtensions = {
    "py", "pyi", "yaml", "yml", "json", "txt", "toml", "cfg", "ini",
    "sh", "md",  "ts",   "js",  "tf",   "env", "lock", "conf"};

bool is_path_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' ||
         c == '-';
}

bool looks_like_path(std::string_view token) {
  while (!token.empty() && (token.back() == '.' || token.back() == '/')) token.remove_suffix(1);
  const auto dot = token.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || token[dot - 1] == '/') return false;
  const std::string_view extension = token.substr(dot + 1);
  return std::find(kKnownExtensions.begin(), kKnownExtensions.end(), extension) !=
         kKnownExtensions.end();
}

std::string_view trim_path(std::string_view token) {
  while (!token.empty() && (token.back() == '.' || token.back() == '/')) token.remove_suffix(1);
  if (token.starts_with("./")) token.remove_prefix(2);
  return token;
}

std::string first_path_in(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_path_char(text[i])) ++i;
    std::size_t end = i;
    while (end < text.size() && is_path_char(text[end])) ++end;
    const std::string_view token = text.substr(i, end - i);
    if (looks_like_path(token)) return std::string(trim_path(token));
    i = end;
  }
  return {};
}

}  // namespace

std::string find_file_name(std::string_view prose) {
  // Long paragraphs talk about files rather than introduce one.
  constexpr std::size_t kMaxIntroductionLength = 120;
  if (prose.size() > kMaxIntroductionLength) return {};
  return first_path_in(prose);
}

std::string file_name_from_info(std::string_view info) {
  const auto space = info.find_first_of(" \t{:");
  if (space == std::string_view::npos) return {};
  return first_path_in(info.substr(space));
}

std::string file_name_from_first_line(std::string_view code) {
  const std::string_view line = code.substr(0, code.find('\n'));
  const auto start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos || line[start] != '#') return {};
  std::string_view rest = line.substr(start + 1);
  // A comment that is a sentence mentions a file; one naming the file is short.
  if (std::count(rest.begin(), rest.end(), ' ') > 3) return {};
  return first_path_in(rest);
}

bool is_test_file(std::string_view path) {
  if (path.empty()) return false;
  const auto slash = path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const bool python = base.ends_with(".py");
  if (python &&
      (base.starts_with("test_") || base.ends_with("_test.py") || base == "conftest.py")) {
    return true;
  }
  for (std::string_view folder : {"tests/", "test/"}) {
    if (path.starts_with(folder) ||
        path.find(std::string("/") + std::string(folder)) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace respgrade
