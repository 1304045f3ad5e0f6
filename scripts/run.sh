#!/usr/bin/env bash
# Installs what is missing, builds (Release) and starts cloudemu on 127.0.0.1:4566 with persistent
# LMDB state in ./.cloudemu. Any argument goes to cloudemu (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCE_BUILD_TESTS=OFF >/dev/null
cmake --build build-release -j "$(nproc)"
exec build-release/bin/cloudemu "$@"
