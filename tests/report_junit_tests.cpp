// Checks the JUnit XML printer: suites, cases and counts for the bundled example, escaping of
// the hostile fixture, and one document for several inputs. xmllint checks well-formedness in
// the CTest test report_junit_xml.

#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace {

const std::string kSource = RESPGRADE_SOURCE_DIR;
const std::string kExample = kSource + "/examples/private-network/";
const std::string kHostile = kSource + "/fixtures/reports/hostile/";

std::string run_junit(const std::vector<std::string>& args, int expected_status) {
  std::ostringstream out, err;
  CHECK(respgrade::run_cli(args, out, err) == expected_status);
  return out.str();
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// Every tag name in the document: a `<` in escaped text would start a name outside this set.
std::set<std::string> tag_names(const std::string& xml) {
  std::set<std::string> names;
  const std::regex tag("<([/?]?[A-Za-z-]*)");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), tag); it != std::sregex_iterator();
       ++it) {
    names.insert((*it)[1]);
  }
  return names;
}

}  // namespace

TEST_CASE("junit grade suite counts verdicts", "[report][junit]") {
  const std::string xml = run_junit({"grade", kExample + "MODEL_RESPONSE.md", "--ideal",
                                     kExample + "IDEAL_RESPONSE.md", "--format", "junit"},
                                    0);
  CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
  CHECK(xml.find("<testsuites name=\"respgrade\" tests=\"15\" failures=\"4\" errors=\"0\" "
                 "skipped=\"9\">") != std::string::npos);
  CHECK(occurrences(xml, "<testcase ") == 15);
  CHECK(occurrences(xml, "<failure ") == 4);
  CHECK(occurrences(xml, "<skipped ") == 9);
  CHECK(xml.find("<testcase classname=\"" + kExample +
                 "MODEL_RESPONSE.md\" name=\"log-retention-365\">") != std::string::npos);
  CHECK(xml.find("<property name=\"score\" value=\"0.375\"/>") != std::string::npos);
}

TEST_CASE("junit failure has evidence and fix", "[report][junit]") {
  const std::string xml = run_junit({"grade", kExample + "MODEL_RESPONSE.md", "--ideal",
                                     kExample + "IDEAL_RESPONSE.md", "--format", "junit"},
                                    0);
  const auto failure = xml.find("<failure message=\"fail: critical: CloudWatch log group");
  REQUIRE(failure != std::string::npos);
  const std::string body = xml.substr(failure, xml.find("</failure>", failure) - failure);
  CHECK(body.find("type=\"fail\"") != std::string::npos);
  CHECK(body.find("  38 |     retention_in_days=30,") != std::string::npos);
  CHECK(body.find("  42 |     retention_in_days=365,") != std::string::npos);
  CHECK(body.find("fix: Set retention_in_days to 365") != std::string::npos);
  CHECK(body.find("-retention_in_days=30,") != std::string::npos);
}

TEST_CASE("junit skipped gives the reason", "[report][junit]") {
  const std::string xml = run_junit({"grade", kExample + "MODEL_RESPONSE.md", "--ideal",
                                     kExample + "IDEAL_RESPONSE.md", "--format", "junit"},
                                    0);
  CHECK(xml.find("<skipped message=\"not graded: the pattern does not apply to the ideal\"/>") !=
        std::string::npos);
}

TEST_CASE("junit escapes hostile code", "[report][junit]") {
  const std::string xml = run_junit({"grade", kHostile + "MODEL_RESPONSE.md", "--ideal",
                                     kHostile + "IDEAL_RESPONSE.md", "--format", "junit"},
                                    0);
  const std::set<std::string> expected = {"?xml",       "testsuites", "/testsuites", "testsuite",
                                          "/testsuite", "properties", "/properties", "property",
                                          "testcase",   "/testcase",  "failure",     "/failure",
                                          "skipped"};
  CHECK(tag_names(xml) == expected);
  CHECK(xml.find("# &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x "
                 "onerror=alert(1)&gt; &amp;amp; ]]&gt;") != std::string::npos);
  CHECK(xml.find("&quot;events&lt;svg onload=alert(1)&gt;&quot;") != std::string::npos);
}

TEST_CASE("junit several inputs make one document", "[report][junit]") {
  const std::string xml =
      run_junit({"grade", kExample + "MODEL_RESPONSE.md", kHostile + "MODEL_RESPONSE.md",
                 kSource + "/no-such-response.md", "--ideal", kExample + "IDEAL_RESPONSE.md",
                 "--format", "junit"},
                2);
  CHECK(occurrences(xml, "<?xml") == 1);
  CHECK(occurrences(xml, "<testsuites ") == 1);
  CHECK(occurrences(xml, "<testsuite ") == 3);
  CHECK(occurrences(xml, "<error message=\"respgrade: " + kSource +
                             "/no-such-response.md: file "
                             "not found. Check the path\" type=\"input_error\">") == 1);
  CHECK(xml.find("<testsuites name=\"respgrade\" tests=\"31\" ") != std::string::npos);
}

TEST_CASE("junit check cases follow the bar", "[report][junit]") {
  const std::string xml = run_junit({"check", kHostile, "--format", "junit"}, 1);
  // 15 patterns in the ideal (two flawed), two documented flaws (one moved).
  CHECK(occurrences(xml, "<testcase ") == 17);
  CHECK(occurrences(xml, "<failure ") == 3);
  CHECK(xml.find("name=\"ideal/cloudtrail-enabled\"") != std::string::npos);
  CHECK(xml.find("type=\"moved\"") != std::string::npos);
  CHECK(xml.find("not documented: cloudtrail-enabled") != std::string::npos);
}

TEST_CASE("junit scan skips patterns not applicable", "[report][junit]") {
  const std::string xml =
      run_junit({"scan", kExample + "MODEL_RESPONSE.md", "--format", "junit"}, 0);
  CHECK(xml.find("tests=\"15\" failures=\"4\" errors=\"0\" skipped=\"9\"") != std::string::npos);
}
