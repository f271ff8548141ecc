#pragma once

#include <span>
#include <string_view>

namespace respgrade::fuzz {

// Each harness runs one input through part of the grader. It returns normally for every outcome
// the code promises, an InputError included, and calls std::abort() when an invariant of the
// result breaks. Any other exception escapes to the caller, so libFuzzer and the replay test
// both report it as a bug.

// Extracts the code blocks of raw bytes and parses the response, then checks that every
// block's lines fall inside the document.
void run_markdown(std::string_view input);

// Checks the bytes as an input file would be checked, then scans them with the built-in
// catalog, grades them against a fixed response in both directions, and renders every report:
// text, strict UTF-8 JSON, SARIF, JUnit XML and HTML.
void run_scan(std::string_view input);

// Loads the bytes as a rule catalog and, when they load, judges a fixed response with it.
void run_catalog(std::string_view input);

// Checks the bytes as an input file would be checked, reads them as a failures document, then
// checks a fixed task with them and renders the check in every format.
void run_failures_document(std::string_view input);

struct Target {
  std::string_view name;  // also the folder of its saved inputs in fixtures/fuzz-regressions
  void (*run)(std::string_view input);
};

// Every harness, in the order scripts/fuzz.sh runs them.
std::span<const Target> targets();

}  // namespace respgrade::fuzz
