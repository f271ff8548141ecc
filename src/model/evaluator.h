#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/block_index.h"
#include "model/names.h"
#include "model/value.h"

namespace respgrade {

// Resolves Python expressions to values as far as a reader could without running them:
// literals, Args objects and dicts, lists, names bound once, f-strings, json.dumps, the body
// of `.apply(lambda ...)`, and attributes of declared resources. Anything else is unknown,
// with a reason naming the expression and its line.
//
// Values can grow far beyond the code that spells them out: `s1 = s0 + s0`, `s2 = s1 + s1` and
// so on double with every line, and `[a, a]` repeats a whole value. So one value may take at
// most `growth_limit_` bytes written out, and the copies that `+` and spreads make for one
// response may take as much together. Past either limit a value is unknown.
class Evaluator {
 public:
  Evaluator(const std::vector<BlockIndex>& blocks, const ImportMap& fallback_imports);

  ValuePtr evaluate(TSNode node, const BlockIndex& block, int depth = 0);

  // The canonical pulumi_aws class a call constructs (aws.kinesis.Stream), or an empty string.
  std::string resource_type(TSNode call, const BlockIndex& block) const;

  // Canonical pulumi_aws name of the callee, resource or not (for Args classes too).
  std::string callee_aws_name(TSNode call, const BlockIndex& block) const;

  // The qualified import path of a dotted expression (json.dumps), or an empty string.
  std::string qualified_path(TSNode node, const BlockIndex& block) const;

 private:
  ValuePtr evaluate_string(TSNode node, const BlockIndex& block);
  ValuePtr evaluate_number(TSNode node, const BlockIndex& block);
  ValuePtr evaluate_sequence(TSNode node, const BlockIndex& block, int depth);
  ValuePtr evaluate_dictionary(TSNode node, const BlockIndex& block, int depth);
  ValuePtr evaluate_binary(TSNode node, const BlockIndex& block, int depth);
  ValuePtr evaluate_call(TSNode node, const BlockIndex& block, int depth);
  ValuePtr evaluate_name(TSNode node, const BlockIndex& block, int depth);
  ValuePtr evaluate_attribute(TSNode node, const BlockIndex& block, int depth);
  ValuePtr evaluate_subscript(TSNode node, const BlockIndex& block, int depth);
  ValuePtr evaluate_binding(const Binding& binding, std::string_view name, TSNode at,
                            const BlockIndex& block, int depth);
  ValuePtr object_from_arguments(TSNode arguments, TSNode call, const BlockIndex& block, int depth);

  ValuePtr unknown(TSNode node, const BlockIndex& block, const std::string& why) const;
  // Sets the written size of a list or object built from `node` and returns the value, or an
  // unknown value when it is over the growth limit.
  ValuePtr within_limit(std::shared_ptr<Value> value, TSNode node, const BlockIndex& block) const;
  // Charges `bytes` of copying to the response. Returns false, charging nothing, when that
  // would pass the growth limit.
  bool charge_copy(std::size_t bytes);
  ValuePtr too_large(TSNode node, const BlockIndex& block) const;

  const ImportMap& fallback_;
  std::size_t growth_limit_ = 0;  // in bytes, as the class comment describes
  std::size_t copied_ = 0;        // bytes copied so far by `+` and spreads
  std::unordered_map<const Binding*, ValuePtr> resolved_;
  std::unordered_set<const Binding*> resolving_;
};

}  // namespace respgrade
