#include "curation/flaw_names.h"

#include <cctype>
#include <string>
#include <vector>

namespace respgrade {

namespace {

// Lower-cased words of a text; any character that is not a letter or a digit separates words.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool word_matches(const std::string& title_word, std::string_view name_word) {
  if (name_word.ends_with("*")) {
    return title_word.starts_with(name_word.substr(0, name_word.size() - 1));
  }
  return title_word == name_word || title_word == std::string(name_word) + "s";
}

// One word of a name, and whether it must follow the previous word directly.
struct NameWord {
  std::string text;
  bool adjacent = false;
};

// Splits a name into lower-cased words at spaces and at `+`, which joins two words that must
// be adjacent. A trailing `*` stays on its word.
std::vector<NameWord> name_words(std::string_view name) {
  std::vector<NameWord> words;
  NameWord word;
  bool next_adjacent = false;
  const auto finish = [&] {
    if (word.text.empty()) return;
    words.push_back(std::move(word));
    word = NameWord{};
  };
  for (char c : name) {
    if (c == ' ' || c == '+') {
      finish();
      next_adjacent = c == '+';
      continue;
    }
    if (word.text.empty()) word.adjacent = next_adjacent;
    word.text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  finish();
  return words;
}

}  // namespace

bool title_mentions(std::string_view title, std::string_view name) {
  // Phrase words must appear in order, with at most this many other words between two.
  constexpr std::size_t kMaxGap = 2;
  const std::vector<std::string> title_words = words_of(title);
  const std::vector<NameWord> wanted = name_words(name);
  if (wanted.empty()) return false;
  for (std::size_t start = 0; start < title_words.size(); ++start) {
    if (!word_matches(title_words[start], wanted.front().text)) continue;
    std::size_t at = start;
    std::size_t matched = 1;
    while (matched < wanted.size()) {
      const std::size_t gap = wanted[matched].adjacent ? 0 : kMaxGap;
      std::size_t next = at + 1;
      while (next < title_words.size() && next - at - 1 <= gap &&
             !word_matches(title_words[next], wanted[matched].text)) {
        ++next;
      }
      if (next >= title_words.size() || next - at - 1 > gap) break;
      at = next;
      ++matched;
    }
    if (matched == wanted.size()) return true;
  }
  return false;
}

std::size_t name_weight(std::string_view name) {
  std::size_t weight = 0;
  for (const NameWord& word : name_words(name)) weight += word.text.size();
  return weight;
}

}  // namespace respgrade
