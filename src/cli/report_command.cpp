#include <fstream>
#include <iostream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "common/error.h"
#include "report/batch_results.h"
#include "report/document_report.h"
#include "rules/catalog.h"

namespace respgrade {

namespace {

struct ReportOptions {
  std::vector<std::string> results;
  std::string format = "html";
  std::string rules;
};

BatchResults read_results_file(const std::string& path) {
  if (path == "-") return read_batch_results(std::cin, "standard input");
  std::ifstream file(path);
  if (!file) {
    throw InputError(path, "cannot be opened",
                     "Check the path; pass the output of 'respgrade batch'");
  }
  return read_batch_results(file, path);
}

// Renders batch results files as one document, adding each file's items in order.
int run_report(const ReportOptions& options, CommandContext& context) {
  const auto catalog = load_catalog_file(options.rules);
  const auto document = make_document_report(options.format, *catalog);
  for (const std::string& path : options.results) {
    add_batch_results(read_results_file(path), *document);
  }
  document->write(context.out);
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = app.add_subcommand(
      "report", "Render the JSON lines of 'respgrade batch' as one HTML, JUnit or SARIF document");
  command
      ->add_option("results", options->results,
                   "Batch results files, one JSON object a line; - reads standard input")
      ->required();
  add_format_option(*command, options->format, {"html", "junit", "sarif"});
  command->add_option("--rules", options->rules,
                      "Rule catalog (JSON) whose rules a SARIF document lists, in place of the "
                      "built-in one; rules met in the results are listed too");
  command->callback([options, &context] {
    context.action = [options, &context] { return run_report(*options, context); };
  });
}

}  // namespace respgrade
