// Checks the rule catalog loader's errors and the meaning of its conditions.

#include <catch2/catch.hpp>
#include <string>

#include "common/error.h"
#include "python/response.h"
#include "rules/catalog.h"
#include "rules/scan.h"

namespace {

std::string load_error(const std::string& text) {
  try {
    respgrade::load_catalog(text, "rules.json");
  } catch (const respgrade::InputError& error) {
    return error.what();
  }
  return "loaded without error";
}

std::string one_rule(const std::string& condition, const std::string& extra = "") {
  return R"({"rules": [{"id": "r", "title": "T", "severity": "high", "applies_to": ["aws.s3.Bucket"],
           "flawed_when": )" +
         condition + extra + "}]}";
}

respgrade::Status status_of(const std::string& catalog_text, const std::string& python) {
  const respgrade::Catalog catalog = respgrade::load_catalog(catalog_text, "rules.json");
  const std::string markdown = "```python\nimport pulumi_aws as aws\n" + python + "\n```\n";
  const auto scanned =
      respgrade::scan_response(respgrade::parse_response("t.md", markdown), catalog);
  return scanned.findings.front().status;
}

}  // namespace

TEST_CASE("builtin catalog has fifteen rules", "[catalog]") {
  const auto catalog = respgrade::builtin_catalog();
  CHECK(catalog->rules.size() == 15);
  CHECK(catalog->find("kinesis-stream-encryption") != nullptr);
  CHECK(catalog->find("no-such-rule") == nullptr);
}

TEST_CASE("catalog error names rule and field", "[catalog]") {
  CHECK(load_error(one_rule(R"({"attribute": "acl", "operator": "equal", "value": "x"})")) ==
        "rules.json: rule 'r', field 'flawed_when.operator': unknown operator 'equal'. Use one "
        "of: present, absent, equals, not_equals, one_of, not_one_of, less_than, greater_than, "
        "contains, any, all, any_value, all_value");
  CHECK(load_error(one_rule(R"({"attribute": "days", "operator": "less_than", "value": "30"})")) ==
        "rules.json: rule 'r', field 'flawed_when.value': must be a number");
  CHECK(load_error(one_rule(R"({"attribute": 7, "operator": "present"})")) ==
        "rules.json: rule 'r', field 'flawed_when.attribute': must be a dotted path or a list of "
        "keys");
  CHECK(load_error(one_rule(R"({"attribute": "a", "operator": "any"})")) ==
        "rules.json: rule 'r', field 'flawed_when.where': missing. The operator needs a condition "
        "on each element");
}

TEST_CASE("catalog rejects a wrong type", "[catalog]") {
  CHECK(load_error(R"({"rules": [{"id": "r", "title": 5}]})") ==
        "rules.json: rule 'r', field 'title': must be a string, not number");
  CHECK(load_error(R"({"rules": {}})") == "rules.json: field 'rules': must be a list of rules");
}

TEST_CASE("catalog rejects a missing field", "[catalog]") {
  CHECK(load_error(R"({"rules": [{"id": "r", "title": "T", "severity": "high"}]})") ==
        "rules.json: rule 'r', field 'applies_to': missing. Every rule needs this field");
}

TEST_CASE("catalog rejects an unknown field", "[catalog]") {
  CHECK(load_error(
            one_rule(R"({"attribute": "a", "operator": "present"})", R"(, "colour": "red")")) ==
        "rules.json: rule 'r', field 'colour': unknown field. Fields allowed here: id, title, "
        "severity, names, fix, applies_to, only_if, flawed_when, evidence, fix_evidence");
}

TEST_CASE("catalog rejects a duplicate id", "[catalog]") {
  const std::string rule =
      R"({"id": "r", "title": "T", "severity": "high", "applies_to": "response",
          "flawed_when": {"resources": ["aws.cloudtrail.Trail"], "operator": "none"}})";
  CHECK(load_error(R"({"rules": [)" + rule + "," + rule + "]}") ==
        "rules.json: rule 'r', field 'id': duplicate id. Give each rule its own id");
}

TEST_CASE("catalog rejects a cycle of shared conditions", "[catalog]") {
  const std::string text = R"({"conditions": {"a": {"use": "b"}, "b": {"not": {"use": "a"}}},
    "rules": []})";
  CHECK(load_error(text) ==
        "rules.json: field 'conditions.b.not.use': shared conditions form a cycle: a -> b -> a. "
        "Break the cycle so that no condition uses itself");
}

TEST_CASE("catalog reports JSON syntax position", "[catalog]") {
  const std::string error = load_error("{\n  \"rules\": [\n    {\"id\": }\n]}");
  CHECK(error.starts_with("rules.json:3:12: invalid JSON"));
}

TEST_CASE("less_than on a literal and a variable", "[conditions]") {
  const std::string catalog =
      one_rule(R"({"attribute": "days", "operator": "less_than", "value": 365})");
  CHECK(status_of(catalog, "aws.s3.Bucket('b', days=30)") == respgrade::Status::flawed);
  CHECK(status_of(catalog, "d = 400\naws.s3.Bucket('b', days=d)") == respgrade::Status::clean);
  CHECK(status_of(catalog, "aws.s3.Bucket('b')") == respgrade::Status::clean);
  CHECK(status_of(catalog, "aws.s3.Bucket('b', days=cfg.get_int('d'))") ==
        respgrade::Status::unknown);
}

TEST_CASE("absent path through kwargs is unknown", "[conditions]") {
  const std::string catalog = one_rule(R"({"attribute": "acl", "operator": "absent"})");
  CHECK(status_of(catalog, "aws.s3.Bucket('b')") == respgrade::Status::flawed);
  CHECK(status_of(catalog, "aws.s3.Bucket('b', **load())") == respgrade::Status::unknown);
  CHECK(status_of(catalog, "extra = {'acl': 'private'}\naws.s3.Bucket('b', **extra)") ==
        respgrade::Status::clean);
  CHECK(status_of(catalog, "aws.s3.Bucket('b', acl=None)") == respgrade::Status::flawed);
}

TEST_CASE("equals reads string booleans", "[conditions]") {
  const std::string catalog =
      one_rule(R"({"not": {"attribute": "on", "operator": "equals", "value": true}})");
  CHECK(status_of(catalog, "aws.s3.Bucket('b', on='true')") == respgrade::Status::clean);
  CHECK(status_of(catalog, "aws.s3.Bucket('b', on=False)") == respgrade::Status::flawed);
  CHECK(status_of(catalog, "aws.s3.Bucket('b', on=f'{x}')") == respgrade::Status::unknown);
}

TEST_CASE("any over a JSON string literal", "[conditions]") {
  const std::string catalog = one_rule(
      R"({"attribute": "items", "operator": "any", "where": {"attribute": "check", "operator": "absent"}})");
  CHECK(status_of(catalog, "aws.s3.Bucket('b', items='[{\"check\": 1}, {\"name\": 2}]')") ==
        respgrade::Status::flawed);
  CHECK(status_of(catalog, "aws.s3.Bucket('b', items='[{\"check\": 1}]')") ==
        respgrade::Status::clean);
  CHECK(status_of(catalog, "aws.s3.Bucket('b', items={'check': 1})") == respgrade::Status::clean);
}

TEST_CASE("resources count with multiplicity", "[conditions]") {
  const std::string catalog =
      one_rule(R"({"resources": ["aws.s3.Bucket"], "operator": "count_at_most", "value": 1})");
  CHECK(status_of(catalog, "aws.s3.Bucket('a')") == respgrade::Status::flawed);
  CHECK(status_of(catalog, "for i in range(3):\n    aws.s3.Bucket(f'a{i}')") ==
        respgrade::Status::clean);
  CHECK(status_of(catalog, "[aws.s3.Bucket(n) for n in names]") == respgrade::Status::clean);
  CHECK(status_of(catalog, "aws.s3.Bucket('a')\naws.s3.Bucket('b')") == respgrade::Status::clean);
}

TEST_CASE("type patterns match with a star", "[catalog]") {
  CHECK(respgrade::matches_type("aws.iam.*PolicyAttachment", "aws.iam.RolePolicyAttachment"));
  CHECK(respgrade::matches_type("aws.iam.*PolicyAttachment", "aws.iam.PolicyAttachment"));
  CHECK_FALSE(respgrade::matches_type("aws.iam.*Policy", "aws.iam.PolicyAttachment"));
  CHECK(respgrade::matches_type("*", "aws.s3.Bucket"));
}
