#!/usr/bin/env bash
# Installs what CloudEmu needs on Debian 12, only what is missing (apt-get is slow to no-op).
#   scripts/install-deps.sh          build and run: compiler, CMake, the libraries
#   scripts/install-deps.sh --test   also the test clients, sanitizer/fuzzer runtime and coverage
#   scripts/install-deps.sh --bench  also wrk, nginx, hyperfine and Node/npm (for s3rver) for bench/
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config libboost1.74-dev libboost-filesystem1.74-dev liblmdb-dev libmsgpack-cxx-dev
          nlohmann-json3-dev libpugixml-dev libssl-dev libisal-dev catch2 python3)
for arg in "$@"; do
  case "$arg" in
    --test)
      packages+=(clang libclang-rt-14-dev gcovr awscli python3-boto3 curl openssl)
      # Node may come from another packager (NodeSource's nodejs bundles npm and conflicts with
      # Debian's npm): install Debian's only when the commands are missing.
      command -v node >/dev/null || packages+=(nodejs)
      command -v npm >/dev/null || packages+=(npm) ;;
    --bench)
      packages+=(wrk nginx-light hyperfine curl)
      # Node and npm for the S3 peer s3rver (bench/package.json), as for --test.
      command -v node >/dev/null || packages+=(nodejs)
      command -v npm >/dev/null || packages+=(npm) ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
