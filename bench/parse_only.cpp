// Loads each response named on the command line (or, with --list FILE, each path in FILE) the
// way the grader does, and does nothing else. It reads the file, extracts the markdown code
// blocks, decides which are Python and parses exactly those with tree-sitter (parse_response).
// It is the floor under the grader's time: scripts/benchmark.py divides `respgrade batch` by it.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/text_file.h"
#include "python/response.h"

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

  std::size_t blocks = 0;
  std::size_t nodes = 0;
  for (const std::string& path : paths) {
    try {
      const respgrade::TextFile file = respgrade::read_text_file(path);
      const respgrade::Response response = respgrade::parse_response(file.path, file.text);
      for (const respgrade::PythonBlock& python : response.python_blocks) {
        ++blocks;
        nodes += ts_node_child_count(python.tree.root());
      }
    } catch (const respgrade::InputError& error) {
      std::cerr << respgrade::format_error(error) << '\n';
    }
  }
  std::cout << "parsed " << paths.size() << " responses, " << blocks << " Python blocks, " << nodes
            << " top-level nodes\n";
  return 0;
}
