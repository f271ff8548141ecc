#include "batch/batch_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "grading/grade.h"

namespace respgrade {

namespace {

std::string fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string padded(const std::string& text, std::size_t width, bool right) {
  if (text.size() >= width) return text;
  const std::string fill(width - text.size(), ' ');
  return right ? fill + text : text + fill;
}

}  // namespace

BatchSummary::BatchSummary(const Catalog& catalog) {
  for (const Rule& rule : catalog.rules) patterns_.push_back(PatternCounts{rule.id});
}

void BatchSummary::add(const ItemResult& result) {
  ++responses_;
  if (result.failed) {
    ++failed_;
    return;
  }
  for (std::size_t i = 0; i < result.verdicts.size() && i < patterns_.size(); ++i) {
    PatternCounts& counts = patterns_[i];
    switch (static_cast<Verdict>(result.verdicts[i])) {
      case Verdict::pass:
        ++counts.pass;
        break;
      case Verdict::fail:
        ++counts.fail;
        break;
      case Verdict::missing:
        ++counts.missing;
        break;
      case Verdict::not_graded:
        ++counts.not_graded;
        break;
    }
  }
  if (!result.has_score) return;
  ++scored_;
  const double delta = result.score - mean_;
  mean_ += delta / static_cast<double>(scored_);
  squares_ += delta * (result.score - mean_);
  min_ = std::min(min_, result.score);
  max_ = std::max(max_, result.score);
}

double BatchSummary::standard_deviation() const {
  return scored_ == 0 ? 0 : std::sqrt(squares_ / static_cast<double>(scored_));
}

void BatchSummary::print(std::ostream& out) const {
  out << "graded " << responses_ - failed_ << " of " << responses_ << " responses";
  if (failed_ > 0) out << " (" << failed_ << " could not be graded)";
  out << "; " << scored_ << " with a score\n";
  if (scored_ > 0) {
    out << "score: mean " << fixed(mean_, 3) << ", standard deviation "
        << fixed(standard_deviation(), 3) << ", min " << fixed(min_, 3) << ", max "
        << fixed(max_, 3) << '\n';
  }

  std::vector<PatternCounts> rows = patterns_;
  std::stable_sort(rows.begin(), rows.end(), [](const PatternCounts& a, const PatternCounts& b) {
    return a.fail + a.missing > b.fail + b.missing;
  });
  std::size_t width = 7;
  for (const PatternCounts& row : rows) width = std::max(width, row.rule.size());
  out << '\n'
      << padded("pattern", width, false) << "    fail  missing    pass  not graded  failed\n";
  for (const PatternCounts& row : rows) {
    const std::size_t graded = row.pass + row.fail + row.missing;
    const std::string share = graded == 0
                                  ? "-"
                                  : fixed(100.0 * static_cast<double>(row.fail + row.missing) /
                                              static_cast<double>(graded),
                                          1) +
                                        "%";
    out << padded(row.rule, width, false) << padded(std::to_string(row.fail), 8, true)
        << padded(std::to_string(row.missing), 9, true) << padded(std::to_string(row.pass), 8, true)
        << padded(std::to_string(row.not_graded), 12, true) << padded(share, 8, true) << '\n';
  }
  out << "(failed: the share of graded responses where the pattern failed or was missing)\n";
}

}  // namespace respgrade
