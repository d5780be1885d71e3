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
echo "== depeche search: coree du nord missile (no accents, one hit per wire story) =="
"$depeche" search --db "$db" --limit 3 coree du nord missile
echo
echo "== depeche search: l'armee, only articles about Ukraine, newest first =="
"$depeche" search --db "$db" --limit 3 --country ukraine --sort=-date "l'armee"
echo
echo "== depeche search --quotes: what did Jennifer Caldwell say? =="
"$depeche" search --db "$db" --limit 3 --quotes --speaker caldwell --no-facets
