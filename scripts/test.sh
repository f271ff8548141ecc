#!/usr/bin/env bash
# Sets up and builds respgrade if needed, then runs the whole test suite through CTest.
# Usage: scripts/test.sh [BUILD_DIR]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$root/build}
# Tools that only tests use: Chromium for the HTML report's browser test, xmllint
# (libxml2-utils) for the JUnit test. Those tests are skipped where the tools are missing.
export RESPGRADE_EXTRA_PACKAGES="${RESPGRADE_EXTRA_PACKAGES:-} chromium libxml2-utils"
"$root/scripts/setup.sh" "$build_dir"
cd "$build_dir"
ctest --output-on-failure -j "$(nproc)"
