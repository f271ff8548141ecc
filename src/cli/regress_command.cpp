#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "batch/regress.h"
#include "cli/command.h"
#include "common/error.h"
#include "report/json_text.h"

namespace respgrade {

namespace {

struct RegressOptions {
  std::string results;
  std::string baseline;
  std::string format = "text";
  bool update = false;
};

void print_changes_text(const std::vector<Change>& changes, std::size_t compared,
                        std::ostream& out) {
  std::size_t counts[4] = {};
  for (const Change& change : changes) {
    ++counts[static_cast<int>(change.kind)];
    out << change_kind_name(change.kind) << "  " << change.id << "  " << change.subject << "  "
        << change.before << " -> " << change.after << '\n';
  }
  const auto changes_of = [](std::size_t count) { return count == 1 ? " change" : " changes"; };
  out << compared << (compared == 1 ? " response" : " responses")
      << " in the results: " << counts[0] << changes_of(counts[0]) << " for the worse, "
      << counts[1] << " other" << changes_of(counts[1]) << ", " << counts[2] << " new, "
      << counts[3] << " vanished\n";
}

void print_changes_json(const std::vector<Change>& changes, std::ostream& out) {
  for (const Change& change : changes) {
    const nlohmann::ordered_json line = {{"change", change_kind_name(change.kind)},
                                         {"id", change.id},
                                         {"subject", change.subject},
                                         {"before", change.before},
                                         {"after", change.after}};
    out << json_text(line) << '\n';
  }
}

int run_regress(const RegressOptions& options, CommandContext& context) {
  const std::vector<ResultRecord> current = options.results == "-"
                                                ? read_results(std::cin, "standard input")
                                                : read_results_file(options.results);
  // With --update, a missing baseline is created: every response is then new.
  std::vector<ResultRecord> baseline;
  if (!options.update || std::filesystem::exists(options.baseline)) {
    baseline = read_results_file(options.baseline);
  }

  const std::vector<Change> changes = compare_results(baseline, current);
  if (options.format == "json") {
    print_changes_json(changes, context.out);
  } else {
    print_changes_text(changes, current.size(), context.out);
  }
  if (options.update) {
    write_baseline(options.baseline, current);
    return kExitOk;
  }
  for (const Change& change : changes) {
    if (change.kind == Change::Kind::worse) return kExitBelowBar;
  }
  return kExitOk;
}

}  // namespace

void add_regress_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<RegressOptions>();
  CLI::App* command = app.add_subcommand(
      "regress", "Compare batch results with a baseline: score drops and verdict changes");
  command->add_option("results", options->results, "Batch output (JSONL); - reads standard input")
      ->required();
  command->add_option("--baseline", options->baseline, "Earlier batch output to compare with")
      ->required();
  command->add_flag("--update", options->update,
                    "Replace the baseline with the results (and exit 0 when they could be read)");
  add_format_option(*command, options->format, {"text", "json"});
  command->callback([options, &context] {
    context.action = [options, &context] { return run_regress(*options, context); };
  });
}

}  // namespace respgrade
