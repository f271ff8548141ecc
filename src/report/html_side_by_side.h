#pragma once

#include <optional>
#include <string>
#include <vector>

#include "grading/grade.h"

namespace respgrade {

// One markdown line of code on one side of a side-by-side view.
struct SideLine {
  int line = 0;
  std::string text;
  bool changed = false;  // removed from the response, or added in the ideal
};

// One row of a side-by-side view: a response line and the ideal line it lines up with. A side
// is empty where the other side has lines it lacks.
struct SideBySideRow {
  std::optional<SideLine> response;
  std::optional<SideLine> ideal;
};

// Lines up a pattern's response evidence with its ideal evidence along `pattern.diff`, the
// unified diff grade_response computed between them: unchanged lines share a row, and each run
// of changes pairs its removed lines with its added ones. When the diff does not fit the
// evidence (a hand-edited results file), the sides are paired line by line, unmarked.
std::vector<SideBySideRow> side_by_side_rows(const PatternGrade& pattern);

}  // namespace respgrade
