#include "common/error.h"

namespace respgrade {

namespace {

std::string join_message(const std::string& where, const std::string& problem,
                         const std::string& hint) {
  std::string text = where.empty() ? problem : where + ": " + problem;
  if (!hint.empty()) text += ". " + hint;
  return text;
}

}  // namespace

InputError::InputError(std::string where, const std::string& problem, std::string hint)
    : std::runtime_error(join_message(where, problem, hint)),
      where_(std::move(where)),
      problem_(problem),
      hint_(std::move(hint)) {}

std::string format_error(const InputError& error) {
  return std::string("respgrade: ") + error.what();
}

}  // namespace respgrade
