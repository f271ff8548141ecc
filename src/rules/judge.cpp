#include <algorithm>

#include "rules/conditions.h"
#include "rules/finding.h"

namespace respgrade {

namespace {

Span pick(const Deciding& deciding, EvidenceMode mode) {
  switch (mode) {
    case EvidenceMode::resource:
      return deciding.resource;
    case EvidenceMode::argument:
      return deciding.argument;
    case EvidenceMode::value:
      return deciding.value;
  }
  return deciding.resource;
}

// Evidence for one outcome: the spans the mode picks from what decided it, or `fallback`.
std::vector<Span> evidence_of(const Outcome& outcome, EvidenceMode mode, Span fallback) {
  std::vector<Span> spans;
  for (const Deciding& deciding : outcome.deciding) {
    Span span = pick(deciding, mode);
    if (span.empty()) span = fallback;
    if (!span.empty()) spans.push_back(span);
  }
  if (spans.empty() && !fallback.empty()) spans.push_back(fallback);
  return spans;
}

void sort_unique(std::vector<Span>& spans) {
  std::sort(spans.begin(), spans.end());
  spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
}

void sort_unique(std::vector<std::string>& texts) {
  std::vector<std::string> unique;
  for (std::string& text : texts) {
    if (std::find(unique.begin(), unique.end(), text) == unique.end())
      unique.push_back(std::move(text));
  }
  texts = std::move(unique);
}

// Collects the resource types that a condition tree looks up across the response.
void collect_related_types(const Condition& condition, std::vector<std::string>& types) {
  if (condition.kind == Condition::Kind::use && condition.target != nullptr) {
    collect_related_types(*condition.target, types);
    return;
  }
  if (condition.kind == Condition::Kind::resources) {
    types.insert(types.end(), condition.resource_types.begin(), condition.resource_types.end());
  }
  for (const Condition& child : condition.children) collect_related_types(child, types);
  if (condition.where) collect_related_types(*condition.where, types);
}

std::vector<Span> related_spans(const Rule& rule, const ResourceModel& model) {
  std::vector<std::string> types;
  collect_related_types(rule.flawed_when, types);
  std::vector<Span> spans;
  for (const Resource& resource : model.resources) {
    for (const std::string& type : types) {
      if (matches_type(type, resource.type)) {
        spans.push_back(resource.span);
        break;
      }
    }
  }
  return spans;
}

Finding judge_whole_response(const Rule& rule, const ResourceModel& model,
                             const ConditionEvaluator& evaluator) {
  Finding finding;
  finding.rule = &rule;
  if (model.resources.empty()) return finding;  // not applicable without any AWS resource

  const Outcome outcome = evaluator.evaluate(rule.flawed_when, ConditionRoot{});
  if (outcome.truth == Truth::yes) {
    finding.status = Status::flawed;
    finding.evidence = evidence_of(outcome, rule.evidence, {});
  } else if (outcome.truth == Truth::no) {
    finding.status = Status::clean;
    finding.evidence = evidence_of(outcome, rule.fix_evidence, {});
  } else {
    finding.status = Status::unknown;
    finding.unknown_reasons = outcome.unknown_reasons;
  }
  return finding;
}

ResourceResult judge_resource(const Rule& rule, const Resource& resource,
                              const ConditionEvaluator& evaluator,
                              std::vector<std::string>& reasons, bool& skipped) {
  const ConditionRoot root{&resource, nullptr, {}};
  skipped = false;
  if (rule.only_if) {
    const Outcome scope = evaluator.evaluate(*rule.only_if, root);
    if (scope.truth == Truth::no) {
      skipped = true;
      return {};
    }
    if (scope.truth == Truth::unknown) {
      reasons.insert(reasons.end(), scope.unknown_reasons.begin(), scope.unknown_reasons.end());
      return ResourceResult{&resource, Status::unknown, {}};
    }
  }
  const Outcome outcome = evaluator.evaluate(rule.flawed_when, root);
  switch (outcome.truth) {
    case Truth::yes:
      return ResourceResult{&resource, Status::flawed,
                            evidence_of(outcome, rule.evidence, resource.span)};
    case Truth::no:
      return ResourceResult{&resource, Status::clean,
                            evidence_of(outcome, rule.fix_evidence, resource.span)};
    case Truth::unknown:
      reasons.insert(reasons.end(), outcome.unknown_reasons.begin(), outcome.unknown_reasons.end());
      return ResourceResult{&resource, Status::unknown, {}};
  }
  return {};
}

Finding judge_per_resource(const Rule& rule, const ResourceModel& model,
                           const ConditionEvaluator& evaluator) {
  Finding finding;
  finding.rule = &rule;
  for (const Resource& resource : model.resources) {
    const bool applies =
        std::any_of(rule.resource_types.begin(), rule.resource_types.end(),
                    [&](const std::string& type) { return matches_type(type, resource.type); });
    if (!applies) continue;
    bool skipped = false;
    ResourceResult result =
        judge_resource(rule, resource, evaluator, finding.unknown_reasons, skipped);
    if (!skipped) finding.resources.push_back(std::move(result));
  }
  if (finding.resources.empty()) return finding;

  // Flawed when any resource is, listing every flawed one; else unknown when any is; else clean.
  const auto has = [&](Status status) {
    return std::any_of(finding.resources.begin(), finding.resources.end(),
                       [&](const ResourceResult& result) { return result.status == status; });
  };
  finding.status = has(Status::flawed)    ? Status::flawed
                   : has(Status::unknown) ? Status::unknown
                                          : Status::clean;
  for (const ResourceResult& result : finding.resources) {
    if (result.status == finding.status) {
      finding.evidence.insert(finding.evidence.end(), result.evidence.begin(),
                              result.evidence.end());
    }
  }
  if (finding.status != Status::unknown) finding.unknown_reasons.clear();
  return finding;
}

}  // namespace

std::string_view status_name(Status status) {
  switch (status) {
    case Status::flawed:
      return "flawed";
    case Status::clean:
      return "clean";
    case Status::not_applicable:
      return "not_applicable";
    case Status::unknown:
      return "unknown";
  }
  return "unknown";
}

std::vector<Finding> judge(const ResourceModel& model, const Catalog& catalog) {
  const ConditionEvaluator evaluator(model);
  std::vector<Finding> findings;
  findings.reserve(catalog.rules.size());
  for (const Rule& rule : catalog.rules) {
    Finding finding = rule.whole_response ? judge_whole_response(rule, model, evaluator)
                                          : judge_per_resource(rule, model, evaluator);
    finding.related = related_spans(rule, model);
    sort_unique(finding.evidence);
    sort_unique(finding.related);
    sort_unique(finding.unknown_reasons);
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace respgrade
