// Runs `respgrade regress` in-process on batch result files written by hand.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "test_support.h"

namespace {

using namespace respgrade_test;

namespace fs = std::filesystem;

// A batch result line with a score and two verdicts.
std::string result(const std::string& id, const std::string& score, const std::string& retention,
                   const std::string& trail) {
  return R"({"id":")" + id + R"(","score":)" + score +
         R"(,"patterns":[{"rule":"log-retention-365","verdict":")" + retention +
         R"("},{"rule":"cloudtrail-enabled","verdict":")" + trail + "\"}]}\n";
}

const std::string kBaseline = result("a", "1.0", "pass", "pass") +
                              result("b", "0.5", "fail", "pass") +
                              result("c", "0.5", "pass", "fail");

}  // namespace

TEST_CASE("regress finds a dropped score", "[regress]") {
  const TempDir dir;
  const std::string baseline = dir.write("baseline.jsonl", kBaseline);
  const std::string current = dir.write("current.jsonl", result("a", "0.5", "fail", "pass") +
                                                             result("b", "0.5", "fail", "pass") +
                                                             result("c", "0.5", "pass", "fail"));
  const Run outcome = run({"regress", current, "--baseline", baseline});
  CHECK(outcome.status == 1);
  CHECK(outcome.out ==
        "worse  a  score  1.0 -> 0.5\n"
        "worse  a  log-retention-365  pass -> fail\n"
        "3 responses in the results: 2 changes for the worse, 0 other changes, 0 new, "
        "0 vanished\n");
}

TEST_CASE("regress lists a changed verdict", "[regress]") {
  const TempDir dir;
  const std::string baseline = dir.write("baseline.jsonl", kBaseline);
  // c keeps its score but swaps which pattern fails: one verdict gets worse, one better.
  const std::string current = dir.write("current.jsonl", result("a", "1.0", "pass", "pass") +
                                                             result("b", "0.5", "fail", "pass") +
                                                             result("c", "0.5", "fail", "pass"));
  const Run outcome = run({"regress", current, "--baseline", baseline, "--format", "json"});
  CHECK(outcome.status == 1);
  CHECK(
      outcome.out ==
      R"({"change":"changed","id":"c","subject":"cloudtrail-enabled","before":"fail","after":"pass"})"
      "\n"
      R"({"change":"worse","id":"c","subject":"log-retention-365","before":"pass","after":"fail"})"
      "\n");
}

TEST_CASE("regress exits zero when nothing got worse", "[regress]") {
  const TempDir dir;
  const std::string baseline = dir.write("baseline.jsonl", kBaseline);
  const std::string current = dir.write("current.jsonl", result("a", "1.0", "pass", "pass") +
                                                             result("b", "1.0", "pass", "pass") +
                                                             result("d", "1.0", "pass", "pass"));
  const Run outcome = run({"regress", current, "--baseline", baseline});
  CHECK(outcome.status == 0);
  CHECK(outcome.out ==
        "changed  b  score  0.5 -> 1.0\n"
        "changed  b  log-retention-365  fail -> pass\n"
        "new  d  response  absent -> graded\n"
        "vanished  c  response  graded -> absent\n"
        "3 responses in the results: 0 changes for the worse, 2 other changes, 1 new, "
        "1 vanished\n");
}

TEST_CASE("regress counts a new error as worse", "[regress]") {
  const TempDir dir;
  const std::string baseline = dir.write("baseline.jsonl", kBaseline);
  const std::string current = dir.write(
      "current.jsonl", R"({"id":"a","response":"a.md","error":"respgrade: a.md: file is empty"})"
                       "\n");
  const Run outcome = run({"regress", current, "--baseline", baseline});
  CHECK(outcome.status == 1);
  CHECK(outcome.out.starts_with(
      "worse  a  response  graded -> error: respgrade: a.md: file is empty\n"));
}

TEST_CASE("regress update writes the baseline", "[regress]") {
  const TempDir dir;
  const std::string baseline = dir.write("baseline.jsonl", kBaseline);
  const std::string lines = result("a", "0.5", "fail", "pass") + result("e", "1.0", "pass", "pass");
  const std::string current = dir.write("current.jsonl", lines);
  const Run outcome = run({"regress", current, "--baseline", baseline, "--update"});
  CHECK(outcome.status == 0);
  CHECK(dir.read("baseline.jsonl") == lines);
  // The temporary file it wrote through is gone.
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 2);
  CHECK(run({"regress", current, "--baseline", baseline}).status == 0);
}

TEST_CASE("regress update creates a missing baseline", "[regress]") {
  const TempDir dir;
  const std::string current = dir.write("current.jsonl", kBaseline);
  const std::string baseline = (dir.path() / "new.jsonl").string();
  CHECK(run({"regress", current, "--baseline", baseline}).status == 2);
  const Run outcome = run({"regress", current, "--baseline", baseline, "--update"});
  CHECK(outcome.status == 0);
  CHECK(dir.read("new.jsonl") == kBaseline);
}

TEST_CASE("regress rejects a line without an id", "[regress]") {
  const TempDir dir;
  const std::string baseline = dir.write("baseline.jsonl", kBaseline);
  const std::string current = dir.write("current.jsonl", "{\"score\": 1}\n");
  const Run outcome = run({"regress", current, "--baseline", baseline});
  CHECK(outcome.status == 2);
  CHECK(outcome.err == "respgrade: " + current +
                           ":1: not a batch result (a JSON object with a string \"id\"). Give a "
                           "file written by respgrade batch\n");
}
