#include "curation/failures_document.h"

#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <regex>

#include "curation/flaw_names.h"

namespace respgrade {

namespace {

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// The literal text of a node's inlines, with a newline for each line break.
std::string inline_text(cmark_node* node) {
  std::string text;
  cmark_iter* iter = cmark_iter_new(node);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* current = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(current);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_HTML_INLINE) {
      if (const char* literal = cmark_node_get_literal(current)) text += literal;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      text += '\n';
    }
  }
  cmark_iter_free(iter);
  return text;
}

// `1. Title`, `2) Title`, `#3: Title`, `Issue 4 - Title`, `Failure 5: Title`.
bool is_numbered(std::string_view title) {
  static const std::regex numbered(
      R"(^\s*(#\s*)?\d+\s*[.):\-]\s*\S|^\s*(issue|failure|flaw|problem|bug|error|mistake|finding|gap)\s*#?\s*\d+\b)",
      std::regex::icase);
  return std::regex_search(title.begin(), title.end(), numbered);
}

bool names_pattern(std::string_view title, const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& name) { return title_mentions(title, name); });
}

// Sections a document uses for its own framing rather than for one flaw.
bool is_framing(std::string_view title) {
  constexpr std::array<std::string_view, 10> kFraming = {
      "summary",        "conclusion",        "overview", "introduction", "lessons",
      "recommendation", "table of contents", "impact",   "next steps",   "appendix"};
  const std::string lower = lowercase(title);
  return std::any_of(kFraming.begin(), kFraming.end(),
                     [&](std::string_view word) { return lower.find(word) != std::string::npos; });
}

// Reads a label such as "**Fix**:", "### Our Solution" or "**MODEL_RESPONSE Problem:**" and
// returns whether what follows describes the ideal (true), the model (false), or keeps the
// current section (`current`).
bool fix_section_after(std::string_view label, bool current) {
  const std::string lower = lowercase(label);
  for (std::string_view word : {"incorrect", "wrong", "problem", "issue", "model", "actual",
                                "original", "flaw", "failure", "error", "before"}) {
    if (lower.find(word) != std::string::npos) return false;
  }
  for (std::string_view word : {"fix", "solution", "ideal", "correct", "resolution", "recommend",
                                "how we", "improvement", "working", "after", "should"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return current;
}

// The bold text a paragraph opens with, if it opens with bold text.
std::string leading_label(cmark_node* paragraph) {
  cmark_node* first = cmark_node_first_child(paragraph);
  if (first == nullptr || cmark_node_get_type(first) != CMARK_NODE_STRONG) return {};
  return inline_text(first);
}

// Collects a flaw's documented flaws while walking the document's blocks in order.
class Reader {
 public:
  explicit Reader(const std::vector<std::string>& names) : names_(names) {}

  void heading(cmark_node* node);
  void paragraph(cmark_node* node);
  void code_block(cmark_node* node);
  void container(cmark_node* node);
  std::vector<DocumentedFlaw> take() { return std::move(flaws_); }

 private:
  void start_flaw(const std::string& title, int line, int level) {
    flaws_.push_back(DocumentedFlaw{title, line, {}, {}});
    open_ = true;
    level_ = level;
    fix_section_ = false;
  }
  void add_claims(const std::string& text, int first_line) {
    if (!open_) return;
    int line = first_line;
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto end = std::min(text.find('\n', start), text.size());
      for (LineClaim& claim : find_line_claims(std::string_view(text).substr(start, end - start),
                                               line, fix_section_)) {
        flaws_.back().claims.push_back(std::move(claim));
      }
      start = end + 1;
      ++line;
    }
  }

  const std::vector<std::string>& names_;
  std::vector<DocumentedFlaw> flaws_;
  bool open_ = false;
  int level_ = 0;  // heading level of the open flaw; 7 for a bold item
  bool fix_section_ = false;
};

void Reader::heading(cmark_node* node) {
  const std::string title = inline_text(node);
  const int level = cmark_node_get_heading_level(node);
  const int line = cmark_node_get_start_line(node);
  const bool starts_flaw =
      level >= 2 && !is_framing(title) && (is_numbered(title) || names_pattern(title, names_));
  if (starts_flaw) {
    start_flaw(title, line, level);
    add_claims(title, line);
    return;
  }
  if (open_ && level > level_) {
    fix_section_ = fix_section_after(title, fix_section_);
    add_claims(title, line);
    return;
  }
  open_ = false;
}

void Reader::paragraph(cmark_node* node) {
  const int line = cmark_node_get_start_line(node);
  const std::string label = leading_label(node);
  const std::string text = inline_text(node);
  if (!label.empty() && label.size() + 4 >= text.size() && is_numbered(label)) {
    start_flaw(label, line, 7);
    add_claims(text, line);
    return;
  }
  if (!label.empty()) fix_section_ = fix_section_after(label, fix_section_);
  add_claims(text, line);
}

void Reader::code_block(cmark_node* node) {
  if (!open_) return;
  const char* literal = cmark_node_get_literal(node);
  flaws_.back().snippets.push_back(QuotedSnippet{literal != nullptr ? literal : "",
                                                 cmark_node_get_start_line(node), fix_section_});
}

void Reader::container(cmark_node* node) {
  for (cmark_node* child = cmark_node_first_child(node); child != nullptr;
       child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_PARAGRAPH:
        paragraph(child);
        break;
      case CMARK_NODE_CODE_BLOCK:
        code_block(child);
        break;
      case CMARK_NODE_LIST:
      case CMARK_NODE_ITEM:
      case CMARK_NODE_BLOCK_QUOTE:
        container(child);
        break;
      default:
        break;
    }
  }
}

}  // namespace

std::vector<LineClaim> find_line_claims(std::string_view text, int document_line,
                                        bool in_fix_section) {
  // `line 34`, `lines 108-111`, `Line 275-286`, `L12-L20`, optionally after a file name.
  static const std::regex claim(
      R"((?:\b(lines?)\s*(\d+)|\bL(\d+))(?:\s*(?:-|–|—|to|through)\s*L?(\d+))?)",
      std::regex::icase);
  static const std::regex file(R"([A-Za-z0-9_./-]+\.(?:py|md)\b)");

  std::vector<LineClaim> claims;
  const std::string line(text);
  for (auto match = std::sregex_iterator(line.begin(), line.end(), claim);
       match != std::sregex_iterator(); ++match) {
    const std::smatch& found = *match;
    if (found[3].matched && found[3].str().size() > 5) continue;  // L followed by an id, not a line
    const int first = std::stoi(found[2].matched ? found[2].str() : found[3].str());
    const int last = found[4].matched ? std::stoi(found[4].str()) : first;
    if (first <= 0 || last < first || last - first > 100000) continue;

    LineClaim result;
    result.lines = Span{first, last};
    result.document_line = document_line;
    result.text = found.str();
    result.side = in_fix_section ? ClaimSide::ideal : ClaimSide::model;
    // The nearest file named before the claim on the same line decides what it counts in.
    const std::string before = line.substr(0, static_cast<std::size_t>(found.position()));
    std::string named;
    for (auto name = std::sregex_iterator(before.begin(), before.end(), file);
         name != std::sregex_iterator(); ++name) {
      if (before.size() - static_cast<std::size_t>(name->position() + name->length()) <= 40) {
        named = name->str();
      }
    }
    const std::string lower = lowercase(named);
    if (lower.ends_with("model_response.md")) {
      result.side = ClaimSide::model;
    } else if (lower.ends_with("ideal_response.md")) {
      result.side = ClaimSide::ideal;
    } else if (lower.ends_with(".md")) {
      continue;  // lines of another document, such as the prompt
    } else if (!named.empty()) {
      result.file = named;
    }
    claims.push_back(std::move(result));
  }
  return claims;
}

std::vector<DocumentedFlaw> read_failures_document(std::string_view markdown,
                                                   const std::vector<std::string>& pattern_names) {
  std::unique_ptr<cmark_node, NodeDeleter> document(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_SOURCEPOS));
  Reader reader(pattern_names);
  for (cmark_node* node = cmark_node_first_child(document.get()); node != nullptr;
       node = cmark_node_next(node)) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING:
        reader.heading(node);
        break;
      case CMARK_NODE_PARAGRAPH:
        reader.paragraph(node);
        break;
      case CMARK_NODE_CODE_BLOCK:
        reader.code_block(node);
        break;
      case CMARK_NODE_LIST:
      case CMARK_NODE_BLOCK_QUOTE:
        reader.container(node);
        break;
      default:
        break;
    }
  }
  return reader.take();
}

}  // namespace respgrade
