#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "common/error.h"
#include "common/text_file.h"
#include "rules/catalog.h"

namespace respgrade {

extern const std::string_view kBuiltinCatalogText;

namespace {

using nlohmann::json;

struct OperatorName {
  std::string_view name;
  Operator op;
};
constexpr OperatorName kOperators[] = {
    {"present", Operator::present},
    {"absent", Operator::absent},
    {"equals", Operator::equals},
    {"not_equals", Operator::not_equals},
    {"one_of", Operator::one_of},
    {"not_one_of", Operator::not_one_of},
    {"less_than", Operator::less_than},
    {"greater_than", Operator::greater_than},
    {"contains", Operator::contains},
    {"any", Operator::any},
    {"all", Operator::all},
    {"any_value", Operator::any_value},
    {"all_value", Operator::all_value},
    {"none", Operator::none},
    {"exist", Operator::exist},
    {"count_at_most", Operator::count_at_most},
};

// Real catalogs nest conditions a handful of levels and expand to a few dozen conditions per
// rule. The depth limit keeps a hostile catalog from exhausting the stack while it is read or
// judged, as conditions nested thousands deep or a chain of thousands of shared conditions
// would. The expansion limit keeps it from taking exponential time, as shared conditions that
// each use the next one twice would.
constexpr int kMaxConditionDepth = 100;
constexpr std::size_t kMaxExpandedConditions = 10'000;

std::string list_of_operators(bool resources) {
  std::string list;
  for (const OperatorName& entry : kOperators) {
    const bool over_resources = entry.op == Operator::none || entry.op == Operator::exist ||
                                entry.op == Operator::count_at_most;
    if (over_resources != resources) continue;
    list += (list.empty() ? "" : ", ") + std::string(entry.name);
  }
  return list;
}

// Records where and why the JSON parser stopped. A number too large for a double stops the
// parser with an out_of_range exception that, unlike a parse_error, carries no position, so
// the error is located by parsing again with this handler, which gets the position of both.
class JsonErrorLocator : public nlohmann::json_sax<json> {
 public:
  std::size_t position = 0;  // bytes read when the parser stopped
  std::string message;       // the parser's message without its exception id

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t at, const std::string&,
                   const nlohmann::detail::exception& error) override {
    position = at;
    // A parse error reads "[json.exception.parse_error.101] parse error at line 1, column 5:
    // syntax error ...", and the message keeps what follows the position. A number overflow
    // reads "[json.exception.out_of_range.406] number overflow parsing '1e999'", and the
    // message keeps what follows the id.
    message = error.what();
    message.erase(0, message.find("] ") + 2);
    if (message.starts_with("parse error")) message.erase(0, message.find(": ") + 2);
    return false;
  }
};

// Reads one catalog, keeping the place being read so every error can name the rule and field.
class Loader {
 public:
  explicit Loader(std::string source) : source_(std::move(source)) {}

  Catalog load(std::string_view text);

 private:
  InputError invalid_json(std::string_view text) const;
  [[noreturn]] void fail(const std::string& field, const std::string& problem,
                         const std::string& hint = {}) const {
    std::string where = rule_.empty() ? "" : "rule '" + rule_ + "', ";
    throw InputError(source_, where + "field '" + field + "': " + problem, hint);
  }

  const json& require(const json& object, const std::string& key, const std::string& field) const {
    if (!object.contains(key)) fail(field + key, "missing", "Every rule needs this field");
    return object.at(key);
  }
  std::string read_string(const json& value, const std::string& field) const {
    if (!value.is_string()) fail(field, "must be a string, not " + std::string(value.type_name()));
    return value.get<std::string>();
  }
  void check_keys(const json& object, std::initializer_list<std::string_view> allowed,
                  const std::string& field) const;

  // The size of a condition with every `use` replaced by the condition it names: how many
  // conditions judging it evaluates, and how deeply they nest.
  struct Expansion {
    std::size_t conditions = 0;
    int depth = 0;
  };

  Rule read_rule(const json& value, const std::string& field);
  Condition read_condition(const json& value, const std::string& field, int depth = 1);
  void read_attribute(const json& value, Condition& condition, const std::string& field, int depth);
  void read_resources(const json& value, Condition& condition, const std::string& field, int depth);
  void check_operand(const json& value, Condition& condition, const std::string& field, int depth);
  EvidenceMode read_evidence(const json& value, const std::string& field) const;
  // `level` is the condition's nesting level below the rule or shared condition being bound,
  // counting the levels of the shared conditions it is reached through. The top is level 1.
  Expansion bind_uses(Condition& condition, std::vector<std::string>& chain, Catalog& catalog,
                      int level = 1);
  void check_expansion(const Expansion& expansion, int level, const std::string& field) const;

  std::string source_;
  std::string rule_;
  // Shared conditions already bound, so that each is bound and measured once.
  std::map<std::string, Expansion, std::less<>> bound_;
};

InputError Loader::invalid_json(std::string_view text) const {
  JsonErrorLocator locator;
  json::sax_parse(text, &locator);
  // Report the position as a line and column of the file.
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i + 1 < locator.position && i < text.size(); ++i) {
    column = text[i] == '\n' ? 1 : column + 1;
    line += text[i] == '\n' ? 1 : 0;
  }
  return InputError(source_ + ":" + std::to_string(line) + ":" + std::to_string(column),
                    "invalid JSON (" + locator.message + ")", "Fix the JSON syntax at that place");
}

void Loader::check_keys(const json& object, std::initializer_list<std::string_view> allowed,
                        const std::string& field) const {
  for (const auto& [key, member] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string list;
    for (std::string_view name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
    fail(field + key, "unknown field", "Fields allowed here: " + list);
  }
}

EvidenceMode Loader::read_evidence(const json& value, const std::string& field) const {
  const std::string mode = read_string(value, field);
  if (mode == "resource") return EvidenceMode::resource;
  if (mode == "argument") return EvidenceMode::argument;
  if (mode == "value") return EvidenceMode::value;
  fail(field, "unknown evidence '" + mode + "'", "Use resource, argument or value");
}

void Loader::check_operand(const json& object, Condition& condition, const std::string& field,
                           int depth) {
  const Operator op = condition.op;
  const bool needs_where = op == Operator::any || op == Operator::all ||
                           op == Operator::any_value || op == Operator::all_value;
  if (needs_where && !object.contains("where")) {
    fail(field + "where", "missing", "The operator needs a condition on each element");
  }
  if (object.contains("where")) {
    condition.where =
        std::make_shared<Condition>(read_condition(object.at("where"), field + "where", depth + 1));
  }

  const bool needs_value = op == Operator::equals || op == Operator::not_equals ||
                           op == Operator::one_of || op == Operator::not_one_of ||
                           op == Operator::less_than || op == Operator::greater_than ||
                           op == Operator::contains || op == Operator::count_at_most;
  if (!needs_value) {
    if (object.contains("value")) fail(field + "value", "not used by this operator");
    return;
  }
  if (!object.contains("value")) fail(field + "value", "missing", "The operator compares with it");
  const json& value = object.at("value");
  const bool list = op == Operator::one_of || op == Operator::not_one_of;
  const bool number =
      op == Operator::less_than || op == Operator::greater_than || op == Operator::count_at_most;
  if (list && !value.is_array()) fail(field + "value", "must be a list of values");
  if (number && !value.is_number()) fail(field + "value", "must be a number");
  if (!list && !number && !value.is_primitive()) {
    fail(field + "value", "must be a string, number, boolean or null");
  }
  condition.operand = value;
}

void Loader::read_attribute(const json& object, Condition& condition, const std::string& field,
                            int depth) {
  check_keys(object, {"attribute", "operator", "value", "where", "if_absent"}, field);
  if (object.contains("attribute")) {
    const json& attribute = object.at("attribute");
    if (attribute.is_string()) {
      const std::string text = attribute.get<std::string>();
      for (std::size_t start = 0; start <= text.size();) {
        const auto dot = std::min(text.find('.', start), text.size());
        if (dot == start) fail(field + "attribute", "has an empty key in '" + text + "'");
        condition.path.push_back(text.substr(start, dot - start));
        start = dot + 1;
      }
    } else if (attribute.is_array()) {
      for (const json& key : attribute)
        condition.path.push_back(read_string(key, field + "attribute"));
    } else {
      fail(field + "attribute", "must be a dotted path or a list of keys");
    }
  }
  const std::string name = read_string(require(object, "operator", field), field + "operator");
  const auto* found = std::find_if(std::begin(kOperators), std::end(kOperators),
                                   [&](const OperatorName& entry) { return entry.name == name; });
  if (found == std::end(kOperators) || found->op == Operator::none ||
      found->op == Operator::exist || found->op == Operator::count_at_most) {
    fail(field + "operator", "unknown operator '" + name + "'",
         "Use one of: " + list_of_operators(false));
  }
  condition.op = found->op;
  if (object.contains("if_absent")) {
    const json& value = object.at("if_absent");
    if (value.is_boolean()) {
      condition.if_absent = value.get<bool>() ? Truth::yes : Truth::no;
    } else if (value == "unknown") {
      condition.if_absent = Truth::unknown;
    } else {
      fail(field + "if_absent", "must be true, false or \"unknown\"");
    }
  }
  check_operand(object, condition, field, depth);
}

void Loader::read_resources(const json& object, Condition& condition, const std::string& field,
                            int depth) {
  check_keys(object, {"resources", "operator", "value", "where"}, field);
  condition.kind = Condition::Kind::resources;
  const json& types = object.at("resources");
  if (!types.is_array() || types.empty()) fail(field + "resources", "must be a list of types");
  for (const json& type : types)
    condition.resource_types.push_back(read_string(type, field + "resources"));
  const std::string name = read_string(require(object, "operator", field), field + "operator");
  if (name == "none") {
    condition.op = Operator::none;
  } else if (name == "exist") {
    condition.op = Operator::exist;
  } else if (name == "count_at_most") {
    condition.op = Operator::count_at_most;
  } else {
    fail(field + "operator", "unknown operator '" + name + "' over resources",
         "Use one of: " + list_of_operators(true));
  }
  check_operand(object, condition, field, depth);
}

Condition Loader::read_condition(const json& value, const std::string& field, int depth) {
  if (!value.is_object()) fail(field, "must be a condition object");
  if (depth > kMaxConditionDepth) {
    fail(field, "conditions nest more than " + std::to_string(kMaxConditionDepth) + " levels deep",
         "Flatten the condition, or name its parts under \"conditions\"");
  }
  const std::string prefix = field + ".";
  Condition condition;
  condition.location = field;
  if (value.contains("all_of") || value.contains("any_of")) {
    const bool all = value.contains("all_of");
    const std::string key = all ? "all_of" : "any_of";
    check_keys(value, {key}, prefix);
    condition.kind = all ? Condition::Kind::all_of : Condition::Kind::any_of;
    const json& children = value.at(key);
    if (!children.is_array() || children.empty()) fail(prefix + key, "must be a non-empty list");
    for (std::size_t i = 0; i < children.size(); ++i) {
      condition.children.push_back(
          read_condition(children[i], prefix + key + "[" + std::to_string(i) + "]", depth + 1));
    }
  } else if (value.contains("not")) {
    check_keys(value, {"not"}, prefix);
    condition.kind = Condition::Kind::negation;
    condition.children.push_back(read_condition(value.at("not"), prefix + "not", depth + 1));
  } else if (value.contains("use")) {
    check_keys(value, {"use"}, prefix);
    condition.kind = Condition::Kind::use;
    condition.use = read_string(value.at("use"), prefix + "use");
  } else if (value.contains("resources")) {
    read_resources(value, condition, prefix, depth);
  } else if (value.contains("operator")) {
    read_attribute(value, condition, prefix, depth);
  } else {
    fail(field, "is not a condition",
         "Write one of all_of, any_of, not, use, an attribute with an operator, or resources");
  }
  return condition;
}

Rule Loader::read_rule(const json& value, const std::string& field) {
  if (!value.is_object()) fail(field, "must be a rule object");
  if (value.contains("id") && value.at("id").is_string()) rule_ = value.at("id").get<std::string>();
  check_keys(value,
             {"id", "title", "severity", "names", "fix", "applies_to", "only_if", "flawed_when",
              "evidence", "fix_evidence"},
             "");
  Rule rule;
  rule.id = read_string(require(value, "id", ""), "id");
  if (rule.id.empty() ||
      rule.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
    fail("id", "'" + rule.id + "' is not a valid id", "Use lower-case letters, digits and hyphens");
  }
  rule.title = read_string(require(value, "title", ""), "title");
  const std::string severity = read_string(require(value, "severity", ""), "severity");
  if (severity == "critical") {
    rule.severity = Severity::critical;
  } else if (severity == "high") {
    rule.severity = Severity::high;
  } else if (severity == "medium") {
    rule.severity = Severity::medium;
  } else {
    fail("severity", "unknown severity '" + severity + "'", "Use critical, high or medium");
  }
  if (value.contains("names")) {
    if (!value.at("names").is_array()) fail("names", "must be a list of strings");
    for (const json& name : value.at("names")) rule.names.push_back(read_string(name, "names"));
  }
  if (value.contains("fix")) rule.fix = read_string(value.at("fix"), "fix");

  const json& applies = require(value, "applies_to", "");
  if (applies == "response") {
    rule.whole_response = true;
  } else if (applies.is_array() && !applies.empty()) {
    for (const json& type : applies) rule.resource_types.push_back(read_string(type, "applies_to"));
  } else {
    fail("applies_to", "must be \"response\" or a list of resource types");
  }
  if (value.contains("only_if")) {
    if (rule.whole_response) fail("only_if", "applies to resources, not to a whole response");
    rule.only_if = read_condition(value.at("only_if"), "only_if");
  }
  rule.flawed_when = read_condition(require(value, "flawed_when", ""), "flawed_when");
  if (value.contains("evidence")) rule.evidence = read_evidence(value.at("evidence"), "evidence");
  if (value.contains("fix_evidence")) {
    rule.fix_evidence = read_evidence(value.at("fix_evidence"), "fix_evidence");
  }
  return rule;
}

Loader::Expansion Loader::bind_uses(Condition& condition, std::vector<std::string>& chain,
                                    Catalog& catalog, int level) {
  // Checked before descending, so that a long chain of shared conditions cannot exhaust the
  // stack here either.
  if (level > kMaxConditionDepth) {
    fail(condition.location,
         "conditions nest more than " + std::to_string(kMaxConditionDepth) +
             " levels deep, counting the shared conditions they use",
         "Shorten the chain of shared conditions that use one another");
  }
  if (condition.kind == Condition::Kind::use) {
    auto found = catalog.shared_conditions.find(condition.use);
    if (found == catalog.shared_conditions.end()) {
      fail(condition.location + ".use", "no shared condition named '" + condition.use + "'",
           "Define it under \"conditions\" at the top of the catalog");
    }
    if (std::find(chain.begin(), chain.end(), condition.use) != chain.end()) {
      std::string cycle;
      for (const std::string& name : chain) cycle += name + " -> ";
      fail(condition.location + ".use", "shared conditions form a cycle: " + cycle + condition.use,
           "Break the cycle so that no condition uses itself");
    }
    condition.target = &found->second;
    auto bound = bound_.find(condition.use);
    if (bound == bound_.end()) {
      chain.push_back(condition.use);
      const Expansion expansion = bind_uses(found->second, chain, catalog, level + 1);
      chain.pop_back();
      bound = bound_.emplace(condition.use, expansion).first;
    }
    const Expansion expansion{bound->second.conditions + 1, bound->second.depth + 1};
    check_expansion(expansion, level, condition.location + ".use");
    return expansion;
  }

  Expansion expansion{1, 1};
  const auto add = [&](const Expansion& part) {
    expansion.conditions += part.conditions;
    expansion.depth = std::max(expansion.depth, part.depth + 1);
  };
  for (Condition& child : condition.children) add(bind_uses(child, chain, catalog, level + 1));
  if (condition.where) add(bind_uses(*condition.where, chain, catalog, level + 1));
  check_expansion(expansion, level, condition.location);
  return expansion;
}

void Loader::check_expansion(const Expansion& expansion, int level,
                             const std::string& field) const {
  // A shared condition is measured once, when it is first bound. Where it is used again, its
  // depth adds to the level of that use.
  if (level - 1 + expansion.depth > kMaxConditionDepth) {
    fail(field,
         "conditions nest more than " + std::to_string(kMaxConditionDepth) +
             " levels deep, counting the shared conditions they use",
         "Shorten the chain of shared conditions that use one another");
  }
  if (expansion.conditions > kMaxExpandedConditions) {
    fail(field,
         "expands to more than " + std::to_string(kMaxExpandedConditions) +
             " conditions once shared conditions are replaced by their definitions",
         "Use each shared condition fewer times inside the others");
  }
}

Catalog Loader::load(std::string_view text) {
  const json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) throw invalid_json(text);
  if (!document.is_object()) fail("", "the catalog must be a JSON object with a \"rules\" list");
  check_keys(document, {"version", "conditions", "rules"}, "");

  Catalog catalog;
  catalog.source = source_;
  if (document.contains("conditions")) {
    const json& shared = document.at("conditions");
    if (!shared.is_object()) fail("conditions", "must be an object of named conditions");
    for (const auto& [name, value] : shared.items()) {
      catalog.shared_conditions.emplace(name, read_condition(value, "conditions." + name));
    }
  }
  const json& rules = require(document, "rules", "");
  if (!rules.is_array()) fail("rules", "must be a list of rules");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    rule_.clear();
    Rule rule = read_rule(rules[i], "rules[" + std::to_string(i) + "]");
    if (!ids.insert(rule.id).second) fail("id", "duplicate id", "Give each rule its own id");
    catalog.rules.push_back(std::move(rule));
  }

  // Shared conditions are bound after every rule is read, so order in the file does not matter.
  for (auto& [name, condition] : catalog.shared_conditions) {
    if (bound_.contains(name)) continue;  // bound already, through a condition that uses it
    rule_.clear();
    std::vector<std::string> chain{name};
    bound_.emplace(name, bind_uses(condition, chain, catalog));
  }
  for (Rule& rule : catalog.rules) {
    rule_ = rule.id;
    std::vector<std::string> chain;
    bind_uses(rule.flawed_when, chain, catalog);
    if (rule.only_if) bind_uses(*rule.only_if, chain, catalog);
  }
  return catalog;
}

}  // namespace

Catalog load_catalog(std::string_view text, const std::string& source) {
  return Loader(source).load(text);
}

std::shared_ptr<const Catalog> load_catalog_file(const std::string& path) {
  if (path.empty()) return builtin_catalog();
  const TextFile file = read_text_file(path);
  return std::make_shared<const Catalog>(load_catalog(file.text, path));
}

std::shared_ptr<const Catalog> builtin_catalog() {
  static const auto catalog =
      std::make_shared<const Catalog>(load_catalog(kBuiltinCatalogText, "built-in catalog"));
  return catalog;
}

const Rule* Catalog::find(std::string_view id) const {
  for (const Rule& rule : rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

int severity_weight(Severity severity) {
  switch (severity) {
    case Severity::critical:
      return 3;
    case Severity::high:
      return 2;
    case Severity::medium:
      return 1;
  }
  return 1;
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::critical:
      return "critical";
    case Severity::high:
      return "high";
    case Severity::medium:
      return "medium";
  }
  return "medium";
}

bool matches_type(std::string_view pattern, std::string_view type) {
  // The judge calls this for every rule and resource, and nearly every result is false. So a
  // pattern without `*` is compared whole, and one with `*` first up to its first `*`.
  const std::size_t first_star = pattern.find('*');
  if (first_star == std::string_view::npos) return pattern == type;
  if (type.substr(0, first_star) != pattern.substr(0, first_star)) return false;
  // Glob matching with `*` only, iterative with one backtrack point.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < type.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == type[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace respgrade
