// Grades the whole corpus with batch: the same lines whatever the thread count, one error line
// per response that is not valid UTF-8, and each ideal scanned once.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "batch/batch_input.h"
#include "batch/batch_run.h"
#include "corpus_path.h"
#include "rules/catalog.h"

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
