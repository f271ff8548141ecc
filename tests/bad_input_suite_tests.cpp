// The bad-input suite: hostile or malformed inputs, each with the exact output or error the
// grader must give. Small cases are fixtures in fixtures/bad-input/, whose README.md describes
// their format. Inputs too large to commit, such as 10,000 blocks, a 1 MB line or code nested
// 10,000 levels deep, are generated here.

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "test_support.h"

namespace {

using namespace respgrade_test;

namespace fs = std::filesystem;

fs::path suite_dir() { return fs::path(RESPGRADE_SOURCE_DIR) / "fixtures" / "bad-input"; }

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// One command of a `.expected` file and the output it must give.
struct ExpectedRun {
  std::string command;  // as written after "$ respgrade ", with {file} for the input
  int status = 0;
  std::string out;
  std::string err;
};

// Reads a `.expected` file: an explanation up to the first blank line, then for each command a
// line "$ respgrade ARGS", a line "exit N", and the sections "[stdout]" and "[stderr]", each
// running to the next section. A blank line before the next command only separates.
std::vector<ExpectedRun> parse_expected(const fs::path& path) {
  std::istringstream lines(read_file(path));
  std::vector<ExpectedRun> runs;
  std::string line;
  while (std::getline(lines, line) && !line.empty()) {
  }
  std::string* section = nullptr;
  while (std::getline(lines, line)) {
    if (line.starts_with("$ respgrade ")) {
      if (section != nullptr && section->ends_with("\n\n")) section->pop_back();
      if (section != nullptr && *section == "\n") section->clear();
      runs.push_back({line.substr(12), -1, {}, {}});
      section = nullptr;
    } else if (runs.empty()) {
      FAIL(path.string() << ": text before the first command: " << line);
    } else if (line.starts_with("exit ")) {
      runs.back().status = std::stoi(line.substr(5));
    } else if (line == "[stdout]") {
      section = &runs.back().out;
    } else if (line == "[stderr]") {
      section = &runs.back().err;
    } else if (section != nullptr) {
      *section += line + "\n";
    } else {
      FAIL(path.string() << ": line outside a section: " << line);
    }
  }
  return runs;
}

// Every `.expected` file of the suite with the input beside it: the file of the same stem.
std::vector<std::pair<fs::path, fs::path>> suite_cases() {
  std::vector<std::pair<fs::path, fs::path>> cases;
  for (const auto& entry : fs::directory_iterator(suite_dir())) {
    if (entry.path().extension() != ".expected") continue;
    for (const char* extension : {".md", ".json"}) {
      fs::path input = entry.path();
      input.replace_extension(extension);
      if (fs::exists(input)) cases.emplace_back(entry.path(), input);
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::vector<std::string> split_args(const std::string& command, const std::string& file) {
  std::vector<std::string> args;
  std::istringstream words(command);
  for (std::string word; words >> word;) args.push_back(word == "{file}" ? file : word);
  return args;
}

// Generated responses. Each is one Python block after a heading, so the code's first line is
// markdown line 4.
std::string python_response(const std::string& code) {
  return "# Answer\n\n```python\nimport pulumi_aws as aws\n" + code + "\n```\n";
}

std::string nested(int depth, const std::string& open, const std::string& inner,
                   const std::string& close) {
  std::string text;
  text.reserve(static_cast<std::size_t>(depth) * (open.size() + close.size()) + inner.size());
  for (int i = 0; i < depth; ++i) text += open;
  text += inner;
  for (int i = 0; i < depth; ++i) text += close;
  return text;
}

nlohmann::json scan_json(const std::string& path) {
  const Run result = run({"scan", "--format", "json", path});
  REQUIRE(result.status == 0);
  REQUIRE(result.err.empty());
  return nlohmann::json::parse(result.out);
}

// A catalog of one rule over S3 buckets, with `conditions` as its shared conditions.
std::string catalog_with(const std::string& conditions, const std::string& flawed_when) {
  return R"({"version": 1, "conditions": {)" + conditions +
         R"(}, "rules": [{"id": "r", "title": "Test rule", "severity": "high",
             "applies_to": ["aws.s3.Bucket"], "flawed_when": )" +
         flawed_when + "}]}";
}

const nlohmann::json& finding(const nlohmann::json& scan, const std::string& rule) {
  for (const nlohmann::json& entry : scan["findings"]) {
    if (entry["rule"] == rule) return entry;
  }
  FAIL("no finding for " << rule);
  throw;
}

}  // namespace

TEST_CASE("suite fixtures give their expected output", "[bad-input]") {
  const auto cases = suite_cases();
  REQUIRE(cases.size() >= 11);
  for (const auto& [expected_path, input_path] : cases) {
    const std::vector<ExpectedRun> runs = parse_expected(expected_path);
    REQUIRE(!runs.empty());
    for (const ExpectedRun& expected : runs) {
      INFO(expected_path.filename().string() << ": respgrade " << expected.command);
      const std::string file = input_path.string();
      const Run result = run(split_args(expected.command, file));
      std::string out = expected.out, err = expected.err;
      replace_all(out, "{file}", file);
      replace_all(err, "{file}", file);
      CHECK(result.status == expected.status);
      CHECK(result.out == out);
      CHECK(result.err == err);
    }
  }
}

TEST_CASE("scan handles 10,000 code blocks", "[bad-input][large]") {
  // Blocks alternate between tagged Python, bash and untagged text. The last Python block
  // contains the one flaw, so its line shows that no block shifted the count.
  std::string markdown = "# Many blocks\n\n";
  int line = 3;
  int flaw_line = 0;
  for (int i = 0; i < 10'000; ++i) {
    if (i % 3 == 0) {
      markdown += "```python\nimport pulumi_aws as aws\nsize_" + std::to_string(i) + " = " +
                  std::to_string(i) + "\n```\n\n";
    } else if (i % 3 == 1) {
      markdown += "```bash\npulumi up --yes\n```\n\n";
    } else {
      markdown += "```\nsee above\n```\n\n";
    }
    line += i % 3 == 0 ? 5 : 4;
  }
  flaw_line = line + 2;
  markdown +=
      "```python\nimport pulumi_aws as aws\naws.cloudwatch.LogGroup(\"app\", "
      "retention_in_days=7)\n```\n";
  const TempDir dir;
  const std::string path = dir.write("blocks.md", markdown);

  const Run blocks = run({"blocks", "--format", "json", path});
  REQUIRE(blocks.status == 0);
  const nlohmann::json listing = nlohmann::json::parse(blocks.out);
  CHECK(listing["block_count"] == 10'001);
  CHECK(listing["python_block_count"] == 3'335);
  CHECK(listing["blocks"][10'000]["first_line"] == flaw_line - 1);

  const nlohmann::json scan = scan_json(path);
  const nlohmann::json& retention = finding(scan, "log-retention-365");
  CHECK(retention["status"] == "flawed");
  CHECK(retention["evidence"] == nlohmann::json::array({{flaw_line, flaw_line}}));
}

TEST_CASE("scan reads a line of 1 MB", "[bad-input][large]") {
  const std::string megabyte(1 << 20, 'x');
  const std::string markdown = "# One long line\n\n" + megabyte + "\n\n```python\n" +
                               "import pulumi_aws as aws\n"
                               "logs = aws.cloudwatch.LogGroup(\"" +
                               megabyte + "\", retention_in_days=7)\n```\n";
  const TempDir dir;
  const std::string path = dir.write("long-line.md", markdown);

  const nlohmann::json scan = scan_json(path);
  const nlohmann::json& retention = finding(scan, "log-retention-365");
  CHECK(retention["status"] == "flawed");
  CHECK(retention["evidence"] == nlohmann::json::array({{7, 7}}));

  const Run resources = run({"resources", "--format", "json", path});
  REQUIRE(resources.status == 0);
  const nlohmann::json model = nlohmann::json::parse(resources.out);
  REQUIRE(model["resources"].size() == 1);
  CHECK(model["resources"][0]["name"] == "logs");
}

TEST_CASE("scan survives code nested 10,000 deep", "[bad-input][large]") {
  // Each expression is the value of retention_in_days. The evaluator follows 64 levels and
  // leaves deeper values unknown, and the tree walks use cursors, so no depth overflows the
  // stack.
  struct Case {
    const char* description;
    std::string value;
    const char* status;
  };
  const std::vector<Case> cases = {
      {"parentheses", nested(10'000, "(", "7", ")"), "unknown"},
      {"lists", nested(10'000, "[", "7", "]"), "clean"},
      {"calls", nested(10'000, "f(", "7", ")"), "unknown"},
      {"dict calls", nested(10'000, "dict(a=", "7", ")"), "clean"},
      {"dict literals", nested(10'000, "{\"a\": ", "7", "}"), "clean"},
      {"subscripts", "x" + nested(10'000, "", "", "[0]"), "unknown"},
      {"attributes", "x" + nested(10'000, "", "", ".a"), "unknown"},
      {"unary minus", nested(10'000, "-", "7", ""), "unknown"},
      {"additions", nested(10'000, "", "7", " + 1"), "unknown"},
      {"lambdas", nested(10'000, "lambda: ", "7", ""), "unknown"},
      {"await", nested(10'000, "await ", "7", ""), "unknown"},
  };
  const TempDir dir;
  for (const Case& test : cases) {
    INFO(test.description);
    const std::string path = dir.write(
        "deep.md", python_response("logs = aws.cloudwatch.LogGroup(\"app\", retention_in_days=" +
                                   test.value + ")"));
    const nlohmann::json scan = scan_json(path);
    const nlohmann::json& retention = finding(scan, "log-retention-365");
    CHECK(retention["status"] == test.status);

    const Run resources = run({"resources", "--format", "json", path});
    CHECK(resources.status == 0);
    CHECK(resources.err.empty());
  }
}

TEST_CASE("scan reports a value nested too deeply", "[bad-input][large]") {
  const TempDir dir;
  const std::string path = dir.write(
      "deep.md", python_response("logs = aws.cloudwatch.LogGroup(\"app\", retention_in_days=" +
                                 nested(10'000, "(", "7", ")") + ")"));
  const nlohmann::json scan = scan_json(path);
  const nlohmann::json& retention = finding(scan, "log-retention-365");
  REQUIRE(retention["unknown_reasons"].size() == 1);
  const std::string reason = retention["unknown_reasons"][0];
  CHECK(reason.ends_with("on line 5 is nested too deeply to follow"));
}

TEST_CASE("scan survives statements nested 10,000 deep", "[bad-input][large]") {
  // Nested assignment patterns, comprehensions, lambdas and method chains build deep trees
  // that the model's first pass walks and binds.
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"list pattern", nested(10'000, "[", "a", "]") + " = [7]"},
      {"tuple pattern", nested(10'000, "(", "a", ",)") + " = 7"},
      {"comprehensions", "x = " + nested(10'000, "[", "y", " for y in z]")},
      {"lambda chain", "x = " + nested(10'000, "lambda a: ", "a", "")},
      {"call chain", "x = y" + nested(10'000, "", "", ".apply(f)")},
      // Deep enough that unpacking the pattern by recursion would overflow an 8 MiB stack.
      {"list pattern 200,000 deep", nested(200'000, "[", "a", "]") + " = [7]"},
  };
  const TempDir dir;
  for (const auto& [description, code] : cases) {
    INFO(description);
    const std::string path =
        dir.write("deep.md", python_response(code + "\nlogs = aws.cloudwatch.LogGroup(\"app\", "
                                                    "retention_in_days=7)"));
    const nlohmann::json scan = scan_json(path);
    const nlohmann::json& retention = finding(scan, "log-retention-365");
    CHECK(retention["status"] == "flawed");
    CHECK(retention["evidence"] == nlohmann::json::array({{6, 6}}));
  }
}

TEST_CASE("scan bounds values that double", "[bad-input][large]") {
  // Each line doubles the one before: followed in full, s30 would be 8 GiB and l30 would print
  // as 2^30 elements. A value past the growth limit is unknown, so s21 is unknown, and l30
  // contains only unknown parts and prints small.
  std::string code = "s0 = \"abcdefgh\"\nl0 = [1]\n";
  for (int i = 1; i <= 30; ++i) {
    const std::string n = std::to_string(i), previous = std::to_string(i - 1);
    code += "s" + n + " = s" + previous + " + s" + previous + "\n";
    code += "l" + n + " = [l" + previous + ", l" + previous + "]\n";
  }
  code += "logs = aws.cloudwatch.LogGroup(\"app\", name=s21, retention_in_days=7, tags=l30)";
  const TempDir dir;
  const std::string path = dir.write("double.md", python_response(code));

  const Run resources = run({"resources", "--format", "json", path});
  REQUIRE(resources.status == 0);
  CHECK(resources.out.size() < (32u << 20));
  CHECK(resources.out.find("`s20 + s20` on line 47 builds a value too large to follow") !=
        std::string::npos);
  CHECK(resources.out.find("`[l20, l20]` on line 48 builds a value too large to follow") !=
        std::string::npos);

  const nlohmann::json scan = scan_json(path);
  const nlohmann::json& retention = finding(scan, "log-retention-365");
  CHECK(retention["status"] == "flawed");
  CHECK(retention["evidence"] == nlohmann::json::array({{67, 67}}));
}

TEST_CASE("scan resolves names among 200,000 lambdas", "[bad-input][large]") {
  // Every name is looked up in the scope around it. Scanning the scopes one by one took
  // time proportional to lambdas times names, hours for files like this one at 16 MiB.
  std::string code = "x = 1\n";
  for (int i = 0; i < 200'000; ++i) code += "f" + std::to_string(i) + " = lambda: 0\n";
  code += "aws.cloudwatch.LogGroup(\"app\", retention_in_days=7, tags=[";
  for (int i = 0; i < 200'000; ++i) code += "x, ";
  code += "])";
  const TempDir dir;
  const std::string path = dir.write("lambdas.md", python_response(code));

  const auto start = std::chrono::steady_clock::now();
  const nlohmann::json scan = scan_json(path);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(finding(scan, "log-retention-365")["status"] == "flawed");
  // About a second here; the scope-by-scope search took over ten minutes.
  CHECK(elapsed < std::chrono::seconds(60));
}

TEST_CASE("blocks survives markdown nested 10,000 deep", "[bad-input][large]") {
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"block quotes", nested(10'000, ">", "", "") + " text\n\n```python\nx = 1\n```\n"},
      {"list items", nested(10'000, "- ", "", "") + "text\n\n```python\nx = 1\n```\n"},
      {"brackets", nested(10'000, "[", "x", "]") + "\n\n```python\nx = 1\n```\n"},
      {"emphasis", nested(10'000, "*", "x", "*") + "\n\n```python\nx = 1\n```\n"},
  };
  const TempDir dir;
  for (const auto& [description, markdown] : cases) {
    INFO(description);
    const std::string path = dir.write("deep.md", markdown);
    const Run result = run({"blocks", "--format", "json", path});
    REQUIRE(result.status == 0);
    const nlohmann::json listing = nlohmann::json::parse(result.out);
    CHECK(listing["python_block_count"] == 1);
    CHECK(listing["blocks"].back()["first_line"] == 4);
  }
}

TEST_CASE("rules rejects conditions nested 10,000 deep", "[bad-input][large]") {
  const std::string condition =
      nested(10'000, R"({"not": )", R"({"attribute": "acl", "operator": "present"})", "}");
  const TempDir dir;
  const std::string path = dir.write("deep.json", catalog_with("", condition));
  const Run result = run({"rules", "list", "--rules", path});
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err.starts_with("respgrade: " + path + ": rule 'r', field 'flawed_when.not.not."));
  CHECK(
      result.err.ends_with(".not': conditions nest more than 100 levels deep. Flatten the "
                           "condition, or name its parts under \"conditions\"\n"));
}

TEST_CASE("rules rejects a chain of 10,000 shared conditions", "[bad-input][large]") {
  // c0 uses c1, which uses c2, and so on: each is shallow, but judging c0 would recurse through
  // all of them.
  std::string conditions;
  for (int i = 0; i < 9'999; ++i) {
    conditions += "\"c" + std::to_string(i) + "\": {\"use\": \"c" + std::to_string(i + 1) + "\"}, ";
  }
  conditions += R"("c9999": {"attribute": "acl", "operator": "present"})";
  const TempDir dir;
  const std::string path = dir.write("chain.json", catalog_with(conditions, R"({"use": "c0"})"));
  const Run result = run({"rules", "list", "--rules", path});
  CHECK(result.status == 2);
  CHECK(result.err == "respgrade: " + path +
                          ": field 'conditions.c100': conditions nest more than 100 levels deep, "
                          "counting the shared conditions they use. Shorten the chain of shared "
                          "conditions that use one another\n");
}

TEST_CASE("scan rejects a response over the size limit", "[bad-input]") {
  const TempDir dir;
  const std::string path = dir.path("huge.md");
  // A sparse file one byte over the 16 MiB default: the size is checked before any read.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::ftruncate(fd, (16 << 20) + 1) == 0);
  ::close(fd);

  const Run result = run({"scan", path});
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "respgrade: " + path +
                          ": file is 16777217 bytes, over the limit of 16777216 bytes. Raise the "
                          "limit with --max-file-size if this file is really an answer\n");
}

TEST_CASE("scan applies a lower size limit", "[bad-input]") {
  const TempDir dir;
  const std::string path =
      dir.write("answer.md", python_response("aws.s3.Bucket(\"b\", acl=\"private\")"));
  const std::string size = std::to_string(fs::file_size(path));
  const Run result = run({"scan", "--max-file-size", "64", path});
  CHECK(result.status == 2);
  CHECK(result.err == "respgrade: " + path + ": file is " + size +
                          " bytes, over the limit of 64 bytes. Raise the limit with "
                          "--max-file-size if this file is really an answer\n");
}
