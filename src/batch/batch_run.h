#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <vector>

#include "batch/batch_input.h"
#include "batch/batch_summary.h"
#include "common/text_file.h"
#include "rules/catalog.h"

namespace respgrade {

class ProgressBar;

struct BatchOptions {
  unsigned threads = 1;
  std::size_t max_file_size = kDefaultMaxFileBytes;
  // Results that may wait for an earlier, slower one before being written; 0 picks four per
  // thread. It bounds memory: a result is one output line.
  std::size_t window = 0;
  // Polled between items: once it returns true, the batch finishes the responses in hand,
  // writes their lines and stops.
  std::function<bool()> stop_requested = [] { return false; };
};

struct BatchOutcome {
  BatchSummary summary;
  std::size_t ideal_scans = 0;  // distinct ideal files scanned
  std::size_t written = 0;      // lines written: all the items unless the batch was stopped
};

// Grades every item and writes one JSON line per item to `out`, in item order whatever the
// thread count, each as soon as it and the ones before it are done. A graded item's line is
// the grade JSON with "id" first; an item that could not be graded gets
// {"id": ..., "response": ..., "error": MESSAGE} and the batch goes on. `progress`, when
// given, is updated after each line.
BatchOutcome run_batch(const std::vector<BatchItem>& items, const Catalog& catalog,
                       const BatchOptions& options, std::ostream& out, ProgressBar* progress);

}  // namespace respgrade
