#pragma once

#include <string>
#include <vector>

#include "model/resource_model.h"
#include "python/response.h"
#include "rules/catalog.h"
#include "rules/finding.h"

namespace respgrade {

// Everything the grader found in one response: its parsed blocks, resource model and the
// finding of every rule. Findings point into the model and the catalog, so a ScannedResponse
// must not outlive the catalog it was judged with.
struct ScannedResponse {
  Response response;
  ResourceModel model;
  std::vector<Finding> findings;

  const Finding* finding(std::string_view rule_id) const;
};

// Runs the whole pipeline on a response in memory.
ScannedResponse scan_response(Response response, const Catalog& catalog);

// Reads and scans a response file; throws InputError for bad input.
ScannedResponse scan_file(const std::string& path, const Catalog& catalog,
                          std::size_t max_bytes = kDefaultMaxFileBytes);

}  // namespace respgrade
