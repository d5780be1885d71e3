#!/usr/bin/env bash
# README command 2: installs what is missing, builds, and runs the whole test suite twice —
# in the normal build and under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
jobs="$(nproc)"

build="$("$root/scripts/build.sh" | tail -n 1)"
echo "== tests: normal build =="
ctest --test-dir "$build" --output-on-failure --parallel "$jobs" --timeout 600

asan="$("$root/scripts/build.sh" --sanitize | tail -n 1)"
echo "== tests: ASan + UBSan build =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$asan" --output-on-failure --parallel "$jobs" --timeout 900
