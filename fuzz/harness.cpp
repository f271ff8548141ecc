#include "harness.h"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "common/error.h"
#include "common/text_file.h"
#include "curation/check.h"
#include "curation/failures_document.h"
#include "grading/grade.h"
#include "markdown/extract_blocks.h"
#include "python/response.h"
#include "report/blocks_report.h"
#include "report/check_report.h"
#include "report/document_report.h"
#include "report/grade_report.h"
#include "report/model_report.h"
#include "report/scan_report.h"
#include "rules/catalog.h"
#include "rules/scan.h"

namespace respgrade::fuzz {

namespace {

void expect(bool holds, const char* invariant) {
  if (holds) return;
  std::fprintf(stderr, "fuzz harness: invariant broken: %s\n", invariant);
  std::abort();
}

// Counts markdown lines as cmark numbers them: LF, CRLF and a lone CR end a line, and text
// after the last line end is one more line.
int line_count(std::string_view text) {
  int lines = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++lines;
    }
  }
  const bool ends_with_line_end = !text.empty() && (text.back() == '\n' || text.back() == '\r');
  return ends_with_line_end ? lines : lines + 1;
}

bool inside(int line, int lines) { return line >= 1 && line <= lines; }

void check_blocks(const Response& response, std::string_view markdown) {
  const int lines = line_count(markdown);
  for (std::size_t i = 0; i < response.blocks.size(); ++i) {
    const CodeBlock& block = response.blocks[i];
    expect(block.index == static_cast<int>(i), "block indices follow document order");
    std::size_t code_lines = 0;
    for (char c : block.text) code_lines += c == '\n' ? 1 : 0;
    expect(block.lines.size() == code_lines, "a block has one markdown line per code line");
    for (std::size_t j = 0; j < block.lines.size(); ++j) {
      expect(inside(block.lines[j], lines), "a block's lines fall inside the document");
      expect(j == 0 || block.lines[j] > block.lines[j - 1], "a block's lines ascend");
    }
  }
  for (const PythonBlock& python : response.python_blocks) {
    expect(python.block_index >= 0, "a Python block's index is not negative");
    expect(python.block_index < static_cast<int>(response.blocks.size()),
           "a Python block names an existing code block");
    for (std::size_t j = 0; j < python.error_lines.size(); ++j) {
      expect(inside(python.error_lines[j], lines), "syntax error lines fall inside the document");
      expect(j == 0 || python.error_lines[j] > python.error_lines[j - 1],
             "syntax error lines ascend without repeats");
    }
  }
}

void check_span(Span span, int lines) {
  expect(inside(span.first, lines), "a span's first line falls inside the document");
  expect(inside(span.last, lines), "a span's last line falls inside the document");
  expect(span.first <= span.last, "a span's first line comes before its last");
}

void check_findings(const ScannedResponse& scanned, const Catalog& catalog, int lines) {
  expect(scanned.findings.size() == catalog.rules.size(), "every rule has one finding");
  for (const Finding& finding : scanned.findings) {
    for (const Span& span : finding.evidence) check_span(span, lines);
    for (const ResourceResult& result : finding.resources) check_span(result.resource->span, lines);
  }
}

// Renders every report of a scan. JSON is dumped with the strict error handler, which throws
// on invalid UTF-8: the input is checked UTF-8, so a bad byte in the output is the grader's own
// bug, such as text cut inside a character.
void render(const ScannedResponse& scanned) {
  std::ostringstream text;
  print_blocks_text(scanned.response, text);
  print_model_text(scanned.response.path, scanned.model, text);
  print_scan_text(scanned, text);
  const std::string json = blocks_to_json(scanned.response).dump() +
                           model_to_json(scanned.response.path, scanned.model).dump() +
                           scan_to_json(scanned).dump();
  expect(!json.empty(), "reports render");
}

// Renders a grade in text, JSON and the document formats.
void render(const Grade& grade, const Catalog& catalog) {
  std::ostringstream text;
  print_grade_text(grade, text, /*color=*/true);
  expect(!grade_to_json(grade).dump().empty(), "the grade renders as JSON");
  for (const char* format : {"sarif", "junit", "html"}) {
    const std::unique_ptr<DocumentReport> document = make_document_report(format, catalog);
    document->add_grade(grade, "fuzz");
    document->write(text);
  }
}

// A short response with resources of several kinds, arguments of every value kind, a JSON
// policy document and a loop. Fuzzed catalogs are judged on it, and fuzzed responses are
// graded against it.
constexpr std::string_view kFixedResponse = R"md(# Stack

```python
import json
import pulumi
import pulumi_aws as aws

stream = aws.kinesis.Stream("events", shard_count=1, encryption_type="KMS",
                            tags={"team": "data", "cost": None})
logs = aws.cloudwatch.LogGroup("logs", retention_in_days=30, kms_key_id=key.arn)
role = aws.iam.Role("role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "ecs-tasks.amazonaws.com"}}],
}))
aws.iam.RolePolicy("inline", role=role.id, policy="""{"Statement": [
    {"Effect": "Allow", "Action": ["*"], "Resource": "*"}]}""")
for zone in ["a", "b"]:
    aws.ec2.NatGateway(f"nat-{zone}", subnet_id=subnets[zone].id, tags=[1, 2.5, True])
bucket = aws.s3.Bucket("site", acl="public-read", **extra)
```
)md";

}  // namespace

void run_markdown(std::string_view input) {
  check_blocks(Response{"fuzz.md", extract_code_blocks(input), {}}, input);
  check_blocks(parse_response("fuzz.md", input), input);
}

void run_scan(std::string_view input) {
  try {
    check_text("fuzz.md", input, kDefaultMaxFileBytes);
  } catch (const InputError&) {
    return;
  }
  const std::shared_ptr<const Catalog> catalog = builtin_catalog();
  const ScannedResponse scanned = scan_response(parse_response("fuzz.md", input), *catalog);
  check_blocks(scanned.response, input);
  check_findings(scanned, *catalog, line_count(input));
  render(scanned);
  for (const char* format : {"sarif", "junit"}) {
    std::ostringstream document_text;
    const std::unique_ptr<DocumentReport> document = make_document_report(format, *catalog);
    document->add_scan(scanned);
    document->add_error("fuzz", "fuzz.md", "a message");
    document->write(document_text);
  }

  // Grades the input against a fixed ideal and the other way round, so that the diffs and the
  // code shown come from both sides.
  const ScannedResponse fixed = scan_response(parse_response("fixed.md", kFixedResponse), *catalog);
  render(grade_response(scanned, fixed), *catalog);
  render(grade_response(fixed, scanned), *catalog);
}

void run_catalog(std::string_view input) {
  Catalog catalog;
  try {
    catalog = load_catalog(input, "fuzz.json");
  } catch (const InputError& error) {
    const std::string message = format_error(error);
    expect(message.find('\n') == std::string::npos, "an error message is one line");
    return;
  }
  const ScannedResponse scanned =
      scan_response(parse_response("fixed.md", kFixedResponse), catalog);
  check_findings(scanned, catalog, line_count(kFixedResponse));
  render(scanned);
}

void run_failures_document(std::string_view input) {
  try {
    check_text("MODEL_FAILURES.md", input, kDefaultMaxFileBytes);
  } catch (const InputError&) {
    return;
  }
  const int lines = line_count(input);
  const std::shared_ptr<const Catalog> catalog = builtin_catalog();
  for (const DocumentedFlaw& flaw : read_failures_document(input, {"log", "bucket", "policy"})) {
    expect(inside(flaw.line, lines), "a flaw's heading falls inside the document");
    for (const LineClaim& claim : flaw.claims) {
      expect(inside(claim.document_line, lines), "a claim is written inside the document");
      expect(claim.lines.first >= 1, "a claim's first line is 1 or more");
      expect(claim.lines.first <= claim.lines.last, "a claim's lines ascend");
    }
    for (const QuotedSnippet& snippet : flaw.snippets) {
      expect(inside(snippet.document_line, lines), "a snippet is quoted inside the document");
    }
  }

  // The fixed response is both the model response and the ideal, so that claims land on real
  // code and findings.
  const ScannedResponse fixed = scan_response(parse_response("fixed.md", kFixedResponse), *catalog);
  const TaskFolder task{"task", "MODEL_RESPONSE.md", "IDEAL_RESPONSE.md", "MODEL_FAILURES.md", ""};
  const TaskCheck check = check_task(task, fixed, fixed, input, *catalog);
  std::ostringstream text;
  print_check_text(check, text, /*color=*/true);
  expect(!check_to_json(check).dump().empty(), "the check renders as JSON");
  for (const char* format : {"sarif", "junit", "html"}) {
    const std::unique_ptr<DocumentReport> document = make_document_report(format, *catalog);
    document->add_check(check, fixed, fixed);
    document->write(text);
  }
}

std::span<const Target> targets() {
  static constexpr Target kTargets[] = {
      {"markdown", run_markdown},
      {"scan", run_scan},
      {"catalog", run_catalog},
      {"failures_document", run_failures_document},
  };
  return kTargets;
}

}  // namespace respgrade::fuzz
