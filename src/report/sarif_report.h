#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "report/document_report.h"

namespace respgrade {

// SARIF 2.1.0: one run whose tool.driver.rules is the catalog, with a result for each flaw.
// A grade gives a result for each fail and missing verdict, and a "note" for each pattern that
// is flawed in the response but not graded. A check gives the ideal's own flaws, documented
// flaws that do not hold up, and undocumented flaws. A scan gives flawed and unknown patterns.
// Inputs that could not be read become error notifications of the run's invocation.
std::unique_ptr<DocumentReport> make_sarif_report(const Catalog& catalog);

// A file path as a SARIF artifact URI: a relative path stays a relative reference, an absolute
// one becomes a file:// URI, and bytes other than unreserved characters and `/` are
// percent-encoded.
std::string artifact_uri(std::string_view path);

}  // namespace respgrade
