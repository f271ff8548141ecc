// Runs the extraction fixtures in fixtures/markdown/. Their format is described in
// fixtures/markdown/README.md: an explanation, the markdown input, a separator line and the
// expected blocks, one line each, optionally followed by the block's text.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "python/response.h"

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSeparator = "<<<<<<<< expected >>>>>>>>";

struct ExpectedBlock {
  std::string summary;
  bool has_text = false;
  std::string text;
};

struct Fixture {
  std::string explanation;
  std::string markdown;
  std::vector<ExpectedBlock> blocks;
};

fs::path fixture_dir() { return fs::path(RESPGRADE_SOURCE_DIR) / "fixtures" / "markdown"; }

std::vector<fs::path> fixture_paths() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(fixture_dir())) {
    const bool fixture =
        entry.path().extension() == ".md" && entry.path().filename() != "README.md";
    if (fixture) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(stream), {});
}

// Splits a fixture into its parts. The markdown input keeps its bytes exactly, so a fixture
// can carry CRLF or CR line ends and a byte-order mark. The separator line starts right after
// the input's last line end, whichever kind it is.
Fixture parse_fixture(const fs::path& path) {
  const std::string bytes = read_bytes(path);
  Fixture fixture;
  const auto blank = bytes.find("\n\n");
  if (blank == std::string::npos) FAIL(path.string() << ": no blank line after the explanation");
  fixture.explanation = bytes.substr(0, blank);
  const std::size_t input_start = blank + 2;

  std::size_t separator = input_start;
  while (true) {
    separator = bytes.find(kSeparator, separator);
    if (separator == std::string::npos) FAIL(path.string() << ": no line " << kSeparator);
    const char before = bytes[separator - 1];
    if (separator == input_start || before == '\n' || before == '\r') break;
    ++separator;
  }
  fixture.markdown = bytes.substr(input_start, separator - input_start);

  std::istringstream expected(bytes.substr(separator + kSeparator.size()));
  std::string line;
  std::getline(expected, line);  // the rest of the separator line
  while (std::getline(expected, line)) {
    if (line.starts_with("|")) {
      if (fixture.blocks.empty()) FAIL(path.string() << ": text line before any block: " << line);
      ExpectedBlock& block = fixture.blocks.back();
      block.has_text = true;
      block.text += line.substr(line.starts_with("| ") ? 2 : 1) + "\n";
    } else if (!line.empty()) {
      fixture.blocks.push_back({line, false, {}});
    }
  }
  return fixture;
}

std::string join_lines(const std::vector<int>& lines) {
  if (lines.empty()) return "-";
  std::string text;
  for (int line : lines) text += (text.empty() ? "" : ",") + std::to_string(line);
  return text;
}

// Describes a block in the fixtures' one-line form.
std::string describe(const respgrade::Response& response, const respgrade::CodeBlock& block) {
  const respgrade::PythonBlock* python = nullptr;
  for (const respgrade::PythonBlock& candidate : response.python_blocks) {
    if (candidate.block_index == block.index) python = &candidate;
  }
  std::string text = "language=" + (block.language.empty() ? "-" : block.language);
  text += " file=" + (block.file_name.empty() ? "-" : block.file_name);
  text += " lines=" + (block.lines.empty() ? std::string("-")
                                           : std::to_string(block.first_line()) + "-" +
                                                 std::to_string(block.last_line()));
  text += std::string(" python=") + (python != nullptr ? "yes" : "no");
  text += " errors=" + (python != nullptr ? join_lines(python->error_lines) : "-");
  if (!block.fenced) text += " indented";
  if (!block.closed) text += " unclosed";
  if (python != nullptr && python->test_code) text += " test";
  return text;
}

std::string listing(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += "  " + line + "\n";
  return text.empty() ? "  (no blocks)\n" : text;
}

}  // namespace

TEST_CASE("markdown fixtures match extracted blocks", "[markdown][fixtures]") {
  const std::vector<fs::path> paths = fixture_paths();
  REQUIRE(paths.size() >= 20);

  for (const fs::path& path : paths) {
    DYNAMIC_SECTION(path.filename().string()) {
      const Fixture fixture = parse_fixture(path);
      CHECK_FALSE(fixture.explanation.empty());
      const respgrade::Response response =
          respgrade::parse_response(path.filename().string(), fixture.markdown);

      std::vector<std::string> expected, actual;
      for (const ExpectedBlock& block : fixture.blocks) expected.push_back(block.summary);
      for (const respgrade::CodeBlock& block : response.blocks) {
        actual.push_back(describe(response, block));
      }
      INFO(path.string() << "\nexpected:\n" << listing(expected) << "actual:\n" << listing(actual));
      REQUIRE(actual == expected);

      for (std::size_t i = 0; i < fixture.blocks.size(); ++i) {
        const respgrade::CodeBlock& block = response.blocks[i];
        INFO("block " << i + 1 << ": " << fixture.blocks[i].summary);
        if (fixture.blocks[i].has_text) CHECK(block.text == fixture.blocks[i].text);

        // Every code line has its own markdown line, one after another.
        REQUIRE(block.lines.size() ==
                static_cast<std::size_t>(std::count(block.text.begin(), block.text.end(), '\n')));
        for (std::size_t line = 1; line < block.lines.size(); ++line) {
          CHECK(block.lines[line] == block.lines[line - 1] + 1);
        }
      }
    }
  }
}

TEST_CASE("fixture parser keeps input bytes", "[markdown][fixtures]") {
  // The CRLF fixture is only a test if git kept its carriage returns.
  const Fixture fixture = parse_fixture(fixture_dir() / "line-ends-crlf.md");
  CHECK(fixture.markdown.find("\r\n") != std::string::npos);
  CHECK(fixture.markdown.ends_with("\r\n"));
  CHECK(fixture.explanation.find('\r') == std::string::npos);
}
