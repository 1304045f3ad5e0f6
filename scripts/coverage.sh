#!/usr/bin/env bash
# Line coverage of host/, sdk/ and plugins/ from a tree built with -DCE_COVERAGE=ON after ctest ran.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
gcovr --root . --object-directory "$build" --filter 'host/' --filter 'sdk/' --filter 'plugins/' \
  --exclude '.*/test/.*' --gcov-ignore-parse-errors --print-summary -s "$build" 2>/dev/null | tail -n 40
