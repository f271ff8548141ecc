#!/usr/bin/env bash
# Installs the npm packages of tests/web (the SARIF schema and its validator), pinned by
# package-lock.json, when they are missing or older than the lock file. CTest runs it before
# the tests that need them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
stamp=node_modules/.package-lock.json
if [[ -f $stamp && ! package-lock.json -nt $stamp ]]; then exit 0; fi
if ! command -v npm >/dev/null; then
  echo "install.sh: npm not found; run scripts/setup.sh, which installs it" >&2
  exit 1
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
touch "$stamp"
