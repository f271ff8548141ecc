// Shared by the test files that run respgrade in-process on files they write: a temporary
// folder and a call of the command line that captures its output.
#pragma once

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace respgrade_test {

namespace fs = std::filesystem;

// A fresh folder under the system temporary folder, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "respgrade-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) FAIL("mkdtemp failed for " << pattern);
    path_ = pattern;
  }
  ~TempDir() {
    // Tests that make a file unreadable would otherwise leave it behind.
    std::error_code ignored;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  std::string path(const std::string& name) const { return (path_ / name).string(); }

  // Writes `bytes` to a file in the folder, making its parent folders, and returns its path.
  std::string write(const std::string& name, const std::string& bytes) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
    return file.string();
  }

  // Copies a file into the folder under `name` and returns its path.
  std::string copy(const fs::path& from, const std::string& name) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    fs::copy_file(from, file, fs::copy_options::overwrite_existing);
    return file.string();
  }

  std::string read(const std::string& name) const;

 private:
  fs::path path_;
};

inline std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

inline std::string TempDir::read(const std::string& name) const { return read_file(path_ / name); }

// The exit status and the two outputs of one command line.
struct Run {
  int status = 0;
  std::string out;
  std::string err;
};

inline Run run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = respgrade::run_cli(args, out, err);
  return {status, out.str(), err.str()};
}

}  // namespace respgrade_test
