#!/usr/bin/env bash
# Configures and builds kg into ${BUILD_DIR:-build} (Release-with-debug-info, -j2).
# BUILD_TARGET=kg_runtime builds only what the kg command needs (no tests, no
# benchmarks); the default builds everything.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} "$@" >/dev/null
cmake --build "$BUILD_DIR" -j2 --target "${BUILD_TARGET:-all}"
