// Checks the check command on a project-written task whose failures document uses each form
// of heading and line claim, and on broken task folders.

#include <catch2/catch.hpp>
#include <memory>
#include <sstream>
#include <string>

#include "cli/cli.h"
#include "common/text_file.h"
#include "curation/check.h"
#include "curation/flaw_names.h"
#include "rules/catalog.h"
#include "rules/scan.h"

namespace {

const std::string kFixtures = std::string(RESPGRADE_SOURCE_DIR) + "/fixtures/check/";

// A check together with the scans its findings point into, which must outlive it.
struct CheckedTask {
  respgrade::ScannedResponse model;
  respgrade::ScannedResponse ideal;
  respgrade::TaskCheck check;
};

std::unique_ptr<CheckedTask> check_fixture(const std::string& name) {
  static const auto catalog = respgrade::builtin_catalog();
  const respgrade::TaskFolder task = respgrade::find_task_files(kFixtures + name);
  auto checked =
      std::make_unique<CheckedTask>(CheckedTask{respgrade::scan_file(task.model_response, *catalog),
                                                respgrade::scan_file(task.ideal_response, *catalog),
                                                {}});
  const respgrade::TextFile failures = respgrade::read_text_file(task.failures);
  checked->check =
      respgrade::check_task(task, checked->model, checked->ideal, failures.text, *catalog);
  return checked;
}

std::string rule_of(const respgrade::FlawCheck& flaw) {
  return flaw.rule != nullptr ? flaw.rule->id : "(unmatched)";
}

}  // namespace

TEST_CASE("check reads each claim form", "[check]") {
  const auto checked = check_fixture("network-task");
  const respgrade::TaskCheck& check = checked->check;
  REQUIRE(check.flaws.size() == 9);
  using respgrade::ClaimStatus;
  const struct {
    const char* rule;
    ClaimStatus status;
  } expected[] = {
      {"log-retention-365", ClaimStatus::confirmed},
      {"nat-gateway-per-az", ClaimStatus::moved},
      {"cloudtrail-enabled", ClaimStatus::not_reproduced},
      {"vpc-flow-logs", ClaimStatus::confirmed},
      {"(unmatched)", ClaimStatus::unmatched},
      {"(unmatched)", ClaimStatus::unmatched},
      {"(unmatched)", ClaimStatus::unmatched},
      {"nat-gateway-per-az", ClaimStatus::reproduced},
      {"log-retention-365", ClaimStatus::confirmed},
  };
  for (std::size_t i = 0; i < check.flaws.size(); ++i) {
    INFO(check.flaws[i].flaw.title);
    CHECK(rule_of(check.flaws[i]) == expected[i].rule);
    CHECK(check.flaws[i].status == expected[i].status);
  }
}

TEST_CASE("check resolves file-relative claims", "[check]") {
  const auto checked = check_fixture("network-task");
  const respgrade::TaskCheck& check = checked->check;
  const respgrade::FlawCheck& flow_logs = check.flaws[3];
  REQUIRE(flow_logs.claimed.size() == 1);
  CHECK(flow_logs.claimed.front() == respgrade::Span{15, 15});
  CHECK(flow_logs.notes.front() == "__main__.py line 8 is markdown line 15");
}

TEST_CASE("check ignores claims on the ideal", "[check]") {
  const auto checked = check_fixture("network-task");
  const respgrade::TaskCheck& check = checked->check;
  const respgrade::FlawCheck& redundancy = check.flaws[7];
  CHECK(redundancy.claimed.empty());
  REQUIRE(redundancy.flaw.claims.size() == 1);
  CHECK(redundancy.flaw.claims.front().side == respgrade::ClaimSide::ideal);
  // The fix section's snippet is not looked for; the model one is not in the response.
  REQUIRE(redundancy.notes.size() == 1);
  CHECK(redundancy.notes.front() == "the snippet at document line 34 is not in the model response");
}

TEST_CASE("check locates a snippet without claims", "[check]") {
  const auto checked = check_fixture("network-task");
  const respgrade::TaskCheck& check = checked->check;
  REQUIRE(check.flaws[4].notes.size() == 1);
  CHECK(check.flaws[4].notes.front() ==
        "the snippet at document line 22 is at markdown lines 13 (1 of 1 code lines)");
}

TEST_CASE("check lists undocumented flaws and the bar", "[check]") {
  const auto checked = check_fixture("network-task");
  const respgrade::TaskCheck& check = checked->check;
  REQUIRE(check.undocumented.size() == 1);
  CHECK(check.undocumented.front()->rule->id == "aws-config-recorder");
  CHECK(check.ideal_flaws.empty());
  CHECK_FALSE(check.passes);
  REQUIRE(check.reasons.size() == 1);
  CHECK(check.reasons.front() == "the claim of \"2. Single NAT Gateway (lines 10-12)\" is moved");
}

TEST_CASE("check document without headings", "[check]") {
  const auto checked = check_fixture("no-headings");
  const respgrade::TaskCheck& check = checked->check;
  CHECK(check.flaws.empty());
  CHECK(check.undocumented.size() == 4);
  CHECK(check.passes);
}

TEST_CASE("check task folder with a file missing", "[check]") {
  std::ostringstream out, err;
  CHECK(respgrade::run_cli({"check", kFixtures + "missing-ideal"}, out, err) == 2);
  CHECK(err.str() == "respgrade: " + kFixtures +
                         "missing-ideal: task folder has no IDEAL_RESPONSE.md. Put the file in "
                         "the folder or in its lib/ subfolder\n");
}

TEST_CASE("check exit status follows the bar", "[check]") {
  std::ostringstream out, err;
  CHECK(respgrade::run_cli({"check", kFixtures + "network-task"}, out, err) == 1);
  std::ostringstream out2, err2;
  CHECK(respgrade::run_cli({"check", "--format", "json", kFixtures + "no-headings"}, out2, err2) ==
        0);
  CHECK(out2.str().find("\"passes\":true") != std::string::npos);
}

TEST_CASE("flaw names match whole words in order", "[check]") {
  using respgrade::title_mentions;
  CHECK(title_mentions("5. Single NAT Gateway (Line 95-108)", "single nat"));
  CHECK_FALSE(title_mentions("7. Type Signature Mismatch", "single nat"));
  CHECK_FALSE(title_mentions("7. Type Signature Mismatch", "nat"));
  CHECK(title_mentions("Missing VPC Flow Logs", "missing flow log"));
  CHECK_FALSE(title_mentions("Missing S3 Bucket Policy for Flow Logs", "missing flow log"));
  CHECK(title_mentions("No AWS Config", "no aws+config"));
  CHECK_FALSE(title_mentions("Missing AWS Region Config", "missing aws+config"));
  CHECK(title_mentions("Missing Kinesis Encryption", "kinesis encrypt*"));
  CHECK(title_mentions("API Gateway Without Authentication", "api gateway auth*"));
}

TEST_CASE("line claims in prose", "[check]") {
  const auto claims =
      respgrade::find_line_claims("see lib/database.py, line 49 and line 60", 3, false);
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].file == "lib/database.py");
  CHECK(claims[0].lines == respgrade::Span{49, 49});
  CHECK(claims[1].file == "lib/database.py");
  const auto range = respgrade::find_line_claims("the stream, L12-L20", 3, false);
  REQUIRE(range.size() == 1);
  CHECK(range[0].file.empty());
  CHECK(range[0].lines == respgrade::Span{12, 20});
  const auto ideal = respgrade::find_line_claims("IDEAL_RESPONSE.md lines 5-9", 1, false);
  REQUIRE(ideal.size() == 1);
  CHECK(ideal[0].side == respgrade::ClaimSide::ideal);
  CHECK(respgrade::find_line_claims("the pipeline 5 and inline 7", 1, false).empty());
}
