#!/usr/bin/env bash
# Installs what respgrade needs to build on Debian 12, then configures and builds it.
# Safe to run again: it installs only what is missing and rebuilds only what changed.
# Usage: scripts/setup.sh [BUILD_DIR] [extra cmake arguments...]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$root/build}
shift || true

# python3 runs scripts/corpus-blocks.sh, and python3-distributed (Dask) the test of batch as a
# Dask stage, scripts/dask-batch.py. Node.js builds from NodeSource bundle npm and conflict
# with Debian's npm package, so npm is asked for only when no npm command exists.
packages=(build-essential cmake pkg-config nodejs python3
  libcmark-gfm-dev libcmark-gfm-extensions-dev libtree-sitter-dev
  nlohmann-json3-dev catch2 libcli11-dev libdtl-dev python3 python3-distributed
  ${RESPGRADE_EXTRA_PACKAGES:-})
if ! command -v npm >/dev/null; then packages+=(npm); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# The grammar is an npm package pinned by grammars/package-lock.json. Its install scripts
# would build a Node binding we do not use, so they are skipped.
grammar=$root/grammars/node_modules/tree-sitter-python/package.json
if [[ ! -f $grammar || $root/grammars/package-lock.json -nt $grammar ]]; then
  echo "setup: installing the tree-sitter Python grammar with npm ci" >&2
  (cd "$root/grammars" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  touch "$grammar"
fi

cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
