#!/usr/bin/env bash
# Counts instructions with valgrind's callgrind for `respgrade batch -j 1` and for
# `bench/parse_only` over the same task folders, and prints the grader's overhead. Instruction
# counts repeat from run to run, unlike times, so the README's performance tables use them.
# Usage: scripts/callgrind-overhead.sh [BUILD_DIR] [TASKS]
#   BUILD_DIR  a built respgrade (default build/)
#   TASKS      how many corpus tasks, taken in name order (default 30, as in the README)
# Keeps callgrind.batch and callgrind.parse_only in BUILD_DIR for callgrind_annotate.
# Exit status: 0, or 77 when the corpus is not beside the repository.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$root/build}
tasks=${2:-30}
corpus=$root/../shared/corpus/pulumi-py

if [[ ! -d $corpus ]]; then
  echo "skipped: $corpus not found (a fresh clone has no corpus)"
  exit 77
fi
for binary in "$build_dir/respgrade" "$build_dir/bench/parse_only"; do
  if [[ ! -x $binary ]]; then
    echo "callgrind-overhead: $binary not found; build first with scripts/setup.sh" >&2
    exit 2
  fi
done
if ! command -v valgrind >/dev/null; then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "callgrind-overhead: installing valgrind" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends valgrind \
    >/dev/null
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/tasks"
find "$corpus" -mindepth 1 -maxdepth 1 -type d -not -name '.*' | sort | head -n "$tasks" |
  while read -r task; do ln -s "$task" "$scratch/tasks/"; done
printf '%s\n' "$scratch"/tasks/*/*_RESPONSE.md >"$scratch/responses.txt"

# Prints the total instruction count of a callgrind run from its output file.
count() { grep -m1 '^summary:' "$1" | awk '{print $2}'; }

# batch exits 2 when a response fails, as the corpus's two non-UTF-8 responses do. Any other
# status means the run itself failed.
status=0
valgrind --tool=callgrind --callgrind-out-file="$build_dir/callgrind.batch" \
  "$build_dir/respgrade" batch -j 1 "$scratch/tasks" --summary /dev/null >/dev/null 2>&1 ||
  status=$?
if ((status != 0 && status != 2)); then
  echo "callgrind-overhead: batch failed with exit status $status" >&2
  exit 1
fi
valgrind --tool=callgrind --callgrind-out-file="$build_dir/callgrind.parse_only" \
  "$build_dir/bench/parse_only" --list "$scratch/responses.txt" >/dev/null 2>&1

batch=$(count "$build_dir/callgrind.batch")
parse=$(count "$build_dir/callgrind.parse_only")
awk -v tasks="$tasks" -v responses="$(wc -l <"$scratch/responses.txt")" \
  -v batch="$batch" -v parse="$parse" 'BEGIN {
  printf "%d tasks, %d responses\n", tasks, responses
  printf "batch -j 1   %7.1fM instructions\n", batch / 1e6
  printf "parse_only   %7.1fM instructions\n", parse / 1e6
  printf "overhead     %7.1fM (%.1f%% of parse_only)\n", (batch - parse) / 1e6, 100 * (batch - parse) / parse
}'
