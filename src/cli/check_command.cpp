#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "common/error.h"
#include "common/text_file.h"
#include "curation/check.h"
#include "report/check_report.h"
#include "report/document_report.h"
#include "report/json_text.h"
#include "rules/scan.h"

namespace respgrade {

namespace {

struct CheckOptions {
  std::vector<std::string> tasks;
  std::string format = "text";
  std::string rules;
  std::string color = "auto";
  std::size_t max_file_size = kDefaultMaxFileBytes;
};

// Checks each task folder; exit 1 when one fails the bar, 2 when one cannot be read. SARIF,
// JUnit and HTML collect every task and are written once, after the last.
int run_check(const CheckOptions& options, CommandContext& context) {
  const auto catalog = load_catalog_file(options.rules);
  const bool color = options.color == "always" || (options.color == "auto" && context.color);
  std::unique_ptr<DocumentReport> document;
  if (is_document_format(options.format)) document = make_document_report(options.format, *catalog);
  int status = kExitOk;
  bool first = true;
  for (const std::string& directory : options.tasks) {
    try {
      const TaskFolder task = find_task_files(directory);
      const ScannedResponse model = scan_file(task.model_response, *catalog, options.max_file_size);
      const ScannedResponse ideal = scan_file(task.ideal_response, *catalog, options.max_file_size);
      const TextFile failures = read_text_file(task.failures, options.max_file_size);
      const TaskCheck check = check_task(task, model, ideal, failures.text, *catalog);
      if (document) {
        document->add_check(check, model, ideal);
      } else if (options.format == "json") {
        context.out << json_text(check_to_json(check)) << '\n';
      } else {
        if (!first) context.out << '\n';
        print_check_text(check, context.out, color);
      }
      first = false;
      if (!check.passes && status == kExitOk) status = kExitBelowBar;
    } catch (const InputError& error) {
      context.err << format_error(error) << '\n';
      if (document) document->add_error("", directory, format_error(error));
      status = kExitError;
    }
  }
  if (document) document->write(context.out);
  return status;
}

}  // namespace

void add_check_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check", "Check curated tasks: the ideal's own flaws and the failures document's claims");
  command
      ->add_option("tasks", options->tasks,
                   "Task folders holding MODEL_RESPONSE.md, IDEAL_RESPONSE.md and "
                   "MODEL_FAILURES.md (directly or under lib/)")
      ->required();
  add_format_option(*command, options->format, {"text", "json", "sarif", "junit", "html"});
  add_rules_option(*command, options->rules);
  command->add_option("--color", options->color, "Colour the text report: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  command
      ->add_option("--max-file-size", options->max_file_size,
                   "Largest input file accepted, in bytes")
      ->capture_default_str();
  command->callback([options, &context] {
    context.action = [options, &context] { return run_check(*options, context); };
  });
}

}  // namespace respgrade
