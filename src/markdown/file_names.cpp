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
         c == '-' || c == '*';
}

bool is_ascii_punctuation(char c) {
  return std::ispunct(static_cast<unsigned char>(c)) != 0 && static_cast<unsigned char>(c) < 0x80;
}

// Reads markdown source the way a person reads a path in it: a backslash before ASCII
// punctuation is a markdown escape and is dropped, and any other backslash is a Windows
// directory separator, as in "lib\infrastructure\net.py".
// NOTE: "lib\infrastructure\_\_init\_\_.py" still reads as "lib/infrastructure__init__.py",
// because nothing distinguishes the escape from the separator.
std::string unescape_source(std::string_view text) {
  std::string plain;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      plain += text[i];
    } else if (i + 1 < text.size() && is_ascii_punctuation(text[i + 1])) {
      plain += text[++i];
    } else {
      plain += '/';
    }
  }
  return plain;
}

// Turns "**NAME**" into "__NAME__" where it starts the token or follows a '/' and comes right
// before ".py": a renderer turned the dunder name into bold, as in "lib/**init**.py".
void restore_dunder_names(std::string& path) {
  for (std::size_t open = path.find("**"); open != std::string::npos;
       open = path.find("**", open + 2)) {
    if (open > 0 && path[open - 1] != '/') continue;
    const std::size_t close = path.find("**", open + 2);
    if (close == std::string::npos || close == open + 2) return;
    const std::string_view name(path.data() + open + 2, close - open - 2);
    const bool word = std::all_of(name.begin(), name.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    if (word && std::string_view(path).substr(close + 2).starts_with(".py")) {
      path.replace(open, 2, "__");
      path.replace(close, 2, "__");
    }
  }
}

// Removes markdown emphasis from a path token, as in "**tap.py**" or "**lib/config.py:**",
// after restoring dunder names.
std::string strip_emphasis(std::string_view token) {
  std::string path(token);
  restore_dunder_names(path);
  const auto first = path.find_first_not_of('*');
  if (first == std::string::npos) return {};
  path.erase(0, first);
  path.erase(path.find_last_not_of('*') + 1);
  return path;
}

bool looks_like_path(std::string_view token) {
  const auto dot = token.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || token[dot - 1] == '/') return false;
  const std::string_view extension = token.substr(dot + 1);
  return std::find(kKnownExtensions.begin(), kKnownExtensions.end(), extension) !=
         kKnownExtensions.end();
}

std::string trim_path(std::string path) {
  while (!path.empty() && (path.back() == '.' || path.back() == '/')) path.pop_back();
  if (path.starts_with("./")) path.erase(0, 2);
  return path;
}

// Lists the path-shaped words of `source` in order, with markdown escapes and emphasis removed.
std::vector<std::string> path_tokens(std::string_view source) {
  const std::string text = unescape_source(source);
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_path_char(text[i])) ++i;
    std::size_t end = i;
    while (end < text.size() && is_path_char(text[end])) ++end;
    if (end > i) {
      std::string token = trim_path(strip_emphasis(std::string_view(text).substr(i, end - i)));
      if (!token.empty()) tokens.push_back(std::move(token));
    }
    i = end;
  }
  return tokens;
}

std::string first_path_in(std::string_view text) {
  for (const std::string& token : path_tokens(text)) {
    if (looks_like_path(token)) return token;
  }
  return {};
}

// Reads the word after a "File:" label, which names a file whatever its extension, as in
// "## File: lib/AWS_REGION" or "### File: .gitignore".
std::string labelled_file_name(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto label = lower.find("file:");
  while (label != std::string::npos && label > 0 &&
         std::isalnum(static_cast<unsigned char>(lower[label - 1]))) {
    label = lower.find("file:", label + 1);  // "Profile:" is no label
  }
  if (label == std::string::npos) return {};
  const std::vector<std::string> tokens = path_tokens(text.substr(label + 5));
  return tokens.empty() ? std::string() : tokens.front();
}

// True for prose that is a sentence of several words ending in a full stop, such as "The
// region is read by tap_stack.py.": it mentions a file rather than introduces the next block.
bool is_sentence(std::string_view prose) {
  const auto end = prose.find_last_not_of(" \t");
  if (end == std::string_view::npos || prose[end] != '.') return false;
  return std::count(prose.begin(), prose.end(), ' ') >= 3;
}

}  // namespace

std::string find_file_name(std::string_view prose) {
  // Long paragraphs talk about files rather than introduce one.
  constexpr std::size_t kMaxIntroductionLength = 120;
  if (prose.size() > kMaxIntroductionLength) return {};
  if (std::string labelled = labelled_file_name(prose); !labelled.empty()) return labelled;
  if (is_sentence(prose)) return {};
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
