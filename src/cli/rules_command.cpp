#include <memory>
#include <ostream>
#include <string>

#include "cli/command.h"
#include "common/error.h"
#include "rules/catalog.h"
#include "rules/fixture_check.h"

namespace respgrade {

namespace {

struct RulesOptions {
  std::string directory;
  std::string rules;
  bool require_coverage = false;
};

int run_rules_test(const RulesOptions& options, CommandContext& context) {
  const auto catalog = load_catalog_file(options.rules);
  const FixtureReport report =
      check_fixtures(options.directory, *catalog, options.require_coverage);
  for (const FixtureProblem& problem : report.problems) {
    context.out << problem.file;
    if (problem.line > 0) context.out << ':' << problem.line;
    context.out << ": " << problem.message << '\n';
  }
  const int passed = report.fixtures - report.failed;
  context.out << passed << " passed, " << report.failed << " failed (" << report.fixtures
              << " fixtures, " << report.problems.size() << " problems)\n";
  return report.problems.empty() ? kExitOk : kExitBelowBar;
}

int run_rules_list(const RulesOptions& options, CommandContext& context) {
  const auto catalog = load_catalog_file(options.rules);
  for (const Rule& rule : catalog->rules) {
    context.out << rule.id << "  " << severity_name(rule.severity) << "  " << rule.title << '\n';
  }
  return kExitOk;
}

}  // namespace

void add_rules_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<RulesOptions>();
  CLI::App* rules =
      app.add_subcommand("rules", "Work with rule catalogs: list them, test fixtures");
  rules->require_subcommand(1);

  CLI::App* test = rules->add_subcommand(
      "test", "Check every fixture under DIR against the expectations written in it");
  test->add_option("directory", options->directory, "Folder of markdown fixtures")->required();
  add_rules_option(*test, options->rules);
  test->add_flag("--require-coverage", options->require_coverage,
                 "Also fail when a rule has no fixture expecting it flawed and one clean");
  test->callback([options, &context] {
    context.action = [options, &context] { return run_rules_test(*options, context); };
  });

  CLI::App* list = rules->add_subcommand("list", "Print each rule's id, severity and title");
  add_rules_option(*list, options->rules);
  list->callback([options, &context] {
    context.action = [options, &context] { return run_rules_list(*options, context); };
  });
}

}  // namespace respgrade
