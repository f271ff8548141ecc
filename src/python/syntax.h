#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace respgrade::syntax {

// Field ids of the Python grammar, looked up once so that hot loops avoid string lookups.
struct Fields {
  TSFieldId alias, arguments, attribute, body, function, key, left, module_name, name, object,
      parameters, right, subscript, value, operator_, argument, type, alternative;
};
const Fields& fields();

inline std::string_view type(TSNode node) { return ts_node_type(node); }

// The node types that BlockIndex's first pass distinguishes.
enum class Kind : std::uint8_t {
  other,
  string,
  comment,
  call,
  assignment,
  augmented_assignment,
  named_expression,
  as_pattern_target,
  import_statement,
  import_from_statement,
  function_definition,
  class_definition,
  lambda,
  list_comprehension,
  set_comprehension,
  dictionary_comprehension,
  generator_expression,
  for_in_clause,
  for_statement,
  while_statement,
  argument_list,
  parameters,
  type,  // an annotation
  // An expression that cannot hold a statement: a literal container, an operator, an
  // attribute, a subscript or a keyword argument.
  expression,
};

// The kind of a node, read from a table indexed by its grammar symbol. It equals comparing
// type(node) with each kind's name, named and anonymous symbols alike (the `lambda` keyword is
// Kind::lambda too), at the cost of one load.
Kind kind(TSNode node);
inline TSNode field(TSNode node, TSFieldId id) { return ts_node_child_by_field_id(node, id); }
inline bool is(TSNode node, std::string_view name) {
  return !ts_node_is_null(node) && type(node) == name;
}

// True for a byte that can be part of a Python name: an ASCII letter, digit or `_`, or any byte
// of a multi-byte UTF-8 character.
inline bool is_name_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
         (byte >= '0' && byte <= '9') || c == '_' || byte >= 0x80;
}

// Visits every node with children under `root` in document order without recursion, so that
// code nested thousands of levels deep cannot overflow the stack. `enter(node)` returns whether
// to visit the node's children; `leave(node)` runs after them. Leaves (names, literals and
// punctuation) are stepped over without either call, as nothing the model records is a leaf.
template <class Enter, class Leave>
void walk(TSNode root, Enter&& enter, Leave&& leave) {
  // Knowing each node's child count, the walk never calls ts_tree_cursor_goto_next_sibling past
  // the last child. In tree-sitter 0.20 that failed call costs as much as a successful one (about
  // 500 instructions by callgrind on the corpus), and there is one per node with children.
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  std::vector<uint32_t> siblings_left;
  TSNode node = root;
  for (;;) {
    const uint32_t children = ts_node_child_count(node);
    if (children > 0 && enter(node) && ts_tree_cursor_goto_first_child(&cursor)) {
      siblings_left.push_back(children - 1);
      node = ts_tree_cursor_current_node(&cursor);
      continue;
    }
    if (children > 0) leave(node);
    for (;;) {
      if (siblings_left.empty()) {
        ts_tree_cursor_delete(&cursor);
        return;
      }
      if (siblings_left.back() > 0 && ts_tree_cursor_goto_next_sibling(&cursor)) {
        --siblings_left.back();
        break;
      }
      siblings_left.pop_back();
      ts_tree_cursor_goto_parent(&cursor);
      leave(ts_tree_cursor_current_node(&cursor));
    }
    node = ts_tree_cursor_current_node(&cursor);
  }
}

}  // namespace respgrade::syntax
