#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <unordered_map>

namespace respgrade {

class BlockIndex;

using ImportMap = std::unordered_map<std::string, std::string>;

// The dotted text of a chain of names and attributes (`aws.kinesis.Stream`), or an empty
// string when the expression is anything else.
std::string dotted_path(TSNode node, const BlockIndex& block);

// Replaces the first name of a dotted path with the module it was imported from, looking in
// the block's own imports, then in `fallback` (the imports of the response's other blocks).
// Returns an empty string when the first name was not imported.
std::string qualify(std::string_view path, const BlockIndex& block, const ImportMap& fallback);

// Maps a qualified path in the pulumi_aws package to its canonical name: pulumi_aws.kinesis.Stream
// becomes aws.kinesis.Stream. Returns an empty string outside the package.
std::string canonical_aws_name(std::string_view qualified);

// True for a canonical name that is a resource class: its last part starts with a capital
// letter and does not end in Args or ArgsDict.
bool is_resource_class(std::string_view canonical);

}  // namespace respgrade
