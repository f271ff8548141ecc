#include "model/resource_model.h"

#include "model/block_index.h"
#include "model/evaluator.h"
#include "python/syntax.h"

namespace respgrade {

namespace {

// Collects every block's imports so that a snippet using `aws.` without importing it reads
// the imports of the others. The first block to bind a name wins.
ImportMap merge_imports(const std::vector<BlockIndex>& blocks) {
  ImportMap merged;
  for (const BlockIndex& block : blocks) {
    for (const auto& [local, path] : block.imports()) merged.emplace(local, path);
  }
  return merged;
}

// The name a report gives a resource: the variable or attribute it is assigned to, else the
// Pulumi name passed as its first argument.
std::string resource_name(TSNode call, const BlockIndex& block, Evaluator& evaluator) {
  const auto& ids = syntax::fields();
  const TSNode parent = ts_node_parent(call);
  if (syntax::is(parent, "assignment")) {
    const TSNode left = syntax::field(parent, ids.left);
    if (syntax::is(left, "identifier") || syntax::is(left, "attribute")) {
      return std::string(block.text(left));
    }
  }
  const TSNode arguments = syntax::field(call, ids.arguments);
  if (ts_node_named_child_count(arguments) > 0) {
    const TSNode first = ts_node_named_child(arguments, 0);
    if (!syntax::is(first, "keyword_argument")) {
      ValuePtr value = evaluator.evaluate(first, block);
      if (value->kind == ValueKind::string) return value->text;
    }
  }
  return {};
}

// True when a call's callee may name a pulumi_aws class, checked without resolving the callee:
// Evaluator::resource_type needs a dotted name whose first part is imported from pulumi_aws, and
// that first part is the name the call's text starts with.
bool may_be_aws_call(TSNode call, const BlockIndex& block, const ImportMap& fallback) {
  const std::string_view text = block.text(call);
  std::size_t length = 0;
  while (length < text.size() && syntax::is_name_byte(text[length])) ++length;
  const std::string first(text.substr(0, length));
  auto found = block.imports().find(first);
  if (found == block.imports().end()) {
    found = fallback.find(first);
    if (found == fallback.end()) return false;
  }
  constexpr std::string_view kPackage = "pulumi_aws";
  const std::string& module = found->second;
  return module.starts_with(kPackage) &&
         (module.size() == kPackage.size() || module[kPackage.size()] == '.');
}

void add_fields_of(const Value& object, Resource& resource) {
  resource.arguments.insert(resource.arguments.end(), object.fields.begin(), object.fields.end());
}

Resource make_resource(const CallSite& site, std::string type, const BlockIndex& block,
                       Evaluator& evaluator) {
  const auto& ids = syntax::fields();
  Resource resource;
  resource.type = std::move(type);
  resource.span = block.span(site.call);
  resource.many = site.in_loop;
  resource.name = resource_name(site.call, block, evaluator);

  const TSNode arguments = syntax::field(site.call, ids.arguments);
  int position = 0;
  const uint32_t count = ts_node_named_child_count(arguments);
  for (uint32_t i = 0; i < count; ++i) {
    const TSNode argument = ts_node_named_child(arguments, i);
    const std::string_view kind = syntax::type(argument);
    if (kind == "comment") continue;
    if (kind == "keyword_argument") {
      resource.arguments.push_back(Field{
          std::string(block.text(syntax::field(argument, ids.name))),
          evaluator.evaluate(syntax::field(argument, ids.value), block), block.span(argument)});
      continue;
    }
    if (kind == "dictionary_splat") {
      ValuePtr spread = evaluator.evaluate(ts_node_named_child(argument, 0), block);
      if (spread->kind == ValueKind::object && !spread->partial) {
        add_fields_of(*spread, resource);
      } else {
        resource.hidden_arguments =
            spread->kind == ValueKind::unknown
                ? spread->reason
                : "`" + std::string(block.text(argument)) + "` may pass more arguments";
      }
      continue;
    }
    // The second positional argument is the Args object, unless it is resource options.
    if (++position != 2) continue;
    if (syntax::is(argument, "call")) {
      const std::string callee = dotted_path(syntax::field(argument, ids.function), block);
      if (callee.ends_with("ResourceOptions")) continue;
    }
    ValuePtr args = evaluator.evaluate(argument, block);
    if (args->kind == ValueKind::object) {
      add_fields_of(*args, resource);
      if (args->partial) resource.hidden_arguments = "the Args object may hold more fields";
    } else if (args->kind != ValueKind::null) {
      resource.hidden_arguments = args->kind == ValueKind::unknown
                                      ? args->reason
                                      : "the second argument is not an Args object";
    }
  }
  return resource;
}

}  // namespace

const Field* Resource::argument(std::string_view name) const {
  for (const Field& field : arguments) {
    if (field.key == name) return &field;
  }
  return nullptr;
}

ResourceModel build_model(const Response& response) {
  ResourceModel model;
  std::vector<BlockIndex> blocks;
  blocks.reserve(response.python_blocks.size());
  for (const PythonBlock& python : response.python_blocks) {
    if (python.test_code) continue;
    blocks.emplace_back(python.tree, response.block_of(python));
    model.syntax_error_lines.insert(model.syntax_error_lines.end(), python.error_lines.begin(),
                                    python.error_lines.end());
  }

  const ImportMap fallback = merge_imports(blocks);
  Evaluator evaluator(blocks, fallback);
  for (const BlockIndex& block : blocks) {
    for (const CallSite& site : block.calls()) {
      if (!may_be_aws_call(site.call, block, fallback)) continue;
      std::string type = evaluator.resource_type(site.call, block);
      if (type.empty()) continue;
      model.resources.push_back(make_resource(site, std::move(type), block, evaluator));
    }
  }
  return model;
}

}  // namespace respgrade
