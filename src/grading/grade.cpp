#include "grading/grade.h"

#include <algorithm>

#include "grading/snippet_diff.h"

namespace respgrade {

namespace {

std::string lines_text(const std::vector<Span>& spans) {
  std::string text;
  for (const Span& span : spans) {
    if (!text.empty()) text += ", ";
    text += span.first == span.last ? std::to_string(span.first)
                                    : std::to_string(span.first) + "-" + std::to_string(span.last);
  }
  return text.empty() ? "no lines" : "lines " + text;
}

std::vector<EvidenceCode> evidence_code(const Response& response, const Finding& finding) {
  std::vector<EvidenceCode> code;
  for (const Span& span : finding.evidence) code.push_back({span, code_on_lines(response, span)});
  return code;
}

// Applies the grading table: the ideal decides whether a pattern is graded, the response
// whether it passes.
void decide(PatternGrade& pattern, const Finding& response, const Finding& ideal) {
  pattern.response_status = response.status;
  pattern.ideal_status = ideal.status;
  switch (ideal.status) {
    case Status::flawed:
      pattern.note = "not graded: the ideal still has this flaw, on " + lines_text(ideal.evidence);
      return;
    case Status::unknown:
      pattern.note = "not graded: the ideal's status is unknown";
      return;
    case Status::not_applicable:
      if (response.status == Status::flawed) {
        pattern.note =
            "not graded: the ideal has no such resource, but the response is flawed on " +
            lines_text(response.evidence);
      } else {
        pattern.note = "not graded: the pattern does not apply to the ideal";
      }
      return;
    case Status::clean:
      break;
  }
  switch (response.status) {
    case Status::clean:
      pattern.verdict = Verdict::pass;
      pattern.graded = true;
      return;
    case Status::flawed:
      pattern.verdict = Verdict::fail;
      pattern.graded = true;
      return;
    case Status::not_applicable:
      pattern.verdict = Verdict::missing;
      pattern.graded = true;
      pattern.note = "the response leaves out a component the ideal has";
      return;
    case Status::unknown:
      pattern.note = "not graded: the response's status is unknown";
      return;
  }
}

int order_of(const PatternGrade& pattern) {
  switch (pattern.verdict) {
    case Verdict::fail:
      return 0;
    case Verdict::missing:
      return 1;
    case Verdict::not_graded:
      return 2;
    case Verdict::pass:
      return 3;
  }
  return 3;
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass:
      return "pass";
    case Verdict::fail:
      return "fail";
    case Verdict::missing:
      return "missing";
    case Verdict::not_graded:
      return "not_graded";
  }
  return "not_graded";
}

std::vector<std::string> code_on_lines(const Response& response, Span span) {
  std::vector<std::string> lines;
  if (span.empty()) return lines;
  for (int line = span.first; line <= span.last;) {
    const CodeBlock* block = nullptr;
    for (const CodeBlock& candidate : response.blocks) {
      if (!candidate.lines.empty() && line >= candidate.first_line() &&
          line <= candidate.last_line()) {
        block = &candidate;
        break;
      }
    }
    if (block == nullptr) {
      ++line;
      continue;
    }
    // Find the span's first line in the block once, then read on from there, rather than
    // counting newlines from the block's start for every line.
    std::size_t start = 0;
    for (int row = block->first_line(); row < line && start != std::string::npos; ++row) {
      start = block->text.find('\n', start);
      if (start != std::string::npos) ++start;
    }
    for (const int last = std::min(span.last, block->last_line()); line <= last; ++line) {
      if (start == std::string::npos) continue;  // past the end of the block's text
      const auto end = block->text.find('\n', start);
      lines.push_back(block->text.substr(start, end == std::string::npos ? end : end - start));
      start = end == std::string::npos ? end : end + 1;
    }
  }
  return lines;
}

Grade grade_response(const ScannedResponse& response, const ScannedResponse& ideal) {
  Grade grade;
  grade.response_path = response.response.path;
  grade.ideal_path = ideal.response.path;

  for (std::size_t i = 0; i < response.findings.size() && i < ideal.findings.size(); ++i) {
    const Finding& mine = response.findings[i];
    const Finding& theirs = ideal.findings[i];
    PatternGrade pattern;
    pattern.rule = mine.rule;
    decide(pattern, mine, theirs);
    pattern.response_evidence = evidence_code(response.response, mine);
    pattern.ideal_evidence = evidence_code(ideal.response, theirs);
    pattern.response_unknown_reasons = mine.unknown_reasons;
    pattern.ideal_unknown_reasons = theirs.unknown_reasons;
    if (pattern.verdict != Verdict::pass) {
      pattern.diff = diff_evidence(grade.response_path, pattern.response_evidence, grade.ideal_path,
                                   pattern.ideal_evidence);
    }

    const int weight = severity_weight(pattern.rule->severity);
    if (pattern.graded) {
      grade.graded_weight += weight;
      if (pattern.verdict == Verdict::pass) grade.earned_weight += weight;
    }
    switch (pattern.verdict) {
      case Verdict::pass:
        ++grade.passed;
        break;
      case Verdict::fail:
        ++grade.failed;
        break;
      case Verdict::missing:
        ++grade.missing;
        break;
      case Verdict::not_graded:
        ++grade.not_graded;
        break;
    }
    grade.patterns.push_back(std::move(pattern));
  }
  if (grade.graded_weight > 0) {
    grade.score = static_cast<double>(grade.earned_weight) / grade.graded_weight;
  }

  // Worst first: failures, then missing components, then the ungraded, then passes; within
  // each, the heavier severity first, then catalog order.
  std::stable_sort(grade.patterns.begin(), grade.patterns.end(),
                   [](const PatternGrade& a, const PatternGrade& b) {
                     if (order_of(a) != order_of(b)) return order_of(a) < order_of(b);
                     return severity_weight(a.rule->severity) > severity_weight(b.rule->severity);
                   });
  return grade;
}

}  // namespace respgrade
