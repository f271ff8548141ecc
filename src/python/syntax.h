#pragma once

#include <tree_sitter/api.h>

#include <string_view>

namespace respgrade::syntax {

// Field ids of the Python grammar, looked up once so that hot loops avoid string lookups.
struct Fields {
  TSFieldId alias, arguments, attribute, body, function, key, left, module_name, name, object,
      parameters, right, subscript, value, operator_, argument, type, alternative;
};
const Fields& fields();

inline std::string_view type(TSNode node) { return ts_node_type(node); }
inline TSNode field(TSNode node, TSFieldId id) { return ts_node_child_by_field_id(node, id); }
inline bool is(TSNode node, std::string_view name) {
  return !ts_node_is_null(node) && type(node) == name;
}

// Visits every node under `root` in document order without recursion, so that code nested
// thousands of levels deep cannot overflow the stack. `enter(node)` returns whether to visit
// the node's children; `leave(node)` runs after them.
template <class Enter, class Leave>
void walk(TSNode root, Enter&& enter, Leave&& leave) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (;;) {
    const TSNode node = ts_tree_cursor_current_node(&cursor);
    if (enter(node) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    leave(node);
    for (;;) {
      if (ts_tree_cursor_goto_next_sibling(&cursor)) break;
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return;
      }
      leave(ts_tree_cursor_current_node(&cursor));
    }
  }
}

}  // namespace respgrade::syntax
