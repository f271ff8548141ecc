#pragma once

#include <memory>

#include "report/document_report.h"

namespace respgrade {

// One self-contained HTML page: inline style and script, no external URL, and a Content
// Security Policy that forbids loading anything. Each graded response and checked task gets a
// section. With more than one graded response, or any batch item, an overview comes first: a
// bar chart of how often each pattern failed, a histogram of the scores, and a table linking
// each response to its section. The charts are drawn by the inline script from JSON embedded
// in a <script type="application/json"> element. Every text that comes from a response, an
// ideal or a results file is escaped.
std::unique_ptr<DocumentReport> make_html_report();

}  // namespace respgrade
