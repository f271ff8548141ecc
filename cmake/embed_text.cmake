# Writes INPUT as a C++ raw string constant into OUTPUT, so the binary carries the file.
file(READ ${INPUT} CONTENT)
set(DELIMITER "embedded_text")
file(WRITE ${OUTPUT}
  "// Generated from ${INPUT}; edit that file instead.\n"
  "#include <string_view>\n"
  "namespace respgrade {\n"
  "extern const std::string_view kBuiltinCatalogText;\n"
  "const std::string_view kBuiltinCatalogText = R\"${DELIMITER}(${CONTENT})${DELIMITER}\";\n"
  "}\n")
