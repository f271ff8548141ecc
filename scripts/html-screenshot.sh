#!/usr/bin/env bash
# Takes a PNG screenshot of an HTML report in headless Chromium, for a person to look at.
# Without a report, renders one: the batch of fixtures/reports/batch-manifest.jsonl (the
# bundled example, the hostile fixture, the example's ideal and an unreadable item).
# Usage: scripts/html-screenshot.sh [OUT.png] [REPORT.html]
#   RESPGRADE   the binary that renders the report (default: build/respgrade)
#   HEIGHT      the window height in pixels, which is what the screenshot shows (default 2400)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(realpath -m "${1:-report.png}")
report=${2:-}
binary=$(realpath "${RESPGRADE:-$root/build/respgrade}")
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z $chromium ]]; then
  echo "html-screenshot.sh: chromium not found; install Debian's chromium package" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ -z $report ]]; then
  report=$work/report.html
  # batch exits with 2 because one item of the manifest cannot be read.
  (cd "$root" && "$binary" batch --manifest fixtures/reports/batch-manifest.jsonl --jobs 1 \
    --summary "$work/summary.txt" >"$work/results.jsonl") || true
  "$binary" report "$work/results.jsonl" --format html >"$report"
fi

"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars --window-size="1300,${HEIGHT:-2400}" \
  --screenshot="$out" "file://$(realpath "$report")" 2>"$work/chromium.log" || {
  cat "$work/chromium.log" >&2
  exit 1
}
echo "html-screenshot.sh: wrote $out"
