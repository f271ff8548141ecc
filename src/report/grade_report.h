#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>

#include "grading/grade.h"

namespace respgrade {

// A grade as JSON; the shape is documented in the README and kept stable for batch files.
nlohmann::ordered_json grade_to_json(const Grade& grade);

// A grade as a readable report: a header with the score and counts, then one entry per
// pattern, worst first, with both sides' code and the diff. `color` adds ANSI colours.
void print_grade_text(const Grade& grade, std::ostream& out, bool color);

}  // namespace respgrade
