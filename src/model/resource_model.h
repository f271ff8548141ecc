#pragma once

#include <tree_sitter/api.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/span.h"
#include "model/value.h"
#include "python/response.h"

namespace respgrade {

class BlockIndex;
struct ModelSource;

// One call that declares a pulumi_aws resource.
//
// Its arguments are resolved when first read, not when the model is built. Most resources in a
// response are of types no rule reads, and most arguments are ones no rule reads. Resolving all
// of them took about a third of the time `batch` spends beyond parsing. Resolving reads the
// response's syntax trees, so a resource must not outlive the Response its model was built from.
struct Resource {
  std::string type;   // canonical class name, such as aws.kinesis.Stream
  std::string name;   // the variable it is bound to, or its Pulumi name, for reports
  Span span;          // the whole call
  bool many = false;  // written inside a loop or comprehension, so it may declare several

  // Keyword arguments, and the fields of a positional Args object, every value resolved.
  const std::vector<Field>& arguments() const;
  // Set when a `**kwargs` or a positional Args object could not be resolved: an argument the
  // rules look for may then be there without the grader seeing it.
  const std::string& hidden_arguments() const;
  // The first argument called `name`, with only its own value resolved, or nullptr.
  const Field* argument(std::string_view name) const;

 private:
  friend class ResourceCollector;
  // The arguments in source order. Laying them out evaluates spreads and the Args object, because
  // their keys come from their values. A keyword argument's value waits until it is read.
  struct Arguments {
    std::vector<Field> fields;    // a keyword argument's value is null until resolved
    std::vector<TSNode> pending;  // for each field, the expression still to evaluate, or null
    std::string hidden;
    bool all_resolved = false;
  };
  Arguments& laid_out() const;  // the caller holds the source's lock
  void resolve(Arguments& arguments, std::size_t index) const;

  ModelSource* source_ = nullptr;
  const BlockIndex* block_ = nullptr;
  TSNode call_{};
  mutable std::optional<Arguments> arguments_;  // changed only under the source's lock
};

// The resources a response declares, across all its Python blocks except test files.
struct ResourceModel {
  std::vector<Resource> resources;
  // Markdown lines of syntax errors in the blocks the model was built from: findings near
  // them may be incomplete.
  std::vector<int> syntax_error_lines;
  // The block indexes and the evaluator that the resources resolve their arguments with.
  std::shared_ptr<ModelSource> source;
};

// Builds the model of a response, which must outlive it (see Resource).
ResourceModel build_model(const Response& response);

}  // namespace respgrade
