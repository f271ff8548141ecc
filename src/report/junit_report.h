#pragma once

#include <memory>

#include "report/document_report.h"

namespace respgrade {

// JUnit XML: a <testsuites> document with one <testsuite> per response (or task), named by its
// path, and one <testcase> per pattern. A failed or missing verdict is a <failure> whose text
// has the evidence lines of both sides, the fix and the diff; a pattern not graded is
// <skipped> with the reason. For a task check, each pattern's status in the ideal and each
// documented flaw is a test case, failing where the task fails the curator's bar. An input that
// could not be read is a suite with one <error>. Every count is in the attributes.
std::unique_ptr<DocumentReport> make_junit_report();

}  // namespace respgrade
