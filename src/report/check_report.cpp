#include "report/check_report.h"

#include <ostream>

#include "report/scan_report.h"

namespace respgrade {

namespace {

nlohmann::ordered_json finding_json(const Finding& finding) {
  return {{"rule", finding.rule->id},
          {"severity", severity_name(finding.rule->severity)},
          {"title", finding.rule->title},
          {"evidence", spans_to_json(finding.evidence)}};
}

void print_finding(const std::string& path, const Finding& finding, std::ostream& out) {
  out << "  " << path;
  for (std::size_t i = 0; i < finding.evidence.size(); ++i) {
    out << (i == 0 ? ":" : ",") << span_text(finding.evidence[i]);
  }
  out << ": " << severity_name(finding.rule->severity) << ": " << finding.rule->title << " ["
      << finding.rule->id << "]\n";
}

}  // namespace

nlohmann::ordered_json check_to_json(const TaskCheck& check) {
  nlohmann::ordered_json ideal_flaws = nlohmann::ordered_json::array();
  for (const Finding* finding : check.ideal_flaws) ideal_flaws.push_back(finding_json(*finding));
  nlohmann::ordered_json undocumented = nlohmann::ordered_json::array();
  for (const Finding* finding : check.undocumented) undocumented.push_back(finding_json(*finding));

  nlohmann::ordered_json flaws = nlohmann::ordered_json::array();
  for (const FlawCheck& flaw : check.flaws) {
    nlohmann::ordered_json claims = nlohmann::ordered_json::array();
    for (const LineClaim& claim : flaw.flaw.claims) {
      claims.push_back({{"text", claim.text},
                        {"lines", {claim.lines.first, claim.lines.last}},
                        {"file", claim.file.empty() ? nlohmann::ordered_json()
                                                    : nlohmann::ordered_json(claim.file)},
                        {"side", claim.side == ClaimSide::model ? "model" : "ideal"},
                        {"document_line", claim.document_line}});
    }
    flaws.push_back({{"title", flaw.flaw.title},
                     {"document_line", flaw.flaw.line},
                     {"rule", flaw.rule != nullptr ? nlohmann::ordered_json(flaw.rule->id)
                                                   : nlohmann::ordered_json()},
                     {"status", claim_status_name(flaw.status)},
                     {"claims", std::move(claims)},
                     {"claimed_lines", spans_to_json(flaw.claimed)},
                     {"evidence", spans_to_json(flaw.evidence)},
                     {"notes", flaw.notes}});
  }
  return {{"task", check.task.directory},
          {"model_response", check.task.model_response},
          {"ideal_response", check.task.ideal_response},
          {"failures", check.task.failures},
          {"passes", check.passes},
          {"reasons", check.reasons},
          {"ideal_flaws", std::move(ideal_flaws)},
          {"documented_flaws", std::move(flaws)},
          {"undocumented", std::move(undocumented)}};
}

void print_check_text(const TaskCheck& check, std::ostream& out, bool color) {
  const std::string red = color ? "\033[31m" : "", green = color ? "\033[32m" : "";
  const std::string reset = color ? "\033[0m" : "";
  out << "task: " << check.task.directory << '\n'
      << "verdict: " << (check.passes ? green + "passes" : red + "fails") << reset
      << " the curator's bar\n";
  for (const std::string& reason : check.reasons) out << "  - " << reason << '\n';

  out << "\nThe ideal's own flaws (" << check.ideal_flaws.size() << "):\n";
  for (const Finding* finding : check.ideal_flaws)
    print_finding(check.task.ideal_response, *finding, out);

  out << "\nThe failures document (" << check.flaws.size() << " documented flaws):\n";
  for (const FlawCheck& flaw : check.flaws) {
    out << "  " << check.task.failures << ':' << flaw.flaw.line << ": "
        << claim_status_name(flaw.status);
    if (flaw.rule != nullptr) out << " [" << flaw.rule->id << "]";
    out << " \"" << flaw.flaw.title << "\"";
    if (!flaw.claimed.empty()) {
      out << "; claimed";
      for (const Span& span : flaw.claimed) out << ' ' << span_text(span);
    }
    if (!flaw.evidence.empty()) {
      out << "; found";
      for (const Span& span : flaw.evidence) out << ' ' << span_text(span);
    }
    out << '\n';
    for (const std::string& note : flaw.notes) out << "      " << note << '\n';
  }

  out << "\nFlawed in the model response but not documented (" << check.undocumented.size()
      << "):\n";
  for (const Finding* finding : check.undocumented)
    print_finding(check.task.model_response, *finding, out);
}

}  // namespace respgrade
