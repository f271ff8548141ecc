#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, AddressSanitizer and UndefinedBehaviorSanitizer, then
# runs each target in turn for SECONDS (default 60), one process at a time.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#   targets: markdown scan catalog failures_document (default all)
#
# Seeds come from fixtures/, examples/, the built-in catalog, the saved crash inputs under
# fixtures/fuzz-regressions/ and, when it is beside the repository, the corpus of real answers.
# What libFuzzer learns is kept in build-fuzz/corpus/TARGET, so a later run continues from it.
# A crash, leak, timeout or out-of-memory input is written to build-fuzz/artifacts/TARGET/;
# copy it to fixtures/fuzz-regressions/TARGET/ once fixed, so the test suite replays it.
# Set RESPGRADE_FUZZ_BUILD_DIR to build elsewhere, and RESPGRADE_FUZZ_ARGS to pass more libFuzzer
# flags, such as -max_len=8192 to favour many small inputs over the corpus's long responses.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then targets=(markdown scan catalog failures_document); fi
build_dir=${RESPGRADE_FUZZ_BUILD_DIR:-$root/build-fuzz}
corpus=$root/../shared/corpus/pulumi-py

if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds == 0)); then
  echo "fuzz: SECONDS must be a whole number above 0, not '$seconds'" >&2
  exit 2
fi

# libFuzzer ships in Debian's libclang-rt-14-dev, which the clang package does not pull in.
RESPGRADE_EXTRA_PACKAGES="clang libclang-rt-14-dev" "$root/scripts/setup.sh" "$build_dir" \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DRESPGRADE_SANITIZE=ON -DRESPGRADE_FUZZ=ON -DRESPGRADE_TESTS=OFF

# Copies seed files into a fresh folder, since libFuzzer reads every file of a folder it is given.
make_seeds() {
  local folder=$1
  shift
  rm -rf "$folder"
  mkdir -p "$folder"
  local file
  for file in "$@"; do
    [[ -f $file ]] && cp "$file" "$folder/$(printf '%s' "$file" | md5sum | cut -c1-16)"
  done
  return 0
}

shopt -s nullglob globstar
status=0
for target in "${targets[@]}"; do
  case $target in
    markdown | scan)
      seed_files=("$root"/fixtures/**/*.md "$root"/examples/**/*.md "$corpus"/*/*.md)
      dictionary=$root/fuzz/markdown.dict
      ;;
    catalog)
      seed_files=("$root"/src/rules/builtin_catalog.json "$root"/fixtures/**/*.json)
      dictionary=$root/fuzz/catalog.dict
      ;;
    failures_document)
      seed_files=("$root"/fixtures/**/MODEL_FAILURES.md "$corpus"/*/MODEL_FAILURES.md)
      dictionary=$root/fuzz/failures_document.dict
      ;;
    *)
      echo "fuzz: unknown target '$target'. Use markdown, scan, catalog or failures_document" >&2
      exit 2
      ;;
  esac
  seed_files+=("$root"/fixtures/fuzz-regressions/"$target"/*)
  make_seeds "$build_dir/seeds/$target" "${seed_files[@]}"
  mkdir -p "$build_dir/corpus/$target" "$build_dir/artifacts/$target"

  echo "fuzz: running $target for $seconds seconds" >&2
  # A single input slower than 10 seconds counts as a hang; 2 GiB of memory as exhausting it.
  if ! ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$build_dir/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -dict="$dictionary" -artifact_prefix="$build_dir/artifacts/$target/" -print_final_stats=1 \
    ${RESPGRADE_FUZZ_ARGS:-} "$build_dir/corpus/$target" "$build_dir/seeds/$target"; then
    echo "fuzz: $target found a problem; the input is in $build_dir/artifacts/$target/" >&2
    status=1
  fi
done
exit $status
