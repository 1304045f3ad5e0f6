#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang in build-fuzz and runs each for a short
# while from its seed corpus; any crash, sanitizer report or timeout fails the script.
#
#   scripts/fuzz-smoke.sh [seconds-per-target]      (default 20; env FUZZ_SECONDS works too)
#   FUZZ_TARGETS="fuzz_aws_chunked" scripts/fuzz-smoke.sh 60    # a subset
#
# New corpus entries found during the run go to a scratch directory, never into the repo's seeds.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-${FUZZ_SECONDS:-20}}"
source_dir="${CE_FUZZ_SOURCE_DIR:-$repo}"    # a scratch CMake project can stand in for the repo
build_dir="${CE_FUZZ_BUILD_DIR:-$repo/build-fuzz}"
jobs="${CE_FUZZ_JOBS:-2}"
read -r -a extra_cmake_args <<<"${CE_FUZZ_CMAKE_ARGS:-}"   # e.g. "-DCE_SERVICES="

CC=clang CXX=clang++ cmake -S "$source_dir" -B "$build_dir" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCE_FUZZ=ON -DCE_BUILD_TESTS=OFF \
  ${extra_cmake_args[@]+"${extra_cmake_args[@]}"} >/dev/null
ninja -C "$build_dir" -j"$jobs" ce_fuzz_targets

targets="${FUZZ_TARGETS:-$(cd "$build_dir/fuzz" && ls fuzz_* 2>/dev/null | tr '\n' ' ')}"
if [[ -z "${targets// /}" ]]; then
  echo "fuzz-smoke: no fuzz targets in $build_dir/fuzz" >&2
  exit 1
fi

failed=0
for target in $targets; do
  seeds="$repo/tests/fuzz/corpus/$target"
  work="$(mktemp -d "${TMPDIR:-/tmp}/ce-fuzz-$target.XXXXXX")"
  mkdir -p "$work/corpus" "$work/artifacts"
  echo "== $target: ${seconds}s from $(ls "$seeds" 2>/dev/null | wc -l) seeds"
  if ! "$build_dir/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" "$seeds" \
      >"$work/log" 2>&1; then
    echo "!! $target failed; crashing inputs in $work/artifacts, log in $work/log" >&2
    tail -n 40 "$work/log" >&2
    failed=1
    continue
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$work/log" | sed 's/^/   /'
  rm -rf "$work"
done
exit "$failed"
