#pragma once

#include <string>
#include <vector>

#include "rules/catalog.h"

namespace respgrade {

// One disagreement between a fixture's annotations and what the rules found.
struct FixtureProblem {
  std::string file;
  int line = 0;  // 0 when the problem has no line
  std::string message;
};

struct FixtureReport {
  int fixtures = 0;
  int failed = 0;
  std::vector<FixtureProblem> problems;
};

// Checks every markdown fixture under `directory` against its annotations:
//   `# expect: ID` in a Python block: ID is flawed with evidence starting on the next line
//     that is not itself an annotation;
//   `<!-- expect: ID -->`: ID is flawed (lines not checked, for absence patterns);
//   `<!-- ok: ID -->` / `# ok: ID`: ID is clean;
//   `<!-- unknown: ID -->` / `# unknown: ID`: ID is unknown.
// A flawed or unknown finding that nothing expects is a problem too. With
// `require_coverage`, each rule must also have a fixture expecting it flawed and one clean.
FixtureReport check_fixtures(const std::string& directory, const Catalog& catalog,
                             bool require_coverage);

}  // namespace respgrade
