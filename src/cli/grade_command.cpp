#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "common/error.h"
#include "grading/grade.h"
#include "report/document_report.h"
#include "report/grade_report.h"
#include "report/json_text.h"
#include "rules/scan.h"

namespace respgrade {

namespace {

struct GradeOptions {
  std::vector<std::string> responses;
  std::string ideal;
  std::string format = "text";
  std::string rules;
  std::string color = "auto";
  std::optional<double> fail_under;
  std::size_t max_file_size = kDefaultMaxFileBytes;
};

// Grades each response against one ideal, which is read and scanned once. SARIF, JUnit and
// HTML collect every response and are written once, after the last.
int run_grade(const GradeOptions& options, CommandContext& context) {
  const auto catalog = load_catalog_file(options.rules);
  const ScannedResponse ideal = scan_file(options.ideal, *catalog, options.max_file_size);
  const bool color = options.color == "always" || (options.color == "auto" && context.color);
  std::unique_ptr<DocumentReport> document;
  if (is_document_format(options.format)) document = make_document_report(options.format, *catalog);

  int status = kExitOk;
  bool first = true;
  for (const std::string& path : options.responses) {
    try {
      const ScannedResponse response = scan_file(path, *catalog, options.max_file_size);
      const Grade grade = grade_response(response, ideal);
      if (document) {
        document->add_grade(grade, "");
      } else if (options.format == "json") {
        context.out << json_text(grade_to_json(grade)) << '\n';
      } else {
        if (!first) context.out << '\n';
        print_grade_text(grade, context.out, color);
      }
      first = false;
      if (options.fail_under && grade.score && *grade.score < *options.fail_under &&
          status == kExitOk) {
        status = kExitBelowBar;
      }
    } catch (const InputError& error) {
      context.err << format_error(error) << '\n';
      if (document) document->add_error("", path, format_error(error));
      status = kExitError;
    }
  }
  if (document) document->write(context.out);
  return status;
}

}  // namespace

void add_grade_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<GradeOptions>();
  CLI::App* command = app.add_subcommand(
      "grade", "Score responses against the ideal answer, flaw by flaw, with a diff of each fix");
  command->add_option("responses", options->responses, "Markdown responses to grade")->required();
  command->add_option("--ideal", options->ideal, "The curated ideal answer to grade against")
      ->required();
  add_format_option(*command, options->format, {"text", "json", "sarif", "junit", "html"});
  add_rules_option(*command, options->rules);
  command
      ->add_option("--fail-under", options->fail_under,
                   "Exit with 1 when a score is below this value (0 to 1)")
      ->check(CLI::Range(0.0, 1.0));
  command
      ->add_option("--color", options->color,
                   "Colour the text report: auto (on a terminal, unless NO_COLOR is set), "
                   "always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  command
      ->add_option("--max-file-size", options->max_file_size,
                   "Largest input file accepted, in bytes")
      ->capture_default_str();
  command->callback([options, &context] {
    context.action = [options, &context] { return run_grade(*options, context); };
  });
}

}  // namespace respgrade
