#pragma once

#include <string>

namespace respgrade {

// The files of one curated task, found in its folder or in its `lib/` subfolder.
struct TaskFolder {
  std::string directory;
  std::string model_response;
  std::string ideal_response;
  std::string failures;  // MODEL_FAILURES.md
  std::string prompt;    // PROMPT.md, or empty when the task has none
};

// Finds a task's files. Throws InputError naming the folder and every missing file when the
// model response, the ideal response or the failures document is not there.
TaskFolder find_task_files(const std::string& directory);

}  // namespace respgrade
