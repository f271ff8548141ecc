#include "report/junit_report.h"

#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "report/markup_escape.h"
#include "report/scan_report.h"

namespace respgrade {

namespace {

enum class Outcome { pass, failure, skipped, error };

struct TestCase {
  std::string name;
  Outcome outcome = Outcome::pass;
  std::string type;     // failure and error: the verdict or status behind them
  std::string message;  // one line
  std::string text;     // the element's content: evidence, fix, diff or notes
};

struct TestSuite {
  std::string name;
  std::vector<std::pair<std::string, std::string>> properties;
  std::vector<TestCase> cases;
  std::string system_out;

  int count(Outcome outcome) const {
    int total = 0;
    for (const TestCase& test : cases) total += test.outcome == outcome ? 1 : 0;
    return total;
  }
};

// Code lines as `  38 | code`, under a heading line.
std::string evidence_text(const std::string& heading, const std::vector<EvidenceCode>& evidence) {
  std::string text = heading + (evidence.empty() ? ", no lines\n" : "\n");
  for (const EvidenceCode& code : evidence) {
    int line = code.span.first;
    for (const std::string& source : code.lines) {
      text += "  " + std::to_string(line++) + " | " + source + "\n";
    }
  }
  return text;
}

std::vector<EvidenceCode> code_of(const Response& response, const std::vector<Span>& spans) {
  std::vector<EvidenceCode> evidence;
  for (const Span& span : spans) evidence.push_back({span, code_on_lines(response, span)});
  return evidence;
}

TestCase pattern_case(const PatternGrade& pattern, const Grade& grade) {
  const Rule& rule = *pattern.rule;
  TestCase test{rule.id, Outcome::pass, std::string(verdict_name(pattern.verdict)), "", ""};
  if (pattern.verdict == Verdict::not_graded) {
    test.outcome = Outcome::skipped;
    test.message = pattern.note.empty() ? "not graded" : pattern.note;
    for (const std::string& reason : pattern.response_unknown_reasons)
      test.message += "; unresolved in the response: " + reason;
    for (const std::string& reason : pattern.ideal_unknown_reasons)
      test.message += "; unresolved in the ideal: " + reason;
    return test;
  }
  if (pattern.verdict == Verdict::pass) return test;
  test.outcome = Outcome::failure;
  test.message = std::string(verdict_name(pattern.verdict)) + ": " +
                 std::string(severity_name(rule.severity)) + ": " + rule.title;
  test.text = evidence_text("response: " + std::string(status_name(pattern.response_status)) +
                                ", " + grade.response_path,
                            pattern.response_evidence) +
              evidence_text("ideal: " + std::string(status_name(pattern.ideal_status)) + ", " +
                                grade.ideal_path,
                            pattern.ideal_evidence) +
              "fix: " + rule.fix + "\n" + pattern.diff;
  return test;
}

TestCase ideal_case(const Finding& finding, const Response& ideal) {
  TestCase test{"ideal/" + finding.rule->id, Outcome::pass, "", "", ""};
  if (finding.status != Status::flawed) return test;
  test.outcome = Outcome::failure;
  test.type = "ideal_flawed";
  test.message = "the ideal still has the flaw: " + finding.rule->title;
  test.text = evidence_text("ideal: " + ideal.path, code_of(ideal, finding.evidence)) +
              "fix: " + finding.rule->fix + "\n";
  return test;
}

TestCase documented_case(const FlawCheck& flaw, const TaskCheck& check) {
  TestCase test{"documented/" + std::to_string(flaw.flaw.line) + ": " + flaw.flaw.title,
                Outcome::pass, std::string(claim_status_name(flaw.status)), "", ""};
  for (const std::string& note : flaw.notes) test.text += note + "\n";
  const bool fails_bar = claim_fails_bar(flaw);
  if (fails_bar) {
    test.outcome = Outcome::failure;
    test.message = "the claim is " + test.type + " in " + check.task.model_response;
  } else if (flaw.status == ClaimStatus::unmatched || flaw.status == ClaimStatus::unknown) {
    test.outcome = Outcome::skipped;
    test.message = flaw.status == ClaimStatus::unmatched ? "no pattern names this flaw"
                                                         : "the pattern's status is unknown";
  }
  return test;
}

TestCase scan_case(const Finding& finding, const Response& response) {
  TestCase test{finding.rule->id, Outcome::pass, std::string(status_name(finding.status)), "", ""};
  if (finding.status == Status::flawed) {
    test.outcome = Outcome::failure;
    test.message = std::string(severity_name(finding.rule->severity)) + ": " + finding.rule->title;
    test.text = evidence_text("flawed: " + response.path, code_of(response, finding.evidence)) +
                "fix: " + finding.rule->fix + "\n";
  } else if (finding.status == Status::not_applicable) {
    test.outcome = Outcome::skipped;
    test.message = "not applicable: the response declares nothing this pattern judges";
  } else if (finding.status == Status::unknown) {
    test.outcome = Outcome::skipped;
    test.message = "unknown";
    for (const std::string& reason : finding.unknown_reasons) test.message += "; " + reason;
  }
  return test;
}

void write_case(const TestCase& test, const std::string& classname, std::ostream& out) {
  out << "    <testcase classname=\"" << escape_markup(classname) << "\" name=\""
      << escape_markup(test.name) << "\"";
  if (test.outcome == Outcome::pass && test.text.empty()) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  const std::string message = escape_markup(test.message);
  if (test.outcome == Outcome::skipped) {
    out << "      <skipped message=\"" << message << "\"/>\n";
  } else if (test.outcome != Outcome::pass) {
    const char* element = test.outcome == Outcome::failure ? "failure" : "error";
    out << "      <" << element << " message=\"" << message << "\" type=\""
        << escape_markup(test.type) << "\">" << escape_markup(test.text) << "</" << element
        << ">\n";
  }
  if (test.outcome != Outcome::failure && test.outcome != Outcome::error && !test.text.empty())
    out << "      <system-out>" << escape_markup(test.text) << "</system-out>\n";
  out << "    </testcase>\n";
}

void write_suite(const TestSuite& suite, std::ostream& out) {
  out << "  <testsuite name=\"" << escape_markup(suite.name) << "\" tests=\"" << suite.cases.size()
      << "\" failures=\"" << suite.count(Outcome::failure) << "\" errors=\""
      << suite.count(Outcome::error) << "\" skipped=\"" << suite.count(Outcome::skipped) << "\">\n";
  if (!suite.properties.empty()) {
    out << "    <properties>\n";
    for (const auto& [name, value] : suite.properties) {
      out << "      <property name=\"" << escape_markup(name) << "\" value=\""
          << escape_markup(value) << "\"/>\n";
    }
    out << "    </properties>\n";
  }
  for (const TestCase& test : suite.cases) write_case(test, suite.name, out);
  if (!suite.system_out.empty())
    out << "    <system-out>" << escape_markup(suite.system_out) << "</system-out>\n";
  out << "  </testsuite>\n";
}

std::string score_text(const Grade& grade) {
  if (!grade.score) return "none";
  std::ostringstream text;
  text << *grade.score;
  return text.str();
}

class JunitReport final : public DocumentReport {
 public:
  void add_grade(const Grade& grade, std::string_view id) override {
    TestSuite suite{grade.response_path, {{"ideal", grade.ideal_path}}, {}, {}};
    if (!id.empty()) suite.properties.emplace_back("id", id);
    suite.properties.emplace_back("score", score_text(grade));
    for (const PatternGrade& pattern : grade.patterns)
      suite.cases.push_back(pattern_case(pattern, grade));
    suites_.push_back(std::move(suite));
  }

  void add_check(const TaskCheck& check, const ScannedResponse&,
                 const ScannedResponse& ideal) override {
    TestSuite suite{
        check.task.directory,
        {{"passes", check.passes ? "true" : "false"}, {"failures", check.task.failures}},
        {},
        {}};
    for (const Finding& finding : ideal.findings)
      suite.cases.push_back(ideal_case(finding, ideal.response));
    for (const FlawCheck& flaw : check.flaws) suite.cases.push_back(documented_case(flaw, check));
    for (const Finding* finding : check.undocumented) {
      suite.system_out += "flawed in the model response but not documented: " + finding->rule->id +
                          " (" + finding->rule->title + ")\n";
    }
    suites_.push_back(std::move(suite));
  }

  void add_scan(const ScannedResponse& scanned) override {
    TestSuite suite{scanned.response.path, {}, {}, {}};
    for (const Finding& finding : scanned.findings)
      suite.cases.push_back(scan_case(finding, scanned.response));
    suites_.push_back(std::move(suite));
  }

  void add_error(std::string_view id, std::string_view input, std::string_view text) override {
    TestSuite suite{std::string(input), {}, {}, {}};
    if (!id.empty()) suite.properties.emplace_back("id", id);
    suite.cases.push_back({"read", Outcome::error, "input_error", std::string(text), ""});
    suites_.push_back(std::move(suite));
  }

  void write(std::ostream& out) const override {
    std::size_t tests = 0;
    int failures = 0, errors = 0, skipped = 0;
    for (const TestSuite& suite : suites_) {
      tests += suite.cases.size();
      failures += suite.count(Outcome::failure);
      errors += suite.count(Outcome::error);
      skipped += suite.count(Outcome::skipped);
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"respgrade\" tests=\"" << tests << "\" failures=\"" << failures
        << "\" errors=\"" << errors << "\" skipped=\"" << skipped << "\">\n";
    for (const TestSuite& suite : suites_) write_suite(suite, out);
    out << "</testsuites>\n";
  }

 private:
  std::vector<TestSuite> suites_;
};

}  // namespace

std::unique_ptr<DocumentReport> make_junit_report() { return std::make_unique<JunitReport>(); }

}  // namespace respgrade
