#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test. This is what CI runs.
# Then the libFuzzer targets for 20 s each (clang, into build-fuzz/; FUZZING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
(cd "${BUILD_DIR:-build}" && ctest --output-on-failure -j2 --timeout 1500)
bash scripts/fuzz.sh --smoke
