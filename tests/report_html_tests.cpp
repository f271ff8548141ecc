// Checks the HTML printer on the page's text. The hostile fixture's markup must come out
// escaped, the embedded chart data must not close its element, several inputs must make one
// page, and the side-by-side view must mark the lines the diff changes. The browser test
// report_html_browser loads the same pages in Chromium.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "grading/grade.h"
#include "report/html_side_by_side.h"
#include "report/markup_escape.h"
#include "rules/catalog.h"
#include "rules/scan.h"

namespace {

const std::string kSource = RESPGRADE_SOURCE_DIR;
const std::string kExample = kSource + "/examples/private-network/";
const std::string kHostile = kSource + "/fixtures/reports/hostile/";

std::string run_html(const std::vector<std::string>& args, int expected_status) {
  std::ostringstream out, err;
  CHECK(respgrade::run_cli(args, out, err) == expected_status);
  return out.str();
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// The text between the embedded data's opening tag and the next `</script`.
std::string embedded_data(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"report-data\">";
  const auto start = page.find(open);
  REQUIRE(start != std::string::npos);
  const auto end = page.find("</script", start);
  return page.substr(start + open.size(), end - start - open.size());
}

const respgrade::PatternGrade& pattern_of(const respgrade::Grade& grade, const std::string& id) {
  for (const auto& pattern : grade.patterns) {
    if (pattern.rule->id == id) return pattern;
  }
  FAIL("no pattern " << id);
  throw;
}

}  // namespace

TEST_CASE("html hostile grade has no injected tags", "[report][html]") {
  const std::string page = run_html({"grade", kHostile + "MODEL_RESPONSE.md", "--ideal",
                                     kHostile + "IDEAL_RESPONSE.md", "--format", "html"},
                                    0);
  // The report's own two script elements, and nothing the input could have opened.
  CHECK(occurrences(page, "<script") == 2);
  CHECK(occurrences(page, "</script>") == 2);
  CHECK(occurrences(page, "<img") == 0);
  CHECK(occurrences(page, "<svg onload") == 0);
  CHECK(occurrences(page, "<b>") == 0);
  CHECK(occurrences(page, "</textarea>") == 0);
  CHECK(occurrences(page, "</style><style>") == 0);
  CHECK(page.find("# &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x "
                  "onerror=alert(1)&gt; &amp;amp; ]]&gt;") != std::string::npos);
  CHECK(page.find("&quot;events&lt;svg onload=alert(1)&gt;&quot;,") != std::string::npos);
}

TEST_CASE("html hostile check has no injected tags", "[report][html]") {
  const std::string page = run_html({"check", kHostile, "--format", "html"}, 1);
  CHECK(occurrences(page, "<script") == 2);
  CHECK(occurrences(page, "<b>") == 0);
  CHECK(page.find("1. Log retention too short &lt;/script&gt;&lt;script&gt;alert(3)&lt;/"
                  "script&gt; (Line 17)") != std::string::npos);
  CHECK(page.find("2. Kinesis stream not encrypted &lt;b&gt;at rest&lt;/b&gt;") !=
        std::string::npos);
}

TEST_CASE("html check shows the three parts", "[report][html]") {
  const std::string page = run_html({"check", kHostile, "--format", "html"}, 1);
  CHECK(page.find("<h3>The ideal's own flaws (2)</h3>") != std::string::npos);
  CHECK(page.find("documented flaws)</h3>") != std::string::npos);
  CHECK(page.find("<h3>Flawed in the model response but not documented (2)</h3>") !=
        std::string::npos);
  CHECK(page.find("<span class=\"badge moved\">moved</span>") != std::string::npos);
  CHECK(page.find("<span class=\"badge confirmed\">confirmed</span>") != std::string::npos);
}

TEST_CASE("html several responses make one page", "[report][html]") {
  const std::string page =
      run_html({"grade", kExample + "MODEL_RESPONSE.md", kHostile + "MODEL_RESPONSE.md",
                kSource + "/no-such-response.md", "--ideal", kExample + "IDEAL_RESPONSE.md",
                "--format", "html"},
               2);
  CHECK(occurrences(page, "<!DOCTYPE html>") == 1);
  CHECK(occurrences(page, "</html>") == 1);
  CHECK(occurrences(page, "<section class=\"response\"") == 2);
  CHECK(page.find("<a href=\"#r-1\">") != std::string::npos);
  CHECK(page.find("<a href=\"#r-2\">") != std::string::npos);
  CHECK(page.find("<svg id=\"pattern-chart\"") != std::string::npos);
  CHECK(page.find("<h2>Inputs that could not be read</h2>") != std::string::npos);
}

TEST_CASE("html page loads nothing from outside", "[report][html]") {
  const std::string page = run_html({"grade", kExample + "MODEL_RESPONSE.md", "--ideal",
                                     kExample + "IDEAL_RESPONSE.md", "--format", "html"},
                                    0);
  CHECK(page.find("default-src 'none'") != std::string::npos);
  const std::regex external(R"((src|href)\s*=\s*"?(https?:|//))", std::regex::icase);
  CHECK_FALSE(std::regex_search(page, external));
}

TEST_CASE("html chart data counts failures", "[report][html]") {
  const std::string page =
      run_html({"grade", kExample + "MODEL_RESPONSE.md", kExample + "IDEAL_RESPONSE.md", "--ideal",
                kExample + "IDEAL_RESPONSE.md", "--format", "html"},
               0);
  const auto data = nlohmann::json::parse(embedded_data(page));
  REQUIRE(data["patterns"].size() == 15);
  CHECK(data["patterns"][0]["failed"] == 1);  // worst first: one of the two responses fails
  CHECK(data["patterns"][0]["graded"] == 2);
  REQUIRE(data["score_bins"].size() == 10);
  CHECK(data["score_bins"][3]["count"] == 1);  // 0.375
  CHECK(data["score_bins"][9]["count"] == 1);  // 1.0, the ideal against itself
}

TEST_CASE("json for script escapes markup characters", "[report][html]") {
  const nlohmann::ordered_json value = {{"title", "</script><!-- & <img src=x>"}};
  const std::string text = respgrade::json_for_script(value);
  CHECK(text.find('<') == std::string::npos);
  CHECK(text.find('>') == std::string::npos);
  CHECK(text.find('&') == std::string::npos);
  CHECK(nlohmann::ordered_json::parse(text) == value);
}

TEST_CASE("escape markup covers text and attributes", "[report][html]") {
  CHECK(respgrade::escape_markup("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(respgrade::escape_markup("tab\tline\nreturn\r") == "tab\tline\nreturn\r");
  CHECK(respgrade::escape_markup(std::string("bell\x07") + "esc\x1b") ==
        "bell\xEF\xBF\xBD"
        "esc\xEF\xBF\xBD");
  CHECK(respgrade::escape_markup("caf\xC3\xA9") == "caf\xC3\xA9");
}

TEST_CASE("escape markup replaces bytes that are not UTF-8", "[report][html]") {
  // Once a bug: a file name with byte 0xE9 went raw into JUnit XML and HTML, which XML readers
  // reject.
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(respgrade::escape_markup("caf\xE9.md") == "caf" + replacement + ".md");
  CHECK(respgrade::escape_markup("\xF0\x9F\x99\x82") == "\xF0\x9F\x99\x82");  // U+1F642
  CHECK(respgrade::escape_markup("\xC0\xAF") == replacement + replacement);   // overlong
  CHECK(respgrade::escape_markup("\xED\xA0\x80") == replacement + replacement + replacement);
  CHECK(respgrade::escape_markup("\xF4\x90\x80\x80") ==
        replacement + replacement + replacement + replacement);  // past U+10FFFF
  CHECK(respgrade::escape_markup("cut\xE2\x82") == "cut" + replacement + replacement);
}

TEST_CASE("side by side marks changed lines", "[report][html]") {
  const auto catalog = respgrade::builtin_catalog();
  const auto ideal = respgrade::scan_file(kExample + "IDEAL_RESPONSE.md", *catalog);
  const auto response = respgrade::scan_file(kExample + "MODEL_RESPONSE.md", *catalog);
  const respgrade::Grade grade = respgrade::grade_response(response, ideal);
  const auto rows = respgrade::side_by_side_rows(pattern_of(grade, "nat-gateway-per-az"));
  // Response 30-34 against ideal 33-37: the call and name lines differ, then allocation_id
  // is the same, subnet_id differs, and the closing parenthesis is the same.
  REQUIRE(rows.size() == 5);
  const int response_lines[] = {30, 31, 32, 33, 34};
  const int ideal_lines[] = {33, 34, 35, 36, 37};
  const bool changed[] = {true, true, false, true, false};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    REQUIRE(rows[i].response.has_value());
    REQUIRE(rows[i].ideal.has_value());
    CHECK(rows[i].response->line == response_lines[i]);
    CHECK(rows[i].ideal->line == ideal_lines[i]);
    CHECK(rows[i].response->changed == changed[i]);
    CHECK(rows[i].ideal->changed == changed[i]);
  }
}

TEST_CASE("side by side of an absence has one side", "[report][html]") {
  const auto catalog = respgrade::builtin_catalog();
  const auto ideal = respgrade::scan_file(kExample + "IDEAL_RESPONSE.md", *catalog);
  const auto response = respgrade::scan_file(kExample + "MODEL_RESPONSE.md", *catalog);
  const respgrade::Grade grade = respgrade::grade_response(response, ideal);
  const auto rows = respgrade::side_by_side_rows(pattern_of(grade, "aws-config-recorder"));
  REQUIRE(rows.size() == 5);  // ideal lines 85-89
  for (const auto& row : rows) {
    CHECK_FALSE(row.response.has_value());
    REQUIRE(row.ideal.has_value());
    CHECK(row.ideal->changed);
  }
}

TEST_CASE("side by side falls back without a fitting diff", "[report][html]") {
  respgrade::PatternGrade pattern;
  pattern.response_evidence = {{{10, 11}, {"a", "b"}}};
  pattern.ideal_evidence = {{{20, 20}, {"c"}}};
  pattern.diff = "--- x\n+++ y\n@@ -10,2 +20,1 @@\n-a\n-b\n-extra\n+c\n";  // one line too many
  const auto rows = respgrade::side_by_side_rows(pattern);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].response->line == 10);
  CHECK(rows[0].ideal->line == 20);
  CHECK_FALSE(rows[0].response->changed);
  CHECK(rows[1].response->line == 11);
  CHECK_FALSE(rows[1].ideal.has_value());
}
