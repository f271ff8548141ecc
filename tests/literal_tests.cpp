// Checks that string escapes without a UTF-8 form cannot break JSON output.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "cli/cli.h"

TEST_CASE("surrogate escape prints as replacement", "[model]") {
  const std::string path =
      std::string(RESPGRADE_SOURCE_DIR) + "/fixtures/model/surrogate-escape.md";
  std::ostringstream out, err;
  CHECK(respgrade::run_cli({"resources", "--format", "json", path}, out, err) == 0);
  CHECK(err.str().empty());
  CHECK(out.str().find("\"acl\":\"\xEF\xBF\xBD\"") != std::string::npos);
}
