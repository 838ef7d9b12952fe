#!/usr/bin/env bash
# Kill injection (issue 22): SIGKILL at random file-system calls (strace
# --inject; every thread's calls count) of kg ingest, kg load --bulk on,
# kg forget, kg backup and a Cypher `MATCH (n) DETACH DELETE n`. After each
# kill the database must be consistent (kg check) and in an allowed state
# (no half-applied article, load, forget or query: see each op), and after
# rerunning the same command its signature (stats + sorted N-Triples export)
# must equal an uninterrupted run's.
#
#   bash tests/faults/kill_inject.sh [--kills N]   (N per operation; default 8)
# Needs KG (the kg binary) and KG_SOURCE_DIR, and fixtures made by faults.sh
# (FIX=...) or builds them itself.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
KG=${KG:?path of the kg binary}
SRC=${KG_SOURCE_DIR:-$(cd "$HERE/../.." && pwd)}
KILLS=8
SEED=${SEED:-22}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --kills) KILLS=$2; shift 2 ;;
    *) echo "usage: $0 [--kills N]"; exit 64 ;;
  esac
done
command -v strace >/dev/null || { echo "SKIP: strace not installed"; exit 77; }
# shellcheck source=lib.sh
source "$HERE/lib.sh"
OWN_FIX=0
if [[ -z ${FIX:-} ]]; then
  FIX=$(mktemp -d /tmp/kg-kill-fix-XXXXXX)
  OWN_FIX=1
  # shellcheck source=fixtures.sh
  source "$HERE/fixtures.sh"
  make_fixtures || exit 1
fi
W=$(mktemp -d /tmp/kg-kill-XXXXXX)
cleanup() {
  rm -rf "$W"
  [[ $OWN_FIX -eq 1 ]] && rm -rf "$FIX"
  return 0
}
trap cleanup EXIT

EMPTY_SIG=$(sig "$FIX/empty.db")
FORGET_ID=$(cat "$FIX/forget.id")

# Per operation: how to prepare the database, the command, the clean result.
prepare() {  # prepare OP DIR
  case "$1" in
    ingest) rm -rf "$2/db" ;;
    load) rm -rf "$2/db" ;;
    forget | backup | delete) rm -rf "$2/db" && cp -a "$FIX/base.db" "$2/db" ;;
  esac
  rm -rf "$2/db.bak" "$2/db.bak.tmp"
}
run_op() {  # run_op OP DIR [kill CALL N]
  local op=$1 d=$2
  shift 2
  local pre=()
  [[ $# -gt 0 ]] && pre=(strace -f -qq -o /dev/null -e trace="$2" -e inject="$2":signal=SIGKILL:when="$3")
  case "$op" in
    ingest) "${pre[@]}" "$KG" ingest "$FIX/in" --db "$d/db" --settle 0 --no-progress --jobs 2 ;;
    load) "${pre[@]}" "$KG" load --bulk on "$FIX/big.jsonl" --db "$d/db" ;;
    forget) "${pre[@]}" "$KG" forget "$FORGET_ID" --db "$d/db" ;;
    backup) "${pre[@]}" "$KG" backup "$d/db.bak" --db "$d/db" ;;
    delete) "${pre[@]}" "$KG" query "MATCH (n) DETACH DELETE n" --db "$d/db" ;;
  esac
}

total=0
bad=0
killed=0
for op in ingest load forget backup delete; do
  d="$W/$op"
  mkdir -p "$d"
  # The clean result and the states a kill may leave.
  prepare $op "$d"
  before=$( [[ -d $d/db ]] && sig "$d/db" || echo "$EMPTY_SIG")
  run_op $op "$d" >/dev/null 2>&1
  if [[ $op == backup ]]; then clean=$(sig "$d/db.bak"); else clean=$(sig "$d/db"); fi
  prepare $op "$d"
  trace_points "$d/points" bash -c "$(declare -f run_op); FIX='$FIX' KG='$KG' FORGET_ID='$FORGET_ID'; run_op $op '$d'"
  prepare $op "$d"
  n_points=$(wc -l <"$d/points")
  op_bad=0
  op_killed=0
  while read -r call n; do
    total=$((total + 1))
    prepare $op "$d"
    run_op $op "$d" kill "$call" "$n" >/dev/null 2>&1
    rc=$?
    [[ $rc -eq 137 || $rc -eq 9 ]] && op_killed=$((op_killed + 1))
    problem=""
    # 1. The state right after the kill.
    target="$d/db"
    [[ $op == backup ]] && target="$d/db.bak"
    if [[ -d $target ]] && [[ -f $target/CURRENT || $op != backup ]]; then
      if ! "$KG" check --db "$target" >"$d/check.out" 2>&1; then
        [[ $op == ingest || $op == load ]] && ! ls "$target"/CURRENT >/dev/null 2>&1 || \
          problem="inconsistent after kill at $call #$n: $(head -3 "$d/check.out" | tr '\n' ' ')"
      fi
      if [[ -z $problem ]]; then
        now=$(sig "$target")
        case $op in
          load) [[ $now == "$EMPTY_SIG" || $now == "$clean" || $now == ERROR* ]] || problem="half-loaded after kill at $call #$n: $now" ;;
          forget | delete) [[ $now == "$before" || $now == "$clean" ]] || problem="half-applied after kill at $call #$n: $now" ;;
          backup) [[ $now == "$clean" ]] || problem="partial backup after kill at $call #$n: $now" ;;
        esac
      fi
    elif [[ $op == backup && -e $target ]]; then
      problem="backup directory without CURRENT after kill at $call #$n"
    fi
    [[ $op == backup && -z $problem && $(sig "$d/db") != "$before" ]] && problem="source changed by a killed backup"
    # 2. Rerun to completion: the clean result.
    if [[ -z $problem ]]; then
      if [[ ! ( $op == backup && -d $d/db.bak ) ]]; then run_op $op "$d" >"$d/rerun.out" 2>&1; fi
      now=$(sig "$target")
      [[ $now == "$clean" ]] || problem="rerun after kill at $call #$n gives $now, clean run $clean"
    fi
    if [[ -n $problem ]]; then
      op_bad=$((op_bad + 1))
      echo "FAIL $op: $problem"
    fi
  done < <(pick_points "$d/points" "$KILLS" "$SEED")
  bad=$((bad + op_bad))
  killed=$((killed + op_killed))
  echo "$op: $KILLS kill points out of $n_points file-system calls, $op_killed killed, $op_bad bad"
done
echo "kill injection: $total runs, $killed killed, $bad duplicated / half-applied / diverging"
[[ $bad -eq 0 ]]
