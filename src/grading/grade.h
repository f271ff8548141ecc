#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/scan.h"

namespace respgrade {

enum class Verdict { fail, missing, not_graded, pass };
std::string_view verdict_name(Verdict verdict);

// Lines of code shown as evidence: the markdown lines and their text.
struct EvidenceCode {
  Span span;
  std::vector<std::string> lines;
};

// The verdict on one pattern, with both sides' evidence and the diff from one to the other.
struct PatternGrade {
  const Rule* rule = nullptr;
  Verdict verdict = Verdict::not_graded;
  Status response_status = Status::not_applicable;
  Status ideal_status = Status::not_applicable;
  bool graded = false;
  // Why the pattern is not graded, or a flaw reported without changing the score.
  std::string note;
  std::vector<EvidenceCode> response_evidence;
  std::vector<EvidenceCode> ideal_evidence;
  std::vector<std::string> response_unknown_reasons;
  std::vector<std::string> ideal_unknown_reasons;
  std::string diff;  // unified diff from the response's evidence code to the ideal's
};

struct Grade {
  std::string response_path;
  std::string ideal_path;
  std::optional<double>
      score;  // weighted share of graded patterns that pass; none if no pattern is graded
  int earned_weight = 0;
  int graded_weight = 0;
  int passed = 0;
  int failed = 0;
  int missing = 0;
  int not_graded = 0;
  std::vector<PatternGrade> patterns;  // worst first
};

// Grades a scanned response against the scanned ideal of the same task. Both must have been
// judged with the same catalog.
Grade grade_response(const ScannedResponse& response, const ScannedResponse& ideal);

// The code on the markdown lines of a span, taken from the response's code blocks.
std::vector<std::string> code_on_lines(const Response& response, Span span);

}  // namespace respgrade
