#pragma once

#include <stdexcept>
#include <string>

namespace respgrade {

// Exit statuses shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitBelowBar = 1;  // a score under --fail-under, a task failing the bar
inline constexpr int kExitError = 2;     // bad input or a bad invocation

// A problem with the user's input: a file that cannot be graded, a malformed rule catalog,
// a bad option. The library throws it; the command front end prints it and exits with 2.
class InputError : public std::runtime_error {
 public:
  // `where` is the file (with ":line" when known); `hint` says what to do about it.
  InputError(std::string where, const std::string& problem, std::string hint = {});

  const std::string& where() const { return where_; }
  const std::string& problem() const { return problem_; }
  const std::string& hint() const { return hint_; }

 private:
  std::string where_;
  std::string problem_;
  std::string hint_;
};

// Formats an error as the single line every command prints: "respgrade: WHERE: PROBLEM. HINT".
std::string format_error(const InputError& error);

}  // namespace respgrade
