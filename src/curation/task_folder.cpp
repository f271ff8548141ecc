#include "curation/task_folder.h"

#include <filesystem>

#include "common/error.h"

namespace respgrade {

namespace {

std::string find_file(const std::filesystem::path& directory, const char* name) {
  for (const std::filesystem::path& candidate : {directory / name, directory / "lib" / name}) {
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) return candidate.string();
  }
  return {};
}

}  // namespace

TaskFolder find_task_files(const std::string& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    throw InputError(directory, "not a task folder (not a directory)",
                     "Name a folder holding MODEL_RESPONSE.md, IDEAL_RESPONSE.md and "
                     "MODEL_FAILURES.md");
  }
  const std::filesystem::path path(directory);
  TaskFolder task{directory, find_file(path, "MODEL_RESPONSE.md"),
                  find_file(path, "IDEAL_RESPONSE.md"), find_file(path, "MODEL_FAILURES.md"),
                  find_file(path, "PROMPT.md")};

  std::string missing;
  const auto note = [&](const std::string& found, const char* name) {
    if (found.empty()) missing += (missing.empty() ? "" : ", ") + std::string(name);
  };
  note(task.model_response, "MODEL_RESPONSE.md");
  note(task.ideal_response, "IDEAL_RESPONSE.md");
  note(task.failures, "MODEL_FAILURES.md");
  if (!missing.empty()) {
    throw InputError(directory, "task folder has no " + missing,
                     "Put the file in the folder or in its lib/ subfolder");
  }
  return task;
}

}  // namespace respgrade
