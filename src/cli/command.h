#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <string>

namespace respgrade {

// What every subcommand reads and writes: the output streams and the exit status it sets.
struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  int exit_status = 0;
  // Whether `out` is a terminal that takes colour: set by main from isatty and NO_COLOR.
  bool color = false;
  // Set by the subcommand's options; run after parsing succeeds.
  std::function<int()> action;
  // --out FILE: `out` writes to a temporary file that replaces FILE when the action returns.
  std::string out_path;
};

// Registers each subcommand on the top-level app. One file per subcommand defines one of these.
void add_blocks_command(CLI::App& app, CommandContext& context);
void add_resources_command(CLI::App& app, CommandContext& context);
void add_scan_command(CLI::App& app, CommandContext& context);
void add_rules_command(CLI::App& app, CommandContext& context);
void add_grade_command(CLI::App& app, CommandContext& context);
void add_check_command(CLI::App& app, CommandContext& context);
void add_report_command(CLI::App& app, CommandContext& context);
void add_batch_command(CLI::App& app, CommandContext& context);
void add_regress_command(CLI::App& app, CommandContext& context);

// Adds `--rules FILE`, the catalog to use in place of the built-in one.
void add_rules_option(CLI::App& command, std::string& rules);

// Adds `--format` with the given choices, storing the choice in `format`.
void add_format_option(CLI::App& command, std::string& format,
                       const std::vector<std::string>& choices);

}  // namespace respgrade
