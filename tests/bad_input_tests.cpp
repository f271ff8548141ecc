// Runs `respgrade blocks` in-process on inputs it must reject, checking the exit status and the
// exact message, and on a small good file for the text and JSON output.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "test_support.h"

namespace {

using namespace respgrade_test;

namespace fs = std::filesystem;

constexpr const char* kGoodResponse =
    "## File: lib/tap_stack.py\n"
    "\n"
    "```python\n"
    "import pulumi\n"
    "```\n"
    "\n"
    "```bash\n"
    "pulumi up\n"
    "```\n"
    "\n"
    "```py\n"
    "x = (\n"
    "y = 2\n"
    "```\n";

}  // namespace

TEST_CASE("blocks rejects a missing file", "[cli][bad-input]") {
  const TempDir dir;
  const std::string path = dir.path("missing.md");
  const Run result = run({"blocks", path});
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "respgrade: " + path + ": file not found. Check the path\n");
}

TEST_CASE("blocks rejects a path through a file", "[cli][bad-input]") {
  const TempDir dir;
  const std::string path = dir.write("answer.md", "text\n") + "/inner.md";
  const Run result = run({"blocks", path});
  CHECK(result.status == 2);
  CHECK(result.err ==
        "respgrade: " + path + ": cannot be read (not a directory). Check the path\n");
}

TEST_CASE("blocks rejects a symbolic link loop", "[cli][bad-input]") {
  const TempDir dir;
  const std::string path = dir.path("loop.md");
  fs::create_symlink(path, path);
  const Run result = run({"blocks", path});
  CHECK(result.status == 2);
  CHECK(result.err == "respgrade: " + path +
                          ": cannot be read (too many levels of symbolic links). Check the path\n");
}

TEST_CASE("blocks rejects an unreadable file", "[cli][bad-input]") {
  const TempDir dir;
  const std::string path = dir.write("secret.md", "```python\nx = 1\n```\n");
  fs::permissions(path, fs::perms::none);
  if (::access(path.c_str(), R_OK) == 0) {
    WARN("skipped: permissions do not stop this user (root) from reading " << path);
    return;
  }
  const Run result = run({"blocks", path});
  CHECK(result.status == 2);
  CHECK(result.err == "respgrade: " + path +
                          ": permission denied. Make the file readable, or run as its owner\n");
}

TEST_CASE("blocks rejects a directory", "[cli][bad-input]") {
  const TempDir dir;
  const std::string path = dir.path("answers.md");
  fs::create_directory(path);
  const Run result = run({"blocks", path});
  CHECK(result.status == 2);
  CHECK(result.err == "respgrade: " + path +
                          ": is a directory, not a markdown file. Name a .md file inside it\n");
}

TEST_CASE("blocks rejects a device file", "[cli][bad-input]") {
  const Run result = run({"blocks", "/dev/null"});
  CHECK(result.status == 2);
  CHECK(result.err == "respgrade: /dev/null: is not a regular file. Name a markdown file\n");
}

TEST_CASE("blocks rejects a binary file", "[cli][bad-input]") {
  const TempDir dir;
  // A PNG signature: its first byte is already invalid UTF-8, but the NUL byte on line 3
  // is what shows the file is binary, so that is the error.
  const std::string path = dir.write("image.md", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const Run result = run({"blocks", path});
  CHECK(result.status == 2);
  CHECK(result.err ==
        "respgrade: " + path +
            ":3:1: file is binary (it contains a NUL byte). Give a markdown text file\n");
}

TEST_CASE("blocks rejects invalid UTF-8", "[cli][bad-input]") {
  struct Case {
    const char* description;
    std::string bytes;
    std::string position_and_byte;
  };
  const std::vector<Case> cases = {
      {"Latin-1 letter", "# Caf\xE9\n", "1:6: invalid UTF-8 (byte 0xE9)"},
      {"lone continuation byte", "ok\r\nt3.micro \x92 t3.small\n",
       "2:10: invalid UTF-8 (byte 0x92)"},
      {"overlong slash", "a\n\n\xC0\xAF\n", "3:1: invalid UTF-8 (byte 0xC0)"},
      {"UTF-16 surrogate", "x \xED\xA0\x80\n", "1:3: invalid UTF-8 (byte 0xED)"},
      {"sequence cut at the end", "text \xE2\x86", "1:6: invalid UTF-8 (byte 0xE2)"},
      {"code point past U+10FFFF", "\xF4\x90\x80\x80", "1:1: invalid UTF-8 (byte 0xF4)"},
  };
  const TempDir dir;
  for (const Case& test : cases) {
    INFO(test.description);
    const std::string path = dir.write("latin.md", test.bytes);
    const Run result = run({"blocks", path});
    CHECK(result.status == 2);
    CHECK(result.err == "respgrade: " + path + ":" + test.position_and_byte +
                            ". Convert the file to UTF-8, for example with iconv\n");
  }
}

TEST_CASE("blocks rejects an empty file", "[cli][bad-input]") {
  const TempDir dir;
  const std::string path = dir.write("empty.md", "");
  const Run result = run({"blocks", path});
  CHECK(result.status == 2);
  CHECK(result.err == "respgrade: " + path +
                          ": file is empty. Give a markdown answer with at least one code block\n");
}

TEST_CASE("blocks rejects a whitespace-only file", "[cli][bad-input]") {
  const TempDir dir;
  for (const std::string& bytes : {std::string(" \n\t\r\n"), std::string("\xEF\xBB\xBF\n")}) {
    const std::string path = dir.write("blank.md", bytes);
    const Run result = run({"blocks", path});
    CHECK(result.status == 2);
    CHECK(result.err ==
          "respgrade: " + path +
              ": file contains only whitespace. Give a markdown answer with at least one code "
              "block\n");
  }
}

TEST_CASE("blocks rejects a 100 MB file unread", "[cli][bad-input]") {
  const TempDir dir;
  const std::string path = dir.path("huge.md");
  // A sparse file: it takes no disk space, and the size check comes before any read.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::ftruncate(fd, 100 * 1024 * 1024) == 0);
  ::close(fd);

  const Run result = run({"blocks", path});
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "respgrade: " + path +
                          ": file is 104857600 bytes, over the limit of 16777216 bytes. Raise the "
                          "limit with --max-file-size if this file is really an answer\n");
}

TEST_CASE("blocks applies --max-file-size", "[cli][bad-input]") {
  const TempDir dir;
  const std::string path = dir.write("answer.md", kGoodResponse);
  const std::string size = std::to_string(std::string(kGoodResponse).size());

  const Run over = run({"blocks", "--max-file-size", "20", path});
  CHECK(over.status == 2);
  CHECK(over.err == "respgrade: " + path + ": file is " + size +
                        " bytes, over the limit of 20 bytes. Raise the limit with --max-file-size "
                        "if this file is really an answer\n");

  const Run at_limit = run({"blocks", "--max-file-size", size, path});
  CHECK(at_limit.status == 0);
  CHECK(at_limit.err.empty());
}

TEST_CASE("blocks reports good files past a bad one", "[cli][bad-input]") {
  const TempDir dir;
  const std::string missing = dir.path("missing.md");
  const std::string good = dir.write("good.md", "```python\nx = 1\n```\n");
  const Run result = run({"blocks", missing, good});
  CHECK(result.status == 2);
  CHECK(result.err == "respgrade: " + missing + ": file not found. Check the path\n");
  CHECK(result.out == good +
                          ": 1 code block, 1 Python\n"
                          "  block 1  python  (no file name)  line 2  Python (tagged python)  no "
                          "syntax errors\n");
}

TEST_CASE("blocks prints text output", "[cli][blocks]") {
  const TempDir dir;
  const std::string path = dir.write("answer.md", kGoodResponse);
  const Run result = run({"blocks", path});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out ==
        path +
            ": 3 code blocks, 2 Python\n"
            "  block 1  python  lib/tap_stack.py  line 4  Python (tagged python)  no syntax "
            "errors\n"
            "  block 2  bash  (no file name)  line 8  not Python\n"
            "  block 3  py  (no file name)  lines 12-13  Python (tagged py)  syntax error on line "
            "12\n");
}

TEST_CASE("blocks prints JSON output", "[cli][blocks]") {
  const TempDir dir;
  const std::string path = dir.write("answer.md", kGoodResponse);
  const Run result = run({"blocks", "--format", "json", path});
  REQUIRE(result.status == 0);
  CHECK(result.err.empty());

  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(result.out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"file", "block_count", "python_block_count",
                                         "blocks_with_syntax_errors", "blocks"});
  CHECK(json["file"] == path);
  CHECK(json["block_count"] == 3);
  CHECK(json["python_block_count"] == 2);
  CHECK(json["blocks_with_syntax_errors"] == 1);

  const auto& blocks = json["blocks"];
  REQUIRE(blocks.size() == 3);
  std::vector<std::string> block_keys;
  for (const auto& [key, value] : blocks[0].items()) block_keys.push_back(key);
  CHECK(block_keys == std::vector<std::string>{"index", "language", "info", "file_name",
                                               "first_line", "last_line", "fenced", "closed",
                                               "python", "python_reason", "test_code",
                                               "syntax_error_lines", "text"});
  CHECK(blocks[0]["file_name"] == "lib/tap_stack.py");
  CHECK(blocks[0]["first_line"] == 4);
  CHECK(blocks[0]["python_reason"] == "tagged python");
  CHECK(blocks[0]["text"] == "import pulumi\n");
  CHECK(blocks[1]["language"] == "bash");
  CHECK(blocks[1]["python"] == false);
  CHECK(blocks[1]["file_name"].is_null());
  CHECK(blocks[1]["python_reason"].is_null());
  CHECK(blocks[2]["syntax_error_lines"] == nlohmann::json::array({12}));
}

TEST_CASE("blocks JSON for an empty block", "[cli][blocks]") {
  const TempDir dir;
  const std::string path = dir.write("empty-block.md", "```python\n```\n");
  const Run result = run({"blocks", "--format", "json", path});
  REQUIRE(result.status == 0);
  const nlohmann::json json = nlohmann::json::parse(result.out);
  REQUIRE(json["blocks"].size() == 1);
  CHECK(json["blocks"][0]["first_line"].is_null());
  CHECK(json["blocks"][0]["last_line"].is_null());
  CHECK(json["blocks"][0]["text"] == "");
  CHECK(json["blocks"][0]["python"] == true);
}

TEST_CASE("blocks JSON for a non-UTF-8 path", "[cli][blocks]") {
  const TempDir dir;
  const std::string path = dir.write("caf\xE9.md", "```python\nx = 1\n```\n");
  const Run result = run({"blocks", "--format", "json", path});
  REQUIRE(result.status == 0);
  const nlohmann::json json = nlohmann::json::parse(result.out);
  const std::string shown = json["file"];
  CHECK(shown.ends_with("caf\xEF\xBF\xBD.md"));  // U+FFFD REPLACEMENT CHARACTER
  CHECK(json["python_block_count"] == 1);
}

TEST_CASE("JSON of every command for a non-UTF-8 path", "[cli][bad-input]") {
  // Once an abort: nlohmann/json threw on the path's byte 0xE9 in every command but blocks.
  const TempDir dir;
  const fs::path example = fs::path(RESPGRADE_SOURCE_DIR) / "examples" / "private-network";
  const std::string task = dir.path("caf\xE9");
  fs::create_directory(task);
  const std::string response = task + "/MODEL_RESPONSE.md";
  const std::string ideal = task + "/IDEAL_RESPONSE.md";
  fs::copy_file(example / "MODEL_RESPONSE.md", response);
  fs::copy_file(example / "IDEAL_RESPONSE.md", ideal);
  dir.write("caf\xE9/MODEL_FAILURES.md", "# Failures\n\n## 1. Log retention\n");
  const std::vector<std::vector<std::string>> commands = {
      {"resources", "--format", "json", response},
      {"scan", "--format", "json", response},
      {"scan", "--format", "sarif", response},
      {"grade", "--format", "json", response, "--ideal", ideal},
      {"check", "--format", "json", task},
      {"batch", "--ideal", ideal, response},
  };
  for (const std::vector<std::string>& command : commands) {
    INFO(command[0] << " " << command[2]);
    const Run result = run(command);
    CHECK(result.status <= 1);
    CHECK(result.err.find("respgrade: ") == std::string::npos);
    const nlohmann::json json = nlohmann::json::parse(result.out);
    // U+FFFD in the path; SARIF percent-encodes the byte in its URIs instead.
    const std::string shown = command[2] == "sarif" ? "caf%E9" : "caf\xEF\xBF\xBD";
    CHECK(json.dump().find(shown) != std::string::npos);
  }
}

TEST_CASE("blocks rejects an unknown format", "[cli][bad-input]") {
  const TempDir dir;
  const std::string path = dir.write("answer.md", kGoodResponse);
  const Run result = run({"blocks", "--format", "yaml", path});
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err.starts_with("respgrade: --format: yaml not in {text,json}"));
}
