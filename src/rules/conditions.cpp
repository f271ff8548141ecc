#include "rules/conditions.h"

#include <limits>

namespace respgrade {

namespace {

// Where a path leads: nowhere (absent), to a value, or to a place the grader cannot see.
struct Located {
  enum class State { absent, present, unknown } state = State::absent;
  ValuePtr value;
  Span argument;
  std::string reason;
};

Located unknown_at(std::string reason, Span argument) {
  return Located{Located::State::unknown, nullptr, argument, std::move(reason)};
}

// Steps from a value to its member `key`, reading JSON strings as documents and a list of one
// as its only element.
Located step(const ValuePtr& value, const std::string& key, Span argument) {
  switch (value->kind) {
    case ValueKind::null:
    case ValueKind::boolean:
    case ValueKind::number:
      return Located{Located::State::absent, nullptr, argument, {}};
    case ValueKind::unknown:
      return unknown_at(value->reason, argument);
    case ValueKind::resource_output:
      return unknown_at("`" + value->text + "` is a resource output whose fields are not known",
                        argument);
    case ValueKind::string: {
      if (ValuePtr document = value->parse_json_text()) return step(document, key, argument);
      if (value->partial) {
        return unknown_at("the string on line " + std::to_string(value->span.first) +
                              " has interpolated parts, so its `" + key + "` is not known",
                          argument);
      }
      return Located{Located::State::absent, nullptr, argument, {}};
    }
    case ValueKind::list:
      if (value->elements.size() == 1 && !value->partial) {
        return step(value->elements.front(), key, argument);
      }
      return unknown_at(
          "the list on line " + std::to_string(value->span.first) + " has no single `" + key + "`",
          argument);
    case ValueKind::object:
      if (const Field* field = value->find(key)) {
        if (field->value->kind == ValueKind::null) return Located{};
        return Located{Located::State::present, field->value, argument, {}};
      }
      if (value->partial) {
        return unknown_at("the object on line " + std::to_string(value->span.first) +
                              " may hold `" + key + "` through a `**` spread",
                          argument);
      }
      return Located{Located::State::absent, nullptr, argument, {}};
  }
  return Located{};
}

Located locate(const ConditionRoot& root, const std::vector<std::string>& path) {
  std::size_t next = 0;
  Located located;
  if (root.value) {
    located = Located{Located::State::present, root.value, root.argument, {}};
  } else if (root.resource != nullptr && !path.empty()) {
    const Resource& resource = *root.resource;
    const Field* field = resource.argument(path.front());
    next = 1;
    if (field == nullptr) {
      if (!resource.hidden_arguments().empty()) {
        return unknown_at("`" + path.front() + "` may be passed where the grader cannot see: " +
                              resource.hidden_arguments(),
                          resource.span);
      }
      return Located{};
    }
    if (field->value->kind == ValueKind::null) return Located{};
    located = Located{Located::State::present, field->value, field->span, {}};
  } else {
    return unknown_at("the condition reads an attribute outside any resource", {});
  }
  for (; next < path.size() && located.state == Located::State::present; ++next) {
    located = step(located.value, path[next], located.argument);
  }
  if (located.state == Located::State::present && located.value->kind == ValueKind::null) {
    return Located{};
  }
  return located;
}

// The boolean a value stands for: True/False, or the strings "true"/"false".
std::optional<bool> as_boolean(const Value& value) {
  if (value.kind == ValueKind::boolean) return value.boolean;
  if (value.kind == ValueKind::string && !value.partial) {
    if (value.text == "true" || value.text == "True") return true;
    if (value.text == "false" || value.text == "False") return false;
  }
  return std::nullopt;
}

Truth equals(const Value& value, const nlohmann::json& operand) {
  if (value.kind == ValueKind::unknown) return Truth::unknown;
  if (operand.is_boolean()) {
    if (auto boolean = as_boolean(value))
      return *boolean == operand.get<bool>() ? Truth::yes : Truth::no;
    return value.kind == ValueKind::string && value.partial ? Truth::unknown : Truth::no;
  }
  if (operand.is_number()) {
    return value.kind == ValueKind::number && value.number == operand.get<double>() ? Truth::yes
                                                                                    : Truth::no;
  }
  if (operand.is_string()) {
    if (value.kind == ValueKind::boolean) {
      const std::string text = operand.get<std::string>();
      if (text == "true" || text == "false")
        return value.boolean == (text == "true") ? Truth::yes : Truth::no;
      return Truth::no;
    }
    if (value.kind != ValueKind::string) return Truth::no;
    if (value.partial) return Truth::unknown;
    return value.text == operand.get<std::string>() ? Truth::yes : Truth::no;
  }
  if (operand.is_null()) return value.kind == ValueKind::null ? Truth::yes : Truth::no;
  return Truth::no;
}

Truth negate(Truth truth) {
  if (truth == Truth::yes) return Truth::no;
  if (truth == Truth::no) return Truth::yes;
  return Truth::unknown;
}

Truth default_if_absent(Operator op) {
  switch (op) {
    case Operator::absent:
    case Operator::not_equals:
    case Operator::not_one_of:
    case Operator::all:
    case Operator::all_value:
      return Truth::yes;
    default:
      return Truth::no;
  }
}

// Elements an `any` or `all` ranges over: a list's elements, a JSON string's document, or a
// single value as a list of one.
std::vector<ValuePtr> elements_of(const ValuePtr& value, bool& partial) {
  partial = value->partial && value->kind == ValueKind::list;
  if (value->kind == ValueKind::list) return value->elements;
  if (value->kind == ValueKind::string) {
    if (ValuePtr document = value->parse_json_text()) return elements_of(document, partial);
  }
  return {value};
}

void merge(Outcome& into, const Outcome& from) {
  into.deciding.insert(into.deciding.end(), from.deciding.begin(), from.deciding.end());
  into.unknown_reasons.insert(into.unknown_reasons.end(), from.unknown_reasons.begin(),
                              from.unknown_reasons.end());
}

}  // namespace

Outcome ConditionEvaluator::evaluate(const Condition& condition, const ConditionRoot& root) const {
  switch (condition.kind) {
    case Condition::Kind::use:
      return evaluate(*condition.target, root);
    case Condition::Kind::negation: {
      Outcome outcome = evaluate(condition.children.front(), root);
      outcome.truth = negate(outcome.truth);
      return outcome;
    }
    case Condition::Kind::all_of:
    case Condition::Kind::any_of: {
      // any_of is decided by a yes, all_of by a no; otherwise unknown wins over the rest.
      const Truth decisive = condition.kind == Condition::Kind::any_of ? Truth::yes : Truth::no;
      Outcome decided{decisive, {}, {}}, undecided{Truth::unknown, {}, {}},
          rest{negate(decisive), {}, {}};
      bool any_decisive = false, any_unknown = false;
      for (const Condition& child : condition.children) {
        const Outcome outcome = evaluate(child, root);
        if (outcome.truth == decisive) {
          any_decisive = true;
          merge(decided, outcome);
        } else if (outcome.truth == Truth::unknown) {
          any_unknown = true;
          merge(undecided, outcome);
        } else {
          merge(rest, outcome);
        }
      }
      if (any_decisive) return decided;
      if (any_unknown) return undecided;
      return rest;
    }
    case Condition::Kind::resources:
      return evaluate_resources(condition, root);
    case Condition::Kind::attribute:
      return evaluate_attribute(condition, root);
  }
  return Outcome{};
}

Outcome ConditionEvaluator::evaluate_attribute(const Condition& condition,
                                               const ConditionRoot& root) const {
  const Located located = locate(root, condition.path);
  const Span resource_span = root.resource != nullptr ? root.resource->span : Span{};
  if (located.state == Located::State::unknown) {
    return Outcome{Truth::unknown, {}, {located.reason}};
  }
  if (located.state == Located::State::absent) {
    return Outcome{condition.if_absent.value_or(default_if_absent(condition.op)), {}, {}};
  }

  const Value& value = *located.value;
  Outcome outcome;
  outcome.deciding.push_back(Deciding{resource_span, located.argument, value.span});
  const auto unknown_value = [&]() {
    outcome.truth = Truth::unknown;
    outcome.unknown_reasons.push_back(value.reason);
    return outcome;
  };

  switch (condition.op) {
    case Operator::present:
      outcome.truth = Truth::yes;
      return outcome;
    case Operator::absent:
      outcome.truth = Truth::no;
      return outcome;
    case Operator::equals:
    case Operator::not_equals: {
      if (value.kind == ValueKind::unknown) return unknown_value();
      const Truth truth = equals(value, condition.operand);
      outcome.truth = condition.op == Operator::equals ? truth : negate(truth);
      if (truth == Truth::unknown)
        outcome.unknown_reasons.push_back("`" + describe(value) + "` on line " +
                                          std::to_string(value.span.first) +
                                          " has interpolated parts");
      return outcome;
    }
    case Operator::one_of:
    case Operator::not_one_of: {
      if (value.kind == ValueKind::unknown) return unknown_value();
      Truth truth = Truth::no;
      for (const nlohmann::json& option : condition.operand) {
        const Truth match = equals(value, option);
        if (match == Truth::yes) {
          truth = Truth::yes;
          break;
        }
        if (match == Truth::unknown) truth = Truth::unknown;
      }
      outcome.truth = condition.op == Operator::one_of ? truth : negate(truth);
      return outcome;
    }
    case Operator::less_than:
    case Operator::greater_than: {
      if (value.kind == ValueKind::unknown) return unknown_value();
      if (value.kind != ValueKind::number) {
        outcome.truth = Truth::no;
        return outcome;
      }
      const double limit = condition.operand.get<double>();
      const bool result =
          condition.op == Operator::less_than ? value.number < limit : value.number > limit;
      outcome.truth = result ? Truth::yes : Truth::no;
      return outcome;
    }
    case Operator::contains: {
      if (value.kind == ValueKind::unknown) return unknown_value();
      if (value.kind == ValueKind::string && condition.operand.is_string()) {
        const bool found =
            value.text.find(condition.operand.get<std::string>()) != std::string::npos;
        outcome.truth = found ? Truth::yes : value.partial ? Truth::unknown : Truth::no;
        return outcome;
      }
      if (value.kind != ValueKind::list) {
        outcome.truth = Truth::no;
        return outcome;
      }
      outcome.truth = value.partial ? Truth::unknown : Truth::no;
      outcome.deciding.clear();
      for (const ValuePtr& element : value.elements) {
        const Truth match = equals(*element, condition.operand);
        if (match == Truth::yes) {
          outcome.truth = Truth::yes;
          outcome.deciding.push_back(Deciding{resource_span, located.argument, element->span});
        } else if (match == Truth::unknown && outcome.truth != Truth::yes) {
          outcome.truth = Truth::unknown;
          if (element->kind == ValueKind::unknown)
            outcome.unknown_reasons.push_back(element->reason);
        }
      }
      if (outcome.truth == Truth::unknown && value.partial) {
        outcome.unknown_reasons.push_back("the list on line " + std::to_string(value.span.first) +
                                          " has an unresolved `*` spread");
      }
      if (outcome.deciding.empty())
        outcome.deciding.push_back(Deciding{resource_span, located.argument, value.span});
      return outcome;
    }
    case Operator::any:
    case Operator::all:
    case Operator::any_value:
    case Operator::all_value:
      if (value.kind == ValueKind::unknown) return unknown_value();
      return evaluate_elements(condition, ConditionRoot{root.resource, nullptr, {}}, value,
                               located.argument);
    case Operator::none:
    case Operator::exist:
    case Operator::count_at_most:
      break;
  }
  return outcome;
}

Outcome ConditionEvaluator::evaluate_elements(const Condition& condition, const ConditionRoot& root,
                                              const Value& value, Span argument) const {
  const bool over_members =
      condition.op == Operator::any_value || condition.op == Operator::all_value;
  const bool any = condition.op == Operator::any || condition.op == Operator::any_value;
  bool partial = false;
  std::vector<ValuePtr> elements;
  if (over_members) {
    const Value* object = &value;
    ValuePtr document = value.kind == ValueKind::string ? value.parse_json_text() : nullptr;
    if (document) object = document.get();
    if (object->kind == ValueKind::object) {
      for (const Field& field : object->fields) elements.push_back(field.value);
      partial = object->partial;
    }
  } else {
    // elements_of needs a shared pointer; the value is owned by its parent, so alias it.
    elements =
        elements_of(std::shared_ptr<const Value>(std::shared_ptr<const Value>(), &value), partial);
  }

  const Span resource_span = root.resource != nullptr ? root.resource->span : Span{};
  const Truth decisive = any ? Truth::yes : Truth::no;
  Outcome decided{decisive, {}, {}}, undecided{Truth::unknown, {}, {}};
  bool any_decisive = false, any_unknown = partial;
  if (partial) {
    undecided.unknown_reasons.push_back("the value on line " + std::to_string(value.span.first) +
                                        " may hold more elements through a spread");
  }
  for (const ValuePtr& element : elements) {
    const Outcome outcome =
        evaluate(*condition.where, ConditionRoot{root.resource, element, argument});
    if (outcome.truth == decisive) {
      any_decisive = true;
      if (outcome.picked_elements) {
        for (Deciding deciding : outcome.deciding) {
          deciding.argument = argument;
          decided.deciding.push_back(deciding);
        }
      } else {
        decided.deciding.push_back(Deciding{resource_span, argument, element->span});
      }
    } else if (outcome.truth == Truth::unknown) {
      any_unknown = true;
      merge(undecided, outcome);
    }
  }
  decided.picked_elements = true;
  if (any_decisive) return decided;
  if (any_unknown) return undecided;
  return Outcome{negate(decisive), {Deciding{resource_span, argument, value.span}}, {}};
}

Outcome ConditionEvaluator::evaluate_resources(const Condition& condition,
                                               const ConditionRoot&) const {
  constexpr long kMany = std::numeric_limits<int>::max();
  Outcome matched{Truth::yes, {}, {}}, undecided{Truth::unknown, {}, {}};
  long count = 0;
  bool any_unknown = false;
  for (const Resource& resource : model_.resources) {
    bool wanted = false;
    for (const std::string& pattern : condition.resource_types) {
      wanted = wanted || matches_type(pattern, resource.type);
    }
    if (!wanted) continue;
    Outcome outcome{Truth::yes, {}, {}};
    if (condition.where)
      outcome = evaluate(*condition.where, ConditionRoot{&resource, nullptr, {}});
    if (outcome.truth == Truth::unknown) {
      any_unknown = true;
      merge(undecided, outcome);
      continue;
    }
    if (outcome.truth == Truth::no) continue;
    count = resource.many ? kMany : std::min(kMany, count + 1);
    // The resource is the evidence; a `where` adds the lines that made it match.
    if (outcome.deciding.empty()) {
      matched.deciding.push_back(Deciding{resource.span, resource.span, resource.span});
    }
    for (Deciding deciding : outcome.deciding) {
      deciding.resource = resource.span;
      matched.deciding.push_back(deciding);
    }
  }

  const bool found = !matched.deciding.empty();
  switch (condition.op) {
    case Operator::exist:
    case Operator::none: {
      Truth exists = found ? Truth::yes : any_unknown ? Truth::unknown : Truth::no;
      if (exists == Truth::unknown) {
        undecided.truth = Truth::unknown;
        return undecided;
      }
      matched.truth = condition.op == Operator::exist ? exists : negate(exists);
      return matched;
    }
    case Operator::count_at_most: {
      const double limit = condition.operand.get<double>();
      if (static_cast<double>(count) > limit) {
        matched.truth = Truth::no;
        return matched;
      }
      if (any_unknown) return undecided;
      matched.truth = Truth::yes;
      return matched;
    }
    default:
      return matched;
  }
}

}  // namespace respgrade
