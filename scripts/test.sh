#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test:
#   1. the main tree (Debug, line coverage with gcovr): unit, ABI, storage conformance, integration
#      and end-to-end tests through ctest, then the coverage report (build/coverage.txt);
#   2. a second tree under AddressSanitizer + UndefinedBehaviorSanitizer, same ctest;
#   3. the example contrib plugin built out of tree against the installed SDK, loaded by the host;
#   4. every fuzz target for a few seconds (clang + libFuzzer).
# Before all that it checks the C/C++ sources are clang-formatted (scripts/format.sh fixes them).
# --quick runs step 1 only, without coverage.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
scripts/install-deps.sh --test
jobs=$(nproc)
# Each stage line says how long the run has taken so far (CI stops a run at 90 minutes).
stage() { echo "== $* [$((SECONDS / 60))m$((SECONDS % 60))s]"; }
cov=ON
[ $quick = 1 ] && cov=OFF

stage "0. format (clang-format, .clang-format)"
scripts/format.sh --check

stage "1. main tree (coverage=$cov)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCE_COVERAGE=$cov -DCE_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
find build -name '*.gcda' -delete 2>/dev/null || true
(cd build && ctest --output-on-failure -j "$jobs")
if [ $cov = ON ]; then
  scripts/coverage.sh build | tee build/coverage.txt | tail -n 8
fi
[ $quick = 1 ] && exit 0

stage "2. sanitizers (address,undefined)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCE_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j "$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$jobs")

stage "3. contrib plugin out of tree"
scripts/build-contrib-out-of-tree.sh

stage "4. fuzz smoke"
scripts/fuzz-smoke.sh "${CE_FUZZ_SECONDS:-15}"
stage "all test stages passed"
