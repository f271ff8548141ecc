#include "batch/batch_input.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <istream>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/error.h"
#include "report/json_text.h"

namespace respgrade {

namespace {

namespace fs = std::filesystem;

std::string resolve(const std::string& base_directory, const std::string& path) {
  if (base_directory.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(base_directory) / path).string();
}

// Reads one string member of a manifest line; empty when it is absent.
std::string member(const nlohmann::json& line, const char* key, const std::string& where) {
  const auto found = line.find(key);
  if (found == line.end() || found->is_null()) return {};
  if (!found->is_string() || found->get_ref<const std::string&>().empty()) {
    throw InputError(where, std::string("manifest field '") + key + "' must be a non-empty string",
                     R"(Write each line as {"id": "...", "response": "path", "ideal": "path"})");
  }
  return found->get<std::string>();
}

BatchItem read_manifest_line(const std::string& text, const std::string& where,
                             const std::string& base_directory, const std::string& default_ideal) {
  const nlohmann::json line = nlohmann::json::parse(text, nullptr, false);
  if (line.is_discarded() || !line.is_object()) {
    throw InputError(where, "manifest line is not a JSON object",
                     R"(Write each line as {"id": "...", "response": "path", "ideal": "path"})");
  }
  const std::string response = member(line, "response", where);
  if (response.empty()) {
    throw InputError(where, "manifest line has no 'response'", "Name the response file to grade");
  }
  std::string ideal = member(line, "ideal", where);
  if (ideal.empty() && default_ideal.empty()) {
    throw InputError(where, "manifest line has no 'ideal'",
                     "Name the ideal file on the line, or give one for every line with --ideal");
  }
  std::string id = member(line, "id", where);
  if (id.empty()) id = response;
  ideal = ideal.empty() ? default_ideal : resolve(base_directory, ideal);
  return BatchItem{std::move(id), resolve(base_directory, response), std::move(ideal), false};
}

}  // namespace

std::vector<BatchItem> list_task_folders(const std::string& directory) {
  std::error_code error;
  fs::directory_iterator entries(directory, error);
  if (error) {
    throw InputError(directory, "cannot list the folder (" + error.message() + ")",
                     "Name a folder of task folders");
  }
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : entries) {
    std::string name = entry.path().filename().string();
    if (name.starts_with('.') || !entry.is_directory(error)) continue;
    names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());

  std::vector<BatchItem> items;
  items.reserve(names.size());
  for (std::string& name : names) {
    std::string folder = (fs::path(directory) / name).string();
    items.push_back(BatchItem{std::move(name), std::move(folder), {}, true});
  }
  return items;
}

std::vector<BatchItem> read_manifest(std::istream& lines, const std::string& source,
                                     const std::string& base_directory,
                                     const std::string& default_ideal) {
  std::vector<BatchItem> items;
  int number = 0;
  for (std::string text; std::getline(lines, text);) {
    ++number;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = source + ":" + std::to_string(number);
    items.push_back(read_manifest_line(text, where, base_directory, default_ideal));
  }
  if (lines.bad()) throw InputError(source, "read failed", "Check the manifest file");
  return items;
}

std::vector<BatchItem> read_manifest_file(const std::string& path,
                                          const std::string& default_ideal) {
  std::ifstream stream(path);
  if (!stream) throw InputError(path, "manifest cannot be opened", "Check the path");
  return read_manifest(stream, path, fs::path(path).parent_path().string(), default_ideal);
}

std::vector<BatchItem> list_responses(const std::vector<std::string>& responses,
                                      const std::string& ideal) {
  std::vector<BatchItem> items;
  items.reserve(responses.size());
  for (const std::string& response : responses) {
    items.push_back(BatchItem{response, response, ideal, false});
  }
  return items;
}

void check_unique_ids(const std::vector<BatchItem>& items, const std::string& source) {
  // Ids are compared as the JSON output writes them, where bytes that are not UTF-8 become
  // U+FFFD, so that two folder names differing only in such bytes are caught here.
  std::unordered_map<std::string, std::size_t> seen;
  seen.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto [found, added] = seen.emplace(json_text(nlohmann::json(items[i].id)), i);
    if (added) continue;
    throw InputError(source,
                     "id '" + items[i].id + "' is used by responses " +
                         std::to_string(found->second + 1) + " and " + std::to_string(i + 1),
                     "Give each response its own id, since regress matches results by id");
  }
}

Shard parse_shard(const std::string& text) {
  Shard shard;
  const auto slash = text.find('/');
  const auto number = [&](std::string_view part, std::size_t& value) {
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    return error == std::errc() && end == part.data() + part.size() && !part.empty();
  };
  const std::string_view whole = text;
  const bool valid = slash != std::string::npos && number(whole.substr(0, slash), shard.index) &&
                     number(whole.substr(slash + 1), shard.count) && shard.index >= 1 &&
                     shard.index <= shard.count;
  if (!valid) {
    throw InputError("--shard " + text, "invalid shard",
                     "Write I/N with 1 <= I <= N, such as 2/3 for the second of three slices");
  }
  return shard;
}

std::vector<BatchItem> select_shard(std::vector<BatchItem> items, Shard shard) {
  // Slice i of n covers [floor((i-1)*T/n), floor(i*T/n)): contiguous, in order, sizes within one.
  const std::size_t total = items.size();
  const std::size_t first = (shard.index - 1) * total / shard.count;
  const std::size_t last = shard.index * total / shard.count;
  std::vector<BatchItem> slice(std::make_move_iterator(items.begin() + first),
                               std::make_move_iterator(items.begin() + last));
  return slice;
}

std::string find_task_file(const std::string& folder, const std::string& name) {
  std::error_code error;
  for (const fs::path& candidate : {fs::path(folder) / name, fs::path(folder) / "lib" / name}) {
    if (fs::is_regular_file(candidate, error)) return candidate.string();
  }
  if (!fs::is_directory(folder, error)) {
    throw InputError(folder, "task folder not found", "Check the path");
  }
  throw InputError(folder, "task folder has no " + name,
                   "Put " + name + " in the folder or in its lib/ subfolder");
}

}  // namespace respgrade
