#!/usr/bin/env bash
# Applies the repository's .clang-format to every C and C++ file git knows.
#   scripts/format.sh           rewrite files in place
#   scripts/format.sh --check   list unformatted files and fail (CI runs this)
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.c' '*.h' '*.cpp' '*.hpp')
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run --Werror "${files[@]}"
else
  clang-format -i "${files[@]}"
fi
