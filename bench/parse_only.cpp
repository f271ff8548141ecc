// Parses the Python blocks of each response named on the command line (or, with --list FILE,
// each path in FILE) with tree-sitter, and does nothing else. It is the floor under the
// grader's time: everything respgrade adds is measured against it.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/text_file.h"
#include "markdown/extract_blocks.h"
#include "python/syntax_tree.h"

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--list" && i + 1 < argc) {
      std::ifstream list(argv[++i]);
      for (std::string line; std::getline(list, line);) {
        if (!line.empty()) paths.push_back(line);
      }
    } else {
      paths.push_back(arg);
    }
  }

  std::size_t nodes = 0;
  for (const std::string& path : paths) {
    try {
      const respgrade::TextFile file = respgrade::read_text_file(path);
      for (const respgrade::CodeBlock& block : respgrade::extract_code_blocks(file.text)) {
        if (block.tag != respgrade::LanguageTag::python) continue;
        const auto tree = respgrade::SyntaxTree::parse_python(block.text);
        nodes += ts_node_child_count(tree.root());
      }
    } catch (const respgrade::InputError& error) {
      std::cerr << respgrade::format_error(error) << '\n';
    }
  }
  std::cout << "parsed " << paths.size() << " responses, " << nodes << " top-level nodes\n";
  return 0;
}
