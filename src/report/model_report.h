#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>

#include "model/resource_model.h"

namespace respgrade {

// A value as JSON: literals as themselves, objects and lists nested, unknown values and
// resource outputs as {"unknown": reason} and {"output": expression}.
nlohmann::ordered_json value_to_json(const Value& value);

// The resource model of one response as JSON.
nlohmann::ordered_json model_to_json(const std::string& path, const ResourceModel& model);

// The resource model as text: one line per resource, then one per argument.
void print_model_text(const std::string& path, const ResourceModel& model, std::ostream& out);

}  // namespace respgrade
