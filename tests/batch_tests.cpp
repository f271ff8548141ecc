// Runs `respgrade batch` in-process on task folders, manifests and one-ideal lists built in a
// temporary directory from the bundled example task.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "batch/batch_input.h"
#include "batch/batch_run.h"
#include "batch/progress.h"
#include "cli/cli.h"
#include "rules/catalog.h"
#include "test_support.h"

namespace {

using namespace respgrade_test;

namespace fs = std::filesystem;

const fs::path kExample = fs::path(RESPGRADE_SOURCE_DIR) / "examples" / "private-network";

std::vector<nlohmann::json> lines_of(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

std::vector<std::string> ids_of(const std::string& text) {
  std::vector<std::string> ids;
  for (const nlohmann::json& line : lines_of(text)) ids.push_back(line["id"]);
  return ids;
}

// Task folders t00..t(n-1): even ones grade the model response, odd ones the ideal against itself,
// and every third keeps its files under lib/.
void make_tasks(const TempDir& dir, int count) {
  for (int i = 0; i < count; ++i) {
    char name[8];
    std::snprintf(name, sizeof name, "t%02d", i);
    const std::string folder = std::string(name) + (i % 3 == 0 ? "/lib/" : "/");
    dir.copy(kExample / (i % 2 == 0 ? "MODEL_RESPONSE.md" : "IDEAL_RESPONSE.md"),
             folder + "MODEL_RESPONSE.md");
    dir.copy(kExample / "IDEAL_RESPONSE.md", folder + "IDEAL_RESPONSE.md");
  }
}

}  // namespace

TEST_CASE("batch task folders keep input order", "[batch]") {
  const TempDir dir;
  make_tasks(dir, 12);
  const Run one = run({"batch", "-j", "1", dir.path().string()});
  const Run four = run({"batch", "-j", "4", dir.path().string()});
  CHECK(one.status == 0);
  CHECK(four.status == 0);
  CHECK(one.out == four.out);
  const std::vector<std::string> expected = {"t00", "t01", "t02", "t03", "t04", "t05",
                                             "t06", "t07", "t08", "t09", "t10", "t11"};
  CHECK(ids_of(four.out) == expected);
}

TEST_CASE("batch line is the grade with its id", "[batch]") {
  const TempDir dir;
  make_tasks(dir, 2);
  const std::string out = run({"batch", dir.path().string()}).out;
  CHECK(out.starts_with("{\"id\":\"t00\",\"response\":"));
  const std::vector<nlohmann::json> lines = lines_of(out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["score"] == 0.375);
  CHECK(lines[0]["counts"]["fail"] == 4);
  CHECK(lines[0]["response"] == (dir.path() / "t00" / "lib" / "MODEL_RESPONSE.md").string());
  CHECK(lines[1]["score"] == 1.0);
  CHECK(lines[1]["patterns"].size() == 15);
}

TEST_CASE("batch bad response gets an error line", "[batch]") {
  const TempDir dir;
  make_tasks(dir, 3);
  dir.write("t01/MODEL_RESPONSE.md", "");
  fs::create_directories(dir.path() / "t01b");  // no files at all
  const Run result = run({"batch", "-j", "2", dir.path().string()});
  CHECK(result.status == 2);
  const std::vector<nlohmann::json> lines = lines_of(result.out);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].contains("score"));
  CHECK(lines[1]["id"] == "t01");
  CHECK(lines[1]["error"] == "respgrade: " + (dir.path() / "t01" / "MODEL_RESPONSE.md").string() +
                                 ": file is empty. Give a markdown answer with at least one "
                                 "code block");
  CHECK(lines[2]["id"] == "t01b");
  CHECK(lines[2]["error"] == "respgrade: " + (dir.path() / "t01b").string() +
                                 ": task folder has no MODEL_RESPONSE.md. Put MODEL_RESPONSE.md "
                                 "in the folder or in its lib/ subfolder");
  CHECK(lines[3]["id"] == "t02");
  CHECK(lines[3].contains("score"));
  CHECK(result.err.find("graded 2 of 4 responses (2 could not be graded)") != std::string::npos);
}

TEST_CASE("batch shards concatenate to the whole", "[batch]") {
  const TempDir dir;
  make_tasks(dir, 7);
  const std::string whole = run({"batch", dir.path().string()}).out;
  std::string joined;
  std::size_t lines = 0;
  for (const char* shard : {"1/3", "2/3", "3/3"}) {
    const Run part = run({"batch", "--shard", shard, "-j", "2", dir.path().string()});
    CHECK(part.status == 0);
    lines += lines_of(part.out).size();
    joined += part.out;
  }
  CHECK(lines == 7);
  CHECK(joined == whole);
}

TEST_CASE("batch rejects a malformed shard", "[batch]") {
  const TempDir dir;
  for (const char* shard : {"0/3", "4/3", "1/0", "2", "a/b", "1/3x"}) {
    INFO(shard);
    const Run result = run({"batch", "--shard", shard, dir.path().string()});
    CHECK(result.status == 2);
    CHECK(result.err ==
          std::string("respgrade: --shard ") + shard +
              ": invalid shard. Write I/N with 1 <= I <= N, such as 2/3 for the second of three "
              "slices\n");
  }
}

TEST_CASE("batch manifest from standard input", "[batch]") {
  const TempDir dir;
  const std::string model = dir.copy(kExample / "MODEL_RESPONSE.md", "a/answer.md");
  const std::string ideal = dir.copy(kExample / "IDEAL_RESPONSE.md", "a/ideal.md");
  std::istringstream manifest("{\"id\": \"first\", \"response\": \"" + model + "\", \"ideal\": \"" +
                              ideal + "\"}\n\n{\"response\": \"" + ideal + "\", \"ideal\": \"" +
                              ideal + "\"}\n");
  std::streambuf* saved = std::cin.rdbuf(manifest.rdbuf());
  const Run result = run({"batch", "--manifest", "-"});
  std::cin.rdbuf(saved);
  CHECK(result.status == 0);
  const std::vector<nlohmann::json> lines = lines_of(result.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["id"] == "first");
  CHECK(lines[0]["score"] == 0.375);
  CHECK(lines[1]["id"] == ideal);
  CHECK(lines[1]["score"] == 1.0);
}

TEST_CASE("batch manifest paths are relative to it", "[batch]") {
  const TempDir dir;
  dir.copy(kExample / "MODEL_RESPONSE.md", "set/answers/one.md");
  dir.copy(kExample / "IDEAL_RESPONSE.md", "set/ideal.md");
  const std::string manifest =
      dir.write("set/manifest.jsonl", "{\"id\": \"one\", \"response\": \"answers/one.md\"}\n");
  // --ideal is a command-line path, so it is relative to the working directory, not the manifest.
  const std::string ideal = (dir.path() / "set" / "ideal.md").string();
  const Run result = run({"batch", "--manifest", manifest, "--ideal", ideal});
  CHECK(result.status == 0);
  const std::vector<nlohmann::json> lines = lines_of(result.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["response"] == (dir.path() / "set" / "answers" / "one.md").string());
  CHECK(lines[0]["ideal"] == ideal);
}

TEST_CASE("batch manifest errors name the line", "[batch]") {
  const TempDir dir;
  const std::string bad = dir.write("bad.jsonl",
                                    "{\"response\": \"a.md\", \"ideal\": \"b.md\"}\n"
                                    "not json\n");
  Run result = run({"batch", "--manifest", bad});
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "respgrade: " + bad +
                          ":2: manifest line is not a JSON object. Write each line as {\"id\": "
                          "\"...\", \"response\": \"path\", \"ideal\": \"path\"}\n");

  const std::string no_ideal = dir.write("no_ideal.jsonl", "{\"response\": \"a.md\"}\n");
  result = run({"batch", "--manifest", no_ideal});
  CHECK(result.err == "respgrade: " + no_ideal +
                          ":1: manifest line has no 'ideal'. Name the ideal file on the line, or "
                          "give one for every line with --ideal\n");

  const std::string twice =
      dir.write("twice.jsonl",
                "{\"id\": \"x\", \"response\": \"a.md\", \"ideal\": \"b.md\"}\n"
                "{\"id\": \"x\", \"response\": \"c.md\", \"ideal\": \"b.md\"}\n");
  result = run({"batch", "--manifest", twice});
  CHECK(result.status == 2);
  CHECK(result.err == "respgrade: " + twice +
                          ": id 'x' is used by responses 1 and 2. Give each response its own id, "
                          "since regress matches results by id\n");
}

TEST_CASE("batch scans each ideal once", "[batch]") {
  const TempDir dir;
  std::vector<std::string> responses;
  for (int i = 0; i < 9; ++i) {
    responses.push_back(dir.copy(kExample / "MODEL_RESPONSE.md", "r" + std::to_string(i) + ".md"));
  }
  const std::string ideal = dir.copy(kExample / "IDEAL_RESPONSE.md", "ideal.md");
  const auto catalog = respgrade::builtin_catalog();
  respgrade::BatchOptions options;
  options.threads = 4;
  std::ostringstream out;
  const respgrade::BatchOutcome outcome = respgrade::run_batch(
      respgrade::list_responses(responses, ideal), *catalog, options, out, nullptr);
  CHECK(outcome.ideal_scans == 1);
  CHECK(outcome.summary.responses() == 9);
  CHECK(outcome.summary.failed() == 0);
  CHECK(outcome.summary.mean() == Approx(0.375));
  CHECK(outcome.summary.standard_deviation() == Approx(0.0));
}

TEST_CASE("batch bad ideal fails each of its responses", "[batch]") {
  const TempDir dir;
  const std::string response = dir.copy(kExample / "MODEL_RESPONSE.md", "r.md");
  const std::string missing = (dir.path() / "none.md").string();
  const Run result = run({"batch", "--ideal", missing, response, response});
  CHECK(result.status == 2);
  CHECK(result.err.find("id '" + response + "' is used by responses 1 and 2") != std::string::npos);

  const std::string other = dir.copy(kExample / "IDEAL_RESPONSE.md", "s.md");
  const Run two = run({"batch", "--ideal", missing, response, other});
  const std::vector<nlohmann::json> lines = lines_of(two.out);
  REQUIRE(lines.size() == 2);
  for (const nlohmann::json& line : lines) {
    CHECK(line["error"] == "respgrade: " + missing + ": file not found. Check the path");
  }
}

TEST_CASE("batch summary file has the pattern table", "[batch]") {
  const TempDir dir;
  make_tasks(dir, 4);
  const std::string summary = (dir.path() / "summary.txt").string();
  const Run result = run({"batch", "--summary", summary, dir.path().string()});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  std::ifstream file(summary);
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  CHECK(text.find("graded 4 of 4 responses; 4 with a score\n") != std::string::npos);
  // Scores 0.375, 1, 0.375, 1: mean 0.6875, population standard deviation 0.3125.
  CHECK(text.find("score: mean 0.688, standard deviation 0.312, min 0.375, max 1.000\n") !=
        std::string::npos);
  CHECK(text.find("log-retention-365                    2        0       2           0   50.0%") !=
        std::string::npos);
}

TEST_CASE("batch progress line shows rate and time left", "[batch]") {
  CHECK(respgrade::progress_line(0, 40, 0) == "[....................]  0/40");
  CHECK(respgrade::progress_line(10, 40, 2.0) == "[#####...............]  10/40  5.0/s  0:06 left");
  CHECK(respgrade::progress_line(40, 40, 8.0) == "[####################]  40/40  5.0/s  0:00 left");
}

namespace {

std::size_t files_in(const fs::path& folder) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("batch --out writes the file", "[batch][out]") {
  const TempDir dir;
  make_tasks(dir, 3);
  const TempDir results;
  const std::string out = results.write("results.jsonl", "an earlier run\n");
  const Run to_file = run({"batch", "-j", "2", "--out", out, dir.path().string()});
  CHECK(to_file.status == 0);
  CHECK(to_file.out.empty());
  CHECK(read_file(out) == run({"batch", dir.path().string()}).out);
  CHECK(files_in(results.path()) == 1);  // the temporary file became results.jsonl
}

TEST_CASE("batch --out keeps file on failure", "[batch][out]") {
  const TempDir results;
  const std::string out = results.write("results.jsonl", "an earlier run\n");
  const std::string manifest = results.write("manifest.jsonl", "{\"id\": \"a\"}\n");
  const Run failed = run({"batch", "--manifest", manifest, "--out", out});
  CHECK(failed.status == 2);
  CHECK(failed.err.starts_with("respgrade: " + manifest + ":1: "));
  CHECK(read_file(out) == "an earlier run\n");
  CHECK(files_in(results.path()) == 2);  // no temporary file is left behind
}

TEST_CASE("batch --out rejects unwritable paths", "[batch][out]") {
  const TempDir dir;
  make_tasks(dir, 1);
  const std::string missing = (dir.path() / "no-such-folder" / "results.jsonl").string();
  const Run into_missing = run({"batch", "--out", missing, dir.path().string()});
  CHECK(into_missing.status == 2);
  CHECK(into_missing.err ==
        "respgrade: " + missing +
            ": cannot create a temporary file beside it (No such file or directory). Check "
            "that its folder exists and is writable\n");
  const Run onto_folder = run({"batch", "--out", dir.path().string(), dir.path().string()});
  CHECK(onto_folder.status == 2);
  CHECK(onto_folder.err == "respgrade: " + dir.path().string() +
                               ": is a folder, not a file to write. Name a file "
                               "inside it\n");
}

TEST_CASE("every printing command takes --out", "[out]") {
  const TempDir dir;
  const std::string response = (kExample / "MODEL_RESPONSE.md").string();
  const std::string ideal = (kExample / "IDEAL_RESPONSE.md").string();
  const std::vector<std::vector<std::string>> commands = {
      {"blocks", response},
      {"resources", response},
      {"scan", response},
      {"scan", "--format", "sarif", response},
      {"grade", response, "--ideal", ideal},
      {"check", (fs::path(RESPGRADE_SOURCE_DIR) / "fixtures" / "check" / "network-task").string()},
      {"rules", "list"},
  };
  for (std::vector<std::string> command : commands) {
    INFO(command[0]);
    const Run to_stdout = run(command);
    const std::string out = (dir.path() / "out.txt").string();
    command.insert(command.end(), {"--out", out});
    const Run to_file = run(command);
    CHECK(to_file.status == to_stdout.status);
    CHECK(to_file.out.empty());
    CHECK(read_file(out) == to_stdout.out);
  }
}

TEST_CASE("batch --out writes into a pipe", "[batch][out]") {
  // Once a bug: --summary /dev/null renamed a regular file over the device.
  const TempDir dir;
  make_tasks(dir, 2);
  const TempDir pipes;
  const fs::path out = pipes.path() / "out.fifo";
  const fs::path summary = pipes.path() / "summary.fifo";
  REQUIRE(::mkfifo(out.c_str(), 0600) == 0);
  REQUIRE(::mkfifo(summary.c_str(), 0600) == 0);
  std::string out_text, summary_text;
  std::thread out_reader([&] { out_text = read_file(out); });
  std::thread summary_reader([&] { summary_text = read_file(summary); });
  const Run result =
      run({"batch", "--out", out.string(), "--summary", summary.string(), dir.path().string()});
  out_reader.join();
  summary_reader.join();
  CHECK(result.status == 0);
  CHECK(lines_of(out_text).size() == 2);
  CHECK(summary_text.starts_with("graded 2 of 2 responses"));
  CHECK(fs::is_fifo(out));
  CHECK(fs::is_fifo(summary));
  CHECK(files_in(pipes.path()) == 2);
}

TEST_CASE("batch --out follows a symbolic link", "[batch][out]") {
  const TempDir dir;
  make_tasks(dir, 1);
  const TempDir results;
  const std::string file = results.write("results.jsonl", "an earlier run\n");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  const fs::path link = results.path() / "latest.jsonl";
  fs::create_symlink(file, link);
  CHECK(run({"batch", "--out", link.string(), dir.path().string()}).status == 0);
  CHECK(fs::is_symlink(link));
  CHECK(lines_of(read_file(file)).size() == 1);
  // The replaced file keeps its mode.
  CHECK((fs::status(file).permissions() & fs::perms::mask) ==
        (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("output file: keeps file when the only input is missing", "[out]") {
  const TempDir dir;
  const std::string out = dir.write("k.txt", "OLD\n");
  const std::string missing = (dir.path() / "nosuch.md").string();
  for (const char* command : {"scan", "blocks", "resources"}) {
    INFO(command);
    const Run result = run({command, missing, "--out", out});
    CHECK(result.status == 2);
    CHECK(read_file(out) == "OLD\n");
    CHECK(files_in(dir.path()) == 1);
  }
}

TEST_CASE("output file: creates the target of a dangling link", "[out]") {
  const TempDir dir;
  const fs::path link = dir.path() / "latest.txt";
  fs::create_symlink("results.txt", link);
  const std::string response = (kExample / "MODEL_RESPONSE.md").string();
  CHECK(run({"scan", response, "--out", link.string()}).status == 0);
  CHECK(fs::is_symlink(link));
  CHECK(read_file(dir.path() / "results.txt") == run({"scan", response}).out);
}

TEST_CASE("output file: rejects a loop of links", "[out]") {
  const TempDir dir;
  const fs::path first = dir.path() / "a";
  fs::create_symlink("b", first);
  fs::create_symlink("a", dir.path() / "b");
  const Run result = run({"rules", "list", "--out", first.string()});
  CHECK(result.status == 2);
  CHECK(result.err == "respgrade: " + first.string() +
                          ": is a loop of symbolic links. Point the link at a file\n");
}

TEST_CASE("output file: writes to an open descriptor in place", "[out]") {
  // Once a bug: a link to /proc/self/fd/N was resolved to the file behind the descriptor, which
  // was then replaced, losing what had been written to it before.
  const TempDir dir;
  const std::string file = (dir.path() / "log.txt").string();
  const int descriptor = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(descriptor >= 0);
  REQUIRE(::write(descriptor, "header\n", 7) == 7);
  const fs::path link = dir.path() / "out";
  fs::create_symlink("/proc/self/fd/" + std::to_string(descriptor), link);
  const Run result = run({"rules", "list", "--out", link.string()});
  REQUIRE(::write(descriptor, "footer\n", 7) == 7);
  ::close(descriptor);
  CHECK(result.status == 0);
  CHECK(read_file(file) == "header\n" + run({"rules", "list"}).out + "footer\n");
  CHECK(files_in(dir.path()) == 2);
}

TEST_CASE("output file: rejects a descriptor that is not open", "[out]") {
  const TempDir dir;
  const fs::path link = dir.path() / "out";
  fs::create_symlink("/proc/self/fd/987", link);
  const Run result = run({"rules", "list", "--out", link.string()});
  CHECK(result.status == 2);
  CHECK(result.err == "respgrade: " + link.string() +
                          ": names descriptor 987, which is not open. Name a file, or run the "
                          "command with that descriptor open\n");
}

TEST_CASE("batch ids that print alike are duplicates", "[batch]") {
  const TempDir dir;
  for (const char* name : {"a\xE9", "a\xE8"}) {
    dir.copy(kExample / "MODEL_RESPONSE.md", std::string(name) + "/MODEL_RESPONSE.md");
    dir.copy(kExample / "IDEAL_RESPONSE.md", std::string(name) + "/IDEAL_RESPONSE.md");
  }
  const Run result = run({"batch", dir.path().string()});
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err.find("is used by responses 1 and 2") != std::string::npos);
}

TEST_CASE("output file: dash is standard output", "[out]") {
  const Run dash = run({"rules", "list", "-o", "-"});
  CHECK(dash.status == 0);
  CHECK(dash.out == run({"rules", "list"}).out);
  CHECK_FALSE(fs::exists("-"));
  const Run empty = run({"rules", "list", "-o", ""});
  CHECK(empty.status == 2);
  CHECK(empty.err ==
        "respgrade: --out: the file name is empty. Run 'respgrade --help' for usage.\n");
}
