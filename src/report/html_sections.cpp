#include "report/html_sections.h"

#include <cstdio>
#include <sstream>

#include "report/html_side_by_side.h"
#include "report/markup_escape.h"
#include "report/scan_report.h"

namespace respgrade {

namespace {

std::string badge(std::string_view kind) {
  const std::string text = escape_markup(kind);
  std::string label = text;
  for (char& c : label) c = c == '_' ? ' ' : c;
  return "<span class=\"badge " + text + "\">" + label + "</span>";
}

// The heading of one pattern: verdict or status badge, severity, title and rule id.
std::string pattern_heading(std::string_view kind, const Rule& rule) {
  return "<h3>" + badge(kind) + " <span class=\"severity\">" +
         std::string(severity_name(rule.severity)) + "</span> " + escape_markup(rule.title) +
         " <code>" + escape_markup(rule.id) + "</code></h3>\n";
}

// The line-number cell and the code cell of one side of a row. `mark` is the class of a
// changed line on this side; the response side gets a border on its right.
std::string side_cells(const std::optional<SideLine>& side, const std::string& mark,
                       bool response_side) {
  std::string number_class = "ln";
  std::string code_class = response_side ? "side" : "";
  const auto add_class = [&](const std::string& name) {
    number_class += " " + name;
    code_class += (code_class.empty() ? "" : " ") + name;
  };
  if (!side) {
    add_class("empty");
    return "<td class=\"" + number_class + "\"></td><td class=\"" + code_class + "\"></td>";
  }
  if (side->changed) add_class(mark);
  return "<td class=\"" + number_class + "\">" + std::to_string(side->line) + "</td><td class=\"" +
         code_class + "\">" + escape_markup(side->text) + "</td>";
}

std::string side_heading(const char* label, Status status, const std::string& path,
                         bool has_lines) {
  return "<th colspan=\"2\">" + std::string(label) + ": " + std::string(status_name(status)) +
         (has_lines ? "" : ", no lines (an absence)") + " <span class=\"muted\">" +
         escape_markup(path) + "</span></th>";
}

// Response and ideal code side by side, removed and added lines marked.
std::string side_by_side_html(const PatternGrade& pattern, const Grade& grade) {
  std::ostringstream html;
  html << "<table class=\"code side-by-side\"><colgroup><col class=\"line-number\"><col>"
       << "<col class=\"line-number\"><col></colgroup>\n<thead><tr>"
       << side_heading("response", pattern.response_status, grade.response_path,
                       !pattern.response_evidence.empty())
       << side_heading("ideal", pattern.ideal_status, grade.ideal_path,
                       !pattern.ideal_evidence.empty())
       << "</tr></thead>\n<tbody>\n";
  for (const SideBySideRow& row : side_by_side_rows(pattern)) {
    html << "<tr>" << side_cells(row.response, "removed", true)
         << side_cells(row.ideal, "added", false) << "</tr>\n";
  }
  html << "</tbody></table>\n";
  return html.str();
}

// The code of `spans` in one response, unmarked, under a heading naming the file.
std::string code_html(const Response& response, const std::vector<Span>& spans) {
  std::ostringstream html;
  html << "<table class=\"code\"><colgroup><col class=\"line-number\"><col></colgroup>\n"
       << "<thead><tr><th colspan=\"2\">" << escape_markup(response.path)
       << (spans.empty() ? ", no lines: the flaw is something the answer leaves out" : "")
       << "</th></tr></thead>\n<tbody>\n";
  for (const Span& span : spans) {
    int line = span.first;
    for (const std::string& text : code_on_lines(response, span)) {
      html << "<tr><td class=\"ln\">" << line++ << "</td><td>" << escape_markup(text)
           << "</td></tr>\n";
    }
  }
  html << "</tbody></table>\n";
  return html.str();
}

std::string pattern_html(const PatternGrade& pattern, const Grade& grade) {
  std::string html = "<article class=\"pattern\" data-rule=\"" + escape_markup(pattern.rule->id) +
                     "\">\n" + pattern_heading(verdict_name(pattern.verdict), *pattern.rule);
  if (!pattern.note.empty()) html += "<p>" + escape_markup(pattern.note) + "</p>\n";
  for (const std::string& reason : pattern.response_unknown_reasons)
    html += "<p class=\"muted\">Unresolved in the response: " + escape_markup(reason) + "</p>\n";
  for (const std::string& reason : pattern.ideal_unknown_reasons)
    html += "<p class=\"muted\">Unresolved in the ideal: " + escape_markup(reason) + "</p>\n";
  if (pattern.verdict == Verdict::fail || pattern.verdict == Verdict::missing)
    html += "<p class=\"fix\"><strong>Fix:</strong> " + escape_markup(pattern.rule->fix) + "</p>\n";
  if (!pattern.response_evidence.empty() || !pattern.ideal_evidence.empty())
    html += side_by_side_html(pattern, grade);
  return html + "</article>\n";
}

// Patterns not graded and without code on either side, as one compact table.
std::string quiet_patterns_html(const std::vector<const PatternGrade*>& patterns) {
  if (patterns.empty()) return {};
  std::string html =
      "<h3>Not graded, no code on either side (" + std::to_string(patterns.size()) +
      ")</h3>\n<table class=\"list\"><tr><th>pattern</th><th>severity</th><th>why</th></tr>\n";
  for (const PatternGrade* pattern : patterns) {
    html += "<tr><td><code>" + escape_markup(pattern->rule->id) + "</code></td><td>" +
            std::string(severity_name(pattern->rule->severity)) + "</td><td>" +
            escape_markup(pattern->note) + "</td></tr>\n";
  }
  return html + "</table>\n";
}

std::string grade_summary_html(const Grade& grade) {
  std::ostringstream html;
  html << "<div class=\"summary\"><span class=\"score\">" << score_html(grade.score)
       << "</span><span>" << grade.earned_weight << " of " << grade.graded_weight
       << " weighted points</span><span>" << grade.passed << " pass, " << grade.failed << " fail, "
       << grade.missing << " missing, " << grade.not_graded
       << " not graded</span></div>\n<p class=\"muted\">ideal: " << escape_markup(grade.ideal_path)
       << "</p>\n";
  return html.str();
}

std::string spans_html(const std::vector<Span>& spans) {
  std::string text;
  for (const Span& span : spans) text += (text.empty() ? "" : ", ") + span_text(span);
  return text;
}

std::string documented_flaws_html(const TaskCheck& check) {
  std::ostringstream html;
  html << "<h3>The failures document (" << check.flaws.size() << " documented flaws)</h3>\n"
       << "<table class=\"list documented\"><tr><th>line</th><th>status</th><th>pattern</th>"
       << "<th>title</th><th>claimed</th><th>found</th><th>notes</th></tr>\n";
  for (const FlawCheck& flaw : check.flaws) {
    html << "<tr><td class=\"number\">" << flaw.flaw.line << "</td><td>"
         << badge(claim_status_name(flaw.status)) << "</td><td>"
         << (flaw.rule ? "<code>" + escape_markup(flaw.rule->id) + "</code>" : "") << "</td><td>"
         << escape_markup(flaw.flaw.title) << "</td><td>" << spans_html(flaw.claimed) << "</td><td>"
         << spans_html(flaw.evidence) << "</td><td>";
    for (const std::string& note : flaw.notes) html << escape_markup(note) << "<br>";
    html << "</td></tr>\n";
  }
  html << "</table>\n";
  return html.str();
}

std::string findings_html(const std::string& heading, const std::vector<const Finding*>& findings,
                          const Response& response) {
  std::string html = "<h3>" + heading + " (" + std::to_string(findings.size()) + ")</h3>\n";
  for (const Finding* finding : findings) {
    html += "<article class=\"pattern\" data-rule=\"" + escape_markup(finding->rule->id) + "\">\n" +
            pattern_heading("flawed", *finding->rule) + "<p class=\"fix\"><strong>Fix:</strong> " +
            escape_markup(finding->rule->fix) + "</p>\n" + code_html(response, finding->evidence) +
            "</article>\n";
  }
  return html;
}

}  // namespace

std::string score_html(const std::optional<double>& score) {
  if (!score) return "none";
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", *score);
  return text;
}

std::string grade_section_html(const Grade& grade, std::string_view batch_id,
                               std::string_view anchor) {
  std::string html = "<section class=\"response\" id=\"" + escape_markup(anchor) + "\">\n<h2>";
  if (!batch_id.empty()) html += escape_markup(batch_id) + ": ";
  html += escape_markup(grade.response_path) + "</h2>\n" + grade_summary_html(grade);

  std::vector<const PatternGrade*> quiet;
  std::string passed;
  for (const PatternGrade& pattern : grade.patterns) {
    const bool has_code = !pattern.response_evidence.empty() || !pattern.ideal_evidence.empty();
    if (pattern.verdict == Verdict::pass) {
      passed += (passed.empty() ? "" : ", ") + escape_markup(pattern.rule->id);
    } else if (pattern.verdict == Verdict::not_graded && !has_code) {
      quiet.push_back(&pattern);
    } else {
      html += pattern_html(pattern, grade);
    }
  }
  html += quiet_patterns_html(quiet);
  if (!passed.empty()) html += "<p class=\"muted\">Passed: " + passed + "</p>\n";
  return html + "</section>\n";
}

std::string check_section_html(const TaskCheck& check, const ScannedResponse& model,
                               const ScannedResponse& ideal, std::string_view anchor) {
  std::string html = "<section class=\"task\" id=\"" + escape_markup(anchor) + "\">\n<h2>" +
                     escape_markup(check.task.directory) + "</h2>\n<div class=\"summary\">" +
                     badge(check.passes ? "passes" : "fails") + " the curator's bar</div>\n";
  if (!check.reasons.empty()) {
    html += "<ul>\n";
    for (const std::string& reason : check.reasons)
      html += "<li>" + escape_markup(reason) + "</li>\n";
    html += "</ul>\n";
  }
  html += "<p class=\"muted\">model response: " + escape_markup(check.task.model_response) +
          "<br>ideal response: " + escape_markup(check.task.ideal_response) +
          "<br>failures document: " + escape_markup(check.task.failures) + "</p>\n";
  html += findings_html("The ideal's own flaws", check.ideal_flaws, ideal.response);
  html += documented_flaws_html(check);
  html += findings_html("Flawed in the model response but not documented", check.undocumented,
                        model.response);
  return html + "</section>\n";
}

}  // namespace respgrade
