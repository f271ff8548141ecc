#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "batch/batch_input.h"
#include "batch/batch_run.h"
#include "batch/progress.h"
#include "cli/command.h"
#include "common/error.h"
#include "common/interruption.h"
#include "common/replacing_file.h"
#include "report/batch_results.h"
#include "rules/catalog.h"

namespace respgrade {

namespace {

struct BatchCommandOptions {
  std::vector<std::string> inputs;
  std::string manifest;
  std::string ideal;
  std::string rules;
  std::string shard;
  std::string summary;
  std::string format = "json";
  unsigned threads = 0;
  std::size_t max_file_size = kDefaultMaxFileBytes;
};

// Lists the batch from whichever input the options name: a manifest, responses against one
// ideal, or folders of task folders.
std::vector<BatchItem> list_items(const BatchCommandOptions& options, std::string& source) {
  if (!options.manifest.empty()) {
    if (!options.inputs.empty()) {
      throw InputError("", "--manifest takes no other inputs",
                       "Name the responses in the manifest, or drop --manifest");
    }
    source = options.manifest == "-" ? "standard input" : options.manifest;
    if (options.manifest == "-") return read_manifest(std::cin, source, "", options.ideal);
    return read_manifest_file(options.manifest, options.ideal);
  }
  if (options.inputs.empty()) {
    throw InputError("", "no input",
                     "Name a folder of task folders, responses with --ideal, "
                     "or a manifest with --manifest");
  }
  source = "the command line";
  if (!options.ideal.empty()) return list_responses(options.inputs, options.ideal);
  std::vector<BatchItem> items;
  for (const std::string& directory : options.inputs) {
    std::vector<BatchItem> tasks = list_task_folders(directory);
    items.insert(items.end(), std::make_move_iterator(tasks.begin()),
                 std::make_move_iterator(tasks.end()));
  }
  return items;
}

// Writes the summary to standard error or to `path`. A file also gets `stop_note`, which records
// an early stop, because the message on standard error does not reach the file.
void write_summary(const BatchOutcome& outcome, const std::string& path, std::ostream& err,
                   const std::string& stop_note) {
  if (path.empty()) {
    outcome.summary.print(err);
    return;
  }
  ReplacingFile file(path);
  outcome.summary.print(file.stream());
  if (!stop_note.empty()) file.stream() << stop_note << '\n';
  file.commit();
}

std::string signal_name(int signal) {
  if (signal == SIGINT) return "Ctrl-C (SIGINT)";
  if (signal == SIGTERM) return "SIGTERM";
  return "a signal";
}

int run_batch_command(const BatchCommandOptions& options, CommandContext& context) {
  const auto catalog = load_catalog_file(options.rules);
  std::string source;
  std::vector<BatchItem> items = list_items(options, source);
  check_unique_ids(items, source);
  if (!options.shard.empty()) items = select_shard(std::move(items), parse_shard(options.shard));

  BatchOptions batch;
  batch.threads =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  batch.max_file_size = options.max_file_size;
  // A progress bar only on a terminal, and only when errors go to the real standard error.
  std::optional<ProgressBar> progress;
  if (&context.err == &std::cerr && isatty(STDERR_FILENO) == 1) {
    progress.emplace(std::cerr, items.size());
  }
  // A document format needs every line before it can be written, so the lines wait in memory.
  const bool document = options.format != "json";
  std::stringstream lines;
  // Ctrl-C stops the batch between two responses, so that every line written is whole.
  const InterruptionWatch interruptions;
  batch.stop_requested = &InterruptionWatch::stop_requested;
  const BatchOutcome outcome = run_batch(items, *catalog, batch, document ? lines : context.out,
                                         progress ? &*progress : nullptr);
  if (progress) progress->finish();
  const int signal = InterruptionWatch::signal_number();
  const bool stopped = outcome.written < items.size();
  std::string stop_note;
  if (stopped) {
    stop_note = "stopped by " + signal_name(signal) + " after " + std::to_string(outcome.written) +
                " of " + std::to_string(items.size()) + " responses";
  }
  if (document) {
    const auto report = make_document_report(options.format, *catalog);
    add_batch_results(read_batch_results(lines, "the batch output"), *report);
    // A stopped batch is an error of the batch's input as a whole, so that the document shows
    // it is cut short (SARIF then reports the run as not successful).
    if (stopped) {
      report->add_error("", options.manifest.empty() ? options.inputs.front() : options.manifest,
                        stop_note);
    }
    report->write(context.out);
  }
  write_summary(outcome, options.summary, context.err, stop_note);
  if (stopped) {
    context.err << "respgrade: " << stop_note
                << (document ? "; the document covers the responses graded"
                             : "; the lines written are complete")
                << ". Run the batch again to grade the rest\n";
    return exit_status_for_signal(signal);
  }
  return outcome.summary.failed() > 0 ? kExitError : kExitOk;
}

}  // namespace

void add_batch_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<BatchCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "batch", "Grade many responses on all cores: one JSON line each, in input order");
  command->add_option("inputs", options->inputs,
                      "Folders of task folders; with --ideal, the responses to grade");
  command->add_option("--manifest", options->manifest,
                      "JSONL manifest, one {\"id\", \"response\", \"ideal\"} object a line; "
                      "- reads standard input");
  command->add_option("--ideal", options->ideal,
                      "The ideal to grade every response against (for a manifest: the ideal "
                      "of lines that name none)");
  add_rules_option(*command, options->rules);
  add_format_option(*command, options->format, {"json", "html", "junit", "sarif"});
  command->add_option("-j,--jobs", options->threads, "Threads to grade on (default: all cores)")
      ->check(CLI::Range(1u, 1024u));
  command->add_option("--shard", options->shard,
                      "Grade only slice I of N of the input, such as 2/3; the outputs of "
                      "slices 1 to N concatenated equal the whole batch's");
  command->add_option("--summary", options->summary,
                      "Write the summary to this file instead of standard error");
  command
      ->add_option("--max-file-size", options->max_file_size,
                   "Largest input file accepted, in bytes")
      ->capture_default_str();
  command->callback([options, &context] {
    context.action = [options, &context] { return run_batch_command(*options, context); };
  });
}

}  // namespace respgrade
