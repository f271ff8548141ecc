// Replays every input the fuzzers once crashed on, kept in fixtures/fuzz-regressions/TARGET/,
// through the same harness the fuzz target runs (fuzz/harness.h). A harness aborts when an
// invariant breaks, and the sanitizer build reports memory errors, so each input must now pass.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "harness.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;

fs::path regressions_dir() {
  return fs::path(RESPGRADE_SOURCE_DIR) / "fixtures" / "fuzz-regressions";
}

std::vector<fs::path> inputs_of(std::string_view target) {
  std::vector<fs::path> paths;
  const fs::path dir = regressions_dir() / target;
  if (!fs::is_directory(dir)) return paths;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

TEST_CASE("fuzz regressions replay cleanly", "[fuzz]") {
  std::size_t replayed = 0;
  for (const respgrade::fuzz::Target& target : respgrade::fuzz::targets()) {
    for (const fs::path& path : inputs_of(target.name)) {
      INFO(path.string());
      CHECK_NOTHROW(target.run(respgrade_test::read_file(path)));
      ++replayed;
    }
  }
  CHECK(replayed > 0);
}

TEST_CASE("fuzz regression folders name targets", "[fuzz]") {
  for (const auto& entry : fs::directory_iterator(regressions_dir())) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    const auto targets = respgrade::fuzz::targets();
    const bool known = std::any_of(targets.begin(), targets.end(),
                                   [&](const auto& target) { return target.name == name; });
    INFO(entry.path().string());
    CHECK(known);
  }
}
