#include "model/names.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "model/block_index.h"
#include "python/syntax.h"

namespace respgrade {

std::string dotted_path(TSNode node, const BlockIndex& block) {
  const auto& ids = syntax::fields();
  // Most callees are written `aws.s3.Bucket`, with nothing between the names and dots. Their text
  // is then the path, read without visiting the nodes of the chain. None, True and False are
  // literals, not names, so a path starting with one takes the walk below.
  if (syntax::is(node, "attribute") || syntax::is(node, "identifier")) {
    const std::string_view text = block.text(node);
    const bool plain = std::all_of(text.begin(), text.end(),
                                   [](char c) { return c == '.' || syntax::is_name_byte(c); });
    const std::string_view first = text.substr(0, text.find('.'));
    if (plain && first != "None" && first != "True" && first != "False") return std::string(text);
  }
  // Attribute chains nest to the left, so the walk down the objects meets the parts last first.
  std::vector<std::string_view> parts;
  std::size_t length = 0;
  while (syntax::is(node, "attribute")) {
    parts.push_back(block.text(syntax::field(node, ids.attribute)));
    length += parts.back().size() + 1;
    node = syntax::field(node, ids.object);
  }
  if (!syntax::is(node, "identifier")) return {};
  std::string path(block.text(node));
  path.reserve(path.size() + length);
  for (auto part = parts.rbegin(); part != parts.rend(); ++part) {
    path += '.';
    path += *part;
  }
  return path;
}

std::string qualify(std::string_view path, const BlockIndex& block, const ImportMap& fallback) {
  const auto dot = path.find('.');
  const std::string first(path.substr(0, dot));
  auto found = block.imports().find(first);
  if (found == block.imports().end()) {
    found = fallback.find(first);
    if (found == fallback.end()) return {};
  }
  const std::string_view rest = dot == std::string_view::npos ? "" : path.substr(dot);
  std::string qualified;
  qualified.reserve(found->second.size() + rest.size());
  qualified += found->second;
  qualified += rest;
  return qualified;
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
