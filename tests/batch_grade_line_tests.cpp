// Checks that the direct grade writer gives exactly the text of the grade JSON tree, dumped
// compactly with invalid UTF-8 replaced, on real grades and on awkward strings.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "grading/grade.h"
#include "report/grade_line.h"
#include "report/grade_report.h"
#include "rules/catalog.h"
#include "rules/scan.h"

namespace {

const std::string kExample = std::string(RESPGRADE_SOURCE_DIR) + "/examples/private-network/";

std::string tree_text(const respgrade::Grade& grade) {
  return respgrade::grade_to_json(grade).dump(-1, ' ', false,
                                              nlohmann::json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("grade line matches the example grades", "[batch][grade-line]") {
  const auto catalog = respgrade::builtin_catalog();
  const auto ideal = respgrade::scan_file(kExample + "IDEAL_RESPONSE.md", *catalog);
  const auto model = respgrade::scan_file(kExample + "MODEL_RESPONSE.md", *catalog);
  const respgrade::Grade failing = respgrade::grade_response(model, ideal);
  const respgrade::Grade passing = respgrade::grade_response(ideal, ideal);
  CHECK(respgrade::grade_to_json_line(failing) == tree_text(failing));
  CHECK(respgrade::grade_to_json_line(passing) == tree_text(passing));
}

TEST_CASE("grade line escapes awkward strings", "[batch][grade-line]") {
  const auto catalog = respgrade::builtin_catalog();
  respgrade::Grade grade;
  grade.response_path = "dir/\"quoted\"\\back\tslash\x01\x1f\x7f/é€𝄞.md";
  grade.ideal_path = "bad\xff\xfe utf-8/\xc3(/\xe0\x80\x80/\xed\xa0\x80/\xf4\x90\x80\x80.md";
  grade.score = 2.0 / 3.0;
  grade.earned_weight = 2;
  grade.graded_weight = 3;
  respgrade::PatternGrade pattern;
  pattern.rule = &catalog->rules.front();
  pattern.note = "line\nbreak\r\b\f";
  pattern.response_evidence.push_back({{3, 4}, {"  x = \"\\u0041\"", "\x02tab\there"}});
  pattern.response_unknown_reasons = {"`f\"{a}\"` on line 3"};
  pattern.diff = "--- a\n+++ b\n";
  grade.patterns.push_back(pattern);
  respgrade::PatternGrade empty;
  empty.rule = &catalog->rules.back();
  grade.patterns.push_back(empty);

  CHECK(respgrade::grade_to_json_line(grade) == tree_text(grade));
  grade.score.reset();
  CHECK(respgrade::grade_to_json_line(grade) == tree_text(grade));
  grade.score = 1.0;
  CHECK(respgrade::grade_to_json_line(grade) == tree_text(grade));
}
