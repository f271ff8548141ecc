#include "rules/fixture_check.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "common/error.h"
#include "common/text_file.h"
#include "report/scan_report.h"
#include "rules/scan.h"

namespace respgrade {

namespace {

struct Expectations {
  std::map<std::string, std::vector<int>> flawed_lines;  // rule id to evidence first lines
  std::set<std::string> flawed;                          // every id expected flawed
  std::set<std::string> clean;
  std::set<std::string> unknown;
  std::map<std::string, int> annotation_line;  // where each id was first named
};

std::vector<std::string> split_ids(std::string_view text) {
  std::vector<std::string> ids;
  std::string id;
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!id.empty()) ids.push_back(id);
      id.clear();
    } else {
      id += c;
    }
  }
  if (!id.empty()) ids.push_back(id);
  return ids;
}

std::string_view trim(std::string_view text) {
  const auto start = text.find_first_not_of(" \t\r");
  if (start == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\r");
  return text.substr(start, end - start + 1);
}

// Reads `KIND: ids` from an annotation body, for KIND expect, ok or unknown.
bool read_annotation(std::string_view body, std::string& kind, std::vector<std::string>& ids) {
  for (std::string_view name : {"expect", "ok", "unknown"}) {
    if (body.starts_with(name) && body.size() > name.size() && body[name.size()] == ':') {
      kind = std::string(name);
      ids = split_ids(body.substr(name.size() + 1));
      return true;
    }
  }
  return false;
}

void record(Expectations& expectations, const std::string& kind, const std::string& id, int line) {
  expectations.annotation_line.emplace(id, line);
  if (kind == "expect") expectations.flawed.insert(id);
  if (kind == "ok") expectations.clean.insert(id);
  if (kind == "unknown") expectations.unknown.insert(id);
}

Expectations read_expectations(const ScannedResponse& scanned, std::string_view text) {
  Expectations expectations;

  // HTML comments anywhere in the markdown.
  int line = 1;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '\n') ++line;
    if (text.compare(at, 4, "<!--") != 0) continue;
    const auto end = text.find("-->", at);
    if (end == std::string_view::npos) break;
    std::string kind;
    std::vector<std::string> ids;
    if (read_annotation(trim(text.substr(at + 4, end - at - 4)), kind, ids)) {
      for (const std::string& id : ids) record(expectations, kind, id, line);
    }
  }

  // `# expect:` comments in Python blocks point at the next line that is not an annotation.
  for (const PythonBlock& python : scanned.response.python_blocks) {
    const CodeBlock& block = scanned.response.block_of(python);
    std::vector<std::pair<std::string, std::vector<std::string>>> pending;
    std::size_t start = 0;
    for (std::size_t row = 0; row < block.lines.size(); ++row) {
      const std::size_t end = std::min(block.text.find('\n', start), block.text.size());
      const std::string_view code = trim(std::string_view(block.text).substr(start, end - start));
      start = end + 1;
      std::string kind;
      std::vector<std::string> ids;
      if (code.starts_with("#") && read_annotation(trim(code.substr(1)), kind, ids)) {
        for (const std::string& id : ids) record(expectations, kind, id, block.lines[row]);
        if (kind == "expect") pending.emplace_back(kind, ids);
        continue;
      }
      for (const auto& [pending_kind, pending_ids] : pending) {
        for (const std::string& id : pending_ids) {
          expectations.flawed_lines[id].push_back(block.lines[row]);
        }
      }
      pending.clear();
    }
  }
  return expectations;
}

std::string evidence_list(const std::vector<Span>& spans) {
  if (spans.empty()) return "no lines";
  std::string text = "lines ";
  for (std::size_t i = 0; i < spans.size(); ++i) text += (i ? ", " : "") + span_text(spans[i]);
  return text;
}

void check_finding(const Finding& finding, const Expectations& expectations,
                   const std::string& file, std::vector<FixtureProblem>& problems) {
  const std::string& id = finding.rule->id;
  const int line = expectations.annotation_line.count(id) ? expectations.annotation_line.at(id) : 0;
  const std::string got = std::string(status_name(finding.status));
  const auto problem = [&](int at, const std::string& message) {
    problems.push_back(FixtureProblem{file, at, message + " [" + id + "]"});
  };

  if (expectations.flawed.count(id)) {
    if (finding.status != Status::flawed) {
      problem(line, "missing finding: expected flawed, got " + got);
      return;
    }
    const auto lines = expectations.flawed_lines.find(id);
    if (lines == expectations.flawed_lines.end()) return;
    for (int expected : lines->second) {
      const bool found = std::any_of(finding.evidence.begin(), finding.evidence.end(),
                                     [&](const Span& span) { return span.first == expected; });
      if (!found) {
        problem(expected,
                "missing finding here; evidence is on " + evidence_list(finding.evidence));
      }
    }
    for (const Span& span : finding.evidence) {
      if (std::find(lines->second.begin(), lines->second.end(), span.first) ==
          lines->second.end()) {
        problem(span.first, "unexpected finding on lines " + span_text(span));
      }
    }
    return;
  }
  if (expectations.clean.count(id) && finding.status != Status::clean) {
    problem(line, "expected clean, got " + got);
    return;
  }
  if (expectations.unknown.count(id) && finding.status != Status::unknown) {
    problem(line, "expected unknown, got " + got);
    return;
  }
  if (finding.status == Status::flawed) {
    problem(finding.evidence.empty() ? 0 : finding.evidence.front().first,
            "unexpected finding on " + evidence_list(finding.evidence));
  } else if (finding.status == Status::unknown && !expectations.unknown.count(id)) {
    problem(0, "unexpected unknown: " + (finding.unknown_reasons.empty()
                                             ? std::string("no reason given")
                                             : finding.unknown_reasons.front()));
  }
}

}  // namespace

FixtureReport check_fixtures(const std::string& directory, const Catalog& catalog,
                             bool require_coverage) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    throw InputError(directory, "not a directory", "Name the folder that holds the fixtures");
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(directory, error)) {
    const std::string path = entry.path().string();
    if (entry.is_regular_file() && path.ends_with(".md") &&
        entry.path().filename() != "README.md") {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw InputError(directory, "holds no .md fixtures", "Add fixtures first");

  FixtureReport report;
  std::set<std::string> expected_flawed, expected_clean;
  for (const std::string& file : files) {
    const TextFile text = read_text_file(file);
    const ScannedResponse scanned = scan_response(parse_response(file, text.text), catalog);
    const Expectations expectations = read_expectations(scanned, text.text);
    for (const auto& [id, line] : expectations.annotation_line) {
      if (catalog.find(id) == nullptr) {
        report.problems.push_back(
            FixtureProblem{file, line, "annotation names no rule of the catalog [" + id + "]"});
      }
    }
    const std::size_t before = report.problems.size();
    for (const Finding& finding : scanned.findings)
      check_finding(finding, expectations, file, report.problems);
    ++report.fixtures;
    if (report.problems.size() != before) ++report.failed;
    expected_flawed.insert(expectations.flawed.begin(), expectations.flawed.end());
    expected_clean.insert(expectations.clean.begin(), expectations.clean.end());
  }

  if (require_coverage) {
    for (const Rule& rule : catalog.rules) {
      if (!expected_flawed.count(rule.id)) {
        report.problems.push_back(
            FixtureProblem{directory, 0, "no fixture expects this rule flawed [" + rule.id + "]"});
      }
      if (!expected_clean.count(rule.id)) {
        report.problems.push_back(
            FixtureProblem{directory, 0, "no fixture expects this rule clean [" + rule.id + "]"});
      }
    }
  }
  return report;
}

}  // namespace respgrade
