// Runs the corpus tests, or skips them with exit status 77 (CTest's SKIP_RETURN_CODE) when the
// corpus of real answers is not beside the repository, as in a fresh clone.

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>

#include "corpus_path.h"

int main(int argc, char** argv) {
  if (!std::filesystem::is_directory(respgrade_test::corpus_dir())) {
    std::cout << "skipped: ../shared/corpus not found (a fresh clone has no corpus)\n";
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
