#include "batch/batch_run.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "batch/ideal_cache.h"
#include "batch/progress.h"
#include "common/error.h"
#include "grading/grade.h"
#include "report/grade_line.h"
#include "report/json_text.h"

namespace respgrade {

namespace {

ItemResult error_result(const BatchItem& item, const std::string& response,
                        const std::string& message) {
  const nlohmann::ordered_json line = {{"id", item.id}, {"response", response}, {"error", message}};
  return ItemResult{json_text(line), true, false, 0, {}};
}

ItemResult graded_result(const BatchItem& item, const Grade& grade, const Catalog& catalog) {
  ItemResult result;
  // The grade object with "id" put first: `{"id":...,` then the grade's members.
  result.line = "{\"id\":";
  append_json_string(result.line, item.id);
  result.line += ',';
  result.line.append(grade_to_json_line(grade), 1);  // the members, after the opening brace
  result.has_score = grade.score.has_value();
  result.score = grade.score.value_or(0);
  result.verdicts.assign(catalog.rules.size(), static_cast<char>(Verdict::not_graded));
  for (const PatternGrade& pattern : grade.patterns) {
    const auto index = static_cast<std::size_t>(pattern.rule - catalog.rules.data());
    if (index < result.verdicts.size()) result.verdicts[index] = static_cast<char>(pattern.verdict);
  }
  return result;
}

// Grades one item. Every InputError becomes an error line; the ideal is released on all paths.
ItemResult grade_item(const BatchItem& item, const Catalog& catalog, IdealCache& ideals,
                      std::size_t max_bytes) {
  std::string response = item.response;
  std::string ideal_path = item.ideal;
  try {
    if (item.task_folder) {
      response = find_task_file(item.response, "MODEL_RESPONSE.md");
      ideal_path = find_task_file(item.response, "IDEAL_RESPONSE.md");
    }
  } catch (const InputError& error) {
    return error_result(item, response, format_error(error));
  }

  const std::shared_ptr<const IdealScan> ideal = ideals.acquire(ideal_path);
  struct Release {
    IdealCache& cache;
    const std::string& path;
    ~Release() { cache.release(path); }
  } release{ideals, ideal_path};
  if (!ideal->error.empty()) return error_result(item, response, ideal->error);
  try {
    const ScannedResponse scanned = scan_file(response, catalog, max_bytes);
    return graded_result(item, grade_response(scanned, *ideal->scanned), catalog);
  } catch (const InputError& error) {
    return error_result(item, response, format_error(error));
  }
}

}  // namespace

BatchOutcome run_batch(const std::vector<BatchItem>& items, const Catalog& catalog,
                       const BatchOptions& options, std::ostream& out, ProgressBar* progress) {
  IdealCache ideals(catalog, options.max_file_size, items);
  BatchOutcome outcome{BatchSummary(catalog), 0};
  const std::size_t window = options.window > 0 ? options.window : 4 * options.threads;

  const auto work = [&](std::size_t index) {
    return grade_item(items[index], catalog, ideals, options.max_file_size);
  };
  const auto emit = [&](std::size_t index, ItemResult&& result) {
    out << result.line << '\n';
    out.flush();
    outcome.summary.add(result);
    if (progress != nullptr) progress->update(index + 1);
  };
  outcome.written =
      run_in_order(items.size(), options.threads, window, work, emit, options.stop_requested);
  outcome.ideal_scans = ideals.scans();
  return outcome;
}

}  // namespace respgrade
