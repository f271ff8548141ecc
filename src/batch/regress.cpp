#include "batch/regress.h"

#include <cmath>
#include <fstream>
#include <istream>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/error.h"
#include "common/replacing_file.h"

namespace respgrade {

namespace {

// Scores are ratios of small integers, so a difference below this is rounding, not a change.
constexpr double kScoreTolerance = 1e-9;

ResultRecord read_record(std::string text, const std::string& where) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("id") || !json["id"].is_string()) {
    throw InputError(where, "not a batch result (a JSON object with a string \"id\")",
                     "Give a file written by respgrade batch");
  }
  ResultRecord record;
  record.id = json["id"].get<std::string>();
  record.line = std::move(text);
  if (const auto error = json.find("error"); error != json.end()) {
    record.error = error->is_string() ? error->get<std::string>() : error->dump();
    return record;
  }
  if (const auto score = json.find("score"); score != json.end() && score->is_number()) {
    record.score = score->get<double>();
  }
  if (const auto patterns = json.find("patterns"); patterns != json.end() && patterns->is_array()) {
    for (const nlohmann::json& pattern : *patterns) {
      if (pattern.is_object() && pattern.value("rule", "").size() > 0) {
        record.verdicts[pattern["rule"].get<std::string>()] = pattern.value("verdict", "");
      }
    }
  }
  return record;
}

std::string score_text(const std::optional<double>& score) {
  return score ? nlohmann::json(*score).dump() : "none";
}

std::string state_text(const ResultRecord& record) {
  return record.error ? "error: " + *record.error : "graded";
}

void compare_record(const ResultRecord& before, const ResultRecord& after,
                    std::vector<Change>& changes) {
  const auto add = [&](Change::Kind kind, std::string subject, std::string from, std::string to) {
    changes.push_back(Change{kind, after.id, std::move(subject), std::move(from), std::move(to)});
  };
  if (before.error || after.error) {
    if (before.error != after.error) {
      add(after.error && !before.error ? Change::Kind::worse : Change::Kind::changed, "response",
          state_text(before), state_text(after));
    }
    return;
  }

  const bool scores_differ =
      before.score.has_value() != after.score.has_value() ||
      (before.score && after.score && std::abs(*before.score - *after.score) > kScoreTolerance);
  if (scores_differ) {
    const bool dropped = before.score && after.score && *after.score < *before.score;
    add(dropped ? Change::Kind::worse : Change::Kind::changed, "score", score_text(before.score),
        score_text(after.score));
  }

  // Every rule of either side, in rule id order.
  std::map<std::string, std::pair<std::string, std::string>> rules;
  for (const auto& [rule, verdict] : before.verdicts) rules[rule].first = verdict;
  for (const auto& [rule, verdict] : after.verdicts) rules[rule].second = verdict;
  for (const auto& [rule, verdicts] : rules) {
    const auto& [from, to] = verdicts;
    if (from == to) continue;
    const bool worse = from == "pass" && (to == "fail" || to == "missing");
    add(worse ? Change::Kind::worse : Change::Kind::changed, rule, from.empty() ? "absent" : from,
        to.empty() ? "absent" : to);
  }
}

}  // namespace

std::vector<ResultRecord> read_results(std::istream& lines, const std::string& source) {
  std::vector<ResultRecord> records;
  std::unordered_map<std::string, int> seen;
  int number = 0;
  for (std::string text; std::getline(lines, text);) {
    ++number;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = source + ":" + std::to_string(number);
    ResultRecord record = read_record(std::move(text), where);
    const auto [found, added] = seen.emplace(record.id, number);
    if (!added) {
      throw InputError(
          where, "id '" + record.id + "' also appears on line " + std::to_string(found->second),
          "Give each response its own id");
    }
    records.push_back(std::move(record));
  }
  if (lines.bad()) throw InputError(source, "read failed", "Check the file");
  return records;
}

std::vector<ResultRecord> read_results_file(const std::string& path) {
  std::ifstream stream(path);
  if (!stream) {
    throw InputError(path, errno == ENOENT ? "file not found" : "cannot be opened",
                     "Check the path");
  }
  return read_results(stream, path);
}

std::vector<Change> compare_results(const std::vector<ResultRecord>& baseline,
                                    const std::vector<ResultRecord>& current) {
  std::unordered_map<std::string_view, const ResultRecord*> earlier;
  for (const ResultRecord& record : baseline) earlier.emplace(record.id, &record);

  std::vector<Change> changes;
  std::unordered_map<std::string_view, bool> present;
  for (const ResultRecord& record : current) {
    present.emplace(record.id, true);
    const auto found = earlier.find(record.id);
    if (found == earlier.end()) {
      changes.push_back(
          Change{Change::Kind::added, record.id, "response", "absent", state_text(record)});
      continue;
    }
    compare_record(*found->second, record, changes);
  }
  for (const ResultRecord& record : baseline) {
    if (present.contains(record.id)) continue;
    changes.push_back(
        Change{Change::Kind::removed, record.id, "response", state_text(record), "absent"});
  }
  return changes;
}

std::string_view change_kind_name(Change::Kind kind) {
  switch (kind) {
    case Change::Kind::worse:
      return "worse";
    case Change::Kind::changed:
      return "changed";
    case Change::Kind::added:
      return "new";
    case Change::Kind::removed:
      return "vanished";
  }
  return "changed";
}

void write_baseline(const std::string& path, const std::vector<ResultRecord>& records) {
  ReplacingFile file(path);
  for (const ResultRecord& record : records) file.stream() << record.line << '\n';
  file.commit();
}

}  // namespace respgrade
