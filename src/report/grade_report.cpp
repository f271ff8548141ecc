#include "report/grade_report.h"

#include <cstdio>
#include <ostream>

#include "report/scan_report.h"

namespace respgrade {

namespace {

nlohmann::ordered_json evidence_to_json(const std::vector<EvidenceCode>& evidence) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const EvidenceCode& code : evidence) {
    list.push_back({{"lines", {code.span.first, code.span.last}}, {"code", code.lines}});
  }
  return list;
}

std::string score_text(const Grade& grade) {
  if (!grade.score) return "none (no pattern graded)";
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", *grade.score);
  return text;
}

// ANSI colours, or nothing when colour is off.
struct Palette {
  bool on;
  std::string red() const { return on ? "\033[31m" : ""; }
  std::string green() const { return on ? "\033[32m" : ""; }
  std::string yellow() const { return on ? "\033[33m" : ""; }
  std::string cyan() const { return on ? "\033[36m" : ""; }
  std::string bold() const { return on ? "\033[1m" : ""; }
  std::string reset() const { return on ? "\033[0m" : ""; }
};

std::string verdict_color(Verdict verdict, const Palette& palette) {
  switch (verdict) {
    case Verdict::pass:
      return palette.green();
    case Verdict::fail:
    case Verdict::missing:
      return palette.red();
    case Verdict::not_graded:
      return palette.yellow();
  }
  return {};
}

void print_side(const char* label, const std::string& path, Status status,
                const std::vector<EvidenceCode>& evidence, std::ostream& out) {
  out << "  " << label << ": " << status_name(status);
  if (evidence.empty()) {
    out << ", no lines\n";
    return;
  }
  out << ", " << path << '\n';
  for (const EvidenceCode& code : evidence) {
    int line = code.span.first;
    for (const std::string& text : code.lines) out << "    " << line++ << " | " << text << '\n';
  }
}

void print_diff(const std::string& diff, std::ostream& out, const Palette& palette) {
  std::size_t start = 0;
  while (start < diff.size()) {
    const auto end = diff.find('\n', start);
    const std::string line = diff.substr(start, end - start);
    start = end == std::string::npos ? diff.size() : end + 1;
    std::string color;
    if (line.starts_with("@@"))
      color = palette.cyan();
    else if (line.starts_with("+"))
      color = palette.green();
    else if (line.starts_with("-"))
      color = palette.red();
    out << "    " << color << line << (color.empty() ? "" : palette.reset()) << '\n';
  }
}

}  // namespace

nlohmann::ordered_json grade_to_json(const Grade& grade) {
  nlohmann::ordered_json patterns = nlohmann::ordered_json::array();
  for (const PatternGrade& pattern : grade.patterns) {
    nlohmann::ordered_json entry = {
        {"rule", pattern.rule->id},
        {"title", pattern.rule->title},
        {"severity", severity_name(pattern.rule->severity)},
        {"weight", severity_weight(pattern.rule->severity)},
        {"verdict", verdict_name(pattern.verdict)},
        {"graded", pattern.graded},
        {"response_status", status_name(pattern.response_status)},
        {"ideal_status", status_name(pattern.ideal_status)},
        {"note",
         pattern.note.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(pattern.note)},
        {"response_evidence", evidence_to_json(pattern.response_evidence)},
        {"ideal_evidence", evidence_to_json(pattern.ideal_evidence)},
        {"unknown_reasons",
         {{"response", pattern.response_unknown_reasons},
          {"ideal", pattern.ideal_unknown_reasons}}},
        {"fix", pattern.rule->fix},
        {"diff", pattern.diff}};
    patterns.push_back(std::move(entry));
  }
  return {{"response", grade.response_path},
          {"ideal", grade.ideal_path},
          {"score", grade.score ? nlohmann::ordered_json(*grade.score) : nlohmann::ordered_json()},
          {"weights", {{"earned", grade.earned_weight}, {"graded", grade.graded_weight}}},
          {"counts",
           {{"pass", grade.passed},
            {"fail", grade.failed},
            {"missing", grade.missing},
            {"not_graded", grade.not_graded}}},
          {"patterns", std::move(patterns)}};
}

void print_grade_text(const Grade& grade, std::ostream& out, bool color) {
  const Palette palette{color};
  out << palette.bold() << "response: " << grade.response_path << palette.reset() << '\n'
      << "ideal:    " << grade.ideal_path << '\n'
      << "score:    " << palette.bold() << score_text(grade) << palette.reset() << " ("
      << grade.earned_weight << " of " << grade.graded_weight << " weighted points)\n"
      << "verdicts: " << grade.passed << " pass, " << grade.failed << " fail, " << grade.missing
      << " missing, " << grade.not_graded << " not graded\n";

  for (const PatternGrade& pattern : grade.patterns) {
    out << '\n'
        << verdict_color(pattern.verdict, palette) << palette.bold()
        << verdict_name(pattern.verdict) << palette.reset() << "  "
        << severity_name(pattern.rule->severity) << "  " << pattern.rule->title << " ["
        << pattern.rule->id << "]\n";
    if (!pattern.note.empty()) out << "  " << pattern.note << '\n';
    for (const std::string& reason : pattern.response_unknown_reasons) {
      out << "  unresolved in the response: " << reason << '\n';
    }
    for (const std::string& reason : pattern.ideal_unknown_reasons) {
      out << "  unresolved in the ideal: " << reason << '\n';
    }
    if (pattern.verdict == Verdict::pass) continue;
    print_side("response", grade.response_path, pattern.response_status, pattern.response_evidence,
               out);
    print_side("ideal", grade.ideal_path, pattern.ideal_status, pattern.ideal_evidence, out);
    if (pattern.verdict == Verdict::fail || pattern.verdict == Verdict::missing) {
      out << "  fix: " << pattern.rule->fix << '\n';
      if (!pattern.diff.empty()) print_diff(pattern.diff, out, palette);
    }
  }
}

}  // namespace respgrade
