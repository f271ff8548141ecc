#pragma once

#include <filesystem>

namespace respgrade_test {

// The corpus of real answers, kept beside the repository rather than in it.
inline std::filesystem::path corpus_dir() {
  return std::filesystem::path(RESPGRADE_SOURCE_DIR) / ".." / "shared" / "corpus";
}

}  // namespace respgrade_test
