#include "python/response.h"

#include <algorithm>
#include <string_view>

#include "markdown/extract_blocks.h"
#include "markdown/file_names.h"

namespace respgrade {

namespace {

// True when a cleanly parsed untagged block holds a statement only code has: an import, a
// definition, an assignment or a call. A lone word or `ls -la` also parses as Python.
bool reads_as_code(const SyntaxTree& tree) {
  const TSNode root = tree.root();
  const uint32_t count = ts_node_named_child_count(root);
  for (TSNode child = ts_node_named_child(root, 0); count > 0 && !ts_node_is_null(child);
       child = ts_node_next_named_sibling(child)) {
    const std::string_view type = ts_node_type(child);
    if (type == "import_statement" || type == "import_from_statement" ||
        type == "function_definition" || type == "class_definition" ||
        type == "decorated_definition") {
      return true;
    }
    if (type == "expression_statement" && ts_node_named_child_count(child) > 0) {
      const std::string_view inner = ts_node_type(ts_node_named_child(child, 0));
      if (inner == "assignment" || inner == "call") return true;
    }
  }
  return false;
}

// tree-sitter 0.20 has no ts_node_is_error; error nodes carry the reserved symbol (TSSymbol)-1.
bool is_error_node(TSNode node) { return ts_node_symbol(node) == static_cast<TSSymbol>(-1); }

int markdown_line(const CodeBlock& block, uint32_t row) {
  if (block.lines.empty()) return 0;
  const std::size_t index = std::min<std::size_t>(row, block.lines.size() - 1);
  return block.lines[index];
}

// Takes a response with no fenced block as one Python block when its whole text parses
// cleanly and reads as code: some responses are a bare .py file, which markdown would split
// into indented code blocks at every blank line before an indented body.
// NOTE: a bare file with one syntax error is not recognised and stays split.
bool parse_bare_source(std::string_view markdown, Response& response) {
  const auto fenced = [](const CodeBlock& block) { return block.fenced; };
  if (std::any_of(response.blocks.begin(), response.blocks.end(), fenced)) return false;

  CodeBlock whole = whole_document_block(markdown);
  SyntaxTree tree = SyntaxTree::parse_python(whole.text);
  if (ts_node_has_error(tree.root()) || !reads_as_code(tree)) return false;

  response.blocks.assign(1, std::move(whole));
  PythonBlock python{0,
                     std::move(tree),
                     {},
                     is_test_file(response.blocks[0].file_name),
                     "untagged, the whole response parses as Python"};
  response.python_blocks.push_back(std::move(python));
  return true;
}

}  // namespace

bool Response::is_python(const CodeBlock& block) const {
  return std::any_of(python_blocks.begin(), python_blocks.end(),
                     [&](const PythonBlock& python) { return python.block_index == block.index; });
}

std::vector<int> syntax_error_lines(const SyntaxTree& tree, const CodeBlock& block,
                                    std::size_t limit) {
  std::vector<int> lines;
  if (!ts_node_has_error(tree.root())) return lines;

  // Walks only into subtrees that contain an error, without recursion, so deep code is safe.
  TSTreeCursor cursor = ts_tree_cursor_new(tree.root());
  bool descend = true;
  while (lines.size() < limit) {
    const TSNode node = ts_tree_cursor_current_node(&cursor);
    if (descend && (is_error_node(node) || ts_node_is_missing(node))) {
      const int line = markdown_line(block, ts_node_start_point(node).row);
      if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(line);
      descend = false;
    }
    if (descend && ts_node_has_error(node) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    if (ts_tree_cursor_goto_next_sibling(&cursor)) {
      descend = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&cursor)) break;
    descend = false;
  }
  ts_tree_cursor_delete(&cursor);
  std::sort(lines.begin(), lines.end());
  return lines;
}

Response parse_response(std::string path, std::string_view markdown) {
  Response response;
  response.path = std::move(path);
  response.blocks = extract_code_blocks(markdown);
  if (parse_bare_source(markdown, response)) return response;

  for (const CodeBlock& block : response.blocks) {
    if (block.tag == LanguageTag::other) continue;
    const bool names_python_file = block.file_name.ends_with(".py");
    if (block.tag == LanguageTag::untagged && !block.file_name.empty() && !names_python_file) {
      continue;
    }

    SyntaxTree tree = SyntaxTree::parse_python(block.text);
    std::string reason = "tagged " + block.language;
    if (block.tag == LanguageTag::untagged) {
      if (names_python_file) {
        reason = "untagged, names a .py file";
      } else if (!ts_node_has_error(tree.root()) && reads_as_code(tree)) {
        reason = "untagged, parses as Python";
      } else {
        continue;
      }
    }

    PythonBlock python{
        block.index, std::move(tree), {}, is_test_file(block.file_name), std::move(reason)};
    python.error_lines = syntax_error_lines(python.tree, block);
    response.python_blocks.push_back(std::move(python));
  }
  return response;
}

Response load_response(const std::string& path, std::size_t max_bytes) {
  TextFile file = read_text_file(path, max_bytes);
  return parse_response(file.path, file.text);
}

}  // namespace respgrade
