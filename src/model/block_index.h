#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/span.h"
#include "markdown/code_block.h"
#include "python/syntax_tree.h"

namespace respgrade {

// How a name is bound in one scope. Only a name bound exactly once, by a plain assignment,
// has a value a reader can follow.
struct Binding {
  int count = 0;
  bool plain = true;     // every binding so far was `name = value`
  TSNode value{};        // the right-hand side of the single plain assignment
  std::string_view how;  // for other bindings: "a parameter", "a loop variable", ...
};

enum class ScopeKind { module, function, class_body, lambda, comprehension };

struct Scope {
  ScopeKind kind = ScopeKind::module;
  int parent = -1;
  uint32_t start_byte = 0;
  uint32_t end_byte = 0;
  int method_of = -1;  // for a function defined in a class body: that class's scope
  std::unordered_map<std::string_view, Binding> names;
  std::unordered_map<std::string_view, Binding> self_attributes;  // class scopes: self.x = ...
};

// A call found in a block, whether it sits inside a loop, and what it is assigned to.
struct CallSite {
  TSNode call{};
  bool in_loop = false;  // inside a for or while body or a comprehension
  // The target of `target = call(...)` when it is a name or an attribute, else a null node.
  TSNode assigned_to{};
};

// The first-pass index of one Python block: its imports, scopes, name bindings and calls.
class BlockIndex {
 public:
  BlockIndex(const SyntaxTree& tree, const CodeBlock& block);

  const SyntaxTree& tree() const { return *tree_; }
  const CodeBlock& block() const { return *block_; }
  std::string_view text(TSNode node) const { return tree_->text(node); }

  // Local names bound by imports, mapped to the dotted path they import:
  // `import pulumi_aws as aws` maps aws to pulumi_aws, `from pulumi_aws import ec2` maps ec2
  // to pulumi_aws.ec2.
  const std::unordered_map<std::string, std::string>& imports() const { return imports_; }
  const std::vector<Scope>& scopes() const { return scopes_; }
  const std::vector<CallSite>& calls() const { return calls_; }

  // The innermost scope containing the byte offset.
  int scope_at(uint32_t byte) const;

  // Markdown lines of a node.
  Span span(TSNode node) const;
  int line(uint32_t row) const;

 private:
  void collect();
  void add_import(TSNode statement);
  void bind_target(TSNode target, int scope, TSNode value, std::string_view how);
  void bind_parameters(TSNode parameters, int scope);
  int push_scope(ScopeKind kind, TSNode node);

  const SyntaxTree* tree_;
  const CodeBlock* block_;
  std::unordered_map<std::string, std::string> imports_;
  std::vector<Scope> scopes_;
  std::vector<CallSite> calls_;
  std::vector<int> scope_stack_;
  // The offsets where the innermost scope changes, in ascending byte order: from `first` on, until
  // the next entry, the innermost scope is `second`. Lets scope_at() search instead of scanning
  // every scope, which made responses with many lambdas and names take quadratic time.
  std::vector<std::pair<uint32_t, int>> scope_changes_;
};

}  // namespace respgrade
