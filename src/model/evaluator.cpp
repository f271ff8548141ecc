#include "model/evaluator.h"

#include <limits>

#include "model/literals.h"
#include "python/syntax.h"

namespace respgrade {

namespace {

// Deeper expressions are left unknown: real answers nest a few levels, and the bound keeps
// recursion safe on hostile input.
constexpr int kMaxDepth = 64;

// Bytes a value may take written out beyond the size of the response's Python source. The
// copies that `+` and spreads make for one response share the same allowance.
constexpr std::size_t kGrowthAllowance = 16u << 20;

constexpr std::string_view kAdministratorAccessArn = "arn:aws:iam::aws:policy/AdministratorAccess";

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The expression's text on one line, cut after about 60 bytes. The cut never splits a UTF-8
// sequence, because reasons go into JSON reports, which must be valid UTF-8.
std::string snippet(std::string_view text) {
  constexpr std::size_t kMaxLength = 60;
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    const bool inside_sequence = i + 1 < text.size() && is_continuation_byte(text[i + 1]);
    if (out.size() >= kMaxLength && !inside_sequence) {
      out += "...";
      break;
    }
  }
  return out;
}

std::shared_ptr<Value> new_value(ValueKind kind, Span span) {
  auto value = std::make_shared<Value>();
  value->kind = kind;
  value->span = span;
  return value;
}

std::size_t saturating_add(std::size_t a, std::size_t b) {
  return a > std::numeric_limits<std::size_t>::max() - b ? std::numeric_limits<std::size_t>::max()
                                                         : a + b;
}

// Bytes a value takes written out: its text, or its parts with a little punctuation each.
std::size_t written_size(const Value& value) {
  switch (value.kind) {
    case ValueKind::string:
    case ValueKind::resource_output:
      return value.text.size() + 2;
    case ValueKind::unknown:
      return value.reason.size() + 2;
    case ValueKind::list:
    case ValueKind::object:
      return value.written_size;
    case ValueKind::null:
    case ValueKind::boolean:
    case ValueKind::number:
      break;
  }
  return 8;
}

}  // namespace

Evaluator::Evaluator(const std::vector<BlockIndex>& blocks, const ImportMap& fallback_imports)
    : fallback_(fallback_imports), growth_limit_(kGrowthAllowance) {
  for (const BlockIndex& block : blocks) {
    growth_limit_ = saturating_add(growth_limit_, block.tree().source().size());
  }
}

ValuePtr Evaluator::too_large(TSNode node, const BlockIndex& block) const {
  return unknown(node, block,
                 "builds a value too large to follow (over " + std::to_string(growth_limit_) +
                     " bytes written out)");
}

ValuePtr Evaluator::within_limit(std::shared_ptr<Value> value, TSNode node,
                                 const BlockIndex& block) const {
  std::size_t size = 2;
  for (const ValuePtr& element : value->elements) {
    size = saturating_add(size, saturating_add(written_size(*element), 1));
  }
  for (const Field& field : value->fields) {
    size = saturating_add(size, saturating_add(field.key.size() + 4, written_size(*field.value)));
  }
  if (size > growth_limit_) return too_large(node, block);
  value->written_size = size;
  return value;
}

bool Evaluator::charge_copy(std::size_t bytes) {
  if (bytes > growth_limit_ - copied_) return false;
  copied_ += bytes;
  return true;
}

ValuePtr Evaluator::unknown(TSNode node, const BlockIndex& block, const std::string& why) const {
  const Span span = block.span(node);
  return make_unknown(span, "`" + snippet(block.text(node)) + "` on line " +
                                std::to_string(span.first) + " " + why);
}

std::string Evaluator::qualified_path(TSNode node, const BlockIndex& block) const {
  const std::string path = dotted_path(node, block);
  return path.empty() ? std::string() : qualify(path, block, fallback_);
}

std::string Evaluator::callee_aws_name(TSNode call, const BlockIndex& block) const {
  return canonical_aws_name(qualified_path(syntax::field(call, syntax::fields().function), block));
}

std::string Evaluator::resource_type(TSNode call, const BlockIndex& block) const {
  std::string name = callee_aws_name(call, block);
  return is_resource_class(name) ? name : std::string();
}

ValuePtr Evaluator::evaluate(TSNode node, const BlockIndex& block, int depth) {
  if (ts_node_is_null(node)) return make_unknown({}, "missing expression");
  if (depth > kMaxDepth) return unknown(node, block, "is nested too deeply to follow");

  const std::string_view kind = syntax::type(node);
  const Span span = block.span(node);
  if (kind == "string") return evaluate_string(node, block);
  if (kind == "concatenated_string") {
    std::string text;
    bool partial = false;
    const uint32_t count = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
      const StringLiteral part = decode_string(ts_node_named_child(node, i), block);
      text += part.text;
      partial = partial || part.partial;
    }
    return make_string(span, std::move(text), partial);
  }
  if (kind == "integer" || kind == "float") return evaluate_number(node, block);
  if (kind == "true" || kind == "false") return make_boolean(span, kind == "true");
  if (kind == "none") return make_null(span);
  if (kind == "parenthesized_expression") {
    return evaluate(ts_node_named_child(node, 0), block, depth + 1);
  }
  if (kind == "unary_operator") {
    const auto& ids = syntax::fields();
    ValuePtr operand = evaluate(syntax::field(node, ids.argument), block, depth + 1);
    const std::string_view op = block.text(syntax::field(node, ids.operator_));
    if (operand->kind == ValueKind::number && (op == "-" || op == "+")) {
      return make_number(span, op == "-" ? -operand->number : operand->number);
    }
    return unknown(node, block, "is an operation on a value that is not a known number");
  }
  if (kind == "list" || kind == "tuple" || kind == "set" || kind == "expression_list") {
    return evaluate_sequence(node, block, depth);
  }
  if (kind == "dictionary") return evaluate_dictionary(node, block, depth);
  if (kind == "binary_operator") return evaluate_binary(node, block, depth);
  if (kind == "call") return evaluate_call(node, block, depth);
  if (kind == "identifier") return evaluate_name(node, block, depth);
  if (kind == "attribute") return evaluate_attribute(node, block, depth);
  if (kind == "subscript") return evaluate_subscript(node, block, depth);
  if (kind == "conditional_expression") {
    return unknown(node, block, "is chosen by a condition at run time");
  }
  if (kind == "lambda") return unknown(node, block, "is a function, not a value");
  return unknown(node, block, "is not a value the grader can follow");
}

ValuePtr Evaluator::evaluate_string(TSNode node, const BlockIndex& block) {
  StringLiteral literal = decode_string(node, block);
  return make_string(block.span(node), std::move(literal.text), literal.partial);
}

ValuePtr Evaluator::evaluate_number(TSNode node, const BlockIndex& block) {
  if (auto number = parse_number(block.text(node))) return make_number(block.span(node), *number);
  return unknown(node, block, "is not a number the grader can read");
}

ValuePtr Evaluator::evaluate_sequence(TSNode node, const BlockIndex& block, int depth) {
  auto list = new_value(ValueKind::list, block.span(node));
  const uint32_t count = ts_node_named_child_count(node);
  for (uint32_t i = 0; i < count; ++i) {
    const TSNode element = ts_node_named_child(node, i);
    if (syntax::is(element, "comment")) continue;
    if (syntax::is(element, "list_splat")) {
      ValuePtr spread = evaluate(ts_node_named_child(element, 0), block, depth + 1);
      if (spread->kind == ValueKind::list) {
        if (!charge_copy(spread->elements.size() * sizeof(ValuePtr))) return too_large(node, block);
        list->elements.insert(list->elements.end(), spread->elements.begin(),
                              spread->elements.end());
        list->partial = list->partial || spread->partial;
      } else {
        list->partial = true;
      }
      continue;
    }
    list->elements.push_back(evaluate(element, block, depth + 1));
  }
  return within_limit(std::move(list), node, block);
}

ValuePtr Evaluator::evaluate_dictionary(TSNode node, const BlockIndex& block, int depth) {
  const auto& ids = syntax::fields();
  auto object = new_value(ValueKind::object, block.span(node));
  const uint32_t count = ts_node_named_child_count(node);
  for (uint32_t i = 0; i < count; ++i) {
    const TSNode member = ts_node_named_child(node, i);
    if (syntax::is(member, "dictionary_splat")) {
      ValuePtr spread = evaluate(ts_node_named_child(member, 0), block, depth + 1);
      if (spread->kind == ValueKind::object) {
        if (!charge_copy(spread->fields.size() * sizeof(Field))) return too_large(node, block);
        object->fields.insert(object->fields.end(), spread->fields.begin(), spread->fields.end());
        object->partial = object->partial || spread->partial;
      } else {
        object->partial = true;
      }
      continue;
    }
    if (!syntax::is(member, "pair")) continue;
    ValuePtr key = evaluate(syntax::field(member, ids.key), block, depth + 1);
    if (key->kind != ValueKind::string || key->partial) {
      object->partial = true;  // a computed key could be any field
      continue;
    }
    object->fields.push_back(Field{key->text,
                                   evaluate(syntax::field(member, ids.value), block, depth + 1),
                                   block.span(member)});
  }
  return within_limit(std::move(object), node, block);
}

ValuePtr Evaluator::evaluate_binary(TSNode node, const BlockIndex& block, int depth) {
  const auto& ids = syntax::fields();
  const std::string_view op = block.text(syntax::field(node, ids.operator_));
  ValuePtr left = evaluate(syntax::field(node, ids.left), block, depth + 1);
  ValuePtr right = evaluate(syntax::field(node, ids.right), block, depth + 1);
  const Span span = block.span(node);

  if (left->kind == ValueKind::number && right->kind == ValueKind::number) {
    if (op == "+") return make_number(span, left->number + right->number);
    if (op == "-") return make_number(span, left->number - right->number);
    if (op == "*") return make_number(span, left->number * right->number);
  }
  if (op == "+" && left->kind == ValueKind::list && right->kind == ValueKind::list) {
    if (!charge_copy((left->elements.size() + right->elements.size()) * sizeof(ValuePtr))) {
      return too_large(node, block);
    }
    auto list = new_value(ValueKind::list, span);
    list->elements = left->elements;
    list->elements.insert(list->elements.end(), right->elements.begin(), right->elements.end());
    list->partial = left->partial || right->partial;
    return within_limit(std::move(list), node, block);
  }
  // Adding text to anything gives text, known in the parts that are known.
  if (op == "+" && (left->kind == ValueKind::string || right->kind == ValueKind::string)) {
    const auto text_of = [](const Value& value) {
      return value.kind == ValueKind::string ? value.text : std::string("{...}");
    };
    const bool partial = left->kind != ValueKind::string || right->kind != ValueKind::string ||
                         left->partial || right->partial;
    if (!charge_copy(text_of(*left).size() + text_of(*right).size())) {
      return too_large(node, block);
    }
    return make_string(span, text_of(*left) + text_of(*right), partial);
  }
  return unknown(node, block, "is an operation whose result is not known");
}

ValuePtr Evaluator::object_from_arguments(TSNode arguments, TSNode call, const BlockIndex& block,
                                          int depth) {
  const auto& ids = syntax::fields();
  auto object = new_value(ValueKind::object, block.span(call));
  const uint32_t count = ts_node_named_child_count(arguments);
  for (uint32_t i = 0; i < count; ++i) {
    const TSNode argument = ts_node_named_child(arguments, i);
    if (syntax::is(argument, "keyword_argument")) {
      object->fields.push_back(Field{std::string(block.text(syntax::field(argument, ids.name))),
                                     evaluate(syntax::field(argument, ids.value), block, depth + 1),
                                     block.span(argument)});
    } else if (syntax::is(argument, "dictionary_splat")) {
      ValuePtr spread = evaluate(ts_node_named_child(argument, 0), block, depth + 1);
      if (spread->kind == ValueKind::object) {
        if (!charge_copy(spread->fields.size() * sizeof(Field))) return too_large(call, block);
        object->fields.insert(object->fields.end(), spread->fields.begin(), spread->fields.end());
      } else {
        object->partial = true;
      }
    }
  }
  return within_limit(std::move(object), call, block);
}

ValuePtr Evaluator::evaluate_call(TSNode node, const BlockIndex& block, int depth) {
  const auto& ids = syntax::fields();
  const TSNode function = syntax::field(node, ids.function);
  const TSNode arguments = syntax::field(node, ids.arguments);
  const auto first_argument = [&]() -> TSNode {
    if (!syntax::is(arguments, "argument_list")) return TSNode{};
    const uint32_t count = ts_node_named_child_count(arguments);
    for (uint32_t i = 0; i < count; ++i) {
      const TSNode argument = ts_node_named_child(arguments, i);
      if (!syntax::is(argument, "comment") && !syntax::is(argument, "keyword_argument")) {
        return argument;
      }
    }
    return TSNode{};
  };

  const std::string path = dotted_path(function, block);
  const std::string qualified = path.empty() ? "" : qualify(path, block, fallback_);
  const std::string aws_name = canonical_aws_name(qualified);
  if (!aws_name.empty()) {
    if (is_resource_class(aws_name)) return make_output(block.span(node), aws_name + " resource");
    if (aws_name.ends_with("Args") || aws_name.ends_with("ArgsDict")) {
      return object_from_arguments(arguments, node, block, depth);
    }
    return unknown(node, block, "is looked up when the program runs");
  }
  if (path == "dict" && qualified.empty())
    return object_from_arguments(arguments, node, block, depth);

  // Serialisers and wrappers that hand back the structure they are given.
  if (qualified == "json.dumps" || qualified == "pulumi.Output.json_dumps" ||
      qualified == "pulumi.Output.from_input" || qualified == "pulumi.Output.secret" ||
      path == "Output.json_dumps" || path == "pulumi.Output.json_dumps") {
    const TSNode inner = first_argument();
    if (ts_node_is_null(inner)) return unknown(node, block, "has no argument to serialise");
    return evaluate(inner, block, depth + 1);
  }

  // `x.apply(lambda ...: BODY)` and `Output.all(...).apply(lambda ...: BODY)` give BODY.
  if (syntax::is(function, "attribute") &&
      block.text(syntax::field(function, ids.attribute)) == "apply") {
    const TSNode callback = first_argument();
    if (syntax::is(callback, "lambda")) {
      return evaluate(syntax::field(callback, ids.body), block, depth + 1);
    }
    return unknown(node, block, "applies a named function whose result is not followed");
  }
  return unknown(node, block, "is the result of a call, not known before the program runs");
}

ValuePtr Evaluator::evaluate_binding(const Binding& binding, std::string_view name, TSNode at,
                                     const BlockIndex& block, int depth) {
  if (binding.count != 1 || !binding.plain) {
    const std::string how = binding.count > 1
                                ? "is assigned " + std::to_string(binding.count) + " times"
                                : "is " + std::string(binding.how);
    return unknown(at, block, "names `" + std::string(name) + "`, which " + how);
  }
  if (auto found = resolved_.find(&binding); found != resolved_.end()) return found->second;
  if (!resolving_.insert(&binding).second) {
    return unknown(at, block, "refers to itself through its own definition");
  }
  ValuePtr value = evaluate(binding.value, block, depth + 1);
  resolving_.erase(&binding);
  resolved_.emplace(&binding, value);
  return value;
}

ValuePtr Evaluator::evaluate_name(TSNode node, const BlockIndex& block, int depth) {
  const std::string_view name = block.text(node);
  const auto& scopes = block.scopes();
  int index = block.scope_at(ts_node_start_byte(node));
  bool first = true;
  while (index >= 0) {
    const Scope& scope = scopes[static_cast<std::size_t>(index)];
    // A class body's names are not visible from the functions inside it.
    if (first || scope.kind != ScopeKind::class_body) {
      if (auto found = scope.names.find(name); found != scope.names.end()) {
        return evaluate_binding(found->second, name, node, block, depth);
      }
    }
    first = false;
    index = scope.parent;
  }
  if (const std::string module = qualify(name, block, fallback_); !module.empty()) {
    return unknown(node, block, "is imported from " + module);
  }
  return unknown(node, block, "is not defined in the response");
}

ValuePtr Evaluator::evaluate_attribute(TSNode node, const BlockIndex& block, int depth) {
  const auto& ids = syntax::fields();
  const Span span = block.span(node);
  const std::string aws_name = canonical_aws_name(qualified_path(node, block));
  if (!aws_name.empty()) {
    if (aws_name == "aws.iam.ManagedPolicy.ADMINISTRATOR_ACCESS") {
      return make_string(span, std::string(kAdministratorAccessArn));
    }
    // The other managed-policy constants are AWS-managed ARNs that are not AdministratorAccess;
    // their exact text is not needed by any rule, so they stay opaque.
    if (aws_name.starts_with("aws.iam.ManagedPolicy.")) {
      return make_output(span, std::string(block.text(node)));
    }
    return unknown(node, block, "is a provider setting read when the program runs");
  }

  const TSNode object = syntax::field(node, ids.object);
  const std::string_view attribute = block.text(syntax::field(node, ids.attribute));
  ValuePtr base;
  if (syntax::is(object, "identifier") && block.text(object) == "self") {
    // `self.x` is looked up among the `self.x = ...` assignments of the enclosing class.
    int scope = block.scope_at(ts_node_start_byte(node));
    while (scope > 0 && block.scopes()[static_cast<std::size_t>(scope)].method_of < 0) {
      scope = block.scopes()[static_cast<std::size_t>(scope)].parent;
    }
    if (scope <= 0) return unknown(node, block, "uses self outside a method");
    const Scope& owner = block.scopes()[static_cast<std::size_t>(
        block.scopes()[static_cast<std::size_t>(scope)].method_of)];
    auto found = owner.self_attributes.find(attribute);
    if (found == owner.self_attributes.end()) {
      return unknown(node, block, "is not assigned in the class");
    }
    return evaluate_binding(found->second, block.text(node), node, block, depth);
  }

  base = evaluate(object, block, depth + 1);
  if (base->kind == ValueKind::resource_output) {
    return make_output(span, std::string(block.text(node)));
  }
  if (base->kind == ValueKind::object) {
    if (const Field* field = base->find(attribute)) return field->value;
  }
  if (base->kind == ValueKind::unknown) return make_unknown(span, base->reason);
  return unknown(node, block, "is an attribute the grader cannot follow");
}

ValuePtr Evaluator::evaluate_subscript(TSNode node, const BlockIndex& block, int depth) {
  const auto& ids = syntax::fields();
  ValuePtr base = evaluate(syntax::field(node, ids.value), block, depth + 1);
  ValuePtr key = evaluate(syntax::field(node, ids.subscript), block, depth + 1);
  if (base->kind == ValueKind::object && key->kind == ValueKind::string && !key->partial) {
    if (const Field* field = base->find(key->text)) return field->value;
  }
  // An index outside long long's range (or NaN) cannot select an element, and converting it
  // would be undefined.
  const bool index_fits = key->number >= -0x1p63 && key->number < 0x1p63;
  if (base->kind == ValueKind::list && key->kind == ValueKind::number && !base->partial &&
      index_fits) {
    const auto index = static_cast<long long>(key->number);
    const auto size = static_cast<long long>(base->elements.size());
    if (index >= -size && index < size) {
      return base->elements[static_cast<std::size_t>(index < 0 ? index + size : index)];
    }
  }
  if (base->kind == ValueKind::resource_output) {
    return make_output(block.span(node), std::string(block.text(node)));
  }
  return unknown(node, block, "is an element the grader cannot follow");
}

}  // namespace respgrade
