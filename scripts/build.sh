#!/usr/bin/env bash
# Configures and builds Depeche. Usage: scripts/build.sh [--sanitize] [--release]
#   default     build/        RelWithDebInfo, warnings as errors
#   --sanitize  build-asan/   AddressSanitizer + UndefinedBehaviorSanitizer
#   --release   build-release/ Release (benchmarks)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/build"
args=(-DDEPECHE_WERROR=ON)
for a in "$@"; do
  case "$a" in
    --sanitize) dir="$root/build-asan"; args+=(-DDEPECHE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug) ;;
    # GCC 12 at -O3 emits false -Wmaybe-uninitialized/-Wrestrict from libstdc++ inlining: Release
    # builds keep warnings visible but not fatal (the default build stays -Werror).
    --release) dir="$root/build-release"; args=(-DDEPECHE_WERROR=OFF -DCMAKE_BUILD_TYPE=Release) ;;
    *) echo "build.sh: unknown option $a" >&2; exit 2 ;;
  esac
done
cmake -S "$root" -B "$dir" -G Ninja "${args[@]}" >/dev/null
cmake --build "$dir" --parallel "$(nproc)"
echo "$dir"
