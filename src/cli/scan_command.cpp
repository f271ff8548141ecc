#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "common/error.h"
#include "report/document_report.h"
#include "report/json_text.h"
#include "report/scan_report.h"
#include "rules/scan.h"

namespace respgrade {

namespace {

struct ScanOptions {
  std::vector<std::string> files;
  std::string format = "text";
  std::string rules;
  std::size_t max_file_size = kDefaultMaxFileBytes;
};

// Scans each file. SARIF and JUnit collect every file and are written once, after the last.
int run_scan(const ScanOptions& options, CommandContext& context) {
  const auto catalog = load_catalog_file(options.rules);
  std::unique_ptr<DocumentReport> document;
  if (is_document_format(options.format)) document = make_document_report(options.format, *catalog);
  int status = kExitOk;
  for (const std::string& path : options.files) {
    try {
      const ScannedResponse scanned = scan_file(path, *catalog, options.max_file_size);
      if (document) {
        document->add_scan(scanned);
      } else if (options.format == "json") {
        context.out << json_text(scan_to_json(scanned)) << '\n';
      } else {
        print_scan_text(scanned, context.out);
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

void add_rules_option(CLI::App& command, std::string& rules) {
  command.add_option("--rules", rules,
                     "Rule catalog (JSON) to judge with, in place of the built-in one");
}

void add_scan_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ScanOptions>();
  CLI::App* command = app.add_subcommand(
      "scan", "Judge every flaw pattern on markdown responses: status and evidence lines");
  command->add_option("files", options->files, "Markdown responses to scan")->required();
  add_format_option(*command, options->format, {"text", "json", "sarif", "junit"});
  add_rules_option(*command, options->rules);
  command
      ->add_option("--max-file-size", options->max_file_size,
                   "Largest input file accepted, in bytes")
      ->capture_default_str();
  command->callback([options, &context] {
    context.action = [options, &context] { return run_scan(*options, context); };
  });
}

}  // namespace respgrade
