#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace respgrade {

// Runs one respgrade command line (without the program name), writing results to `out` and
// diagnostics to `err`. Returns the exit status: 0, 1 for a result under the user's bar, and
// 2 for bad input or usage. `color_terminal` says that `out` is a terminal where colour is
// wanted.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            bool color_terminal = false);

}  // namespace respgrade
