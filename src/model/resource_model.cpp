#include "model/resource_model.h"

#include <mutex>

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
std::string resource_name(const CallSite& site, const BlockIndex& block, Evaluator& evaluator) {
  const auto& ids = syntax::fields();
  if (!ts_node_is_null(site.assigned_to)) return std::string(block.text(site.assigned_to));
  const TSNode call = site.call;
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

}  // namespace

// The state a resource needs to resolve its arguments later. It lives on the heap, shared by the
// model, so that the evaluator's references into the indexes stay valid when the model moves.
struct ModelSource {
  explicit ModelSource(std::vector<BlockIndex> indexes)
      : blocks(std::move(indexes)), fallback(merge_imports(blocks)), evaluator(blocks, fallback) {}

  std::vector<BlockIndex> blocks;
  ImportMap fallback;
  Evaluator evaluator;
  // The evaluator caches the names it has resolved, and `batch` shares each ideal's scan between
  // its threads, so every resolution runs under this lock.
  std::mutex lock;
};

// The builder of a model's resources. It is a friend of Resource, so that the fields tying a
// resource to its source are set here and nowhere else.
class ResourceCollector {
 public:
  static Resource make(const CallSite& site, std::string type, const BlockIndex& block,
                       ModelSource& source) {
    Resource resource;
    resource.type = std::move(type);
    resource.span = block.span(site.call);
    resource.many = site.in_loop;
    resource.name = resource_name(site, block, source.evaluator);
    resource.source_ = &source;
    resource.block_ = &block;
    resource.call_ = site.call;
    return resource;
  }

  static Resource::Arguments lay_out(TSNode call, const BlockIndex& block, Evaluator& evaluator) {
    const auto& ids = syntax::fields();
    Resource::Arguments laid;
    const auto add_fields_of = [&laid](const Value& object) {
      laid.fields.insert(laid.fields.end(), object.fields.begin(), object.fields.end());
      laid.pending.resize(laid.fields.size());
    };
    const TSNode list = syntax::field(call, ids.arguments);
    int position = 0;
    const uint32_t count = ts_node_named_child_count(list);
    for (uint32_t i = 0; i < count; ++i) {
      const TSNode argument = ts_node_named_child(list, i);
      const std::string_view kind = syntax::type(argument);
      if (kind == "comment") continue;
      if (kind == "keyword_argument") {
        laid.fields.push_back(Field{std::string(block.text(syntax::field(argument, ids.name))),
                                    nullptr, block.span(argument)});
        laid.pending.push_back(syntax::field(argument, ids.value));
        continue;
      }
      if (kind == "dictionary_splat") {
        ValuePtr spread = evaluator.evaluate(ts_node_named_child(argument, 0), block);
        if (spread->kind == ValueKind::object && !spread->partial) {
          add_fields_of(*spread);
        } else {
          laid.hidden = spread->kind == ValueKind::unknown
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
        add_fields_of(*args);
        if (args->partial) laid.hidden = "the Args object may hold more fields";
      } else if (args->kind != ValueKind::null) {
        laid.hidden = args->kind == ValueKind::unknown
                          ? args->reason
                          : "the second argument is not an Args object";
      }
    }
    return laid;
  }
};

Resource::Arguments& Resource::laid_out() const {
  if (!arguments_) arguments_ = ResourceCollector::lay_out(call_, *block_, source_->evaluator);
  return *arguments_;
}

void Resource::resolve(Arguments& arguments, std::size_t index) const {
  TSNode& expression = arguments.pending[index];
  if (ts_node_is_null(expression)) return;
  arguments.fields[index].value = source_->evaluator.evaluate(expression, *block_);
  expression = TSNode{};
}

const std::vector<Field>& Resource::arguments() const {
  static const std::vector<Field> kNone;
  if (source_ == nullptr) return kNone;  // a resource made by hand, not by build_model
  const std::lock_guard<std::mutex> hold(source_->lock);
  Arguments& laid = laid_out();
  if (!laid.all_resolved) {
    for (std::size_t i = 0; i < laid.fields.size(); ++i) resolve(laid, i);
    laid.all_resolved = true;
  }
  return laid.fields;
}

const std::string& Resource::hidden_arguments() const {
  static const std::string kNone;
  if (source_ == nullptr) return kNone;
  const std::lock_guard<std::mutex> hold(source_->lock);
  return laid_out().hidden;
}

const Field* Resource::argument(std::string_view name) const {
  if (source_ == nullptr) return nullptr;
  const std::lock_guard<std::mutex> hold(source_->lock);
  Arguments& laid = laid_out();
  for (std::size_t i = 0; i < laid.fields.size(); ++i) {
    if (laid.fields[i].key != name) continue;
    resolve(laid, i);
    return &laid.fields[i];
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

  model.source = std::make_shared<ModelSource>(std::move(blocks));
  ModelSource& source = *model.source;
  for (const BlockIndex& block : source.blocks) {
    for (const CallSite& site : block.calls()) {
      if (!may_be_aws_call(site.call, block, source.fallback)) continue;
      std::string type = source.evaluator.resource_type(site.call, block);
      if (type.empty()) continue;
      model.resources.push_back(ResourceCollector::make(site, std::move(type), block, source));
    }
  }
  return model;
}

}  // namespace respgrade
