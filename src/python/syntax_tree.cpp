#include "python/syntax_tree.h"

#include <string>

#include "common/error.h"

extern "C" const TSLanguage* tree_sitter_python();

namespace respgrade {

namespace {

struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};

// One parser per thread: creating a parser costs more than parsing a small block, and a
// parser must not be shared between threads.
TSParser* thread_parser() {
  thread_local std::unique_ptr<TSParser, ParserDeleter> parser = [] {
    check_grammar_abi();
    std::unique_ptr<TSParser, ParserDeleter> created(ts_parser_new());
    ts_parser_set_language(created.get(), python_language());
    return created;
  }();
  return parser.get();
}

}  // namespace

const TSLanguage* python_language() { return tree_sitter_python(); }

void check_grammar_abi() {
  const uint32_t version = ts_language_version(python_language());
  if (version < TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION ||
      version > TREE_SITTER_LANGUAGE_VERSION) {
    throw InputError("tree-sitter-python",
                     "grammar ABI " + std::to_string(version) +
                         " does not fit the tree-sitter runtime, " + "which loads ABI " +
                         std::to_string(TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION) + " to " +
                         std::to_string(TREE_SITTER_LANGUAGE_VERSION),
                     "Pin grammars/package.json to a tree-sitter-python release built for this ABI "
                     "(0.23.6 is ABI 14) and rebuild");
  }
}

SyntaxTree SyntaxTree::parse_python(std::string source) {
  TSTree* tree = ts_parser_parse_string(thread_parser(), nullptr, source.data(),
                                        static_cast<uint32_t>(source.size()));
  return SyntaxTree(std::move(source), tree);
}

}  // namespace respgrade
