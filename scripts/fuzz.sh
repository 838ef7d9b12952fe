#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/, clang, ASan + UBSan) into
# ${FUZZ_BUILD_DIR:-build-fuzz} and runs them.
#
#   bash scripts/fuzz.sh --smoke            # CI: every target for ${FUZZ_SECONDS:-20} s
#   bash scripts/fuzz.sh --runs 10000000    # every target for N executions (FUZZING.md)
#   bash scripts/fuzz.sh --runs N TARGET... # some targets
#   FUZZ_MAX_LEN=256 ...                    # another -max_len (default 4096 readers,
#                                           # 2048 extractor, 1024 the others)
#   FUZZ_TIMEOUT=120 ...                    # another -timeout in seconds (default 10;
#                                           # libFuzzer measures wall time, so a long
#                                           # run at nice 19 on a busy machine needs more)
#
# Each run starts from the seed corpus in the repository (copied to a
# scratch directory, so the repository is not changed) and prints libFuzzer's
# final line per target; a crash, timeout or out-of-memory fails the script
# and leaves the reproducer in the scratch directory.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$(pwd)
BUILD=${FUZZ_BUILD_DIR:-build-fuzz}
mode=smoke
runs=0
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) mode=smoke; shift ;;
    --runs) mode=runs; runs=$2; shift 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=(reader_fuzz load_lines_fuzz cypher_parser_fuzz extractor_fuzz)

CC=${CC_FUZZ:-clang} CXX=${CXX_FUZZ:-clang++} cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKG_FUZZ=ON -DKG_BUILD_TESTS=OFF ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} >/dev/null
cmake --build "$BUILD" -j2 --target "${targets[@]}" >/dev/null

corpus_of() {
  case "$1" in
    reader_fuzz) echo tests/fuzz/corpus/reader ;;
    extractor_fuzz) echo tests/fuzz/corpus/extractor ;;
    load_lines_fuzz) echo tests/fuzz/corpus/load ;;
    cypher_parser_fuzz) echo tests/query/fuzz/corpus ;;
  esac
}
maxlen_of() {
  [[ -n ${FUZZ_MAX_LEN:-} ]] && { echo "$FUZZ_MAX_LEN"; return; }
  case "$1" in
    extractor_fuzz) echo 2048 ;;
    reader_fuzz) echo 4096 ;;
    *) echo 1024 ;;
  esac
}

export KG_WORD_INDEX="$SRC/$BUILD/tools/de_DE.kgwords"
export KG_GAZETTEER_SNAPSHOT="$SRC/$BUILD/tools/gazetteers.kgcat"
export LSAN_OPTIONS="suppressions=$SRC/cmake/lsan.supp"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
SCRATCH=${FUZZ_SCRATCH:-$(mktemp -d /tmp/kg-fuzz-XXXXXX)}
status=0
for t in "${targets[@]}"; do
  work="$SCRATCH/$t"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp "$(corpus_of "$t")"/* "$work/corpus/"
  args=(-max_len="$(maxlen_of "$t")" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -artifact_prefix="$work/artifacts/"
        -print_final_stats=1)
  if [[ $mode == smoke ]]; then
    args+=(-max_total_time="${FUZZ_SECONDS:-20}")
  else
    args+=(-runs="$runs")
  fi
  start=$(date +%s)
  if "$BUILD/tests/fuzz/$t" "${args[@]}" "$work/corpus" >"$work/log" 2>&1; then
    secs=$(( $(date +%s) - start ))
    execs=$(grep -m1 'stat::number_of_executed_units' "$work/log" | awk '{print $2}')
    rate=$(grep -m1 'stat::average_exec_per_sec' "$work/log" | awk '{print $2}')
    cov=$(grep -E '^#[0-9]+' "$work/log" | tail -1 | grep -o 'cov: [0-9]*' || true)
    echo "$t: ${execs:-?} executions in ${secs} s (${rate:-?}/s), ${cov:-cov: ?}, corpus $(ls "$work/corpus" | wc -l) inputs, no crash"
  else
    status=1
    echo "$t: FAILED (log and reproducer in $work)"
    tail -40 "$work/log"
  fi
done
[[ $status -eq 0 && -z ${FUZZ_SCRATCH:-} ]] && rm -rf "$SCRATCH"
exit $status
