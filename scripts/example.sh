#!/usr/bin/env bash
# Sets up and builds respgrade if needed, then grades the bundled example task: a model's
# answer against the curated ideal, with the diff of every fix.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh" "$root/build" >/dev/null
cd "$root"
build/respgrade grade examples/private-network/MODEL_RESPONSE.md \
  --ideal examples/private-network/IDEAL_RESPONSE.md "$@"
