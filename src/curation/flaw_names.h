#pragma once

#include <string_view>

namespace respgrade {

// True when a title mentions a flaw name. A name is a phrase whose words must appear in the
// title in order, as whole words, with at most two other words between two of them:
// "single nat" matches "Single NAT Gateway" but not "Type Signature", and "missing flow log"
// matches "Missing VPC Flow Logs". A title word may add a plural "s"; a name word ending in `*`
// matches every word it begins ("encrypt*" matches "encryption"), and `+` between two words
// makes them adjacent ("aws+config" does not match "AWS Region Config").
bool title_mentions(std::string_view title, std::string_view name);

// The number of letters in a name's words: a longer name is the more specific match.
std::size_t name_weight(std::string_view name);

}  // namespace respgrade
