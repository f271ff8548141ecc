#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>

#include "curation/check.h"

namespace respgrade {

// A task check as JSON, documented in the README.
nlohmann::ordered_json check_to_json(const TaskCheck& check);

// A task check as a readable report: the verdict, the ideal's own flaws, each documented flaw
// with its status, and the undocumented flaws.
void print_check_text(const TaskCheck& check, std::ostream& out, bool color);

}  // namespace respgrade
