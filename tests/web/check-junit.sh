#!/usr/bin/env bash
# Checks that the JUnit XML of grade, check, scan and report is well-formed (xmllint) and that
# the counts in its attributes match its elements, each command given several inputs, among
# them the hostile fixture and an unreadable file. Exits 77 (skipped) without xmllint, which
# Debian's libxml2-utils provides and scripts/test.sh installs.
# Usage: tests/web/check-junit.sh RESPGRADE_BINARY   (from the repository root)
set -euo pipefail
binary=$1
if ! command -v xmllint >/dev/null; then
  echo "SKIP: xmllint not found; install Debian's libxml2-utils"
  exit 77
fi
example=examples/private-network
hostile=fixtures/reports/hostile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Exit status 1 (below the bar) and 2 (an unreadable input) are expected here.
run() { "$@" || (($? <= 2)); }

run "$binary" grade "$example/MODEL_RESPONSE.md" "$hostile/MODEL_RESPONSE.md" missing.md \
  --ideal "$example/IDEAL_RESPONSE.md" --format junit >"$work/grade.xml"
run "$binary" check "$hostile" fixtures/check/network-task --format junit >"$work/check.xml"
run "$binary" scan "$example/MODEL_RESPONSE.md" "$hostile/MODEL_RESPONSE.md" \
  --format junit >"$work/scan.xml"
run "$binary" batch --manifest fixtures/reports/batch-manifest.jsonl --jobs 1 \
  --summary "$work/summary.txt" >"$work/batch.jsonl"
run "$binary" report "$work/batch.jsonl" --format junit >"$work/report.xml"

# Compares an XPath number over the document with the expected one.
expect() {
  local file=$1 expression=$2 expected=$3 actual
  actual=$(xmllint --xpath "$expression" "$file")
  if [[ $actual != "$expected" ]]; then
    echo "check-junit.sh: $file: $expression is $actual, expected $expected" >&2
    exit 1
  fi
}

for file in "$work"/{grade,check,scan,report}.xml; do
  xmllint --noout "$file"
  expect "$file" 'count(/testsuites/testsuite/testcase) = /testsuites/@tests' true
  expect "$file" 'count(//testcase/failure) = /testsuites/@failures' true
  expect "$file" 'count(//testcase/error) = /testsuites/@errors' true
  expect "$file" 'count(//testcase/skipped) = /testsuites/@skipped' true
  expect "$file" 'count(/testsuites/testsuite[count(testcase) != @tests]) = 0' true
done
# grade: two responses and one unreadable file; the example fails four patterns.
expect "$work/grade.xml" 'count(/testsuites/testsuite)' 3
expect "$work/grade.xml" 'count(//testsuite[1]/testcase/failure)' 4
expect "$work/grade.xml" 'count(//testcase/error)' 1
# report: three graded items and one that could not be graded.
expect "$work/report.xml" 'count(/testsuites/testsuite)' 4
expect "$work/report.xml" 'count(//testcase/error)' 1

# A document cut short must be rejected, which shows that xmllint really checks.
head -c 200 "$work/grade.xml" >"$work/broken.xml"
if xmllint --noout "$work/broken.xml" 2>/dev/null; then
  echo "check-junit.sh: xmllint accepted a truncated document" >&2
  exit 1
fi
echo "check-junit.sh: 4 documents well-formed, counts consistent"
