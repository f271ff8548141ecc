#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace respgrade {

// One line of a batch output, reduced to what a regression check compares.
struct ResultRecord {
  std::string id;
  std::string line;                             // the line as read, to write a new baseline
  std::optional<std::string> error;             // set for a response that could not be graded
  std::optional<double> score;                  // none when no pattern was graded
  std::map<std::string, std::string> verdicts;  // rule id to verdict
};

// Reads batch output lines. Throws InputError naming `source` and the line for a line that is
// not a JSON object with a string "id", or for an id that appears twice.
std::vector<ResultRecord> read_results(std::istream& lines, const std::string& source);
std::vector<ResultRecord> read_results_file(const std::string& path);

// One difference between a baseline record and the current one.
struct Change {
  enum class Kind { worse, changed, added, removed };
  Kind kind = Kind::changed;
  std::string id;
  std::string subject;  // "score", a rule id, or "response" for a whole record
  std::string before;   // as text: a score, a verdict, "graded", "error: ...", "absent"
  std::string after;
};

// Lists what changed from `baseline` to `current`, matching records by id: score changes, each
// pattern whose verdict changed, records that appeared, vanished or now fail to grade. A change
// is worse when the score dropped, a verdict went from pass to fail or missing, or a graded
// response now fails. Changes follow the current order; vanished ids come last.
std::vector<Change> compare_results(const std::vector<ResultRecord>& baseline,
                                    const std::vector<ResultRecord>& current);

std::string_view change_kind_name(Change::Kind kind);

// Replaces the file at `path` with `records`' lines: written to a temporary file in the same
// folder, then renamed over it, so a reader never sees a half-written baseline.
void write_baseline(const std::string& path, const std::vector<ResultRecord>& records);

}  // namespace respgrade
