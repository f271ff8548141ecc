#include "report/scan_report.h"

#include <ostream>

#include "report/model_report.h"

namespace respgrade {

std::string span_text(Span span) {
  if (span.first == span.last) return std::to_string(span.first);
  return std::to_string(span.first) + "-" + std::to_string(span.last);
}

nlohmann::ordered_json spans_to_json(const std::vector<Span>& spans) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Span& span : spans) list.push_back({span.first, span.last});
  return list;
}

nlohmann::ordered_json scan_to_json(const ScannedResponse& scanned) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const Finding& finding : scanned.findings) {
    nlohmann::ordered_json entry = {{"rule", finding.rule->id},
                                    {"title", finding.rule->title},
                                    {"severity", severity_name(finding.rule->severity)},
                                    {"status", status_name(finding.status)},
                                    {"evidence", spans_to_json(finding.evidence)}};
    if (!finding.unknown_reasons.empty()) entry["unknown_reasons"] = finding.unknown_reasons;
    nlohmann::ordered_json resources = nlohmann::ordered_json::array();
    for (const ResourceResult& result : finding.resources) {
      resources.push_back({{"type", result.resource->type},
                           {"name", result.resource->name},
                           {"lines", {result.resource->span.first, result.resource->span.last}},
                           {"status", status_name(result.status)}});
    }
    if (!resources.empty()) entry["resources"] = std::move(resources);
    findings.push_back(std::move(entry));
  }
  return {{"file", scanned.response.path},
          {"resource_count", scanned.model.resources.size()},
          {"syntax_error_lines", scanned.model.syntax_error_lines},
          {"findings", std::move(findings)}};
}

void print_scan_text(const ScannedResponse& scanned, std::ostream& out) {
  const std::string& path = scanned.response.path;
  int counts[4] = {0, 0, 0, 0};
  std::string not_applicable;
  for (const Finding& finding : scanned.findings) {
    ++counts[static_cast<int>(finding.status)];
    if (finding.status == Status::not_applicable) {
      not_applicable += (not_applicable.empty() ? "" : ", ") + finding.rule->id;
      continue;
    }
    out << path;
    for (std::size_t i = 0; i < finding.evidence.size(); ++i) {
      out << (i == 0 ? ":" : ",") << span_text(finding.evidence[i]);
    }
    out << ": " << status_name(finding.status) << ": " << severity_name(finding.rule->severity)
        << ": " << finding.rule->title << " [" << finding.rule->id << "]\n";
    for (const std::string& reason : finding.unknown_reasons) out << "  note: " << reason << '\n';
  }
  if (!not_applicable.empty()) out << path << ": not applicable: " << not_applicable << '\n';
  if (!scanned.model.syntax_error_lines.empty()) {
    out << path << ": note: syntax errors on lines";
    for (int line : scanned.model.syntax_error_lines) out << ' ' << line;
    out << "; findings near them may be incomplete\n";
  }
  out << path << ": " << counts[0] << " flawed, " << counts[1] << " clean, " << counts[2]
      << " not applicable, " << counts[3] << " unknown\n";
}

}  // namespace respgrade
