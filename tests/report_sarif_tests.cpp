// Checks the SARIF printer on the bundled example and the hostile fixture: the catalog as the
// driver's rules, one result per flaw located at its lines, and one document for several
// inputs. Validation against the SARIF schema is the CTest test report_sarif_schema.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "report/sarif_report.h"

namespace {

using nlohmann::json;

const std::string kSource = RESPGRADE_SOURCE_DIR;
const std::string kExample = kSource + "/examples/private-network/";
const std::string kHostile = kSource + "/fixtures/reports/hostile";

struct Output {
  int status;
  std::string out;
  std::string err;
};

Output run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = respgrade::run_cli(args, out, err);
  return {status, out.str(), err.str()};
}

const json& find_rule(const json& rules, const std::string& id) {
  for (const json& rule : rules) {
    if (rule["id"] == id) return rule;
  }
  FAIL("no rule " << id);
  throw;
}

const json& find_result(const json& results, const std::string& rule) {
  for (const json& result : results) {
    if (result["ruleId"] == rule) return result;
  }
  FAIL("no result for " << rule);
  throw;
}

json grade_example_sarif() {
  const Output output = run({"grade", kExample + "MODEL_RESPONSE.md", "--ideal",
                             kExample + "IDEAL_RESPONSE.md", "--format", "sarif"});
  REQUIRE(output.status == 0);
  return json::parse(output.out);
}

}  // namespace

TEST_CASE("sarif log has one run of respgrade", "[report][sarif]") {
  const json log = grade_example_sarif();
  CHECK(log["version"] == "2.1.0");
  CHECK(log["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
  REQUIRE(log["runs"].size() == 1);
  CHECK(log["runs"][0]["tool"]["driver"]["name"] == "respgrade");
}

TEST_CASE("sarif driver rules are the catalog", "[report][sarif]") {
  const json rules = grade_example_sarif()["runs"][0]["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 15);
  const json& retention = find_rule(rules, "log-retention-365");
  CHECK(retention["name"] == "LogRetention365");
  CHECK(retention["shortDescription"]["text"] ==
        "CloudWatch log group kept for less than 365 days");
  CHECK(retention["help"]["text"].get<std::string>().starts_with("Set retention_in_days"));
  CHECK(retention["defaultConfiguration"]["level"] == "error");
  CHECK(find_rule(rules, "vpc-flow-logs")["defaultConfiguration"]["level"] == "error");
  CHECK(find_rule(rules, "rds-performance-insights")["defaultConfiguration"]["level"] == "warning");
}

TEST_CASE("sarif grade results are the failed patterns", "[report][sarif]") {
  const json run = grade_example_sarif()["runs"][0];
  const json& results = run["results"];
  // The example fails four patterns; the response has none of the nine not graded.
  REQUIRE(results.size() == 4);
  for (const json& result : results) {
    const json& rule = run["tool"]["driver"]["rules"][result["ruleIndex"].get<std::size_t>()];
    CHECK(rule["id"] == result["ruleId"]);
    CHECK(result["properties"]["verdict"] == "fail");
  }
  const json& retention = find_result(results, "log-retention-365");
  CHECK(retention["level"] == "error");
  const json& location = retention["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"].get<std::string>().ends_with("MODEL_RESPONSE.md"));
  CHECK(location["region"]["startLine"] == 38);
  CHECK(location["region"]["endLine"] == 38);
  CHECK(retention["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 42);
  CHECK(retention["message"]["text"].get<std::string>().find("Fix: Set retention_in_days") !=
        std::string::npos);
}

TEST_CASE("sarif absence flaw has no region", "[report][sarif]") {
  const json results = grade_example_sarif()["runs"][0]["results"];
  const json& config = find_result(results, "aws-config-recorder");
  REQUIRE(config["locations"].size() == 1);
  CHECK_FALSE(config["locations"][0]["physicalLocation"].contains("region"));
}

TEST_CASE("sarif several inputs make one document", "[report][sarif]") {
  const Output output = run({"grade", kExample + "MODEL_RESPONSE.md",
                             kHostile + "/MODEL_RESPONSE.md", kSource + "/no-such-response.md",
                             "--ideal", kExample + "IDEAL_RESPONSE.md", "--format", "sarif"});
  CHECK(output.status == 2);
  // json::parse rejects trailing text, so this fails if a second document follows.
  const json log = json::parse(output.out);
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  std::size_t example = 0, hostile = 0;
  for (const json& result : run["results"]) {
    const std::string uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    example += uri.find("private-network") != std::string::npos ? 1 : 0;
    hostile += uri.find("hostile") != std::string::npos ? 1 : 0;
  }
  CHECK(example == 4);
  CHECK(hostile > 0);
  const json& invocation = run["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  REQUIRE(invocation["toolExecutionNotifications"].size() == 1);
  CHECK(invocation["toolExecutionNotifications"][0]["message"]["text"].get<std::string>().find(
            "no-such-response.md") != std::string::npos);
}

TEST_CASE("sarif check reports what fails the bar", "[report][sarif]") {
  const Output output = run({"check", kHostile, "--format", "sarif"});
  CHECK(output.status == 1);
  const json results = json::parse(output.out)["runs"][0]["results"];
  int ideal = 0, claims = 0, undocumented = 0;
  for (const json& result : results) {
    const std::string uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    if (uri.ends_with("IDEAL_RESPONSE.md")) ++ideal;
    if (uri.ends_with("MODEL_FAILURES.md")) {
      ++claims;
      CHECK(result["ruleId"] == "kinesis-stream-encryption");
      CHECK(result["level"] == "error");
      CHECK(result["locations"][0]["physicalLocation"]["region"]["startLine"] == 7);
    }
    if (uri.ends_with("MODEL_RESPONSE.md")) {
      ++undocumented;
      CHECK(result["level"] == "note");
    }
  }
  CHECK(ideal == 2);         // cloudtrail-enabled and aws-config-recorder
  CHECK(claims == 1);        // the moved claim; the confirmed one is no result
  CHECK(undocumented == 2);  // the same two patterns, flawed in the model response too
}

TEST_CASE("sarif scan reports flawed patterns", "[report][sarif]") {
  const Output output = run({"scan", kExample + "MODEL_RESPONSE.md", "--format", "sarif"});
  CHECK(output.status == 0);
  const json results = json::parse(output.out)["runs"][0]["results"];
  CHECK(results.size() == 4);
  const json& nat = find_result(results, "nat-gateway-per-az");
  CHECK(nat["locations"][0]["physicalLocation"]["region"]["startLine"] == 30);
  CHECK(nat["locations"][0]["physicalLocation"]["region"]["endLine"] == 34);
}

TEST_CASE("sarif artifact uri encodes paths", "[report][sarif]") {
  CHECK(respgrade::artifact_uri("tasks/a b/MODEL_RESPONSE.md") == "tasks/a%20b/MODEL_RESPONSE.md");
  CHECK(respgrade::artifact_uri("/work/x.md") == "file:///work/x.md");
  // A colon in the first segment would read as a scheme.
  CHECK(respgrade::artifact_uri("c:x.md") == "c%3Ax.md");
  CHECK(respgrade::artifact_uri("d/<é>#.md") == "d/%3C%C3%A9%3E%23.md");
}
