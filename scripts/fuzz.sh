#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz/, clang with ASan + UBSan) and runs each one for a
# bounded time on a scratch copy of its seed corpus (tests/fuzz/corpus/<target>/), so the
# repository is never written to. Fails when any target finds a crash, a leak, undefined
# behaviour, a timeout (10 s per input) or runs out of memory (2 GiB).
# Usage: scripts/fuzz.sh [--seconds N] [--work DIR] [TARGET…]
#   --seconds N  fuzzing time per target (default 20)
#   --work DIR   keep the grown corpora and crash inputs in DIR (default: a temporary directory,
#                removed afterwards unless something was found)
#   TARGET…      analysis jsonl text feed entities search params (default: all)
# A crash input is saved as <work>/<target>/artifacts/crash-…; reproduce it with
#   build-fuzz/tests/fuzz/fuzz_<target> <file>
# then fix the engine, and add the input to tests/fuzz/corpus/<target>/ plus a named test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build-fuzz"
seconds=20
work=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then targets=(analysis jsonl text feed entities search params); fi

cc="${FUZZ_CC:-clang-14}"
cxx="${FUZZ_CXX:-clang++-14}"
start=$(date +%s)
# -O1 without NDEBUG: assertions stay on; line tables (not full debug info) keep stacks readable
# and the build short.
CC="$cc" CXX="$cxx" cmake -S "$root" -B "$build" -G Ninja -DDEPECHE_FUZZ=ON \
  -DDEPECHE_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"
built=$(date +%s)

keep=1
if [ -z "$work" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/depeche-fuzz.XXXXXX")"
  keep=0
fi
mkdir -p "$work"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=()
report=()
for t in "${targets[@]}"; do
  dir="$work/$t"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  cp -n "$root/tests/fuzz/corpus/$t/"* "$dir/corpus/" 2>/dev/null || true
  args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
        -artifact_prefix="$dir/artifacts/")
  dict="$root/tests/fuzz/dict/$t.dict"
  if [ -f "$dict" ]; then args+=(-dict="$dict"); fi
  echo "== fuzz: $t (${seconds}s) =="
  status=0
  "$build/tests/fuzz/fuzz_$t" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -n 1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$dir/log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -n 1 | cut -d' ' -f2)
  files=$(find "$dir/corpus" -type f | wc -l)
  bytes=$(find "$dir/corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  report+=("$(printf '%-9s %10s %8s %6s %7s %9s %6s' "$t" "${runs:-?}" "${rate:-?}" "${cov:-?}" \
    "$files" "$bytes" "${rss:-?}")")
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    echo "fuzz: $t FAILED (exit $status); last lines of $dir/log:" >&2
    grep -E 'ERROR|SUMMARY|invariant|Test unit written' "$dir/log" | head -n 20 >&2 || true
    tail -n 30 "$dir/log" >&2
  fi
done
end=$(date +%s)

echo "== fuzz summary (build $((built - start)) s, fuzzing $((end - built)) s) =="
printf '%-9s %10s %8s %6s %7s %9s %6s\n' target executions exec/s cov corpus bytes rss_mb
printf '%s\n' "${report[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]} — inputs kept in $work/<target>/artifacts/" >&2
  exit 1
fi
if [ "$keep" -eq 0 ]; then rm -rf "$work"; else echo "fuzz: corpora kept in $work"; fi
