#pragma once

#include <string>
#include <vector>

#include "grading/grade.h"

namespace respgrade {

// A unified diff from the response's evidence code to the ideal's, each snippet dedented so
// that code at different nesting depths compares line by line. Hunk headers carry markdown
// line numbers. Returns an empty string when both sides are empty.
std::string diff_evidence(const std::string& response_path, const std::vector<EvidenceCode>& from,
                          const std::string& ideal_path, const std::vector<EvidenceCode>& to);

}  // namespace respgrade
