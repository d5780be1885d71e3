#!/usr/bin/env bash
# README command 1: installs what is missing, builds, indexes sample_corpus/ into a local
# embedded index and shows what it holds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
build="$("$root/scripts/build.sh" | tail -n 1)"
depeche="$build/cli/depeche"
db="${DEPECHE_DB:-$root/build/sample.db}"

echo
echo "== depeche index: sample_corpus/ (JSON Lines, plain-text articles, RSS) into $db =="
"$depeche" index --db "$db" "$root/sample_corpus"
echo
echo "== depeche stats =="
"$depeche" stats --db "$db"
echo
echo "== depeche analyze: what the French analysis chain makes of a headline =="
"$depeche" analyze "L’ARMÉE nord-coréenne aurait livré 200 000 obus aux États-Unis, selon l’O.N.U."
