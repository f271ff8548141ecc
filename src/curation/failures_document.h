#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/span.h"

namespace respgrade {

// Which answer a line claim speaks of.
enum class ClaimSide { model, ideal };

// A line number or range named in a failures document: `(Line 275-286)`, `lines 108-111`,
// `L12-L20`, or `lib/database.py, line 49` (relative to that file's code block).
struct LineClaim {
  Span lines;        // as written: markdown lines, or lines of `file` when it is set
  std::string file;  // a code file the lines are relative to, or empty for the markdown
  ClaimSide side = ClaimSide::model;
  int document_line = 0;  // where the claim is written in the failures document
  std::string text;       // the claim as written, for reports
};

// A code block quoted in a documented flaw.
struct QuotedSnippet {
  std::string code;
  int document_line = 0;
  bool in_fix_section = false;  // quoted under a "fix" or "solution" label: it shows the ideal
};

// One flaw a failures document describes: a numbered heading (`### 1. Title (Line 275-286)`,
// `## 2) Title`), a bold numbered item (`**Issue 3: ...**`), or another heading that names a
// pattern, with the claims and snippets of its body.
struct DocumentedFlaw {
  std::string title;
  int line = 0;  // the heading's line in the failures document
  std::vector<LineClaim> claims;
  std::vector<QuotedSnippet> snippets;
};

// Reads the documented flaws of a failures document. `pattern_names` are the words that name
// catalog patterns: an unnumbered heading counts as a flaw only when it contains one of them.
std::vector<DocumentedFlaw> read_failures_document(std::string_view markdown,
                                                   const std::vector<std::string>& pattern_names);

// Finds the line claims in one line of prose. `in_fix_section` makes claims without a named
// answer speak of the ideal.
std::vector<LineClaim> find_line_claims(std::string_view text, int document_line,
                                        bool in_fix_section);

}  // namespace respgrade
