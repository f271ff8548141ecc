#pragma once

#include <string>
#include <string_view>

namespace respgrade {

// Finds a file path in the markdown source of a short introduction such as
// "## File: lib/tap_stack.py" or "**tap.py**": the word after a "File:" label, whatever its
// extension, or else the first word that looks like a path with a known extension. A sentence
// ending in a full stop only mentions files, so it gives none. Backslash paths get slashes.
// Returns an empty string when there is none.
std::string find_file_name(std::string_view prose);

// Reads `title="x.py"`, `filename=x.py` or a bare path after the language in an info string.
std::string file_name_from_info(std::string_view info);

// Reads a file name from a block's first line when it is only a comment naming a path,
// as in "# lib/tap_stack.py" or "# File: tap.py".
std::string file_name_from_first_line(std::string_view code);

// True for a path of test code, whose resources stay out of the model:
// anything under tests/ or test/, test_*.py, *_test.py and conftest.py.
bool is_test_file(std::string_view path);

}  // namespace respgrade
