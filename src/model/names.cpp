#include "model/names.h"

#include <cctype>

#include "model/block_index.h"
#include "python/syntax.h"

namespace respgrade {

std::string dotted_path(TSNode node, const BlockIndex& block) {
  const auto& ids = syntax::fields();
  std::string path;
  // Attribute chains nest to the left, so walk down the objects and prepend each attribute.
  while (syntax::is(node, "attribute")) {
    const std::string_view attribute = block.text(syntax::field(node, ids.attribute));
    path = path.empty() ? std::string(attribute) : std::string(attribute) + "." + path;
    node = syntax::field(node, ids.object);
  }
  if (!syntax::is(node, "identifier")) return {};
  const std::string_view base = block.text(node);
  return path.empty() ? std::string(base) : std::string(base) + "." + path;
}

std::string qualify(std::string_view path, const BlockIndex& block, const ImportMap& fallback) {
  const auto dot = path.find('.');
  const std::string first(path.substr(0, dot));
  const std::string rest = dot == std::string_view::npos ? "" : std::string(path.substr(dot));
  if (auto found = block.imports().find(first); found != block.imports().end()) {
    return found->second + rest;
  }
  if (auto found = fallback.find(first); found != fallback.end()) return found->second + rest;
  return {};
}

std::string canonical_aws_name(std::string_view qualified) {
  constexpr std::string_view kPackage = "pulumi_aws";
  if (!qualified.starts_with(kPackage)) return {};
  const std::string_view rest = qualified.substr(kPackage.size());
  if (!rest.empty() && rest.front() != '.') return {};
  return "aws" + std::string(rest);
}

bool is_resource_class(std::string_view canonical) {
  const auto dot = canonical.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= canonical.size()) return false;
  const std::string_view name = canonical.substr(dot + 1);
  if (!std::isupper(static_cast<unsigned char>(name.front()))) return false;
  // ALL_CAPS names are constants (aws.iam.ManagedPolicy.ADMINISTRATOR_ACCESS), not classes.
  bool has_lower = false;
  for (char c : name) has_lower = has_lower || std::islower(static_cast<unsigned char>(c));
  return has_lower && !name.ends_with("Args") && !name.ends_with("ArgsDict");
}

}  // namespace respgrade
