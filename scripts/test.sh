#!/usr/bin/env bash
# Sets up and builds respgrade if needed, then runs the whole test suite through CTest.
# Usage: scripts/test.sh [BUILD_DIR]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$root/build}
"$root/scripts/setup.sh" "$build_dir"
cd "$build_dir"
ctest --output-on-failure -j "$(nproc)"
