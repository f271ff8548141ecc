#include "report/html_report.h"

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/html_assets.h"
#include "report/html_sections.h"
#include "report/markup_escape.h"

namespace respgrade {

namespace {

using Json = nlohmann::ordered_json;

enum class EntryKind { grade, check, error };

// One input: its row in an overview table and the section the row links to.
struct Entry {
  EntryKind kind = EntryKind::grade;
  std::string id;      // batch id, or empty
  std::string label;   // response path or task folder
  std::string anchor;  // the id of its section
  std::string section;
  std::optional<double> score;
  int counts[4] = {0, 0, 0, 0};  // pass, fail, missing, not graded
  std::string message;           // a check's verdict, or why an input could not be read
};

Entry make_entry(EntryKind kind, std::string_view id, std::string_view label) {
  Entry entry;
  entry.kind = kind;
  entry.id = id;
  entry.label = label;
  return entry;
}

// How often one pattern failed, over all graded responses.
struct PatternTally {
  std::string title;
  int failed = 0;
  int missing = 0;
  int graded = 0;
};

class HtmlReport final : public DocumentReport {
 public:
  void add_grade(const Grade& grade, std::string_view id) override;
  void add_check(const TaskCheck& check, const ScannedResponse& model,
                 const ScannedResponse& ideal) override;
  void add_scan(const ScannedResponse&) override {
    throw std::logic_error("the HTML report renders grades and checks, not scans");
  }
  void add_error(std::string_view id, std::string_view input, std::string_view text) override;
  void write(std::ostream& out) const override;

 private:
  bool shows_overview() const;
  Json chart_data() const;
  void write_overview(std::ostream& out) const;
  void write_task_table(std::ostream& out) const;
  void write_errors(std::ostream& out) const;
  std::string contents_text() const;

  std::vector<Entry> entries_;
  std::vector<std::string> pattern_order_;  // rule ids in the order first met
  std::map<std::string, PatternTally> tallies_;
  std::size_t grades_ = 0;
  std::size_t checks_ = 0;
  bool batch_ = false;
};

void HtmlReport::add_grade(const Grade& grade, std::string_view id) {
  Entry entry = make_entry(EntryKind::grade, id, grade.response_path);
  entry.anchor = "r-" + std::to_string(++grades_);
  entry.section = grade_section_html(grade, id, entry.anchor);
  entry.score = grade.score;
  entry.counts[0] = grade.passed;
  entry.counts[1] = grade.failed;
  entry.counts[2] = grade.missing;
  entry.counts[3] = grade.not_graded;
  batch_ = batch_ || !id.empty();
  for (const PatternGrade& pattern : grade.patterns) {
    auto [tally, added] = tallies_.try_emplace(pattern.rule->id);
    if (added) pattern_order_.push_back(pattern.rule->id);
    tally->second.title = pattern.rule->title;
    tally->second.failed += pattern.verdict == Verdict::fail ? 1 : 0;
    tally->second.missing += pattern.verdict == Verdict::missing ? 1 : 0;
    tally->second.graded += pattern.graded ? 1 : 0;
  }
  entries_.push_back(std::move(entry));
}

void HtmlReport::add_check(const TaskCheck& check, const ScannedResponse& model,
                           const ScannedResponse& ideal) {
  Entry entry = make_entry(EntryKind::check, "", check.task.directory);
  entry.anchor = "t-" + std::to_string(++checks_);
  entry.section = check_section_html(check, model, ideal, entry.anchor);
  entry.message = check.passes ? "passes" : "fails";
  entries_.push_back(std::move(entry));
}

void HtmlReport::add_error(std::string_view id, std::string_view input, std::string_view text) {
  Entry entry = make_entry(EntryKind::error, id, input);
  entry.message = text;
  batch_ = batch_ || !id.empty();
  entries_.push_back(std::move(entry));
}

bool HtmlReport::shows_overview() const { return grades_ > 1 || batch_; }

// The charts' data: each pattern's failures, worst first, and the scores in ten bins of 0.1
// (a score of 1 counts in the last), then one bin for responses with no score.
Json HtmlReport::chart_data() const {
  std::vector<std::string> order = pattern_order_;
  std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
    const PatternTally &left = tallies_.at(a), &right = tallies_.at(b);
    return left.failed + left.missing > right.failed + right.missing;
  });
  Json patterns = Json::array();
  for (const std::string& rule : order) {
    const PatternTally& tally = tallies_.at(rule);
    patterns.push_back({{"rule", rule},
                        {"title", tally.title},
                        {"failed", tally.failed},
                        {"missing", tally.missing},
                        {"graded", tally.graded}});
  }
  int bins[10] = {}, unscored = 0;
  for (const Entry& entry : entries_) {
    if (entry.kind != EntryKind::grade) continue;
    if (!entry.score) {
      ++unscored;
      continue;
    }
    ++bins[std::clamp(static_cast<int>(*entry.score * 10), 0, 9)];
  }
  Json score_bins = Json::array();
  for (int i = 0; i < 10; ++i) {
    const std::string label = "0." + std::to_string(i) + "\xE2\x80\x93" +
                              (i == 9 ? std::string("1.0") : "0." + std::to_string(i + 1));
    score_bins.push_back({{"label", label}, {"count", bins[i]}});
  }
  if (unscored > 0) score_bins.push_back({{"label", "no score"}, {"count", unscored}});
  return {{"patterns", std::move(patterns)}, {"score_bins", std::move(score_bins)}};
}

void write_counts(const Entry& entry, std::ostream& out) {
  for (const int count : entry.counts) out << "<td class=\"number\">" << count << "</td>";
}

void HtmlReport::write_overview(std::ostream& out) const {
  out << "<section id=\"overview\">\n<h2>Overview</h2>\n<div class=\"charts\">\n"
      << "<figure><figcaption>How often each pattern failed, of the responses graded on it "
      << "<span class=\"legend fail\">fail</span> <span class=\"legend missing\">missing</span>"
      << "</figcaption><svg id=\"pattern-chart\" role=\"img\" aria-label=\"failures per "
      << "pattern\"></svg></figure>\n"
      << "<figure><figcaption>Score distribution</figcaption><svg id=\"score-chart\" "
      << "role=\"img\" aria-label=\"responses per score range\"></svg></figure>\n</div>\n"
      << "<h3>Responses</h3>\n<table class=\"list\" id=\"responses\"><tr><th>#</th>"
      << (batch_ ? "<th>id</th>" : "") << "<th>response</th><th>score</th><th>pass</th>"
      << "<th>fail</th><th>missing</th><th>not graded</th></tr>\n";
  int row = 0;
  for (const Entry& entry : entries_) {
    if (entry.kind != EntryKind::grade) continue;
    out << "<tr><td class=\"number\">" << ++row << "</td>";
    if (batch_) out << "<td>" << escape_markup(entry.id) << "</td>";
    out << "<td><a href=\"#" << escape_markup(entry.anchor) << "\">" << escape_markup(entry.label)
        << "</a></td><td class=\"number\">" << score_html(entry.score) << "</td>";
    write_counts(entry, out);
    out << "</tr>\n";
  }
  out << "</table>\n</section>\n";
}

void HtmlReport::write_task_table(std::ostream& out) const {
  out << "<section id=\"tasks\">\n<h2>Tasks</h2>\n<table class=\"list\"><tr><th>task</th>"
      << "<th>verdict</th></tr>\n";
  for (const Entry& entry : entries_) {
    if (entry.kind != EntryKind::check) continue;
    out << "<tr><td><a href=\"#" << escape_markup(entry.anchor) << "\">"
        << escape_markup(entry.label) << "</a></td><td>" << escape_markup(entry.message)
        << "</td></tr>\n";
  }
  out << "</table>\n</section>\n";
}

void HtmlReport::write_errors(std::ostream& out) const {
  if (entries_.size() == grades_ + checks_) return;
  out << "<section id=\"errors\">\n<h2>Inputs that could not be read</h2>\n"
      << "<table class=\"list\"><tr>" << (batch_ ? "<th>id</th>" : "")
      << "<th>input</th><th>error</th></tr>\n";
  for (const Entry& entry : entries_) {
    if (entry.kind != EntryKind::error) continue;
    out << "<tr>";
    if (batch_) out << "<td>" << escape_markup(entry.id) << "</td>";
    out << "<td>" << escape_markup(entry.label) << "</td><td class=\"error-text\">"
        << escape_markup(entry.message) << "</td></tr>\n";
  }
  out << "</table>\n</section>\n";
}

// "2 graded responses, 1 input that could not be read".
std::string HtmlReport::contents_text() const {
  const auto part = [](std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
  };
  const std::size_t errors = entries_.size() - grades_ - checks_;
  std::string text;
  if (grades_ > 0) text = part(grades_, "graded response", "graded responses");
  if (checks_ > 0)
    text += (text.empty() ? "" : ", ") + part(checks_, "checked task", "checked tasks");
  if (errors > 0)
    text += (text.empty() ? "" : ", ") +
            part(errors, "input that could not be read", "inputs that could not be read");
  return text.empty() ? "no inputs" : text;
}

void HtmlReport::write(std::ostream& out) const {
  // Only the inline style and script may run, and nothing may be fetched: a report stays
  // readable offline, and a flaw in escaping could still not load anything.
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      << "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<link rel=\"icon\" href=\"data:,\">\n<title>respgrade report</title>\n<style>"
      << kHtmlReportStyle << "</style>\n</head>\n<body>\n<header><h1>respgrade report</h1>\n"
      << "<p class=\"muted\">" << escape_markup(contents_text()) << "</p></header>\n";
  if (shows_overview()) write_overview(out);
  if (checks_ > 1) write_task_table(out);
  write_errors(out);
  for (const Entry& entry : entries_) out << entry.section;
  out << "<script type=\"application/json\" id=\"report-data\">" << json_for_script(chart_data())
      << "</script>\n<script>" << kHtmlReportScript << "</script>\n</body>\n</html>\n";
}

}  // namespace

std::unique_ptr<DocumentReport> make_html_report() { return std::make_unique<HtmlReport>(); }

}  // namespace respgrade
