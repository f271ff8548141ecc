#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/span.h"
#include "model/resource_model.h"
#include "rules/catalog.h"

namespace respgrade {

enum class Status { flawed, clean, not_applicable, unknown };
std::string_view status_name(Status status);

// The verdict of one rule on one resource it applies to.
struct ResourceResult {
  const Resource* resource = nullptr;
  Status status = Status::clean;
  std::vector<Span> evidence;
};

// The status of one rule in one response, with its evidence: for a flawed pattern the lines
// of the flaw, for a clean one the lines of its fix.
struct Finding {
  const Rule* rule = nullptr;
  Status status = Status::not_applicable;
  std::vector<Span> evidence;
  std::vector<std::string> unknown_reasons;  // what could not be resolved, when unknown
  std::vector<ResourceResult> resources;     // per resource, for rules judged per resource
  // Calls of the other resources the rule's conditions look at (the routes and methods of an
  // API, the backup policies of a file system): a failures document may point at them.
  std::vector<Span> related;
};

// Judges every rule of the catalog on a response's resource model, in catalog order.
std::vector<Finding> judge(const ResourceModel& model, const Catalog& catalog);

}  // namespace respgrade
