#include "model/block_index.h"

#include <algorithm>
#include <iterator>
#include <unordered_set>

#include "python/syntax.h"

namespace respgrade {

namespace {

// True when `word` occurs in `text` as a whole word, not inside a longer name.
bool contains_word(std::string_view text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !syntax::is_name_byte(text[at - 1]);
    const std::size_t end = at + word.size();
    if (starts && (end == text.size() || !syntax::is_name_byte(text[end]))) return true;
  }
  return false;
}

// True unless an expression's text rules out every node the first pass records, so that its
// subtree can be skipped. Inside an expression, a call needs `(`, and the only other records
// are `:=`, lambdas, comprehensions (`for`) and as-patterns (`as`). A subtree with a syntax
// error may hold anything, so it is always walked.
bool may_hold_records(TSNode node, std::string_view text) {
  if (ts_node_has_error(node)) return true;
  return text.find('(') != std::string_view::npos || text.find(":=") != std::string_view::npos ||
         contains_word(text, "lambda") || contains_word(text, "for") || contains_word(text, "as");
}

// The inside of a bracketed node's text, without its first and last byte: the parentheses of
// an argument or parameter list are no sign of a call.
std::string_view inside_brackets(std::string_view text) {
  return text.size() >= 2 ? text.substr(1, text.size() - 2) : std::string_view();
}

// The final value of a chained assignment `a = b = value`.
TSNode final_right_side(TSNode right) {
  const auto& ids = syntax::fields();
  while (syntax::is(right, "assignment")) right = syntax::field(right, ids.right);
  return right;
}

}  // namespace

BlockIndex::BlockIndex(const SyntaxTree& tree, const CodeBlock& block)
    : tree_(&tree), block_(&block) {
  collect();
}

int BlockIndex::line(uint32_t row) const {
  if (block_->lines.empty()) return 0;
  return block_->lines[std::min<std::size_t>(row, block_->lines.size() - 1)];
}

Span BlockIndex::span(TSNode node) const {
  return Span{line(ts_node_start_point(node).row), line(ts_node_end_point(node).row)};
}

int BlockIndex::scope_at(uint32_t byte) const {
  // The last change at or before the byte gives the innermost scope there.
  const auto after = std::upper_bound(scope_changes_.begin(), scope_changes_.end(), byte,
                                      [](uint32_t offset, const std::pair<uint32_t, int>& change) {
                                        return offset < change.first;
                                      });
  return after == scope_changes_.begin() ? 0 : std::prev(after)->second;
}

int BlockIndex::push_scope(ScopeKind kind, TSNode node) {
  Scope scope;
  scope.kind = kind;
  scope.parent = scope_stack_.back();
  scope.start_byte = ts_node_start_byte(node);
  scope.end_byte = ts_node_end_byte(node);
  const Scope& parent = scopes_[static_cast<std::size_t>(scope.parent)];
  if (kind == ScopeKind::function && parent.kind == ScopeKind::class_body) {
    scope.method_of = scope.parent;
  }
  scopes_.push_back(std::move(scope));
  const int index = static_cast<int>(scopes_.size()) - 1;
  scope_stack_.push_back(index);
  scope_changes_.emplace_back(ts_node_start_byte(node), index);
  return index;
}

void BlockIndex::add_import(TSNode statement) {
  const auto& ids = syntax::fields();
  std::string module;
  if (syntax::is(statement, "import_from_statement")) {
    module = std::string(text(syntax::field(statement, ids.module_name)));
  }
  const uint32_t count = ts_node_named_child_count(statement);
  for (uint32_t i = 0; i < count; ++i) {
    const TSNode child = ts_node_named_child(statement, i);
    if (ts_node_eq(child, syntax::field(statement, ids.module_name))) continue;
    std::string path, local;
    if (syntax::is(child, "aliased_import")) {
      path = std::string(text(syntax::field(child, ids.name)));
      local = std::string(text(syntax::field(child, ids.alias)));
    } else if (syntax::is(child, "dotted_name")) {
      path = std::string(text(child));
      // `import a.b` binds `a` to the package a.
      local = path.substr(0, path.find('.'));
      if (module.empty()) path = local;
    } else {
      continue;
    }
    imports_[local] = module.empty() ? path : module + "." + path;
  }
}

void BlockIndex::bind_target(TSNode target, int scope_index, TSNode value, std::string_view how) {
  const auto record = [&](Binding& binding) {
    ++binding.count;
    if (how.empty()) {
      binding.value = value;
    } else {
      binding.plain = false;
      binding.how = how;
    }
  };
  // Tuple and list patterns nest without limit, so they are unpacked with a stack of pending
  // targets rather than by recursion.
  std::vector<TSNode> pending{target};
  while (!pending.empty()) {
    const TSNode node = pending.back();
    pending.pop_back();
    if (syntax::is(node, "identifier")) {
      record(scopes_[static_cast<std::size_t>(scope_index)].names[text(node)]);
      continue;
    }
    if (syntax::is(node, "attribute")) {
      // `self.x = value` inside a method binds x on the instance, visible from every method.
      const auto& ids = syntax::fields();
      const TSNode object = syntax::field(node, ids.object);
      int method = scope_index;
      while (method > 0 && scopes_[static_cast<std::size_t>(method)].method_of < 0) {
        method = scopes_[static_cast<std::size_t>(method)].parent;
      }
      if (method <= 0 || !syntax::is(object, "identifier") || text(object) != "self") continue;
      Scope& owner =
          scopes_[static_cast<std::size_t>(scopes_[static_cast<std::size_t>(method)].method_of)];
      record(owner.self_attributes[text(syntax::field(node, ids.attribute))]);
      continue;
    }
    // Tuple and list patterns bind each name to a part of a sequence, which is not tracked.
    value = TSNode{};
    how = "unpacked from a sequence";
    for (uint32_t i = ts_node_named_child_count(node); i > 0; --i) {
      pending.push_back(ts_node_named_child(node, i - 1));
    }
  }
}

void BlockIndex::bind_parameters(TSNode parameters, int scope) {
  const auto& ids = syntax::fields();
  const uint32_t count = ts_node_named_child_count(parameters);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode parameter = ts_node_named_child(parameters, i);
    const std::string_view kind = syntax::type(parameter);
    if (kind == "default_parameter" || kind == "typed_default_parameter") {
      parameter = syntax::field(parameter, ids.name);
    } else if (kind == "typed_parameter" || kind == "list_splat_pattern" ||
               kind == "dictionary_splat_pattern") {
      parameter = ts_node_named_child(parameter, 0);
      if (syntax::is(parameter, "list_splat_pattern") ||
          syntax::is(parameter, "dictionary_splat_pattern")) {
        parameter = ts_node_named_child(parameter, 0);
      }
    }
    bind_target(parameter, scope, TSNode{}, "a parameter");
  }
}

void BlockIndex::collect() {
  const auto& ids = syntax::fields();
  Scope module;
  module.start_byte = 0;
  module.end_byte = ts_node_end_byte(tree_->root());
  scopes_.push_back(std::move(module));
  scope_stack_.push_back(0);

  // Each entry is a node that opened a scope or a loop, popped when the walk leaves it.
  struct Opened {
    const void* id;
    bool scope;
    bool loop;
  };
  std::vector<Opened> opened;
  int loop_depth = 0;
  // Calls that are the whole right side of an assignment, mapped to its target. Recorded here
  // because the walk meets the assignment first, and finding a node's parent afterwards costs
  // tree-sitter a walk down from the root.
  std::unordered_map<const void*, TSNode> call_targets;
  std::unordered_set<const void*> chained;  // inner assignments of chains already bound

  using Kind = syntax::Kind;
  auto enter = [&](TSNode node) {
    const Kind kind = syntax::kind(node);
    if (kind == Kind::other) return true;
    if (kind == Kind::expression) return may_hold_records(node, text(node));
    if (kind == Kind::argument_list) return may_hold_records(node, inside_brackets(text(node)));
    const int current = scope_stack_.back();
    if (kind == Kind::string || kind == Kind::comment || kind == Kind::type) return false;
    // Parameters are bound with their function, so only a default value can hold a record.
    if (kind == Kind::parameters) return may_hold_records(node, inside_brackets(text(node)));

    if (kind == Kind::call) {
      CallSite site{node, loop_depth > 0, TSNode{}};
      if (const auto target = call_targets.find(node.id); target != call_targets.end()) {
        site.assigned_to = target->second;
        call_targets.erase(target);
      }
      calls_.push_back(site);
    } else if (kind == Kind::assignment) {
      const TSNode right = syntax::field(node, ids.right);
      const TSNode left = syntax::field(node, ids.left);
      if (!ts_node_is_null(right) && syntax::kind(right) == Kind::call &&
          (syntax::is(left, "identifier") || syntax::is(left, "attribute"))) {
        call_targets.emplace(right.id, left);
      }
      if (chained.erase(node.id) > 0) {
        // An inner link of `a = b = value`, bound with the whole chain.
      } else if (ts_node_is_null(right)) {
        bind_target(left, current, TSNode{}, "declared without a value");
      } else if (syntax::is(left, "pattern_list") || syntax::is(left, "tuple_pattern") ||
                 syntax::is(left, "list_pattern")) {
        bind_target(left, current, TSNode{}, "unpacked from a sequence");
      } else {
        bind_target(left, current, final_right_side(right), {});
      }
      // The inner targets of `a = b = value` are bound here, to the same value, because the walk
      // skips a chain that has nothing inside to record.
      for (TSNode inner = right; syntax::is(inner, "assignment");
           inner = syntax::field(inner, ids.right)) {
        bind_target(syntax::field(inner, ids.left), current, final_right_side(inner), {});
        chained.insert(inner.id);
      }
      return may_hold_records(node, text(node));
    } else if (kind == Kind::augmented_assignment) {
      bind_target(syntax::field(node, ids.left), current, TSNode{}, "changed in place");
    } else if (kind == Kind::named_expression) {
      bind_target(syntax::field(node, ids.name), current, TSNode{}, "bound by :=");
    } else if (kind == Kind::as_pattern_target) {
      bind_target(ts_node_named_child(node, 0), current, TSNode{}, "bound by `as`");
    } else if (kind == Kind::import_statement || kind == Kind::import_from_statement) {
      add_import(node);
      return false;
    } else if (kind == Kind::function_definition || kind == Kind::class_definition) {
      bind_target(syntax::field(node, ids.name), current, TSNode{}, "a function or class");
      const int scope = push_scope(
          kind == Kind::class_definition ? ScopeKind::class_body : ScopeKind::function, node);
      if (kind == Kind::function_definition)
        bind_parameters(syntax::field(node, ids.parameters), scope);
      opened.push_back({node.id, true, false});
    } else if (kind == Kind::lambda) {
      const int scope = push_scope(ScopeKind::lambda, node);
      const TSNode parameters = syntax::field(node, ids.parameters);
      if (!ts_node_is_null(parameters)) bind_parameters(parameters, scope);
      opened.push_back({node.id, true, false});
    } else if (kind == Kind::list_comprehension || kind == Kind::set_comprehension ||
               kind == Kind::dictionary_comprehension || kind == Kind::generator_expression) {
      push_scope(ScopeKind::comprehension, node);
      ++loop_depth;
      opened.push_back({node.id, true, true});
    } else if (kind == Kind::for_in_clause) {
      bind_target(syntax::field(node, ids.left), current, TSNode{}, "a loop variable");
    } else if (kind == Kind::for_statement || kind == Kind::while_statement) {
      if (kind == Kind::for_statement) {
        bind_target(syntax::field(node, ids.left), current, TSNode{}, "a loop variable");
      }
      ++loop_depth;
      opened.push_back({node.id, false, true});
    }
    return true;
  };
  auto leave = [&](TSNode node) {
    if (opened.empty() || opened.back().id != node.id) return;
    if (opened.back().scope) {
      scope_stack_.pop_back();
      scope_changes_.emplace_back(ts_node_end_byte(node), scope_stack_.back());
    }
    if (opened.back().loop) --loop_depth;
    opened.pop_back();
  };
  syntax::walk(tree_->root(), enter, leave);
}

}  // namespace respgrade
