// Checks that batch results read back into the grades they were written from, and the report
// command that renders them as one HTML, JUnit or SARIF document.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "common/error.h"
#include "grading/grade.h"
#include "report/batch_results.h"
#include "report/grade_report.h"
#include "rules/catalog.h"
#include "rules/scan.h"

namespace {

namespace fs = std::filesystem;

const std::string kSource = RESPGRADE_SOURCE_DIR;
const std::string kExample = kSource + "/examples/private-network/";
const std::string kManifest = kSource + "/fixtures/reports/batch-manifest.jsonl";

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

// The batch output of the manifest fixture, written to a temporary file for `report`.
class BatchResultsFile {
 public:
  BatchResultsFile() {
    std::string pattern = (fs::temp_directory_path() / "respgrade-report-XXXXXX").string();
    const int descriptor = ::mkstemp(pattern.data());
    if (descriptor < 0) FAIL("mkstemp failed for " << pattern);
    ::close(descriptor);
    path_ = pattern;
    const Output batch =
        run({"batch", "--manifest", kManifest, "--jobs", "1", "--summary", path_ + ".summary"});
    CHECK(batch.status == 2);  // one item of the manifest cannot be read
    std::ofstream(path_) << batch.out;
  }
  ~BatchResultsFile() {
    std::error_code ignored;
    fs::remove(path_, ignored);
    fs::remove(path_ + ".summary", ignored);
  }
  BatchResultsFile(const BatchResultsFile&) = delete;
  BatchResultsFile& operator=(const BatchResultsFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("batch results read back the grade", "[report][batch]") {
  const auto catalog = respgrade::builtin_catalog();
  const auto ideal = respgrade::scan_file(kExample + "IDEAL_RESPONSE.md", *catalog);
  const auto response = respgrade::scan_file(kExample + "MODEL_RESPONSE.md", *catalog);
  const auto written = respgrade::grade_to_json(respgrade::grade_response(response, ideal));
  nlohmann::ordered_json line = {{"id", "task-1"}};
  line.update(written);

  std::istringstream in(line.dump() + "\n\n");
  const respgrade::BatchResults results = respgrade::read_batch_results(in, "results.jsonl");
  REQUIRE(results.items.size() == 1);
  CHECK(results.items[0].id == "task-1");
  REQUIRE(results.items[0].grade.has_value());
  CHECK(respgrade::grade_to_json(*results.items[0].grade) == written);
  CHECK(results.rules.size() == 15);
}

TEST_CASE("batch results keep error lines", "[report][batch]") {
  std::istringstream in(R"({"id": "a", "response": "a.md", "error": "respgrade: a.md: empty"})");
  const respgrade::BatchResults results = respgrade::read_batch_results(in, "results.jsonl");
  REQUIRE(results.items.size() == 1);
  CHECK_FALSE(results.items[0].grade.has_value());
  CHECK(results.items[0].response == "a.md");
  CHECK(results.items[0].error == "respgrade: a.md: empty");
}

TEST_CASE("batch results errors name the line", "[report][batch]") {
  std::istringstream invalid("{\"id\": \"a\", \"response\": \"a.md\", \"error\": \"x\"}\n{oops\n");
  try {
    respgrade::read_batch_results(invalid, "results.jsonl");
    FAIL("no error for invalid JSON");
  } catch (const respgrade::InputError& error) {
    CHECK(error.where() == "results.jsonl:2");
    CHECK(error.problem().starts_with("invalid JSON"));
  }
  std::istringstream incomplete(R"({"id": "a", "response": "a.md", "ideal": "b.md"})");
  try {
    respgrade::read_batch_results(incomplete, "results.jsonl");
    FAIL("no error for a line without a score");
  } catch (const respgrade::InputError& error) {
    CHECK(error.where() == "results.jsonl:1");
    CHECK(error.problem().find("'score'") != std::string::npos);
  }
}

TEST_CASE("report html renders a batch", "[report][batch]") {
  const BatchResultsFile results;
  const Output output = run({"report", "--format", "html", results.path()});
  CHECK(output.status == 0);
  const std::string& page = output.out;
  CHECK(occurrences(page, "<!DOCTYPE html>") == 1);
  CHECK(occurrences(page, "<section class=\"response\"") == 3);
  CHECK(page.find("<svg id=\"pattern-chart\"") != std::string::npos);
  CHECK(page.find("<svg id=\"score-chart\"") != std::string::npos);
  // The hostile id, in the table and as its section's heading, and never as markup.
  CHECK(occurrences(page, "&lt;/script&gt;&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;") == 2);
  CHECK(occurrences(page, "<script") == 2);
  CHECK(occurrences(page, "<img") == 0);
  CHECK(page.find("missing-&lt;b&gt;file&lt;/b&gt;") != std::string::npos);
  CHECK(page.find("NO_SUCH_RESPONSE.md: file not found") != std::string::npos);
}

TEST_CASE("report junit and sarif render a batch", "[report][batch]") {
  const BatchResultsFile results;
  const Output junit = run({"report", "--format", "junit", results.path()});
  CHECK(junit.status == 0);
  CHECK(occurrences(junit.out, "<testsuite ") == 4);
  CHECK(occurrences(junit.out, "<error ") == 1);
  CHECK(junit.out.find("<property name=\"id\" value=\"example\"/>") != std::string::npos);

  const Output sarif = run({"report", "--format", "sarif", results.path()});
  CHECK(sarif.status == 0);
  const auto log = nlohmann::json::parse(sarif.out);
  REQUIRE(log["runs"].size() == 1);
  CHECK(log["runs"][0]["invocations"][0]["toolExecutionNotifications"].size() == 1);
  std::size_t example = 0;
  for (const auto& result : log["runs"][0]["results"]) {
    example += result["properties"].value("id", "") == "example" ? 1 : 0;
  }
  CHECK(example == 4);
}

TEST_CASE("report names a missing results file", "[report][batch]") {
  const Output output = run({"report", kSource + "/no-such-results.jsonl"});
  CHECK(output.status == 2);
  CHECK(output.err == "respgrade: " + kSource +
                          "/no-such-results.jsonl: cannot be opened. Check the path; pass the "
                          "output of 'respgrade batch'\n");
}

TEST_CASE("batch format html is one page", "[report][batch]") {
  const Output output = run({"batch", "--manifest", kManifest, "--jobs", "2", "--format", "html",
                             "--summary", "/dev/null"});
  CHECK(output.status == 2);  // one item of the manifest cannot be read
  CHECK(occurrences(output.out, "<!DOCTYPE html>") == 1);
  CHECK(occurrences(output.out, "<section class=\"response\"") == 3);
  CHECK(output.out.find("<svg id=\"pattern-chart\"") != std::string::npos);
  CHECK(output.out.find("NO_SUCH_RESPONSE.md: file not found") != std::string::npos);
}

TEST_CASE("batch format junit equals report", "[report][batch]") {
  const BatchResultsFile results;
  const Output report = run({"report", "--format", "junit", results.path()});
  const Output batch = run({"batch", "--manifest", kManifest, "--jobs", "2", "--format", "junit",
                            "--summary", "/dev/null"});
  CHECK(batch.status == 2);
  CHECK(batch.out == report.out);
}
