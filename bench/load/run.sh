#!/usr/bin/env bash
# Load run of `depeche serve` on 127.0.0.1: wrk at increasing concurrency, then a soak at the
# highest, cycling through bench/load/requests.txt. Prints, per level, requests/s, p50 and p99
# latency, errors (socket errors and statuses >= 400) and the server's RSS (start, max, end,
# sampled every second from /proc/PID/status). Exits 1 if any request failed, if the RSS grew
# by more than --rss-margin-mb after the warm-up, or if the server did not stop gracefully.
#
#   bench/load/run.sh                                   # Release build in build-load/, ~3.5 min
#   bench/load/run.sh --build-dir build --duration 5 --soak 10      # reuse a build, quicker
#   bench/load/run.sh --corpus articles.jsonl           # any JSON Lines file instead of the sample
#
# See docs/RELIABILITY.md, "Server under load and abuse".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/load"

build_dir=""
corpus=""
copies=20
levels="1 2 4 8 16 32"
duration=20
soak=60
warmup=5
threads=""
rss_margin_mb=32
requests_file="$here/requests.txt"
keep=0

usage() {
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  cat <<EOF
Options:
  --build-dir DIR       use (and bring up to date) the depeche binary of this build directory;
                        default: a Release build in $root/build-load
  --corpus FILE         index this JSON Lines file; default: sample_corpus/ plus --copies
                        copies of its JSON Lines articles under new ids
  --copies N            copies of the sample articles (default $copies)
  --levels "C1 C2 …"    wrk connections per level (default "$levels")
  --duration S          seconds per level (default $duration)
  --soak S              seconds at the highest level after the others (default $soak; 0: none)
  --warmup S            seconds at the highest level before measuring (default $warmup)
  --threads N           the server's --threads (default: the server's default)
  --requests FILE       request paths to cycle through (default bench/load/requests.txt)
  --rss-margin-mb M     largest RSS growth allowed after the warm-up (default $rss_margin_mb)
  --keep                keep the working directory (index, logs, wrk output)
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir="$(cd "$2" && pwd)"; shift 2 ;;
    --corpus) corpus="$(realpath "$2")"; shift 2 ;;
    --copies) copies="$2"; shift 2 ;;
    --levels) levels="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --soak) soak="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --requests) requests_file="$(realpath "$2")"; shift 2 ;;
    --rss-margin-mb) rss_margin_mb="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1 (--help lists them)" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { echo "run.sh: wrk is not installed (scripts/install-deps.sh installs it)" >&2; exit 2; }

# ---- Build -------------------------------------------------------------------------------------
if [ -z "$build_dir" ]; then
  build_dir="$root/build-load"
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDEPECHE_BUILD_TESTS=OFF \
    -DDEPECHE_WERROR=OFF >/dev/null
fi
echo "load: building depeche in $build_dir" >&2
cmake --build "$build_dir" --target depeche >/dev/null
depeche="$build_dir/cli/depeche"

work="$(mktemp -d "${TMPDIR:-/tmp}/depeche-load.XXXXXX")"
server_pid=""
sampler_pid=""
cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  if [ "$keep" = 1 ]; then echo "load: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# ---- Index -------------------------------------------------------------------------------------
inputs=()
if [ -n "$corpus" ]; then
  inputs=("$corpus")
else
  # Copies of the sample's JSON Lines articles under new ids, so the index holds more than 88.
  for ((i = 1; i <= copies; i++)); do
    sed -E "s/^\\{\"id\": \"([^\"]*)\"/{\"id\": \"\\1-copy$i\"/" "$root/sample_corpus/jsonl/articles.jsonl"
  done >"$work/copies.jsonl"
  inputs=("$root/sample_corpus" "$work/copies.jsonl")
fi
echo "load: indexing ${inputs[*]}" >&2
"$depeche" -q index --db "$work/db" "${inputs[@]}" >&2

# ---- Server ------------------------------------------------------------------------------------
serve_args=(serve --db "$work/db" --port 0)
[ -n "$threads" ] && serve_args+=(--threads "$threads")
"$depeche" "${serve_args[@]}" >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!
port=""
for _ in $(seq 300); do
  port="$(sed -n 's|^listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$work/serve.out")"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "load: the server did not start:" >&2
  tail -5 "$work/serve.log" >&2
  exit 1
fi

healthz() {
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  timeout 5 cat <&3
  exec 3<&-
}
documents="$(healthz | sed -n 's/.*"documents":\([0-9]*\).*/\1/p')"
echo "load: server pid $server_pid on port $port, $documents documents, $(grep -c '^/' "$requests_file") request paths" >&2

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0; }
sample_rss() {  # appends one sample a second to $1 until killed
  while :; do
    rss_kb >>"$1"
    sleep 1
  done
}

# One wrk run: label, connections, seconds. Leaves RESULT fields in $work/wrk-LABEL.txt and RSS
# samples in $work/rss-LABEL.
run_level() {
  local label="$1" connections="$2" seconds="$3"
  local wrk_threads=$((connections < 2 ? 1 : 2))
  rss_kb >"$work/rss-$label"
  sample_rss "$work/rss-$label" &
  sampler_pid=$!
  wrk -t "$wrk_threads" -c "$connections" -d "${seconds}s" --timeout 5s -s "$here/requests.lua" \
    "http://127.0.0.1:$port" -- "$requests_file" >"$work/wrk-$label.txt" 2>&1 || true
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
  rss_kb >>"$work/rss-$label"
}

field() { sed -n "s/.*RESULT.* $2=\\([0-9]*\\).*/\\1/p" "$work/wrk-$1.txt"; }

highest="${levels##* }"
echo "load: warm-up, ${warmup}s at $highest connections" >&2
run_level warmup "$highest" "$warmup"

plan=()
for c in $levels; do plan+=("c$c:$c:$duration"); done
[ "$soak" -gt 0 ] && plan+=("soak:$highest:$soak")

failed=0
printf '%-6s %5s %5s %9s %9s %8s %8s %7s %22s\n' level conns secs requests "req/s" "p50 ms" "p99 ms" errors "RSS MB start/max/end"
rss_first=""
rss_max=0
rss_last=0
total_requests=0
total_errors=0
for step in "${plan[@]}"; do
  IFS=: read -r label connections seconds <<<"$step"
  echo "load: $label, ${seconds}s at $connections connections" >&2
  run_level "$label" "$connections" "$seconds"
  requests="$(field "$label" requests)"
  if [ -z "$requests" ]; then
    echo "load: wrk failed at $label:" >&2
    cat "$work/wrk-$label.txt" >&2
    failed=1
    break
  fi
  duration_us="$(field "$label" duration_us)"
  errors=0
  for kind in connect read write timeout status; do errors=$((errors + $(field "$label" "$kind"))); done
  read -r start max end < <(awk 'NR == 1 {s = $1} {if ($1 > m) m = $1; e = $1} END {print s, m, e}' "$work/rss-$label")
  [ -z "$rss_first" ] && rss_first="$start"
  ((max > rss_max)) && rss_max="$max"
  rss_last="$end"
  total_requests=$((total_requests + requests))
  total_errors=$((total_errors + errors))
  awk -v l="$label" -v c="$connections" -v s="$seconds" -v r="$requests" -v d="$duration_us" \
    -v p50="$(field "$label" p50_us)" -v p99="$(field "$label" p99_us)" -v e="$errors" \
    -v a="$start" -v m="$max" -v z="$end" 'BEGIN {
      printf "%-6s %5d %5d %9d %9.0f %8.1f %8.1f %7d %22s\n", l, c, s, r, r / (d / 1e6), p50 / 1000, p99 / 1000, e,
             sprintf("%.1f/%.1f/%.1f", a / 1024, m / 1024, z / 1024)
    }'
  if [ "$errors" -gt 0 ]; then
    echo "load: $errors errors at $label:" >&2
    grep -v RESULT "$work/wrk-$label.txt" | grep -i -E "error|non-2xx|socket" >&2 || true
    failed=1
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "load: the server died at $label:" >&2
    tail -5 "$work/serve.log" >&2
    failed=1
    break
  fi
done

growth_kb=$((rss_max - rss_first))
echo "total: $total_requests requests, $total_errors errors; RSS after warm-up $((rss_first / 1024)) MB, max $((rss_max / 1024)) MB, end $((rss_last / 1024)) MB (growth $((growth_kb / 1024)) MB, margin $rss_margin_mb MB)"
if ((growth_kb > rss_margin_mb * 1024)); then
  echo "load: RSS grew by $((growth_kb / 1024)) MB, more than the $rss_margin_mb MB margin" >&2
  failed=1
fi

# Still answering, then a graceful stop (exit status 130 after SIGTERM).
if ! healthz | grep -q '"status":"ok"'; then
  echo "load: /healthz does not answer after the run" >&2
  failed=1
fi
kill -TERM "$server_pid"
status=0
for _ in $(seq 150); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
wait "$server_pid" || status=$?
server_pid=""
if [ "$status" -ne 130 ]; then
  echo "load: the server exited with status $status after SIGTERM (expected 130)" >&2
  failed=1
fi
echo "load: server log: $(wc -l <"$work/serve.log") lines, $(grep -c -E 'status=5[0-9][0-9]| error' "$work/serve.log" || true) errors" >&2
exit "$failed"
