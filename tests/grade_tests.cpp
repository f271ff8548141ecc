// Checks grading on the bundled example task, whose answer fixes some flaws and not others.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/cli.h"
#include "grading/grade.h"
#include "rules/catalog.h"
#include "rules/scan.h"

namespace {

const std::string kExample = std::string(RESPGRADE_SOURCE_DIR) + "/examples/private-network/";

const respgrade::PatternGrade& pattern(const respgrade::Grade& grade, const std::string& id) {
  for (const auto& entry : grade.patterns) {
    if (entry.rule->id == id) return entry;
  }
  FAIL("no pattern " << id);
  throw;
}

}  // namespace

TEST_CASE("grade example scores by the weights", "[grade]") {
  const auto catalog = respgrade::builtin_catalog();
  const auto ideal = respgrade::scan_file(kExample + "IDEAL_RESPONSE.md", *catalog);
  const auto response = respgrade::scan_file(kExample + "MODEL_RESPONSE.md", *catalog);
  const respgrade::Grade grade = respgrade::grade_response(response, ideal);

  // Passing: cloudtrail and iam (critical, 3 each). Failing: log retention and the NAT gateway
  // (critical, 3 each), flow logs and the Config recorder (high, 2 each). 6 of 16.
  CHECK(grade.earned_weight == 6);
  CHECK(grade.graded_weight == 16);
  REQUIRE(grade.score.has_value());
  CHECK(*grade.score == Approx(0.375));
  CHECK(grade.passed == 2);
  CHECK(grade.failed == 4);
  CHECK(grade.missing == 0);
  CHECK(grade.not_graded == 9);
  CHECK(pattern(grade, "cloudtrail-enabled").verdict == respgrade::Verdict::pass);
  CHECK(pattern(grade, "nat-gateway-per-az").verdict == respgrade::Verdict::fail);
  CHECK(pattern(grade, "kinesis-stream-encryption").verdict == respgrade::Verdict::not_graded);
}

TEST_CASE("grade lists failures first", "[grade]") {
  const auto catalog = respgrade::builtin_catalog();
  const auto ideal = respgrade::scan_file(kExample + "IDEAL_RESPONSE.md", *catalog);
  const auto response = respgrade::scan_file(kExample + "MODEL_RESPONSE.md", *catalog);
  const respgrade::Grade grade = respgrade::grade_response(response, ideal);
  REQUIRE(grade.patterns.size() == 15);
  CHECK(grade.patterns.front().verdict == respgrade::Verdict::fail);
  CHECK(grade.patterns.front().rule->severity == respgrade::Severity::critical);
  CHECK(grade.patterns.back().verdict == respgrade::Verdict::pass);
}

TEST_CASE("grade diff shows the fix", "[grade]") {
  const auto catalog = respgrade::builtin_catalog();
  const auto ideal = respgrade::scan_file(kExample + "IDEAL_RESPONSE.md", *catalog);
  const auto response = respgrade::scan_file(kExample + "MODEL_RESPONSE.md", *catalog);
  const respgrade::Grade grade = respgrade::grade_response(response, ideal);
  const std::string& diff = pattern(grade, "log-retention-365").diff;
  CHECK(diff.find("@@ -38,1 +42,1 @@") != std::string::npos);
  CHECK(diff.find("-retention_in_days=30,") != std::string::npos);
  CHECK(diff.find("+retention_in_days=365,") != std::string::npos);
}

TEST_CASE("grade ideal against itself scores one", "[grade]") {
  std::ostringstream out, err;
  const int status = respgrade::run_cli({"grade", kExample + "IDEAL_RESPONSE.md", "--ideal",
                                         kExample + "IDEAL_RESPONSE.md", "--fail-under", "1"},
                                        out, err);
  CHECK(status == 0);
  CHECK(out.str().find("score:    1.00 (16 of 16 weighted points)") != std::string::npos);
}

TEST_CASE("grade fail-under sets exit status", "[grade]") {
  std::ostringstream out, err;
  const std::vector<std::string> args = {"grade",        kExample + "MODEL_RESPONSE.md",
                                         "--ideal",      kExample + "IDEAL_RESPONSE.md",
                                         "--format",     "json",
                                         "--fail-under", "0.5"};
  CHECK(respgrade::run_cli(args, out, err) == 1);
  const auto json = nlohmann::json::parse(out.str());
  CHECK(json["score"] == 0.375);
  CHECK(json["counts"]["fail"] == 4);
  CHECK(json["patterns"][0]["verdict"] == "fail");
}

TEST_CASE("grade missing ideal exits two", "[grade]") {
  std::ostringstream out, err;
  CHECK(respgrade::run_cli({"grade", kExample + "MODEL_RESPONSE.md", "--ideal", "/no/such.md"}, out,
                           err) == 2);
  CHECK(err.str() == "respgrade: /no/such.md: file not found. Check the path\n");
}
