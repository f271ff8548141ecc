#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/text_file.h"
#include "markdown/code_block.h"
#include "python/syntax_tree.h"

namespace respgrade {

// A Python block of a response with its syntax tree.
struct PythonBlock {
  int block_index = 0;  // index into Response::blocks
  SyntaxTree tree;
  std::vector<int> error_lines;  // markdown lines of syntax errors, ascending
  bool test_code = false;        // a block of a test file: kept out of the resource model
  std::string reason;            // why the block counts as Python
};

// A markdown response: every code block, and a syntax tree for each Python one.
struct Response {
  std::string path;
  std::vector<CodeBlock> blocks;
  std::vector<PythonBlock> python_blocks;

  const CodeBlock& block_of(const PythonBlock& python) const {
    return blocks[static_cast<std::size_t>(python.block_index)];
  }
  bool is_python(const CodeBlock& block) const;
};

// Extracts the blocks of `markdown`, decides which are Python and parses those.
Response parse_response(std::string path, std::string_view markdown);

// Reads, checks and parses the response at `path`; throws InputError for bad input.
Response load_response(const std::string& path, std::size_t max_bytes = kDefaultMaxFileBytes);

// Lists the markdown lines of the syntax errors in a block's tree, at most `limit` of them.
std::vector<int> syntax_error_lines(const SyntaxTree& tree, const CodeBlock& block,
                                    std::size_t limit = 50);

}  // namespace respgrade
