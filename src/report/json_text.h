#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace respgrade {

// Serialises JSON for output, on one line unless `indent` is given. Inputs are checked to be
// UTF-8, but a path on Linux may hold any bytes. nlohmann/json throws on those by default, so
// here they become U+FFFD instead.
template <class Json>
std::string json_text(const Json& json, int indent = -1) {
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace respgrade
