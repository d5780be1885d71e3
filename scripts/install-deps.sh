#!/usr/bin/env bash
# Installs the Debian 12 packages Depeche needs to build, run and test — only those missing.
# Safe to run any number of times. Runs apt-get as root (or through sudo when not root).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libxapian-dev xapian-tools          # search engine library; xapian-check, xapian-tcpsrv
  libicu-dev                          # normalisation, word breaking, case folding, dates
  libcli11-dev libspdlog-dev libfmt-dev nlohmann-json3-dev
  libcpp-httplib-dev libpugixml-dev
  libgtest-dev libgmock-dev
  chromium                            # browser test of the search page (tests/web)
  clang-14 libclang-rt-14-dev         # libFuzzer targets (tests/fuzz, scripts/fuzz.sh)
  # bench/run (docs/BENCHMARKS.md): the peers Depeche is measured against, the corpus word list,
  # HTTP load, timing and the report
  xapian-omega liblucene++-dev libboost-dev libsqlite3-dev wfrench wrk time curl python3
)
# Node.js and npm run the browser test; Debian's packages only when no node is on the machine.
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
