#pragma once

#include <string>
#include <vector>

#include "common/span.h"
#include "model/resource_model.h"
#include "rules/catalog.h"

namespace respgrade {

// Lines that decided a condition: the resource involved, the top-level argument read, and
// the value itself. Rules pick one of the three as their evidence.
struct Deciding {
  Span resource;
  Span argument;
  Span value;
};

struct Outcome {
  Truth truth = Truth::no;
  std::vector<Deciding> deciding;
  std::vector<std::string> unknown_reasons;
  // The deciding values are elements picked by `any` or `all`, such as one policy statement;
  // an enclosing `any` keeps them rather than widening them to its own element.
  bool picked_elements = false;
};

// What a condition is evaluated against: a resource's arguments, or a value reached through
// an `any` or `all` (then `argument` is the top-level argument it came from).
struct ConditionRoot {
  const Resource* resource = nullptr;
  ValuePtr value;
  Span argument;
};

// Evaluates conditions in three-valued logic over a response's resource model.
class ConditionEvaluator {
 public:
  explicit ConditionEvaluator(const ResourceModel& model) : model_(model) {}

  Outcome evaluate(const Condition& condition, const ConditionRoot& root) const;

 private:
  Outcome evaluate_attribute(const Condition& condition, const ConditionRoot& root) const;
  Outcome evaluate_resources(const Condition& condition, const ConditionRoot& root) const;
  Outcome evaluate_elements(const Condition& condition, const ConditionRoot& root,
                            const Value& value, Span argument) const;

  const ResourceModel& model_;
};

}  // namespace respgrade
