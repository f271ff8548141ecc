#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "common/error.h"
#include "python/response.h"
#include "report/blocks_report.h"
#include "report/json_text.h"

namespace respgrade {

namespace {

struct BlocksOptions {
  std::vector<std::string> files;
  std::string format = "text";
  std::size_t max_file_size = kDefaultMaxFileBytes;
};

// Prints each file's blocks; a bad file gets its error and the others still print.
int run_blocks(const BlocksOptions& options, CommandContext& context) {
  int status = kExitOk;
  for (const std::string& path : options.files) {
    try {
      const Response response = load_response(path, options.max_file_size);
      if (options.format == "json") {
        context.out << json_text(blocks_to_json(response)) << '\n';
      } else {
        print_blocks_text(response, context.out);
      }
    } catch (const InputError& error) {
      context.err << format_error(error) << '\n';
      status = kExitError;
    }
  }
  return status;
}

}  // namespace

void add_blocks_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<BlocksOptions>();
  CLI::App* command = app.add_subcommand(
      "blocks",
      "List the code blocks of markdown files: language, file name, lines, Python or not");
  command->add_option("files", options->files, "Markdown files to read")->required();
  add_format_option(*command, options->format, {"text", "json"});
  command
      ->add_option("--max-file-size", options->max_file_size,
                   "Largest input file accepted, in bytes")
      ->capture_default_str();
  command->callback([options, &context] {
    context.action = [options, &context] { return run_blocks(*options, context); };
  });
}

}  // namespace respgrade
