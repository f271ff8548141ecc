#include "report/sarif_report.h"

#include <algorithm>
#include <ostream>
#include <vector>

#include "report/json_text.h"
#include "report/scan_report.h"

namespace respgrade {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

// The SARIF level of a severity: the two heavier ones are errors.
const char* severity_level(Severity severity) {
  return severity == Severity::medium ? "warning" : "error";
}

// "log-retention-365" as "LogRetention365", for reportingDescriptor.name.
std::string pascal_case(std::string_view id) {
  std::string name;
  bool upper = true;
  for (const char c : id) {
    if (c == '-') {
      upper = true;
      continue;
    }
    name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return name;
}

Json message(const std::string& text) { return {{"text", text}}; }

Json rule_descriptor(const Rule& rule) {
  return {
      {"id", rule.id},
      {"name", pascal_case(rule.id)},
      {"shortDescription", message(rule.title)},
      {"help", message(rule.fix)},
      {"defaultConfiguration", {{"level", severity_level(rule.severity)}}},
      {"properties",
       {{"severity", severity_name(rule.severity)}, {"weight", severity_weight(rule.severity)}}}};
}

// A location at `path`, with a region when `span` has lines: an absence flaw has none.
Json location(std::string_view path, Span span) {
  Json physical = {{"artifactLocation", {{"uri", artifact_uri(path)}}}};
  if (!span.empty()) physical["region"] = {{"startLine", span.first}, {"endLine", span.last}};
  return {{"physicalLocation", std::move(physical)}};
}

Json locations(std::string_view path, const std::vector<Span>& spans) {
  Json list = Json::array();
  for (const Span& span : spans) list.push_back(location(path, span));
  if (list.empty()) list.push_back(location(path, Span{}));
  return list;
}

std::vector<Span> spans_of(const std::vector<EvidenceCode>& evidence) {
  std::vector<Span> spans;
  for (const EvidenceCode& code : evidence) spans.push_back(code.span);
  return spans;
}

// "IDEAL_RESPONSE.md:33-37", in the style of compiler diagnostics; the bare path when there
// are no lines.
std::string place_text(const std::string& path, const std::vector<Span>& spans) {
  std::string text = path;
  for (std::size_t i = 0; i < spans.size(); ++i) text += (i == 0 ? ":" : ",") + span_text(spans[i]);
  return text;
}

std::string grade_message(const PatternGrade& pattern, const Grade& grade) {
  const Rule& rule = *pattern.rule;
  const std::string ideal = place_text(grade.ideal_path, spans_of(pattern.ideal_evidence));
  switch (pattern.verdict) {
    case Verdict::fail:
      return rule.title + ". The ideal does not have this flaw (" + ideal + "). Fix: " + rule.fix;
    case Verdict::missing:
      return rule.title + ". The response leaves out what the ideal has (" + ideal +
             "). Fix: " + rule.fix;
    default:
      return rule.title + ". Not graded: " + pattern.note;
  }
}

// The ideal's evidence as related locations, so that a viewer can open the fix.
Json ideal_locations(const PatternGrade& pattern, const Grade& grade) {
  Json list = Json::array();
  for (const EvidenceCode& code : pattern.ideal_evidence) {
    Json related = location(grade.ideal_path, code.span);
    related["id"] = list.size();
    related["message"] = message("the ideal's code for this pattern");
    list.push_back(std::move(related));
  }
  return list;
}

class SarifReport final : public DocumentReport {
 public:
  explicit SarifReport(const Catalog& catalog) {
    for (const Rule& rule : catalog.rules) rules_.push_back(rule_descriptor(rule));
  }

  void add_grade(const Grade& grade, std::string_view id) override;
  void add_check(const TaskCheck& check, const ScannedResponse& model,
                 const ScannedResponse& ideal) override;
  void add_scan(const ScannedResponse& scanned) override;
  void add_error(std::string_view id, std::string_view input, std::string_view text) override;
  void write(std::ostream& out) const override;

 private:
  // The index of `rule` in tool.driver.rules, adding it when the catalog lacks it.
  std::size_t rule_index(const Rule& rule);
  void add_result(const Rule& rule, const std::string& level, const std::string& text, Json where,
                  Json properties);
  void add_documented_flaw(const FlawCheck& flaw, const TaskCheck& check);

  Json rules_ = Json::array();
  Json results_ = Json::array();
  Json notifications_ = Json::array();
};

std::size_t SarifReport::rule_index(const Rule& rule) {
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (rules_[i]["id"] == rule.id) return i;
  }
  rules_.push_back(rule_descriptor(rule));
  return rules_.size() - 1;
}

void SarifReport::add_result(const Rule& rule, const std::string& level, const std::string& text,
                             Json where, Json properties) {
  Json result = {{"ruleId", rule.id},
                 {"ruleIndex", rule_index(rule)},
                 {"level", level},
                 {"message", message(text)},
                 {"locations", std::move(where)}};
  if (!properties.empty()) result["properties"] = std::move(properties);
  results_.push_back(std::move(result));
}

void SarifReport::add_grade(const Grade& grade, std::string_view id) {
  for (const PatternGrade& pattern : grade.patterns) {
    const bool graded_flaw =
        pattern.verdict == Verdict::fail || pattern.verdict == Verdict::missing;
    if (!graded_flaw && pattern.response_status != Status::flawed) continue;
    Json properties = {{"verdict", verdict_name(pattern.verdict)}, {"ideal", grade.ideal_path}};
    if (!id.empty()) properties["id"] = id;
    const std::string level = graded_flaw ? severity_level(pattern.rule->severity) : "note";
    add_result(*pattern.rule, level, grade_message(pattern, grade),
               locations(grade.response_path, spans_of(pattern.response_evidence)),
               std::move(properties));
    Json related = ideal_locations(pattern, grade);
    if (!related.empty()) results_.back()["relatedLocations"] = std::move(related);
  }
}

void SarifReport::add_documented_flaw(const FlawCheck& flaw, const TaskCheck& check) {
  if (flaw.rule == nullptr || flaw.status == ClaimStatus::confirmed ||
      flaw.status == ClaimStatus::reproduced) {
    return;
  }
  const bool fails_bar = claim_fails_bar(flaw);
  std::string status(claim_status_name(flaw.status));
  std::replace(status.begin(), status.end(), '_', ' ');
  std::string text = "The documented flaw \"" + flaw.flaw.title + "\" is " + status + " in " +
                     check.task.model_response;
  for (std::size_t i = 0; i < flaw.notes.size(); ++i)
    text += (i == 0 ? ": " : "; ") + flaw.notes[i];
  text += ".";
  Json where = Json::array({location(check.task.failures, Span{flaw.flaw.line, flaw.flaw.line})});
  Json properties = {{"status", claim_status_name(flaw.status)},
                     {"claimed", spans_to_json(flaw.claimed)},
                     {"found", spans_to_json(flaw.evidence)}};
  add_result(*flaw.rule, fails_bar ? "error" : "warning", text, std::move(where),
             std::move(properties));
}

void SarifReport::add_check(const TaskCheck& check, const ScannedResponse&,
                            const ScannedResponse&) {
  for (const Finding* finding : check.ideal_flaws) {
    add_result(
        *finding->rule, severity_level(finding->rule->severity),
        finding->rule->title + ": the ideal answer still has this flaw. Fix: " + finding->rule->fix,
        locations(check.task.ideal_response, finding->evidence), {{"task", check.task.directory}});
  }
  for (const FlawCheck& flaw : check.flaws) add_documented_flaw(flaw, check);
  for (const Finding* finding : check.undocumented) {
    add_result(*finding->rule, "note",
               finding->rule->title + ": flawed in the model response, but " + check.task.failures +
                   " does not document it.",
               locations(check.task.model_response, finding->evidence),
               {{"task", check.task.directory}});
  }
}

void SarifReport::add_scan(const ScannedResponse& scanned) {
  for (const Finding& finding : scanned.findings) {
    const Rule& rule = *finding.rule;
    if (finding.status == Status::flawed) {
      add_result(rule, severity_level(rule.severity), rule.title + ". Fix: " + rule.fix,
                 locations(scanned.response.path, finding.evidence), {});
    } else if (finding.status == Status::unknown) {
      std::string text = rule.title + ": unknown, because a value it depends on is unresolved.";
      for (const std::string& reason : finding.unknown_reasons) text += " " + reason + ".";
      add_result(rule, "note", text, locations(scanned.response.path, finding.evidence), {});
    }
  }
}

void SarifReport::add_error(std::string_view id, std::string_view input, std::string_view text) {
  Json notification = {{"level", "error"},
                       {"message", message(std::string(text))},
                       {"locations", Json::array({location(input, Span{})})}};
  if (!id.empty()) notification["properties"] = {{"id", id}};
  notifications_.push_back(std::move(notification));
}

void SarifReport::write(std::ostream& out) const {
  // The version `respgrade --version` prints.
  Json driver = {{"name", "respgrade"}, {"version", "0.1.0"}, {"rules", rules_}};
  Json invocation = {{"executionSuccessful", notifications_.empty()},
                     {"toolExecutionNotifications", notifications_}};
  Json run = {{"tool", {{"driver", std::move(driver)}}},
              {"invocations", Json::array({std::move(invocation)})},
              {"results", results_}};
  Json log = {{"$schema", kSchemaUri}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
  out << json_text(log, 2) << '\n';
}

}  // namespace

std::unique_ptr<DocumentReport> make_sarif_report(const Catalog& catalog) {
  return std::make_unique<SarifReport>(catalog);
}

std::string artifact_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = path.starts_with('/') ? "file://" : "";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~' || c == '/';
    if (unreserved) {
      uri += c;
    } else {
      uri += '%';
      uri += kHex[byte >> 4];
      uri += kHex[byte & 0xF];
    }
  }
  return uri;
}

}  // namespace respgrade
