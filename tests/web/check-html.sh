#!/usr/bin/env bash
# Renders HTML reports of the project's fixtures and checks each in headless Chromium
# (check-html-page.js): a batch report with the hostile fixture and an unreadable item, a grade
# and a check of the hostile fixture, and a grade of several responses. A copy with planted
# markup must fail the same checks, which shows that they can fail. Exits 77 (skipped) when
# Chromium or Node.js is missing; scripts/test.sh installs Debian's chromium package.
# Usage: tests/web/check-html.sh RESPGRADE_BINARY   (from the repository root)
set -euo pipefail
binary=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z $chromium ]] || ! command -v node >/dev/null; then
  echo "SKIP: chromium or node not found; scripts/test.sh installs Debian's chromium package"
  exit 77
fi
example=examples/private-network
hostile=fixtures/reports/hostile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Exit status 1 (below the bar) and 2 (an unreadable input) are expected here.
run() { "$@" || (($? <= 2)); }
check() { node "$here/check-html-page.js" --chromium "$chromium" "$@"; }

run "$binary" batch --manifest fixtures/reports/batch-manifest.jsonl --jobs 1 \
  --summary "$work/summary.txt" >"$work/batch.jsonl"
run "$binary" report "$work/batch.jsonl" --format html >"$work/batch.html"
run "$binary" grade "$hostile/MODEL_RESPONSE.md" --ideal "$hostile/IDEAL_RESPONSE.md" \
  --format html >"$work/hostile-grade.html"
run "$binary" check "$hostile" --format html >"$work/hostile-check.html"
run "$binary" grade "$example/MODEL_RESPONSE.md" "$example/IDEAL_RESPONSE.md" \
  --ideal "$example/IDEAL_RESPONSE.md" --format html >"$work/two-grades.html"

# The hostile strings of the fixture's code, which the reports must show as text.
code_texts=(
  --text '# </script><script>alert(1)</script> <img src=x onerror=alert(1)> &amp; ]]>'
  --text '"events<svg onload=alert(1)>",'
  --text '"</textarea><b>bold</b></title><!--", "note": "</style><style>body{display:none}</style>"'
)
# 15 patterns in the built-in catalog; ten score bins, as every batch item with a grade has a
# score.
check --page "$work/batch.html" --bars 15 --bins 10 "${code_texts[@]}" \
  --text "</script><script>alert('id')</script><img src=x onerror=alert(1)>" \
  --text 'missing-<b>file</b>'
check --page "$work/hostile-grade.html" "${code_texts[@]}"
check --page "$work/hostile-check.html" \
  --text '1. Log retention too short </script><script>alert(3)</script> (Line 17)' \
  --text '2. Kinesis stream not encrypted <b>at rest</b> (lines 2-3)'
check --page "$work/two-grades.html" --bars 15 --bins 10

# Markup planted past the escaping: an image, a script that alerts and one that logs an error.
sed 's|<h2>Overview</h2>|&<img src=x onerror=alert(1)><script>alert(2)</script><script>console.error("planted")</script>|' \
  "$work/batch.html" >"$work/planted.html"
if check --page "$work/planted.html" --bars 15 --bins 10 2>"$work/planted.txt"; then
  echo "check-html.sh: the checks passed a page with planted markup" >&2
  exit 1
fi
for expected in 'injected element' 'dialog opened by script' 'console error: planted'; do
  if ! grep -q "$expected" "$work/planted.txt"; then
    echo "check-html.sh: the planted page did not give '$expected':" >&2
    cat "$work/planted.txt" >&2
    exit 1
  fi
done
echo "check-html.sh: 4 reports pass in $("$chromium" --version 2>/dev/null | head -n 1);" \
  "the planted page fails"
