#!/usr/bin/env bash
# Browser test of the search page: indexes sample_corpus/ into a temp dir, starts
# `depeche serve --port 0`, runs e2e.mjs in headless Chromium against it, stops the server.
# Usage: run.sh DEPECHE_BINARY SOURCE_DIR SCREENSHOT.png   (from tests/web/CMakeLists.txt)
set -euo pipefail
binary="$1"; source_dir="$2"; screenshot="$3"
here="$(cd "$(dirname "$0")" && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  echo "run.sh: /usr/bin/chromium is missing: install Debian's chromium (scripts/install-deps.sh)" >&2
  exit 1
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "run.sh: $here/node_modules/playwright-core is missing: run 'npm ci' in $here" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/depeche-web.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$binary" index -q --db "$work/db" "$source_dir/sample_corpus"
"$binary" serve --db "$work/db" --port 0 --threads 4 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!

url=""
for _ in $(seq 1 150); do
  url="$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$work/serve.out" | head -n 1)"
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "run.sh: depeche serve exited:" >&2; cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "run.sh: no 'listening on' line from depeche serve" >&2; cat "$work/serve.err" >&2; exit 1; }
echo "run.sh: server at $url"

mkdir -p "$(dirname "$screenshot")"
status=0
(cd "$here" && timeout 120 node e2e.mjs "$url" "$screenshot") || status=$?
if [ "$status" -ne 0 ]; then
  echo "run.sh: e2e failed (status $status); server log tail:" >&2
  tail -n 20 "$work/serve.err" >&2
fi
exit "$status"
