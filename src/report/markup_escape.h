#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace respgrade {

// Escapes text for XML and HTML, in element content and in quoted attribute values alike:
// `& < > " '` become character references. Control characters that XML 1.0 forbids even as
// references (all below U+0020 except tab, line feed and carriage return) become U+FFFD.
// Input must be UTF-8; other bytes pass through unchanged.
std::string escape_markup(std::string_view text);

// Serialises JSON for a `<script type="application/json">` element. `<`, `>` and `&` inside
// strings become \u003c, \u003e and \u0026, so text such as `</script>` or `<!--` in model
// output cannot end the element or change how the HTML parser reads it; JSON.parse reads the
// result back unchanged.
std::string json_for_script(const nlohmann::ordered_json& value);

}  // namespace respgrade
