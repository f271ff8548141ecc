#!/usr/bin/env bash
# Runs `respgrade blocks --format json` over every response in the corpus beside the repository
# and prints totals: responses, blocks, Python blocks, blocks with syntax errors and responses
# with no Python block. Rejected responses are listed with their error.
# Usage: scripts/corpus-blocks.sh [--untagged] [BUILD_DIR]
#   --untagged  also list every untagged fenced block and whether it was taken as Python,
#               to review the detection heuristics
# Exits 77 when the corpus is absent, as in a fresh clone.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
list_untagged=0
if [[ ${1:-} == --untagged ]]; then
  list_untagged=1
  shift
fi
build_dir=${1:-$root/build}
corpus=$(cd "$root/.." && pwd)/shared/corpus/pulumi-py

if [[ ! -d $corpus ]]; then
  echo "corpus-blocks: skipped: $corpus not found (a fresh clone has no corpus)" >&2
  exit 77
fi

# setup.sh rebuilds only what changed; its output goes to stderr to keep stdout for the totals.
"$root/scripts/setup.sh" "$build_dir" >&2

shopt -s nullglob
responses=("$corpus"/*/MODEL_RESPONSE.md "$corpus"/*/IDEAL_RESPONSE.md)
if ((${#responses[@]} == 0)); then
  echo "corpus-blocks: no */MODEL_RESPONSE.md or */IDEAL_RESPONSE.md under $corpus" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One run over all files: a rejected file gets one line on stderr and exit status 2, and the
# others still print. Any other status means respgrade failed, for example on a signal.
status=0
"$build_dir/respgrade" blocks --format json "${responses[@]}" >"$work/blocks.jsonl" \
  2>"$work/errors.txt" || status=$?
if ((status != 0 && status != 2)); then
  echo "corpus-blocks: respgrade exited with status $status" >&2
  cat "$work/errors.txt" >&2
  exit 1
fi

python3 - "${#responses[@]}" "$work/blocks.jsonl" "$work/errors.txt" "$list_untagged" <<'PYTHON'
import json
import sys

response_count = int(sys.argv[1])
blocks_path, errors_path, list_untagged = sys.argv[2], sys.argv[3], sys.argv[4] == "1"

with open(blocks_path, encoding="utf-8") as lines:
    reports = [json.loads(line) for line in lines if line.strip()]
with open(errors_path, encoding="utf-8") as lines:
    errors = [line.rstrip("\n") for line in lines if line.strip()]

if len(reports) + len(errors) != response_count:
    sys.exit(f"corpus-blocks: {response_count} responses but {len(reports)} reports "
             f"and {len(errors)} errors")

blocks = [block for report in reports for block in report["blocks"]]
totals = [
    ("responses", response_count),
    ("responses rejected", len(errors)),
    ("blocks", sum(report["block_count"] for report in reports)),
    ("Python blocks", sum(report["python_block_count"] for report in reports)),
    ("blocks with syntax errors", sum(report["blocks_with_syntax_errors"] for report in reports)),
    ("responses with no Python block",
     sum(1 for report in reports if report["python_block_count"] == 0)),
    ("untagged blocks taken as Python",
     sum(1 for block in blocks if not block["language"] and block["python"])),
    ("untagged blocks not taken as Python",
     sum(1 for block in blocks if not block["language"] and not block["python"])),
    ("unclosed fences", sum(1 for block in blocks if not block["closed"])),
]
width = max(len(name) for name, _ in totals) + 1
for name, value in totals:
    print(f"{name + ':':<{width}} {value:>6}")

for error in errors:
    print(f"rejected: {error}")

if list_untagged:
    for report in reports:
        for block in report["blocks"]:
            if block["language"]:
                continue
            first = next((line for line in block["text"].split("\n") if line.strip()), "")
            verdict = "python" if block["python"] else "not python"
            reason = f" ({block['python_reason']})" if block["python"] else ""
            print(f"{report['file']}:{block['first_line']}: {verdict}{reason}: "
                  f"{first.strip()[:70]}")
PYTHON
