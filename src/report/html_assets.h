#pragma once

#include <string_view>

namespace respgrade {

// The style sheet inlined into every HTML report.
extern const std::string_view kHtmlReportStyle;

// The script inlined into every HTML report. It reads the JSON of the element with id
// "report-data" and draws the batch charts into the <svg> elements with ids "pattern-chart"
// and "score-chart", creating every node with createElementNS and textContent, never by
// parsing markup, so text from the data cannot become markup.
extern const std::string_view kHtmlReportScript;

}  // namespace respgrade
