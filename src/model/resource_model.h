#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/span.h"
#include "model/value.h"
#include "python/response.h"

namespace respgrade {

// One call that declares a pulumi_aws resource.
struct Resource {
  std::string type;   // canonical class name, such as aws.kinesis.Stream
  std::string name;   // the variable it is bound to, or its Pulumi name, for reports
  Span span;          // the whole call
  bool many = false;  // written inside a loop or comprehension, so it may declare several
  std::vector<Field> arguments;  // keyword arguments, and the fields of a positional Args object
  // Set when a `**kwargs` or a positional Args object could not be resolved: an argument the
  // rules look for may then be there without the grader seeing it.
  std::string hidden_arguments;

  const Field* argument(std::string_view name) const;
};

// The resources a response declares, across all its Python blocks except test files.
struct ResourceModel {
  std::vector<Resource> resources;
  // Markdown lines of syntax errors in the blocks the model was built from: findings near
  // them may be incomplete.
  std::vector<int> syntax_error_lines;
};

ResourceModel build_model(const Response& response);

}  // namespace respgrade
