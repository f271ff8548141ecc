#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "batch/ordered_pool.h"
#include "rules/catalog.h"

namespace respgrade {

// Totals of a batch, gathered result by result in constant memory per rule.
class BatchSummary {
 public:
  explicit BatchSummary(const Catalog& catalog);

  void add(const ItemResult& result);

  std::size_t responses() const { return responses_; }
  std::size_t failed() const { return failed_; }
  std::size_t scored() const { return scored_; }
  double mean() const { return mean_; }
  // Population standard deviation of the scores.
  double standard_deviation() const;

  // Writes the totals, the score statistics and, per pattern, how often it failed: a table
  // sorted by failures (fail plus missing), most first.
  void print(std::ostream& out) const;

 private:
  struct PatternCounts {
    std::string rule;
    std::size_t pass = 0, fail = 0, missing = 0, not_graded = 0;
  };

  std::vector<PatternCounts> patterns_;
  std::size_t responses_ = 0;
  std::size_t failed_ = 0;
  std::size_t scored_ = 0;
  double mean_ = 0;
  double squares_ = 0;  // Welford's running sum of squared deviations
  double min_ = 1;
  double max_ = 0;
};

}  // namespace respgrade
