#include "model/value.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

namespace respgrade {

namespace {

// Converts parsed JSON into values that all carry the span of the string they came from,
// since the lines inside a string literal are not tracked. Depth is bounded by the parser's
// own nesting limit on the string's length, which the size cap on input files bounds.
ValuePtr from_json(const nlohmann::json& json, Span span, int depth) {
  constexpr int kMaxDepth = 200;
  if (depth > kMaxDepth) return make_unknown(span, "JSON nested too deeply");
  switch (json.type()) {
    case nlohmann::json::value_t::null:
      return make_null(span);
    case nlohmann::json::value_t::boolean:
      return make_boolean(span, json.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return make_number(span, json.get<double>());
    case nlohmann::json::value_t::string:
      return make_string(span, json.get<std::string>());
    case nlohmann::json::value_t::array: {
      auto list = std::make_shared<Value>();
      list->kind = ValueKind::list;
      list->span = span;
      for (const auto& element : json)
        list->elements.push_back(from_json(element, span, depth + 1));
      return list;
    }
    case nlohmann::json::value_t::object: {
      auto object = std::make_shared<Value>();
      object->kind = ValueKind::object;
      object->span = span;
      for (const auto& [key, member] : json.items()) {
        object->fields.push_back(Field{key, from_json(member, span, depth + 1), span});
      }
      return object;
    }
    default:
      return make_unknown(span, "unsupported JSON value");
  }
}

}  // namespace

const Field* Value::find(std::string_view key) const {
  for (const Field& field : fields) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

ValuePtr Value::parse_json_text() const {
  if (json_tried_) return json_value_;
  json_tried_ = true;
  if (kind != ValueKind::string || partial) return nullptr;
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || (text[start] != '{' && text[start] != '[')) return nullptr;
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return nullptr;
  json_value_ = from_json(parsed, span, 0);
  return json_value_;
}

ValuePtr make_unknown(Span span, std::string reason) {
  auto value = std::make_shared<Value>();
  value->span = span;
  value->reason = std::move(reason);
  return value;
}

ValuePtr make_null(Span span) {
  auto value = std::make_shared<Value>();
  value->kind = ValueKind::null;
  value->span = span;
  return value;
}

ValuePtr make_boolean(Span span, bool boolean) {
  auto value = std::make_shared<Value>();
  value->kind = ValueKind::boolean;
  value->span = span;
  value->boolean = boolean;
  return value;
}

ValuePtr make_number(Span span, double number) {
  auto value = std::make_shared<Value>();
  value->kind = ValueKind::number;
  value->span = span;
  value->number = number;
  return value;
}

ValuePtr make_string(Span span, std::string text, bool partial) {
  auto value = std::make_shared<Value>();
  value->kind = ValueKind::string;
  value->span = span;
  value->text = std::move(text);
  value->partial = partial;
  return value;
}

ValuePtr make_output(Span span, std::string expression) {
  auto value = std::make_shared<Value>();
  value->kind = ValueKind::resource_output;
  value->span = span;
  value->text = std::move(expression);
  return value;
}

std::string describe(const Value& value) {
  switch (value.kind) {
    case ValueKind::unknown:
      return "unknown";
    case ValueKind::null:
      return "None";
    case ValueKind::boolean:
      return value.boolean ? "True" : "False";
    case ValueKind::number: {
      std::ostringstream text;
      if (std::floor(value.number) == value.number && std::fabs(value.number) < 1e15) {
        text << static_cast<long long>(value.number);
      } else {
        text << value.number;
      }
      return text.str();
    }
    case ValueKind::string:
      return value.partial ? "f\"" + value.text + "\"" : "\"" + value.text + "\"";
    case ValueKind::list:
      return "[" + std::to_string(value.elements.size()) + " items]";
    case ValueKind::object:
      return "{" + std::to_string(value.fields.size()) + " fields}";
    case ValueKind::resource_output:
      return value.text;
  }
  return "unknown";
}

}  // namespace respgrade
