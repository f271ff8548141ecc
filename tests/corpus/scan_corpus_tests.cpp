// Checks scan on the task the built-in catalog comes from: the model answer has all fifteen
// flaws at the documented lines, the ideal fixes twelve and keeps three.

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/text_file.h"
#include "corpus_path.h"
#include "curation/check.h"
#include "grading/grade.h"
#include "rules/catalog.h"
#include "rules/scan.h"

namespace {

using respgrade::Span;
using respgrade::Status;

std::string pr4898(const std::string& kind) {
  return (respgrade_test::corpus_dir() / "pulumi-py" / "Pr4898" / (kind + "_RESPONSE.md")).string();
}

}  // namespace

TEST_CASE("scan Pr4898 model answer", "[corpus][scan]") {
  const auto catalog = respgrade::builtin_catalog();
  const respgrade::ScannedResponse scanned = respgrade::scan_file(pr4898("MODEL"), *catalog);

  const std::map<std::string, std::vector<Span>> expected = {
      {"kinesis-stream-encryption", {{276, 286}}},
      {"elasticache-transit-encryption", {{362, 362}}},
      {"log-retention-365", {{172, 172}}},
      {"iam-admin-access", {{409, 409}}},
      {"nat-gateway-per-az", {{103, 109}}},
      {"cloudtrail-enabled", {}},
      {"api-gateway-authorization", {{546, 552}}},
      {"vpc-flow-logs", {{48, 55}}},
      {"aws-config-recorder", {}},
      {"efs-backup-policy", {{369, 378}}},
      {"rds-performance-insights", {{319, 338}}},
      {"ecs-container-health-check", {{456, 488}}},
      {"efs-transit-encryption", {{369, 378}}},
      {"alb-access-logs", {{494, 504}}},
      {"ecs-exec-command-encryption", {{435, 444}}},
  };
  REQUIRE(scanned.findings.size() == 15);
  for (const auto& [id, spans] : expected) {
    INFO(id);
    const respgrade::Finding* finding = scanned.finding(id);
    REQUIRE(finding != nullptr);
    CHECK(finding->status == Status::flawed);
    CHECK(finding->evidence == spans);
  }
}

TEST_CASE("scan Pr4898 ideal answer", "[corpus][scan]") {
  const auto catalog = respgrade::builtin_catalog();
  const respgrade::ScannedResponse scanned = respgrade::scan_file(pr4898("IDEAL"), *catalog);

  const std::map<std::string, std::vector<Span>> still_flawed = {
      {"api-gateway-authorization", {{945, 957}}},
      {"efs-transit-encryption", {{595, 606}}},
      {"ecs-exec-command-encryption", {{756, 775}}},
  };
  for (const respgrade::Finding& finding : scanned.findings) {
    INFO(finding.rule->id);
    const auto flawed = still_flawed.find(finding.rule->id);
    if (flawed == still_flawed.end()) {
      CHECK(finding.status == Status::clean);
      continue;
    }
    CHECK(finding.status == Status::flawed);
    CHECK(finding.evidence == flawed->second);
  }
}

TEST_CASE("scan every corpus response", "[corpus][scan]") {
  namespace fs = std::filesystem;
  const auto catalog = respgrade::builtin_catalog();
  int scanned_count = 0, refused = 0;
  for (const auto& task : fs::directory_iterator(respgrade_test::corpus_dir() / "pulumi-py")) {
    for (const char* name : {"MODEL_RESPONSE.md", "IDEAL_RESPONSE.md"}) {
      const fs::path path = task.path() / name;
      if (!fs::exists(path)) continue;
      try {
        const auto scanned = respgrade::scan_file(path.string(), *catalog);
        CHECK(scanned.findings.size() == catalog->rules.size());
        ++scanned_count;
      } catch (const respgrade::InputError& error) {
        // Two answers hold a Windows-1252 byte and are refused as invalid UTF-8.
        CHECK(std::string(error.what()).find("invalid UTF-8") != std::string::npos);
        ++refused;
      }
    }
  }
  CHECK(scanned_count + refused == 378);
  CHECK(refused <= 2);
}

TEST_CASE("grade Pr4898 model against its ideal", "[corpus][grade]") {
  const auto catalog = respgrade::builtin_catalog();
  const auto ideal = respgrade::scan_file(pr4898("IDEAL"), *catalog);
  const auto model = respgrade::scan_file(pr4898("MODEL"), *catalog);
  const respgrade::Grade grade = respgrade::grade_response(model, ideal);
  REQUIRE(grade.score.has_value());
  CHECK(*grade.score == 0.0);
  CHECK(grade.failed == 12);
  CHECK(grade.not_graded == 3);
  for (const auto& pattern : grade.patterns) {
    if (pattern.verdict != respgrade::Verdict::not_graded) continue;
    INFO(pattern.rule->id);
    CHECK((pattern.rule->id == "api-gateway-authorization" ||
           pattern.rule->id == "efs-transit-encryption" ||
           pattern.rule->id == "ecs-exec-command-encryption"));
    CHECK(pattern.note.starts_with("not graded: the ideal still has this flaw"));
  }

  const respgrade::Grade itself = respgrade::grade_response(ideal, ideal);
  REQUIRE(itself.score.has_value());
  CHECK(*itself.score == 1.0);
}

TEST_CASE("check Pr4898 maps all fifteen flaws", "[corpus][check]") {
  const auto catalog = respgrade::builtin_catalog();
  const auto task =
      respgrade::find_task_files((respgrade_test::corpus_dir() / "pulumi-py" / "Pr4898").string());
  const auto model = respgrade::scan_file(task.model_response, *catalog);
  const auto ideal = respgrade::scan_file(task.ideal_response, *catalog);
  const auto failures = respgrade::read_text_file(task.failures);
  const respgrade::TaskCheck check =
      respgrade::check_task(task, model, ideal, failures.text, *catalog);

  REQUIRE(check.flaws.size() == 15);
  int with_claims = 0;
  for (std::size_t i = 0; i < check.flaws.size(); ++i) {
    const respgrade::FlawCheck& flaw = check.flaws[i];
    INFO(flaw.flaw.title);
    REQUIRE(flaw.rule != nullptr);
    CHECK(flaw.rule->id == catalog->rules[i].id);
    if (flaw.flaw.claims.empty()) continue;
    ++with_claims;
    CHECK(flaw.status == respgrade::ClaimStatus::confirmed);
  }
  CHECK(with_claims == 7);
  REQUIRE(check.ideal_flaws.size() == 3);
  CHECK(check.ideal_flaws[0]->rule->id == "api-gateway-authorization");
  CHECK(check.ideal_flaws[1]->rule->id == "efs-transit-encryption");
  CHECK(check.ideal_flaws[2]->rule->id == "ecs-exec-command-encryption");
  CHECK(check.undocumented.empty());
  CHECK_FALSE(check.passes);
}
