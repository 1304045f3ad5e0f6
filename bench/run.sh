#!/usr/bin/env bash
# CloudEmu benchmark: builds a Release tree (build-release, no tests), then measures cloudemu next to
# nginx (the ceiling) and writes one markdown report to bench/results/latest.md (git-ignored).
# Not a test: never registered with ctest. Run it on a quiet machine; see bench/README.md.
#   bench/run.sh                       everything (about 2 minutes)
#   bench/run.sh --wrk-seconds 5       any option of bench/bench.py (try --help)
#   CE_BENCH_SKIP_BUILD=1 bench/run.sh use build-release as it is
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || {
    echo "bench: $tool is missing: scripts/install-deps.sh --bench" >&2; exit 1; }
done
if [ -z "${CE_BENCH_SKIP_BUILD:-}" ]; then
  cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCE_BUILD_TESTS=OFF >/dev/null
  cmake --build build-release -j "$(nproc)"
fi
exec /usr/bin/python3 bench/bench.py --cloudemu build-release/bin/cloudemu --nginx "$(command -v nginx || echo /usr/sbin/nginx)" \
  --command "${CE_BENCH_SKIP_BUILD:+CE_BENCH_SKIP_BUILD=1 }bench/run.sh${*:+ $*}" "$@"
