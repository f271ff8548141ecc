#include "curation/check.h"

#include <algorithm>

#include "curation/flaw_names.h"
#include "curation/snippet_locator.h"
#include "grading/grade.h"

namespace respgrade {

namespace {

std::string span_words(Span span) {
  return span.first == span.last ? std::to_string(span.first)
                                 : std::to_string(span.first) + "-" + std::to_string(span.last);
}

std::string spans_words(const std::vector<Span>& spans) {
  std::string text;
  for (const Span& span : spans) text += (text.empty() ? "" : ", ") + span_words(span);
  return text;
}

// Finds the block of a response that a file-relative claim names, by path or path suffix.
const CodeBlock* block_named(const Response& response, const std::string& file) {
  for (const CodeBlock& block : response.blocks) {
    if (block.file_name.empty()) continue;
    if (block.file_name == file || block.file_name.ends_with("/" + file) ||
        file.ends_with("/" + block.file_name)) {
      return &block;
    }
  }
  return nullptr;
}

// Turns the document's model claims into markdown lines of the model response.
std::vector<Span> resolve_claims(FlawCheck& check, const Response& model, const Response& ideal) {
  std::vector<Span> spans;
  for (const LineClaim& claim : check.flaw.claims) {
    if (claim.side == ClaimSide::ideal && claim.file.empty()) continue;
    if (claim.file.empty()) {
      spans.push_back(claim.lines);
      continue;
    }
    const CodeBlock* block = block_named(model, claim.file);
    if (block == nullptr) {
      const bool in_ideal = block_named(ideal, claim.file) != nullptr;
      check.notes.push_back(
          "\"" + claim.text + "\" of " + claim.file + " (document line " +
          std::to_string(claim.document_line) + ") is " +
          (in_ideal ? "in the ideal, not the model response" : "in no file of the model response"));
      continue;
    }
    const auto count = static_cast<int>(block->lines.size());
    if (claim.lines.first > count) {
      check.notes.push_back(claim.file + " has " + std::to_string(count) + " lines, fewer than \"" +
                            claim.text + "\" claims");
      continue;
    }
    const Span markdown{
        block->lines[static_cast<std::size_t>(claim.lines.first - 1)],
        block->lines[static_cast<std::size_t>(std::min(claim.lines.last, count) - 1)]};
    check.notes.push_back(claim.file + " " + claim.text + " is markdown " +
                          (markdown.first == markdown.last ? "line " : "lines ") +
                          span_words(markdown));
    spans.push_back(markdown);
  }
  return spans;
}

// Widens an evidence span over the comment lines directly above it, which documents often
// include in their claims.
Span with_comments_above(const Response& response, Span span) {
  while (span.first > 1) {
    const std::vector<std::string> above =
        code_on_lines(response, Span{span.first - 1, span.first - 1});
    if (above.empty()) break;
    const auto start = above.front().find_first_not_of(" \t");
    if (start == std::string::npos || above.front()[start] != '#') break;
    --span.first;
  }
  return span;
}

// Reports where the snippets of a flaw without line claims sit in the model response.
void locate_snippets(FlawCheck& check, const Response& model) {
  if (!check.claimed.empty()) return;
  for (const QuotedSnippet& snippet : check.flaw.snippets) {
    if (snippet.in_fix_section) continue;
    const std::string where =
        "the snippet at document line " + std::to_string(snippet.document_line);
    const auto match = locate_snippet(snippet.code, model);
    if (!match) {
      check.notes.push_back(where + " is not in the model response");
      continue;
    }
    check.notes.push_back(where + " is at markdown lines " + span_words(match->lines) + " (" +
                          std::to_string(match->matched) + " of " + std::to_string(match->total) +
                          " code lines)");
  }
}

void judge_flaw(FlawCheck& check, const ScannedResponse& model, const ScannedResponse& ideal) {
  const Finding* finding = model.finding(check.rule->id);
  check.claimed = resolve_claims(check, model.response, ideal.response);
  check.evidence = finding->evidence;
  switch (finding->status) {
    case Status::clean:
      check.status = ClaimStatus::not_reproduced;
      check.notes.push_back("the model response is clean for this pattern");
      return;
    case Status::not_applicable:
      check.status = ClaimStatus::not_reproduced;
      check.notes.push_back("the model response has no resource this pattern applies to");
      return;
    case Status::unknown:
      check.status = ClaimStatus::unknown;
      for (const std::string& reason : finding->unknown_reasons) check.notes.push_back(reason);
      return;
    case Status::flawed:
      break;
  }
  if (finding->evidence.empty()) {
    check.status = ClaimStatus::confirmed;  // an absence has no lines to check
    return;
  }
  if (check.claimed.empty()) {
    check.status = ClaimStatus::reproduced;
    return;
  }
  const auto claim_overlaps = [&](const std::vector<Span>& spans) {
    return std::any_of(check.claimed.begin(), check.claimed.end(), [&](const Span& claim) {
      return std::any_of(spans.begin(), spans.end(), [&](const Span& span) {
        return claim.overlaps(with_comments_above(model.response, span));
      });
    });
  };
  const bool on_evidence = claim_overlaps(finding->evidence);
  // A claim may point at a resource the verdict rests on, such as an API's open route.
  const bool on_related = !on_evidence && claim_overlaps(finding->related);
  const bool overlaps = on_evidence || on_related;
  check.status = overlaps ? ClaimStatus::confirmed : ClaimStatus::moved;
  if (on_related) {
    check.notes.push_back("the claimed lines are a related resource the verdict rests on");
  }
  if (!overlaps) {
    check.notes.push_back("claimed lines " + spans_words(check.claimed) + ", but the flaw is at " +
                          spans_words(finding->evidence));
  }
}

}  // namespace

std::string_view claim_status_name(ClaimStatus status) {
  switch (status) {
    case ClaimStatus::confirmed:
      return "confirmed";
    case ClaimStatus::moved:
      return "moved";
    case ClaimStatus::reproduced:
      return "reproduced";
    case ClaimStatus::not_reproduced:
      return "not_reproduced";
    case ClaimStatus::unknown:
      return "unknown";
    case ClaimStatus::unmatched:
      return "unmatched";
  }
  return "unmatched";
}

const Rule* match_rule(std::string_view title, const Catalog& catalog) {
  const Rule* best = nullptr;
  std::size_t best_weight = 0;
  for (const Rule& rule : catalog.rules) {
    for (const std::string& name : rule.names) {
      const std::size_t weight = name_weight(name);
      if (weight > best_weight && title_mentions(title, name)) {
        best = &rule;
        best_weight = weight;
      }
    }
  }
  return best;
}

TaskCheck check_task(const TaskFolder& task, const ScannedResponse& model,
                     const ScannedResponse& ideal, std::string_view failures_text,
                     const Catalog& catalog) {
  TaskCheck result;
  result.task = task;
  for (const Finding& finding : ideal.findings) {
    if (finding.status == Status::flawed) result.ideal_flaws.push_back(&finding);
  }

  std::vector<std::string> names;
  for (const Rule& rule : catalog.rules)
    names.insert(names.end(), rule.names.begin(), rule.names.end());
  for (DocumentedFlaw& flaw : read_failures_document(failures_text, names)) {
    FlawCheck check;
    check.rule = match_rule(flaw.title, catalog);
    check.flaw = std::move(flaw);
    if (check.rule != nullptr) judge_flaw(check, model, ideal);
    locate_snippets(check, model.response);
    result.flaws.push_back(std::move(check));
  }

  for (const Finding& finding : model.findings) {
    if (finding.status != Status::flawed) continue;
    const bool documented =
        std::any_of(result.flaws.begin(), result.flaws.end(),
                    [&](const FlawCheck& check) { return check.rule == finding.rule; });
    if (!documented) result.undocumented.push_back(&finding);
  }

  for (const Finding* flaw : result.ideal_flaws) {
    result.reasons.push_back("the ideal still has " + flaw->rule->id);
  }
  for (const FlawCheck& check : result.flaws) {
    if (check.claimed.empty()) continue;
    if (check.status == ClaimStatus::moved || check.status == ClaimStatus::not_reproduced) {
      result.reasons.push_back("the claim of \"" + check.flaw.title + "\" is " +
                               std::string(claim_status_name(check.status)));
    }
  }
  result.passes = result.reasons.empty();
  return result;
}

}  // namespace respgrade
