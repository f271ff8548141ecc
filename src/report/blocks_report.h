#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>

#include "python/response.h"

namespace respgrade {

// The blocks of one response as JSON: one object per code block, in document order.
nlohmann::ordered_json blocks_to_json(const Response& response);

// The blocks of one response as readable text, one line per block.
void print_blocks_text(const Response& response, std::ostream& out);

}  // namespace respgrade
