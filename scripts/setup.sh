#!/usr/bin/env bash
# Installs kg's build and test dependencies from Debian packages. Run as root.
# (networkx PageRank needs numpy and scipy, which --no-install-recommends leaves out;
#  python3-distributed: scripts/kg_dask.py and its LocalCluster test.
#  strace: the fault catalogue's kill and disk-full injection; clang + libclang-rt-dev:
#  the libFuzzer targets, scripts/fuzz.sh.)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config git \
  librocksdb-dev libboost-graph-dev nlohmann-json3-dev catch2 libcxxopts-dev \
  libhowardhinnant-date-dev tzdata \
  libedit-dev libicu-dev libcld2-dev libstemmer-dev hunspell-de-de libhunspell-dev libjemalloc-dev \
  iso-codes libgeonames-common libgeonames-dev \
  python3 python3-networkx python3-numpy python3-scipy python3-igraph python3-distributed raptor2-utils libxml2-utils tmux \
  strace clang libclang-rt-dev \
  libcpp-httplib-dev zlib1g-dev chromium fonts-dejavu-core >/dev/null
# kg serve's page: cytoscape.js and its fCoSE layout (Debian has no package of
# them) and the browser test's driver (playwright-core), from npm, pinned by
# tools/web/package-lock.json; the build installs the libraries with kg.
command -v npm >/dev/null || $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
(cd "$(dirname "$0")/../tools/web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "setup: dependencies installed"
