#include "batch/ideal_cache.h"

#include "common/error.h"

namespace respgrade {

IdealCache::IdealCache(const Catalog& catalog, std::size_t max_bytes,
                       const std::vector<BatchItem>& items)
    : catalog_(catalog), max_bytes_(max_bytes) {
  std::unordered_map<std::string_view, int> uses;
  for (const BatchItem& item : items) {
    if (!item.task_folder) ++uses[item.ideal];
  }
  for (const auto& [path, count] : uses) {
    if (count > 1) shared_[std::string(path)].remaining_uses = count;
  }
}

std::shared_ptr<const IdealScan> IdealCache::scan(const std::string& path) {
  ++scans_;
  auto result = std::make_shared<IdealScan>();
  try {
    result->scanned =
        std::make_unique<const ScannedResponse>(scan_file(path, catalog_, max_bytes_));
  } catch (const InputError& error) {
    result->error = format_error(error);
  }
  return result;
}

std::shared_ptr<const IdealScan> IdealCache::acquire(const std::string& path) {
  std::unique_lock lock(mutex_);
  const auto found = shared_.find(path);
  if (found == shared_.end()) {
    lock.unlock();
    return scan(path);
  }
  if (found->second.scan.valid()) {
    auto pending = found->second.scan;
    lock.unlock();
    return pending.get();
  }

  // This caller scans; the others wait on the future it publishes before unlocking.
  std::promise<std::shared_ptr<const IdealScan>> promise;
  found->second.scan = promise.get_future().share();
  lock.unlock();
  std::shared_ptr<const IdealScan> result;
  try {
    result = scan(path);
  } catch (...) {
    promise.set_exception(std::current_exception());
    throw;
  }
  promise.set_value(result);
  return result;
}

void IdealCache::release(const std::string& path) {
  const std::lock_guard lock(mutex_);
  const auto found = shared_.find(path);
  if (found != shared_.end() && --found->second.remaining_uses <= 0) shared_.erase(found);
}

}  // namespace respgrade
