#pragma once

#include <string_view>
#include <vector>

#include "markdown/code_block.h"

namespace respgrade {

// Lists the code blocks of a markdown document with cmark-gfm, in document order, including
// fences nested in lists and block quotes, `~~~` fences and a fence left open at the end.
// A leading byte-order mark and CRLF or lone CR line ends are accepted.
std::vector<CodeBlock> extract_code_blocks(std::string_view markdown);

// Makes one untagged, unfenced block of a whole document, for a response that is a bare source
// file with no fences at all.
CodeBlock whole_document_block(std::string_view markdown);

// Classifies an info string's first word: python, py, python3, py3 (any case) are Python.
LanguageTag classify_language(std::string_view language);

}  // namespace respgrade
