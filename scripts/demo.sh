#!/usr/bin/env bash
# README command 1: installs what is missing, builds, and runs the main job on sample_corpus/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
build="$("$root/scripts/build.sh" | tail -n 1)"
depeche="$build/cli/depeche"

echo
echo "== depeche analyze: what the French analysis chain makes of a headline =="
"$depeche" analyze "L’ARMÉE nord-coréenne aurait livré 200 000 obus aux États-Unis, selon l’O.N.U."
echo
echo "== depeche analyze --query: the same chain on a query =="
"$depeche" analyze --query "etats unis securite kirb*"
