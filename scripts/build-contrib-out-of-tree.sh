#!/usr/bin/env bash
# Proves the plugins-contrib policy: every contrib plugin builds out of tree against the INSTALLED
# SDK only (find_package(CloudEmuSDK)), never against host/ or the source tree's headers.
#
#   scripts/build-contrib-out-of-tree.sh            (env: BUILD_DIR, SDK_PREFIX, OOT_DIR)
#
# 1. configure the tree if BUILD_DIR has no cache yet (nothing needs to be built: the SDK is
#    header-only), 2. install only the sdk/ subdirectory into SDK_PREFIX, 3. configure and build
#    each plugins-contrib/<name> with CMAKE_PREFIX_PATH=SDK_PREFIX, 4. check that the module exports
#    exactly one symbol, ce_plugin_entry.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
prefix=${SDK_PREFIX:-/tmp/ce-sdk}
oot=${OOT_DIR:-/tmp/notes-oot}
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" "${generator[@]}" -DCE_BUILD_TESTS=OFF
fi
rm -rf "$prefix"
cmake --install "$build/sdk" --prefix "$prefix"

# A contrib plugin that includes host/ headers breaks the policy even if it happens to build.
if grep -rnE '#include [<"](host/|src/(http|routing|auth|plugins|storage|config)/)' "$root/plugins-contrib"; then
  echo "error: plugins-contrib must include only the installed SDK (cloudemu/...)" >&2
  exit 1
fi

status=0
for dir in "$root"/plugins-contrib/*/; do
  [[ -f $dir/CMakeLists.txt ]] || continue
  name=$(basename "$dir")
  out=$oot
  [[ $name == example-notes ]] || out=$oot-$name
  rm -rf "$out"
  echo "== $name (out of tree, SDK from $prefix)"
  cmake -S "$dir" -B "$out" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_PREFIX_PATH="$prefix"
  cmake --build "$out" -j2
  so=$(find "$out" -name "cloudemu-$name.so" -print -quit)
  if [[ -z $so ]]; then
    echo "error: no cloudemu-$name.so built" >&2
    status=1
    continue
  fi
  # The source tree must not leak in: the SDK headers must come from the install prefix.
  if grep -q "$root/sdk/include" "$out/CMakeCache.txt" "$out"/build.ninja 2>/dev/null; then
    echo "error: $name compiled against $root/sdk/include instead of $prefix" >&2
    status=1
  fi
  exported=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDRB]$/ {print $3}')
  if [[ $exported != ce_plugin_entry ]]; then
    echo "error: $so must export only ce_plugin_entry, exports: $exported" >&2
    status=1
  fi
  echo "ok: $so"
done
[[ $status == 0 ]] || exit $status

# 5. The host loads the out-of-tree example-notes (and only it: --plugin-dir comes first, the in-tree
# copy of the same name is then refused) and serves it.
host=$build/bin/cloudemu
if [[ -x $host ]]; then
  data=$(mktemp -d)
  "$host" --port 0 --port-file "$data/port" --storage memory --services example-notes --plugin-dir "$oot" \
    --access-log off >"$data/out" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
  for _ in $(seq 100); do [[ -s $data/port ]] && break; sleep 0.05; done
  port=$(cat "$data/port")
  plugins=$(curl -sf "http://127.0.0.1:$port/_cloudemu/plugins")
  echo "$plugins" | grep -q "\"file\":\"$oot/cloudemu-example-notes.so\"" ||
    { echo "error: the host did not load $oot/cloudemu-example-notes.so: $plugins" >&2; exit 1; }
  curl -sf -X PUT --data-binary 'out of tree' "http://127.0.0.1:$port/_example/notes/oot" >/dev/null
  got=$(curl -sf "http://127.0.0.1:$port/_example/notes/oot")
  [[ $got == 'out of tree' ]] || { echo "error: GET returned '$got'" >&2; exit 1; }
  echo "ok: the host loaded and served the out-of-tree plugin"
fi
