#include "markdown/extract_blocks.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <string>

#include "common/text_file.h"
#include "markdown/file_names.h"

namespace respgrade {

namespace {

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};

// Parses with the GFM extensions so blocks end where GitHub ends them (a table, for one,
// closes a paragraph that would otherwise swallow the line before a fence).
std::unique_ptr<cmark_node, NodeDeleter> parse_document(std::string_view markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_SOURCEPOS));
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  return std::unique_ptr<cmark_node, NodeDeleter>(cmark_parser_finish(parser.get()));
}

// The heading or paragraph right before a block: its previous sibling, or the previous
// sibling of the list item or block quote it opens. Null when there is none.
cmark_node* introduction_of(cmark_node* block) {
  cmark_node* node = block;
  for (int depth = 0; depth < 3 && node != nullptr; ++depth) {
    if (cmark_node* previous = cmark_node_previous(node)) {
      const cmark_node_type type = cmark_node_get_type(previous);
      if (type != CMARK_NODE_HEADING && type != CMARK_NODE_PARAGRAPH) return nullptr;
      return previous;
    }
    node = cmark_node_parent(node);
  }
  return nullptr;
}

// The markdown source of a node's lines joined by spaces. File names are read from the source
// rather than from cmark's rendered text, because in a heading such as "## lib/__init__.py"
// cmark reads the underscores as strong emphasis and renders "lib/init.py".
std::string source_of(cmark_node* node, const std::vector<std::string_view>& lines) {
  std::string text;
  const int first = cmark_node_get_start_line(node);
  const int last = cmark_node_get_end_line(node);
  for (int line = first; line <= last && line <= static_cast<int>(lines.size()); ++line) {
    if (!text.empty()) text += ' ';
    text += lines[static_cast<std::size_t>(line - 1)];
  }
  return text;
}

std::string first_word_lowercase(std::string_view info) {
  std::size_t end = 0;
  while (end < info.size() && !std::isspace(static_cast<unsigned char>(info[end])) &&
         info[end] != '{' && info[end] != ':' && info[end] != ',') {
    ++end;
  }
  std::string word(info.substr(0, end));
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return word;
}

// Splits cmark's literal into lines without their ends; cmark keeps "\r\n" inside literals.
std::vector<std::string_view> split_lines(std::string_view literal) {
  std::vector<std::string_view> lines;
  // find_first_of("\r\n") calls memchr once per byte. Most text has no CR at all, so such text is
  // split at each LF with one vectorised search per line.
  if (literal.find('\r') == std::string_view::npos) {
    for (std::size_t start = 0; start < literal.size();) {
      std::size_t end = literal.find('\n', start);
      if (end == std::string_view::npos) end = literal.size();
      lines.push_back(literal.substr(start, end - start));
      start = end + 1;
    }
    return lines;
  }
  std::size_t start = 0;
  while (start < literal.size()) {
    std::size_t end = start;
    while (end < literal.size() && literal[end] != '\r' && literal[end] != '\n') ++end;
    lines.push_back(literal.substr(start, end - start));
    if (end + 1 < literal.size() && literal[end] == '\r' && literal[end + 1] == '\n') ++end;
    start = end + 1;
  }
  return lines;
}

// Splits a whole document into source lines the way cmark numbers them, dropping a leading
// byte-order mark, so that lines[n - 1] is markdown line n.
std::vector<std::string_view> source_lines(std::string_view markdown) {
  if (markdown.starts_with(kByteOrderMark)) markdown.remove_prefix(kByteOrderMark.size());
  return split_lines(markdown);
}

// True when markdown line `line` is a closing fence: block quote markers and indentation, then
// a run of at least `length` fence characters, then only spaces. A fence cut short by the end
// of its list item or block quote also ends on a later line, but that line is no closing fence.
bool is_closing_fence(const std::vector<std::string_view>& source, int line, char fence_char,
                      int length) {
  if (line < 1 || line > static_cast<int>(source.size())) return false;
  std::string_view text = source[static_cast<std::size_t>(line - 1)];
  text.remove_prefix(std::min(text.find_first_not_of(" \t>"), text.size()));
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  const bool only_fence_chars = text.find_first_not_of(fence_char) == std::string_view::npos;
  return only_fence_chars && text.size() >= static_cast<std::size_t>(length);
}

CodeBlock make_block(cmark_node* node, int index, const std::vector<std::string_view>& source) {
  CodeBlock block;
  block.index = index;
  const char* info = cmark_node_get_fence_info(node);
  block.info = info != nullptr ? info : "";
  block.language = first_word_lowercase(block.info);
  block.tag = classify_language(block.language);

  int fence_length = 0, fence_offset = 0;
  char fence_char = 0;
  block.fenced = cmark_node_get_fenced(node, &fence_length, &fence_offset, &fence_char) != 0;

  const char* literal = cmark_node_get_literal(node);
  const std::vector<std::string_view> lines = split_lines(literal != nullptr ? literal : "");
  const int start_line = cmark_node_get_start_line(node);
  const int first_code_line = block.fenced ? start_line + 1 : start_line;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    block.text.append(lines[i]);
    block.text.push_back('\n');
    block.lines.push_back(first_code_line + static_cast<int>(i));
  }
  const int end_line = cmark_node_get_end_line(node);
  // An empty fence left open at the end of the file ends on its own opening line.
  block.closed = !block.fenced || (end_line > start_line &&
                                   is_closing_fence(source, end_line, fence_char, fence_length));

  block.file_name = file_name_from_info(block.info);
  if (block.file_name.empty()) {
    if (cmark_node* introduction = introduction_of(node)) {
      block.file_name = find_file_name(source_of(introduction, source));
    }
  }
  if (block.file_name.empty()) block.file_name = file_name_from_first_line(block.text);
  return block;
}

}  // namespace

LanguageTag classify_language(std::string_view language) {
  if (language.empty()) return LanguageTag::untagged;
  std::string lower(language);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "python" || lower == "py" || lower == "python3" || lower == "py3") {
    return LanguageTag::python;
  }
  return LanguageTag::other;
}

CodeBlock whole_document_block(std::string_view markdown) {
  CodeBlock block;
  const std::vector<std::string_view> lines = source_lines(markdown);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    block.text.append(lines[i]);
    block.text.push_back('\n');
    block.lines.push_back(static_cast<int>(i) + 1);
  }
  block.fenced = false;
  block.file_name = file_name_from_first_line(block.text);
  return block;
}

std::vector<CodeBlock> extract_code_blocks(std::string_view markdown) {
  const auto document = parse_document(markdown);
  const std::vector<std::string_view> source = source_lines(markdown);
  std::vector<CodeBlock> blocks;
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document.get()));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK) {
      blocks.push_back(make_block(node, static_cast<int>(blocks.size()), source));
    }
  }
  return blocks;
}

}  // namespace respgrade
