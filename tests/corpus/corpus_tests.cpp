// Checks the blocks command on answers from the corpus beside the repository.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "corpus_path.h"

namespace {

namespace fs = std::filesystem;

struct Run {
  int status = 0;
  std::string out;
  std::string err;
};

Run run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = respgrade::run_cli(args, out, err);
  return {status, out.str(), err.str()};
}

std::string answer(const std::string& task, const std::string& kind) {
  return (respgrade_test::corpus_dir() / "pulumi-py" / task / (kind + "_RESPONSE.md")).string();
}

}  // namespace

TEST_CASE("Pr4898 model answer has one Python block", "[corpus]") {
  const std::string path = answer("Pr4898", "MODEL");
  const Run result = run({"blocks", path});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out == path +
                          ": 1 code block, 1 Python\n"
                          "  block 1  python  lib/tap_stack.py  lines 8-600  Python (tagged "
                          "python)  no syntax errors\n");
}

TEST_CASE("Pr4898 model answer as JSON", "[corpus]") {
  const std::string path = answer("Pr4898", "MODEL");
  const Run result = run({"blocks", "--format", "json", path});
  REQUIRE(result.status == 0);
  CHECK(result.err.empty());
  REQUIRE(result.out.ends_with("}\n"));
  CHECK(result.out.find('\n') == result.out.size() - 1);  // one line per file

  const nlohmann::json json = nlohmann::json::parse(result.out);
  CHECK(json["file"] == path);
  CHECK(json["block_count"] == 1);
  CHECK(json["python_block_count"] == 1);
  CHECK(json["blocks_with_syntax_errors"] == 0);
  REQUIRE(json["blocks"].size() == 1);

  const nlohmann::json& block = json["blocks"][0];
  CHECK(block["index"] == 0);
  CHECK(block["language"] == "python");
  CHECK(block["info"] == "python");
  CHECK(block["file_name"] == "lib/tap_stack.py");
  CHECK(block["first_line"] == 8);
  CHECK(block["last_line"] == 600);
  CHECK(block["fenced"] == true);
  CHECK(block["closed"] == true);
  CHECK(block["python"] == true);
  CHECK(block["python_reason"] == "tagged python");
  CHECK(block["test_code"] == false);
  CHECK(block["syntax_error_lines"] == nlohmann::json::array());
  const std::string text = block["text"];
  CHECK(std::count(text.begin(), text.end(), '\n') == 600 - 8 + 1);
}

TEST_CASE("corpus answers load or fail cleanly", "[corpus]") {
  std::vector<std::string> paths;
  for (const auto& task : fs::directory_iterator(respgrade_test::corpus_dir() / "pulumi-py")) {
    for (const char* kind : {"MODEL", "IDEAL"}) {
      const fs::path path = task.path() / (std::string(kind) + "_RESPONSE.md");
      if (fs::exists(path)) paths.push_back(path.string());
    }
  }
  CHECK(paths.size() == 378);

  int rejected = 0;
  for (const std::string& path : paths) {
    INFO(path);
    const Run result = run({"blocks", "--format", "json", path});
    if (result.status == 2) {
      // A rejected answer gets exactly one line naming it.
      ++rejected;
      CHECK(result.err.starts_with("respgrade: " + path + ":"));
      CHECK(result.err.find('\n') == result.err.size() - 1);
      continue;
    }
    REQUIRE(result.status == 0);
    const nlohmann::json json = nlohmann::json::parse(result.out);
    CHECK(json["blocks"].size() == json["block_count"]);
  }
  // The two answers with a stray Windows-1252 byte are the only ones rejected.
  CHECK(rejected == 2);
}

TEST_CASE("corpus answer with a stray byte is rejected", "[corpus]") {
  const std::string path = answer("Pr5749", "MODEL");
  const Run result = run({"blocks", path});
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "respgrade: " + path +
                          ":715:53: invalid UTF-8 (byte 0x92). Convert the file to UTF-8, for "
                          "example with iconv\n");
}

TEST_CASE("bare Python answer is one block", "[corpus]") {
  const std::string path = answer("Pr695", "MODEL");
  const Run result = run({"blocks", "--format", "json", path});
  REQUIRE(result.status == 0);
  const nlohmann::json json = nlohmann::json::parse(result.out);
  REQUIRE(json["block_count"] == 1);
  CHECK(json["blocks"][0]["first_line"] == 1);
  CHECK(json["blocks"][0]["python_reason"] == "untagged, the whole response parses as Python");
}
