#pragma once

#include <deque>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "grading/grade.h"
#include "report/document_report.h"
#include "rules/catalog.h"

namespace respgrade {

// One line of a batch results file: a graded response, or an item that could not be graded.
struct BatchResult {
  std::string id;
  std::string response;
  std::optional<Grade> grade;  // its rules point into the enclosing BatchResults
  std::string error;           // set when grade is empty
};

// The lines of a batch results file, read back into grades, with the rules those grades point
// to. The rules come from the lines themselves (id, title, severity and fix), so a file graded
// with any catalog reads back. Move-only, because the grades point into `rules`.
struct BatchResults {
  BatchResults() = default;
  BatchResults(const BatchResults&) = delete;
  BatchResults& operator=(const BatchResults&) = delete;
  BatchResults(BatchResults&&) = default;
  BatchResults& operator=(BatchResults&&) = default;

  std::deque<Rule> rules;  // a deque, so that adding a rule moves none of the others
  std::vector<BatchResult> items;
};

// Adds one line of `respgrade batch` output: the grade JSON with "id" first, or
// {"id", "response", "error"}. Throws InputError naming `where` when a field is missing or of
// the wrong type.
void add_batch_result(BatchResults& results, const nlohmann::json& line, const std::string& where);

// Reads batch results, one JSON object a line; blank lines are skipped. `source` names the
// input in errors, which give its line number.
BatchResults read_batch_results(std::istream& in, const std::string& source);

// Adds every item to `document`: each grade with its batch id, and each item that could not be
// graded as an error.
void add_batch_results(const BatchResults& results, DocumentReport& document);

}  // namespace respgrade
