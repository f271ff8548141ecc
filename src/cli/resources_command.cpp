#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "common/error.h"
#include "model/resource_model.h"
#include "python/response.h"
#include "report/json_text.h"
#include "report/model_report.h"

namespace respgrade {

namespace {

struct ResourcesOptions {
  std::vector<std::string> files;
  std::string format = "text";
  std::size_t max_file_size = kDefaultMaxFileBytes;
};

int run_resources(const ResourcesOptions& options, CommandContext& context) {
  int status = kExitOk;
  for (const std::string& path : options.files) {
    try {
      const Response response = load_response(path, options.max_file_size);
      const ResourceModel model = build_model(response);
      if (options.format == "json") {
        context.out << json_text(model_to_json(path, model)) << '\n';
      } else {
        print_model_text(path, model, context.out);
      }
    } catch (const InputError& error) {
      context.err << format_error(error) << '\n';
      status = kExitError;
    }
  }
  return status;
}

}  // namespace

void add_resources_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ResourcesOptions>();
  CLI::App* command = app.add_subcommand("resources",
                                         "Print the resource model the rules see: each pulumi_aws "
                                         "resource with its resolved arguments");
  command->add_option("files", options->files, "Markdown files to read")->required();
  add_format_option(*command, options->format, {"text", "json"});
  command
      ->add_option("--max-file-size", options->max_file_size,
                   "Largest input file accepted, in bytes")
      ->capture_default_str();
  command->callback([options, &context] {
    context.action = [options, &context] { return run_resources(*options, context); };
  });
}

}  // namespace respgrade
