#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "common/error.h"
#include "common/replacing_file.h"

namespace respgrade {

void add_format_option(CLI::App& command, std::string& format,
                       const std::vector<std::string>& choices) {
  std::string list;
  for (const std::string& choice : choices) list += (list.empty() ? "" : ", ") + choice;
  command.add_option("--format", format, "Output format: " + list)
      ->check(CLI::IsMember(choices))
      ->capture_default_str();
}

namespace {

// Adds `--out FILE` to every command that prints. It is added here rather than by each command,
// so that it reads the same everywhere and no command can forget it.
void add_out_option(CLI::App& app, CommandContext& context) {
  for (CLI::App* command : app.get_subcommands({})) {
    if (!command->get_subcommands({}).empty()) {
      add_out_option(*command, context);
      continue;
    }
    command
        ->add_option("-o,--out", context.out_path,
                     "Write the output to this file instead of standard output (- is standard "
                     "output); the file is replaced only once the output is complete")
        ->check(CLI::Validator(
            [](const std::string& path) {
              return path.empty() ? std::string("the file name is empty") : std::string();
            },
            "FILE"));
  }
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            bool color_terminal) {
  CLI::App app{"respgrade: grade LLM answers of Pulumi AWS Python code against a flaw catalog",
               "respgrade"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "respgrade 0.1.0");

  // Commands write to `routed`, which --out points at a file once the arguments are parsed.
  std::ostream routed(out.rdbuf());
  CommandContext context{routed, err, kExitOk, color_terminal, {}, {}};
  add_blocks_command(app, context);
  add_resources_command(app, context);
  add_scan_command(app, context);
  add_rules_command(app, context);
  add_grade_command(app, context);
  add_check_command(app, context);
  add_report_command(app, context);
  add_batch_command(app, context);
  add_regress_command(app, context);
  add_out_option(app, context);

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
    // A failed command (an InputError, or exit status 2 without output) leaves the --out file
    // as it was. A finished one replaces it with the complete lines written, even with exit
    // status 1 or 2 or after Ctrl-C.
    std::optional<ReplacingFile> out_file;
    if (!context.out_path.empty() && context.out_path != "-") {
      out_file.emplace(context.out_path);
      routed.rdbuf(out_file->stream().rdbuf());
      context.color = false;
    }
    const int status = context.action();
    routed.flush();
    // Exit status 2 with no output at all (a single input that is missing): keep the old file.
    const bool keep_old = status == kExitError && out_file && out_file->nothing_written();
    if (out_file && !keep_old) out_file->commit();
    return status;
  } catch (const InputError& error) {
    err << format_error(error) << "\n";
    return kExitError;
  }
}

}  // namespace respgrade
