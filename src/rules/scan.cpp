#include "rules/scan.h"

namespace respgrade {

const Finding* ScannedResponse::finding(std::string_view rule_id) const {
  for (const Finding& finding : findings) {
    if (finding.rule->id == rule_id) return &finding;
  }
  return nullptr;
}

ScannedResponse scan_response(Response response, const Catalog& catalog) {
  ScannedResponse scanned{std::move(response), {}, {}};
  scanned.model = build_model(scanned.response);
  scanned.findings = judge(scanned.model, catalog);
  return scanned;
}

ScannedResponse scan_file(const std::string& path, const Catalog& catalog, std::size_t max_bytes) {
  return scan_response(load_response(path, max_bytes), catalog);
}

}  // namespace respgrade
