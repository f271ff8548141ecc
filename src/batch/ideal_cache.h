#pragma once

#include <atomic>
#include <cstddef>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "batch/batch_input.h"
#include "rules/scan.h"

namespace respgrade {

// A scanned ideal, or the message of the error that stopped it from being read.
struct IdealScan {
  std::unique_ptr<const ScannedResponse> scanned;  // null when `error` is set
  std::string error;
};

// Scans each ideal of a batch once, however many responses and threads need it, and frees
// it after its last response is graded, so a batch of many tasks keeps few ideals in memory.
// Ideals that only one response uses are scanned by their caller and never stored.
// Thread-safe; the catalog must outlive the cache and every scan it returns.
class IdealCache {
 public:
  // `items` are the responses the batch will grade, used to count each ideal's uses.
  IdealCache(const Catalog& catalog, std::size_t max_bytes, const std::vector<BatchItem>& items);

  // The scan of the ideal at `path`. Blocks while another thread is scanning the same path.
  // Each call must be followed by one `release(path)` once grading is done.
  std::shared_ptr<const IdealScan> acquire(const std::string& path);
  void release(const std::string& path);

  // How many times an ideal file was scanned: once per distinct path in a batch.
  std::size_t scans() const { return scans_.load(); }

 private:
  struct Entry {
    int remaining_uses = 0;
    std::shared_future<std::shared_ptr<const IdealScan>> scan;
  };

  std::shared_ptr<const IdealScan> scan(const std::string& path);

  const Catalog& catalog_;
  std::size_t max_bytes_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> shared_;  // ideals with more than one use
  std::atomic<std::size_t> scans_{0};
};

}  // namespace respgrade
