#include "report/document_report.h"

#include <stdexcept>
#include <string>

#include "report/html_report.h"
#include "report/junit_report.h"
#include "report/sarif_report.h"

namespace respgrade {

bool is_document_format(std::string_view format) {
  return format == "sarif" || format == "junit" || format == "html";
}

std::unique_ptr<DocumentReport> make_document_report(std::string_view format,
                                                     const Catalog& catalog) {
  if (format == "sarif") return make_sarif_report(catalog);
  if (format == "junit") return make_junit_report();
  if (format == "html") return make_html_report();
  throw std::invalid_argument("not a document format: " + std::string(format));
}

bool claim_fails_bar(const FlawCheck& flaw) {
  return !flaw.claimed.empty() &&
         (flaw.status == ClaimStatus::moved || flaw.status == ClaimStatus::not_reproduced);
}

}  // namespace respgrade
