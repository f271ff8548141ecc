"use strict";
// Validates SARIF documents against the official SARIF 2.1.0 JSON schema (draft-04,
// "sarif-2.1.0-rtm.5.json"), which the npm package @microsoft/jest-sarif ships, with Ajv and
// its URI and date-time formats.
//
// Usage: node validate-sarif.js FILE...
// Exits 0 when every file is valid, 1 after listing each schema violation.

const fs = require("node:fs");
const path = require("node:path");
const AjvDraft04 = require("ajv-draft-04");
const addFormats = require("ajv-formats");

const kSchemaPath = path.join(__dirname, "node_modules", "@microsoft", "jest-sarif", "lib",
  "schemas", "sarif-2.1.0-rtm.5.json");

function main(files) {
  if (files.length === 0) {
    console.error("usage: node validate-sarif.js FILE...");
    return 2;
  }
  // The schema's pattern for "language" has a stray "]", which a RegExp with the u flag
  // rejects. Ajv sets that flag by default, and without it the "]" is a literal character.
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(kSchemaPath, "utf8")));
  let invalid = 0;
  for (const file of files) {
    const document = JSON.parse(fs.readFileSync(file, "utf8"));
    if (validate(document)) {
      console.log(`${file}: valid SARIF 2.1.0`);
      continue;
    }
    invalid += 1;
    for (const error of validate.errors) {
      console.error(`${file}: ${error.instancePath || "/"}: ${error.message}`);
    }
  }
  return invalid === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
