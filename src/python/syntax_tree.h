#pragma once

#include <tree_sitter/api.h>

#include <memory>
#include <string>
#include <string_view>

namespace respgrade {

// A tree-sitter syntax tree together with the source it was parsed from, which its nodes
// point into. Move-only; the tree is freed with it.
class SyntaxTree {
 public:
  // Parses Python source. Never fails on bad syntax: the tree keeps ERROR and MISSING nodes.
  static SyntaxTree parse_python(std::string source);

  TSNode root() const { return ts_tree_root_node(tree_.get()); }
  const std::string& source() const { return source_; }
  std::string_view text(TSNode node) const {
    return std::string_view(source_).substr(ts_node_start_byte(node),
                                            ts_node_end_byte(node) - ts_node_start_byte(node));
  }

 private:
  struct TreeDeleter {
    void operator()(TSTree* tree) const { ts_tree_delete(tree); }
  };

  SyntaxTree(std::string source, TSTree* tree) : source_(std::move(source)), tree_(tree) {}

  std::string source_;
  std::unique_ptr<TSTree, TreeDeleter> tree_;
};

// The Python grammar compiled into the binary.
const TSLanguage* python_language();

// Throws InputError when the compiled-in grammar's ABI is one the tree-sitter runtime cannot
// load, saying which versions each side has. Commands call it at start-up.
void check_grammar_abi();

}  // namespace respgrade
