#!/usr/bin/env bash
# The whole test suite with AddressSanitizer + UndefinedBehaviorSanitizer
# (gcc, -DKG_SANITIZE=ON) in ${SAN_BUILD_DIR:-build-asan}, then the full fault
# catalogue with the sanitized kg. Not run by CI or scripts/test.sh: the
# sanitized build and suite take well over an hour on 2 cores (FUZZING.md).
#
#   bash scripts/sanitize.sh                 # build, ctest, faults.sh
#   bash scripts/sanitize.sh -R query_tests  # extra arguments go to ctest
#   SAN_JOBS=1 SAN_NICE=19 ...               # on a shared machine
#
# UBSan reports are made fatal (halt_on_error=1), leaks are checked with the
# suppressions of cmake/lsan.supp. The stack limit is raised to 64 MiB: ASan
# keeps every local of a function in its own slot (use-after-scope), so the
# Cypher evaluator's frame grows from ~0.6 KB to ~18 KB and the deepest
# expression the parser accepts (1,000 levels) needs ~18 MB of stack in this
# build only (threads started with the default size get the same limit).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$(pwd)
BUILD=${SAN_BUILD_DIR:-build-asan}
JOBS=${SAN_JOBS:-2}
NICE=(nice -n "${SAN_NICE:-0}")
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

"${NICE[@]}" cmake -S . -B "$BUILD" -DKG_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
"${NICE[@]}" cmake --build "$BUILD" -j"$JOBS"

ulimit -s 65536
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$SRC/cmake/lsan.supp
start=$SECONDS
(cd "$BUILD" && "${NICE[@]}" ctest --output-on-failure -j"$JOBS" --timeout 3000 "$@")
echo "sanitize: ctest took $((SECONDS - start)) s"
[[ $# -gt 0 ]] && exit 0  # a subset: no catalogue
start=$SECONDS
KG=$BUILD/tools/kg KG_SOURCE_DIR=. "${NICE[@]}" bash tests/faults/faults.sh
echo "sanitize: faults.sh took $((SECONDS - start)) s"
