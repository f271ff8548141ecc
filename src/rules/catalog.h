#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace respgrade {

enum class Severity { critical, high, medium };

// Score weight of a severity: critical 3, high 2, medium 1.
int severity_weight(Severity severity);
std::string_view severity_name(Severity severity);

// Three-valued truth: a condition over a value that cannot be resolved is unknown.
enum class Truth { no, yes, unknown };

enum class Operator {
  present,
  absent,
  equals,
  not_equals,
  one_of,
  not_one_of,
  less_than,
  greater_than,
  contains,
  any,
  all,
  any_value,
  all_value,  // over list elements, or an object's member values
  none,
  exist,
  count_at_most,  // over the resources of the whole response
};

// Which lines a finding shows: the resource call, the top-level argument the deciding
// condition read, or the deciding value itself (an ARN, a policy statement).
enum class EvidenceMode { resource, argument, value };

// One node of a rule's condition tree.
struct Condition {
  enum class Kind { all_of, any_of, negation, attribute, resources, use };
  Kind kind = Kind::attribute;
  std::vector<Condition> children;  // all_of, any_of; negation has one
  std::vector<std::string> path;    // attribute: keys from the root; empty is the root
  Operator op = Operator::present;
  nlohmann::json operand;                   // the `value` of equals, one_of, less_than, ...
  std::shared_ptr<Condition> where;         // any, all, any_value, all_value and resources
  std::optional<Truth> if_absent;           // overrides the operator's result on an absent path
  std::vector<std::string> resource_types;  // resources: type names, `*` matching any text
  std::string use;                          // use: the name of a shared condition
  const Condition* target = nullptr;        // use: the shared condition, bound at load time
  std::string location;                     // where it was written, for messages
};

struct Rule {
  std::string id;
  std::string title;
  Severity severity = Severity::medium;
  std::vector<std::string> names;  // words that name the flaw in a failures document
  std::string fix;                 // what the code should do instead
  bool whole_response = false;     // judged once per response, not per resource
  std::vector<std::string> resource_types;
  std::optional<Condition> only_if;  // a resource outside it is not judged
  Condition flawed_when;
  EvidenceMode evidence = EvidenceMode::resource;
  EvidenceMode fix_evidence = EvidenceMode::argument;
};

// The flaw patterns a grade is judged on. Rules keep the catalog's order.
// Move-only: `use` conditions point into shared_conditions, so a copy would point into the
// original.
struct Catalog {
  Catalog() = default;
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;
  Catalog(Catalog&&) = default;
  Catalog& operator=(Catalog&&) = default;

  std::string source;  // the file it was read from, or "built-in"
  std::vector<Rule> rules;
  std::map<std::string, Condition, std::less<>> shared_conditions;

  const Rule* find(std::string_view id) const;
};

// Reads a catalog from JSON text. Throws InputError naming `source`, the rule and the field
// for any malformed part: bad JSON (with line and column), a wrong type, an unknown field or
// operator, a duplicate id, a shared condition that uses itself.
Catalog load_catalog(std::string_view text, const std::string& source);

// Reads a catalog file, or returns the built-in one when `path` is empty.
std::shared_ptr<const Catalog> load_catalog_file(const std::string& path);

// The fifteen AWS hardening patterns compiled into the binary.
std::shared_ptr<const Catalog> builtin_catalog();

// True when `type` matches a pattern in which `*` stands for any text.
bool matches_type(std::string_view pattern, std::string_view type);

}  // namespace respgrade
