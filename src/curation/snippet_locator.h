#pragma once

#include <optional>
#include <string_view>

#include "common/span.h"
#include "python/response.h"

namespace respgrade {

// Where a quoted snippet sits in a response's code, and how much of it was found.
struct SnippetMatch {
  Span lines;       // markdown lines from the first to the last matched line
  int matched = 0;  // snippet lines found there
  int total = 0;    // snippet lines that are code (comments and blank lines aside)
};

// Locates a quoted snippet in the response's code blocks, ignoring indentation and blank
// lines. Comment-only snippet lines are not required: documents annotate snippets with
// comments the code lacks. Returns nothing when fewer than half of the code lines are found
// together.
std::optional<SnippetMatch> locate_snippet(std::string_view snippet, const Response& response);

}  // namespace respgrade
