#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "curation/failures_document.h"
#include "curation/task_folder.h"
#include "rules/scan.h"

namespace respgrade {

// How a documented flaw holds up against the code of the model response.
enum class ClaimStatus {
  confirmed,       // the pattern is flawed and the claimed lines overlap its evidence
  moved,           // the pattern is flawed, but elsewhere than claimed
  reproduced,      // the pattern is flawed; the document claims no lines to check
  not_reproduced,  // the pattern is clean (or absent) in the model response
  unknown,         // the pattern's status in the model response is unknown
  unmatched,       // no pattern of the catalog names this flaw
};
std::string_view claim_status_name(ClaimStatus status);

struct FlawCheck {
  DocumentedFlaw flaw;
  const Rule* rule = nullptr;  // the pattern the heading names, or nullptr
  ClaimStatus status = ClaimStatus::unmatched;
  std::vector<Span> claimed;   // the claims on the model, as markdown lines
  std::vector<Span> evidence;  // where the grader finds the flaw in the model response
  std::vector<std::string> notes;
};

// The check of one task. Its findings point into the two scans it was made from, so it must
// not outlive them.
struct TaskCheck {
  TaskFolder task;
  std::vector<const Finding*> ideal_flaws;   // patterns the ideal still has
  std::vector<FlawCheck> flaws;              // in document order
  std::vector<const Finding*> undocumented;  // flawed in the model, not in the document
  bool passes = false;
  std::vector<std::string> reasons;  // why it fails the bar
};

// Ties a documented flaw to a pattern by its title: the rule whose longest name the title
// contains, or nullptr.
const Rule* match_rule(std::string_view title, const Catalog& catalog);

// Checks a task: the ideal's own flaws, each documented flaw against the model's code, the
// flaws the document leaves out, and whether the task meets the curator's bar (the ideal
// clean wherever a pattern applies, and every line claim confirmed).
TaskCheck check_task(const TaskFolder& task, const ScannedResponse& model,
                     const ScannedResponse& ideal, std::string_view failures_text,
                     const Catalog& catalog);

}  // namespace respgrade
