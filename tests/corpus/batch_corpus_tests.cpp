// Grades the whole corpus with batch: the same lines whatever the thread count, one error line
// per response that is not valid UTF-8, and each ideal scanned once.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "batch/batch_input.h"
#include "batch/batch_run.h"
#include "common/error.h"
#include "corpus_path.h"
#include "grading/grade.h"
#include "report/grade_line.h"
#include "report/grade_report.h"
#include "rules/catalog.h"
#include "rules/scan.h"

namespace {

struct Lines {
  std::string text;
  respgrade::BatchOutcome outcome;
};

Lines grade_corpus(unsigned threads) {
  const auto catalog = respgrade::builtin_catalog();
  const auto items =
      respgrade::list_task_folders((respgrade_test::corpus_dir() / "pulumi-py").string());
  respgrade::BatchOptions options;
  options.threads = threads;
  std::ostringstream out;
  respgrade::BatchOutcome outcome = respgrade::run_batch(items, *catalog, options, out, nullptr);
  return Lines{out.str(), std::move(outcome)};
}

}  // namespace

TEST_CASE("batch corpus is the same on two threads", "[corpus][batch]") {
  const Lines one = grade_corpus(1);
  const Lines two = grade_corpus(2);
  CHECK(one.text == two.text);
  CHECK(one.outcome.summary.responses() == 189);
  // Two model responses contain a Windows-1252 byte and are rejected as invalid UTF-8.
  CHECK(one.outcome.summary.failed() == 2);
  CHECK(one.outcome.ideal_scans == 189);
  CHECK(two.outcome.ideal_scans == 189);
  std::size_t errors = 0;
  for (std::size_t at = one.text.find("\"error\":"); at != std::string::npos;
       at = one.text.find("\"error\":", at + 1)) {
    ++errors;
  }
  CHECK(errors == 2);
}

TEST_CASE("batch grade line matches the JSON tree on the corpus", "[corpus][batch]") {
  const auto catalog = respgrade::builtin_catalog();
  const auto items =
      respgrade::list_task_folders((respgrade_test::corpus_dir() / "pulumi-py").string());
  std::size_t compared = 0;
  for (const respgrade::BatchItem& item : items) {
    INFO(item.id);
    try {
      const auto ideal = respgrade::scan_file(
          respgrade::find_task_file(item.response, "IDEAL_RESPONSE.md"), *catalog);
      const auto model = respgrade::scan_file(
          respgrade::find_task_file(item.response, "MODEL_RESPONSE.md"), *catalog);
      const respgrade::Grade grade = respgrade::grade_response(model, ideal);
      CHECK(respgrade::grade_to_json_line(grade) == respgrade::grade_to_json(grade).dump());
      ++compared;
    } catch (const respgrade::InputError&) {
      // The two responses that are not UTF-8 have no grade to compare.
    }
  }
  CHECK(compared == 187);
}
