#!/usr/bin/env bash
# Validates the SARIF of grade, check, scan, batch and report against the SARIF 2.1.0 JSON schema, each
# command given several inputs (one of them unreadable where the command allows it), so that
# each must still write one valid document. A broken copy must fail validation, which shows
# that the validator really runs.
# Usage: tests/web/check-sarif.sh RESPGRADE_BINARY   (from the repository root; run install.sh
# first)
set -euo pipefail
binary=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
example=examples/private-network
hostile=fixtures/reports/hostile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Exit status 1 (below the bar) and 2 (an unreadable input) are expected here.
run() { "$@" || (($? <= 2)); }

run "$binary" grade "$example/MODEL_RESPONSE.md" "$hostile/MODEL_RESPONSE.md" missing.md \
  --ideal "$example/IDEAL_RESPONSE.md" --format sarif >"$work/grade.sarif"
run "$binary" check "$hostile" fixtures/check/network-task fixtures/check/missing-ideal \
  --format sarif >"$work/check.sarif"
run "$binary" scan "$example/MODEL_RESPONSE.md" "$hostile/MODEL_RESPONSE.md" \
  --format sarif >"$work/scan.sarif"
run "$binary" batch --manifest fixtures/reports/batch-manifest.jsonl --jobs 1 \
  --summary "$work/summary.txt" >"$work/batch.jsonl"
run "$binary" report "$work/batch.jsonl" --format sarif >"$work/report.sarif"
run "$binary" batch --manifest fixtures/reports/batch-manifest.jsonl --jobs 1 --format sarif \
  --summary "$work/summary.txt" >"$work/batch.sarif"

node "$here/validate-sarif.js" "$work"/{grade,check,scan,batch,report}.sarif

# A level the schema does not allow, and a driver without its required name.
node -e '
  const fs = require("node:fs");
  const log = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  log.runs[0].results[0].level = "fatal";
  delete log.runs[0].tool.driver.name;
  fs.writeFileSync(process.argv[2], JSON.stringify(log));
' "$work/grade.sarif" "$work/broken.sarif"
if node "$here/validate-sarif.js" "$work/broken.sarif" 2>/dev/null; then
  echo "check-sarif.sh: the validator accepted a broken document" >&2
  exit 1
fi
echo "check-sarif.sh: 5 documents valid, the broken one rejected"
