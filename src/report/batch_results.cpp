#include "report/batch_results.h"

#include <istream>

#include "common/error.h"

namespace respgrade {

namespace {

using nlohmann::json;

template <typename Enum>
Enum enum_named(const std::string& name, std::initializer_list<std::pair<const char*, Enum>> names,
                const std::string& where, const char* field) {
  for (const auto& [text, value] : names) {
    if (name == text) return value;
  }
  throw InputError(where, std::string("unknown ") + field + " '" + name + "'",
                   "Pass a file written by 'respgrade batch'");
}

const Rule* find_or_add_rule(BatchResults& results, const json& pattern, const std::string& where) {
  const std::string id = pattern.at("rule").get<std::string>();
  for (const Rule& rule : results.rules) {
    if (rule.id == id) return &rule;
  }
  Rule rule;
  rule.id = id;
  rule.title = pattern.at("title").get<std::string>();
  rule.fix = pattern.at("fix").get<std::string>();
  rule.severity = enum_named<Severity>(
      pattern.at("severity").get<std::string>(),
      {{"critical", Severity::critical}, {"high", Severity::high}, {"medium", Severity::medium}},
      where, "severity");
  results.rules.push_back(std::move(rule));
  return &results.rules.back();
}

Status status_named(const json& value, const std::string& where) {
  return enum_named<Status>(value.get<std::string>(),
                            {{"flawed", Status::flawed},
                             {"clean", Status::clean},
                             {"not_applicable", Status::not_applicable},
                             {"unknown", Status::unknown}},
                            where, "status");
}

std::vector<EvidenceCode> evidence_from_json(const json& list) {
  std::vector<EvidenceCode> evidence;
  for (const json& item : list) {
    const json& lines = item.at("lines");
    evidence.push_back({Span{lines.at(0).get<int>(), lines.at(1).get<int>()},
                        item.at("code").get<std::vector<std::string>>()});
  }
  return evidence;
}

PatternGrade pattern_from_json(BatchResults& results, const json& entry, const std::string& where) {
  PatternGrade pattern;
  pattern.rule = find_or_add_rule(results, entry, where);
  pattern.verdict = enum_named<Verdict>(entry.at("verdict").get<std::string>(),
                                        {{"pass", Verdict::pass},
                                         {"fail", Verdict::fail},
                                         {"missing", Verdict::missing},
                                         {"not_graded", Verdict::not_graded}},
                                        where, "verdict");
  pattern.graded = entry.at("graded").get<bool>();
  pattern.response_status = status_named(entry.at("response_status"), where);
  pattern.ideal_status = status_named(entry.at("ideal_status"), where);
  if (!entry.at("note").is_null()) pattern.note = entry.at("note").get<std::string>();
  pattern.response_evidence = evidence_from_json(entry.at("response_evidence"));
  pattern.ideal_evidence = evidence_from_json(entry.at("ideal_evidence"));
  const json& reasons = entry.at("unknown_reasons");
  pattern.response_unknown_reasons = reasons.at("response").get<std::vector<std::string>>();
  pattern.ideal_unknown_reasons = reasons.at("ideal").get<std::vector<std::string>>();
  pattern.diff = entry.at("diff").get<std::string>();
  return pattern;
}

Grade grade_from_json(BatchResults& results, const json& line, const std::string& where) {
  Grade grade;
  grade.response_path = line.at("response").get<std::string>();
  grade.ideal_path = line.at("ideal").get<std::string>();
  if (!line.at("score").is_null()) grade.score = line.at("score").get<double>();
  grade.earned_weight = line.at("weights").at("earned").get<int>();
  grade.graded_weight = line.at("weights").at("graded").get<int>();
  const json& counts = line.at("counts");
  grade.passed = counts.at("pass").get<int>();
  grade.failed = counts.at("fail").get<int>();
  grade.missing = counts.at("missing").get<int>();
  grade.not_graded = counts.at("not_graded").get<int>();
  for (const json& entry : line.at("patterns"))
    grade.patterns.push_back(pattern_from_json(results, entry, where));
  return grade;
}

}  // namespace

void add_batch_result(BatchResults& results, const json& line, const std::string& where) {
  try {
    BatchResult result;
    result.id = line.at("id").get<std::string>();
    result.response = line.at("response").get<std::string>();
    if (line.contains("error")) {
      result.error = line.at("error").get<std::string>();
    } else {
      result.grade = grade_from_json(results, line, where);
    }
    results.items.push_back(std::move(result));
  } catch (const json::exception& error) {
    // nlohmann's out_of_range and type_error messages name the key or the type, after a
    // "[json.exception.NAME.ID] " prefix that means nothing to a user.
    std::string_view message = error.what();
    if (const auto end = message.find("] "); message.starts_with("[json.") && end != message.npos) {
      message.remove_prefix(end + 2);
    }
    throw InputError(where, "not a batch result: " + std::string(message),
                     "Pass a file written by 'respgrade batch'");
  }
}

BatchResults read_batch_results(std::istream& in, const std::string& source) {
  BatchResults results;
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = source + ":" + std::to_string(number);
    json line;
    try {
      line = json::parse(text);
    } catch (const json::parse_error& error) {
      throw InputError(where, std::string("invalid JSON: ") + error.what(),
                       "Pass a file written by 'respgrade batch', one JSON object a line");
    }
    add_batch_result(results, line, where);
  }
  return results;
}

void add_batch_results(const BatchResults& results, DocumentReport& document) {
  for (const BatchResult& item : results.items) {
    if (item.grade) {
      document.add_grade(*item.grade, item.id);
    } else {
      document.add_error(item.id, item.response, item.error);
    }
  }
}

}  // namespace respgrade
