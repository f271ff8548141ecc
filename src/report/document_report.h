#pragma once

#include <iosfwd>
#include <memory>
#include <string_view>

#include "curation/check.h"
#include "grading/grade.h"
#include "rules/catalog.h"
#include "rules/scan.h"

namespace respgrade {

// A report format that makes one document of all of a command's inputs: SARIF, JUnit XML or
// HTML. The command adds each input's result as it goes and calls write() once at the end, so
// that several inputs still give one well-formed document. Each add copies what it needs, so
// the values passed in may be destroyed right after the call.
class DocumentReport {
 public:
  virtual ~DocumentReport() = default;

  // Adds a graded response. `id` names it in a batch and is empty otherwise.
  virtual void add_grade(const Grade& grade, std::string_view id) = 0;

  // Adds a checked task with the two scans it was checked on, whose code the report may show.
  virtual void add_check(const TaskCheck& check, const ScannedResponse& model,
                         const ScannedResponse& ideal) = 0;

  // Adds the findings of one scanned response. Throws std::logic_error in formats that do not
  // render scans (HTML).
  virtual void add_scan(const ScannedResponse& scanned) = 0;

  // Adds an input that could not be processed: its batch id (or empty), path and the error.
  virtual void add_error(std::string_view id, std::string_view input, std::string_view message) = 0;

  // Writes the whole document.
  virtual void write(std::ostream& out) const = 0;
};

// True for "sarif", "junit" and "html", the formats that make_document_report builds.
bool is_document_format(std::string_view format);

// The report for a document format. `catalog` lists the rules a SARIF document describes
// (rules met in results but missing from it are added); it must outlive the report.
std::unique_ptr<DocumentReport> make_document_report(std::string_view format,
                                                     const Catalog& catalog);

// True when a documented flaw makes its task fail the curator's bar, as check_task decides: the
// document claims lines, and the flaw is elsewhere or not there at all.
bool claim_fails_bar(const FlawCheck& flaw);

}  // namespace respgrade
