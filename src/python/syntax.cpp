#include "python/syntax.h"

#include <cstring>

#include "python/syntax_tree.h"

namespace respgrade::syntax {

namespace {

TSFieldId field_id(const char* name) {
  return ts_language_field_id_for_name(python_language(), name,
                                       static_cast<uint32_t>(std::strlen(name)));
}

struct KindName {
  std::string_view name;
  Kind kind;
};
constexpr KindName kKindNames[] = {
    {"string", Kind::string},
    {"comment", Kind::comment},
    {"call", Kind::call},
    {"assignment", Kind::assignment},
    {"augmented_assignment", Kind::augmented_assignment},
    {"named_expression", Kind::named_expression},
    {"as_pattern_target", Kind::as_pattern_target},
    {"import_statement", Kind::import_statement},
    {"import_from_statement", Kind::import_from_statement},
    {"function_definition", Kind::function_definition},
    {"class_definition", Kind::class_definition},
    {"lambda", Kind::lambda},
    {"list_comprehension", Kind::list_comprehension},
    {"set_comprehension", Kind::set_comprehension},
    {"dictionary_comprehension", Kind::dictionary_comprehension},
    {"generator_expression", Kind::generator_expression},
    {"for_in_clause", Kind::for_in_clause},
    {"for_statement", Kind::for_statement},
    {"while_statement", Kind::while_statement},
    {"argument_list", Kind::argument_list},
    {"parameters", Kind::parameters},
    {"type", Kind::type},
    {"dictionary", Kind::expression},
    {"list", Kind::expression},
    {"tuple", Kind::expression},
    {"set", Kind::expression},
    {"pair", Kind::expression},
    {"keyword_argument", Kind::expression},
    {"binary_operator", Kind::expression},
    {"boolean_operator", Kind::expression},
    {"comparison_operator", Kind::expression},
    {"unary_operator", Kind::expression},
    {"not_operator", Kind::expression},
    {"attribute", Kind::expression},
    {"subscript", Kind::expression},
    {"conditional_expression", Kind::expression},
    {"expression_list", Kind::expression},
};

std::vector<Kind> kind_table() {
  const TSLanguage* language = python_language();
  std::vector<Kind> table(ts_language_symbol_count(language), Kind::other);
  for (TSSymbol symbol = 0; symbol < table.size(); ++symbol) {
    const std::string_view name = ts_language_symbol_name(language, symbol);
    for (const KindName& entry : kKindNames) {
      if (entry.name == name) table[symbol] = entry.kind;
    }
  }
  return table;
}

}  // namespace

Kind kind(TSNode node) {
  static const std::vector<Kind> table = kind_table();
  const TSSymbol symbol = ts_node_symbol(node);
  return symbol < table.size() ? table[symbol] : Kind::other;  // ERROR is past the table
}

const Fields& fields() {
  static const Fields ids{field_id("alias"),     field_id("arguments"),   field_id("attribute"),
                          field_id("body"),      field_id("function"),    field_id("key"),
                          field_id("left"),      field_id("module_name"), field_id("name"),
                          field_id("object"),    field_id("parameters"),  field_id("right"),
                          field_id("subscript"), field_id("value"),       field_id("operator"),
                          field_id("argument"),  field_id("type"),        field_id("alternative")};
  return ids;
}

}  // namespace respgrade::syntax
