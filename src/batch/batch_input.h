#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace respgrade {

// One response of a batch and the ideal it is graded against.
struct BatchItem {
  std::string id;  // the manifest id, the task folder name, or the response path
  // A response path, or for a task folder left unresolved until grading, the folder itself.
  std::string response;
  std::string ideal;         // empty for a task folder: found next to its response
  bool task_folder = false;  // `response` names a task folder
};

// Lists the task folders under `directory`, sorted by name, skipping hidden entries and files.
// Each is graded as its MODEL_RESPONSE.md against its IDEAL_RESPONSE.md, which may sit in the
// folder or in its lib/ subfolder. Throws InputError when `directory` cannot be listed.
std::vector<BatchItem> list_task_folders(const std::string& directory);

// Reads a JSONL manifest, one object per line: {"id": ID, "response": PATH, "ideal": PATH}.
// "id" defaults to the response path as written and "ideal" to `default_ideal`. Relative paths
// are resolved against `base_directory` (empty: the working directory). Blank lines are
// skipped. Throws InputError naming `source` and the line for a malformed line.
std::vector<BatchItem> read_manifest(std::istream& lines, const std::string& source,
                                     const std::string& base_directory,
                                     const std::string& default_ideal);

// Reads a manifest file, resolving its paths against the file's folder.
std::vector<BatchItem> read_manifest_file(const std::string& path,
                                          const std::string& default_ideal);

// One item per response, each graded against `ideal`, with the response path as its id.
std::vector<BatchItem> list_responses(const std::vector<std::string>& responses,
                                      const std::string& ideal);

// Throws InputError naming `source` and the id when two items share an id, since regress
// matches results by id.
void check_unique_ids(const std::vector<BatchItem>& items, const std::string& source);

// The I-th of N contiguous slices of a batch, 1-based: `--shard 2/3`.
struct Shard {
  std::size_t index = 1;
  std::size_t count = 1;
};

// Parses "I/N" with 1 <= I <= N; throws InputError otherwise.
Shard parse_shard(const std::string& text);

// Keeps the items of one shard. Slices are contiguous and follow input order, so the outputs
// of shards 1..N concatenated in order equal the output of the whole batch.
std::vector<BatchItem> select_shard(std::vector<BatchItem> items, Shard shard);

// Finds a task's response or ideal file: `name` in `folder`, else in `folder`/lib. Throws
// InputError naming the folder when neither exists.
std::string find_task_file(const std::string& folder, const std::string& name);

}  // namespace respgrade
