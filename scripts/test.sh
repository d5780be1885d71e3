#!/usr/bin/env bash
# README command 2: installs what is missing, builds, and runs the whole test suite twice —
# in the normal build and under AddressSanitizer + UndefinedBehaviorSanitizer — then fuzzes every
# libFuzzer target briefly (scripts/fuzz.sh) and runs the benchmark once on a small corpus as a
# smoke test (it must complete; its figures are not checked).
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

echo "== fuzzing: scripts/fuzz.sh, 15 s per target (clang, ASan + UBSan) =="
"$root/scripts/fuzz.sh" --seconds 15

echo "== benchmark smoke run: bench/run --quick (figures not checked) =="
"$root/bench/run" --quick
