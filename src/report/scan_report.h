#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "rules/scan.h"

namespace respgrade {

// "276-286", or "362" for a single line.
std::string span_text(Span span);

// Evidence spans as JSON: a list of [first, last] pairs.
nlohmann::ordered_json spans_to_json(const std::vector<Span>& spans);

// One response's findings as JSON, in catalog order.
nlohmann::ordered_json scan_to_json(const ScannedResponse& scanned);

// One response's findings as compiler-style lines: `file:lines: status: severity: title [id]`.
void print_scan_text(const ScannedResponse& scanned, std::ostream& out);

}  // namespace respgrade
