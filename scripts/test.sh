#!/usr/bin/env bash
# Sets up and builds respgrade if needed, then runs the whole test suite through CTest.
# Usage: scripts/test.sh [BUILD_DIR] [extra cmake arguments...]
#   scripts/test.sh                                        the normal build, in build/
#   scripts/test.sh build-asan -DRESPGRADE_SANITIZE=ON     under AddressSanitizer and UBSan
#   scripts/test.sh build-tsan -DRESPGRADE_TSAN=ON         under ThreadSanitizer
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$root/build}
shift || true
# Tools that only tests use: Chromium for the HTML report's browser test, xmllint
# (libxml2-utils) for the JUnit test. Those tests are skipped where the tools are missing.
export RESPGRADE_EXTRA_PACKAGES="${RESPGRADE_EXTRA_PACKAGES:-} chromium libxml2-utils"
"$root/scripts/setup.sh" "$build_dir" "$@"
cd "$build_dir"
# Read only by sanitizer builds: report leaks, and stop at the first undefined behaviour.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1}
ctest --output-on-failure -j "$(nproc)"
