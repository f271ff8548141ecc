#include "python/syntax.h"

#include <cstring>

#include "python/syntax_tree.h"

namespace respgrade::syntax {

namespace {

TSFieldId field_id(const char* name) {
  return ts_language_field_id_for_name(python_language(), name,
                                       static_cast<uint32_t>(std::strlen(name)));
}

}  // namespace

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
