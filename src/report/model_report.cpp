#include "report/model_report.h"

#include <ostream>

#include "report/json_text.h"
#include "report/scan_report.h"

namespace respgrade {

nlohmann::ordered_json value_to_json(const Value& value) {
  switch (value.kind) {
    case ValueKind::unknown:
      return {{"unknown", value.reason}};
    case ValueKind::null:
      return nullptr;
    case ValueKind::boolean:
      return value.boolean;
    case ValueKind::number: {
      // Whole numbers print without a fraction. The range test comes first because converting
      // a double outside long long's range is undefined, and `1e999` reads as infinity.
      const bool fits = value.number >= -0x1p63 && value.number < 0x1p63;
      if (fits && value.number == static_cast<double>(static_cast<long long>(value.number))) {
        return static_cast<long long>(value.number);
      }
      return value.number;
    }
    case ValueKind::string:
      if (value.partial) return {{"partial_string", value.text}};
      return value.text;
    case ValueKind::resource_output:
      return {{"output", value.text}};
    case ValueKind::list: {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const ValuePtr& element : value.elements) list.push_back(value_to_json(*element));
      return list;
    }
    case ValueKind::object: {
      nlohmann::ordered_json object = nlohmann::ordered_json::object();
      for (const Field& field : value.fields) object[field.key] = value_to_json(*field.value);
      return object;
    }
  }
  return nullptr;
}

nlohmann::ordered_json model_to_json(const std::string& path, const ResourceModel& model) {
  nlohmann::ordered_json resources = nlohmann::ordered_json::array();
  for (const Resource& resource : model.resources) {
    nlohmann::ordered_json arguments = nlohmann::ordered_json::object();
    for (const Field& field : resource.arguments())
      arguments[field.key] = value_to_json(*field.value);
    nlohmann::ordered_json entry = {{"type", resource.type},
                                    {"name", resource.name},
                                    {"lines", {resource.span.first, resource.span.last}},
                                    {"many", resource.many},
                                    {"arguments", std::move(arguments)}};
    if (!resource.hidden_arguments().empty())
      entry["hidden_arguments"] = resource.hidden_arguments();
    resources.push_back(std::move(entry));
  }
  return {{"file", path},
          {"resources", std::move(resources)},
          {"syntax_error_lines", model.syntax_error_lines}};
}

void print_model_text(const std::string& path, const ResourceModel& model, std::ostream& out) {
  out << path << ": " << model.resources.size()
      << (model.resources.size() == 1 ? " resource\n" : " resources\n");
  for (const Resource& resource : model.resources) {
    out << "  " << span_text(resource.span) << "  " << resource.type;
    if (!resource.name.empty()) out << "  " << resource.name;
    if (resource.many) out << "  (in a loop)";
    out << '\n';
    for (const Field& field : resource.arguments()) {
      out << "    " << span_text(field.span) << "  " << field.key << " = "
          << json_text(value_to_json(*field.value)) << '\n';
    }
    if (!resource.hidden_arguments().empty()) {
      out << "    (more arguments may be hidden: " << resource.hidden_arguments() << ")\n";
    }
  }
}

}  // namespace respgrade
