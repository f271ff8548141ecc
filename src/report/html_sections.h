#pragma once

#include <string>
#include <string_view>

#include "curation/check.h"
#include "grading/grade.h"
#include "rules/scan.h"

namespace respgrade {

// The HTML of one graded response, as a <section> with the id `anchor`: a header with the
// score and counts, then each pattern that did not pass, with the response's and the ideal's
// code side by side and the changed lines marked. Every text from the grade is escaped.
std::string grade_section_html(const Grade& grade, std::string_view batch_id,
                               std::string_view anchor);

// The HTML of one checked task, as a <section> with the id `anchor`: the verdict and its
// reasons, the ideal's own flaws with their code, the documented flaws with their statuses,
// and the undocumented flaws with their code.
std::string check_section_html(const TaskCheck& check, const ScannedResponse& model,
                               const ScannedResponse& ideal, std::string_view anchor);

// "0.38", or "none" for a response with no graded pattern.
std::string score_html(const std::optional<double>& score);

}  // namespace respgrade
