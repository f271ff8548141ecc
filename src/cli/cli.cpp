#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "cli/command.h"
#include "common/error.h"

namespace respgrade {

void add_format_option(CLI::App& command, std::string& format,
                       const std::vector<std::string>& choices) {
  std::string list;
  for (const std::string& choice : choices) list += (list.empty() ? "" : ", ") + choice;
  command.add_option("--format", format, "Output format: " + list)
      ->check(CLI::IsMember(choices))
      ->capture_default_str();
}

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            bool color_terminal) {
  CLI::App app{"respgrade: grade LLM answers of Pulumi AWS Python code against a flaw catalog",
               "respgrade"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "respgrade 0.1.0");

  CommandContext context{out, err, kExitOk, color_terminal, {}};
  add_blocks_command(app, context);
  add_resources_command(app, context);
  add_scan_command(app, context);
  add_rules_command(app, context);
  add_grade_command(app, context);
  add_check_command(app, context);
  add_report_command(app, context);
  add_batch_command(app, context);
  add_regress_command(app, context);

  // CLI11 wants the arguments in reverse order when given a vector.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion& version) {
    out << version.what() << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& error) {
    err << "respgrade: " << error.what() << ". Run 'respgrade --help' for usage.\n";
    return kExitError;
  }

  if (!context.action) return kExitOk;
  try {
    return context.action();
  } catch (const InputError& error) {
    err << format_error(error) << "\n";
    return kExitError;
  }
}

}  // namespace respgrade
