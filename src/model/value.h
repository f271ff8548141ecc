#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/span.h"

namespace respgrade {

struct Value;
using ValuePtr = std::shared_ptr<const Value>;

// What a reader can tell of an expression without running it.
enum class ValueKind {
  unknown,  // cannot be resolved; `reason` says why
  null,     // None, which counts as absent
  boolean,
  number,
  string,
  list,             // a list or tuple
  object,           // a dict literal, dict(...) or a SomethingArgs(...) object
  resource_output,  // an attribute of a declared resource (bucket.arn): text unknown, but
                    // known not to be a literal such as an AWS-managed policy ARN or a number
};

// A named member of an object, or a keyword argument of a resource call.
struct Field {
  std::string key;
  ValuePtr value;
  Span span;  // the whole `key=value` or `"key": value`, in markdown lines
};

struct Value {
  ValueKind kind = ValueKind::unknown;
  Span span;  // where the expression is written

  bool boolean = false;
  double number = 0;
  std::string text;  // string content; for resource outputs, the expression (`bucket.arn`)
  // A string with parts that are not known (an f-string's interpolations, a concatenation
  // with an unknown operand), or a list or object with an unresolved `*x` or `**x` spread.
  bool partial = false;
  std::vector<ValuePtr> elements;  // list elements
  std::vector<Field> fields;       // object members, in source order
  std::string reason;              // for unknown values: what could not be resolved, and where
  // For lists and objects the evaluator builds: approximate bytes of the value written out in
  // full, a shared part counted once for each place it appears. 0 on other values.
  std::size_t written_size = 0;

  // The member named `key`, or nullptr.
  const Field* find(std::string_view key) const;

  // Parses a string that holds JSON (a policy or container definitions written as a literal)
  // into a value with this string's span. Returns nullptr when the text is not JSON.
  ValuePtr parse_json_text() const;

 private:
  mutable bool json_tried_ = false;
  mutable ValuePtr json_value_;
};

ValuePtr make_unknown(Span span, std::string reason);
ValuePtr make_null(Span span);
ValuePtr make_boolean(Span span, bool value);
ValuePtr make_number(Span span, double value);
ValuePtr make_string(Span span, std::string text, bool partial = false);
ValuePtr make_output(Span span, std::string expression);

// A short human reading of a value for reports: `"KMS"`, `30`, `[3 items]`, `unknown`.
std::string describe(const Value& value);

}  // namespace respgrade
