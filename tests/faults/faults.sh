#!/usr/bin/env bash
# The fault and bad-input catalogue (issue 22): crashes, full disks,
# corruption of every kind of database file, hostile input, resource guards,
# Cypher writes. Every case states what must hold; the script runs them all
# and prints a table (case, what must hold, result).
#
#   bash tests/faults/faults.sh [--fast] [--kills N] [--only REGEX]
#
# --fast (ctest `faults_catalogue`) runs every case; only the kill injection
# is smaller (4 kills per operation instead of 40 = 200 in all). Needs KG
# (the kg binary), KG_SOURCE_DIR, strace, xmllint. Exit 0 when every case
# passes.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export KG=${KG:?path of the kg binary}
export SRC=${KG_SOURCE_DIR:-$(cd "$HERE/../.." && pwd)}
KILLS=40
ONLY=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --fast) KILLS=4; shift ;;
    --kills) KILLS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    *) echo "usage: $0 [--fast] [--kills N] [--only REGEX]"; exit 64 ;;
  esac
done
for tool in strace xmllint; do
  command -v $tool >/dev/null || { echo "SKIP: $tool not installed (scripts/setup.sh installs it)"; exit 77; }
done
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=fixtures.sh
source "$HERE/fixtures.sh"
ROOT=$(mktemp -d /tmp/kg-faults-XXXXXX)
export FIX="$ROOT/fix"
export TMPDIR="$ROOT/tmp"  # readers' private directories go here (and must be removed)
mkdir -p "$FIX" "$TMPDIR"
cleanup() {
  local m
  for m in "$ROOT"/case-*/fs; do mountpoint -q "$m" 2>/dev/null && umount "$m"; done
  chmod -R u+rwx "$ROOT" 2>/dev/null
  rm -rf "$ROOT"
}
trap cleanup EXIT
make_fixtures || { echo "fixtures failed"; exit 1; }
BASE_SIG=$(cat "$FIX/base.sig")
[[ $BASE_SIG != ERROR* ]] || { echo "fixtures: base database unreadable"; exit 1; }

CASES=()
case_() { CASES+=("$1|$2"); }  # case_ NAME "what must hold"; the body is function c_NAME

# ---------------------------------------------------------------- crashes ---
case_ kill_ingest_random "kill -9 at random moments of an ingest; rerun = clean graph"
c_kill_ingest_random() {
  local i pid
  for i in 1 2 3; do
    "$KG" ingest "$FIX/in" "$FIX/more" --db db --settle 0 --no-progress --jobs 1 >/dev/null 2>&1 &
    pid=$!
    sleep "0.$((i * 2))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    [[ ! -d db ]] || "$KG" check --db db >/dev/null || fail "inconsistent after kill $i" || return 1
  done
  "$KG" ingest "$FIX/in" "$FIX/more" --db db --settle 0 --no-progress >/dev/null 2>&1
  "$KG" ingest "$FIX/in" "$FIX/more" --db ref --settle 0 --no-progress >/dev/null 2>&1
  [[ $(sig db) == "$(sig ref)" ]] || fail "rerun differs from a clean ingest"
}
case_ kill_injection "SIGKILL at random file-system calls of ingest, bulk load, forget, backup, DETACH DELETE: no duplicated or half-applied state; rerun = clean"
c_kill_injection() {
  bash "$HERE/kill_inject.sh" --kills "$KILLS" >kills.out 2>&1
  local rc=$?
  tail -1 kills.out
  grep FAIL kills.out | head -5
  return $rc
}
case_ kill_db_creation "a kill while a new database is created leaves no half-made database: the rerun creates it (no 'not a kg database', no damage)"
c_kill_db_creation() {
  local point
  for point in "mkdir 1" "mkdir 2" "openat 20" "openat 40" "rename 1" "rename 2" "fdatasync 3" "write 5"; do
    rm -rf db
    kill_at $point "$KG" ingest "$FIX/in" --db db --settle 0 --no-progress --jobs 1
    "$KG" ingest "$FIX/in" --db db --settle 0 --no-progress >out 2>err || fail "after a kill at $point: $(cat err)" || return 1
    [[ $(sig db) == "$BASE_SIG" ]] || fail "after a kill at $point: differs" || return 1
  done
  ! ls -d db.kg-new-* >/dev/null 2>&1 || fail "staging directories left: $(ls -d db.kg-new-*)"
}
case_ bulk_load_killed_at_link "kg load --bulk on killed at its 5th link(); loading again duplicates nothing"
c_bulk_load_killed_at_link() {
  kill_at link 5 "$KG" load --bulk on "$FIX/big.jsonl" --db db
  "$KG" load --bulk on "$FIX/big.jsonl" --db db >/dev/null 2>&1
  "$KG" load --bulk on "$FIX/big.jsonl" --db ref >/dev/null 2>&1
  [[ $(sig db) == "$(sig ref)" ]] || fail "after kill + reload: $(sig db), clean: $(sig ref)"
}
case_ bulk_load_atomic "a bulk load killed before its single ingestion leaves an empty database and no staging files"
c_bulk_load_atomic() {
  kill_at link 1 "$KG" load --bulk on "$FIX/big.jsonl" --db db
  local now
  now=$(sig db)
  [[ $now == "$(sig "$FIX/empty.db")" || $now == ERROR* ]] || fail "half loaded: $now" || return 1
  "$KG" stats --db db >/dev/null 2>&1 || true
  "$KG" load "$FIX/empty.jsonl" --db db >/dev/null 2>&1
  ! ls db/bulk-*.sst >/dev/null 2>&1 || fail "staging files left: $(ls db/bulk-*.sst)"
}
case_ overlapping_writers "a second writer exits 75 naming the lock; with --wait it waits and succeeds"
c_overlapping_writers() {
  cp -a "$FIX/base.db" db
  # The first writer holds the lock while it reads a FIFO whose writer sleeps.
  mkfifo slow.txt
  (sleep 3; cat "$FIX/in/de-g20-neu-delhi-2023-09.txt") >slow.txt &
  "$KG" ingest slow.txt --db db --settle 0 --no-progress >first.out 2>&1 &
  local pid=$!
  sleep 1
  expect_rc 75 "$KG" ingest "$FIX/more" --db db --settle 0 --no-progress || { wait $pid; return 1; }
  grep -q "database is busy: db is locked by another kg process" err || { wait $pid; fail "$(cat err)"; return 1; }
  expect_rc 75 "$KG" query "CREATE (:Temp)" --db db --wait 0 2>/dev/null
  expect_rc 0 "$KG" ingest "$FIX/more" --db db --settle 0 --no-progress --wait 30 || { wait $pid; return 1; }
  wait $pid || fail "first writer failed: $(cat first.out)"
}
case_ readers_during_ingest "readers during an ingest see only whole groups and a consistent graph"
c_readers_during_ingest() {
  "$KG" ingest "$FIX/in" "$FIX/more" --db db --settle 0 --no-progress --jobs 1 >/dev/null 2>&1 &
  local pid=$! n=0
  while kill -0 $pid 2>/dev/null; do
    if [[ -f db/CURRENT ]]; then
      "$KG" check --db db >check.out 2>&1 || { grep -q "busy\|no kg database\|lacks kg column" check.out || { kill $pid; fail "reader saw: $(head -2 check.out)"; return 1; }; }
      n=$((n + 1))
    fi
  done
  wait $pid
  echo "$n reader checks" >note
}
case_ stale_reader_dirs "private directories of killed readers (kg-reader-PID-*) are removed by the next reader; live ones stay"
c_stale_reader_dirs() {
  local dead live
  bash -c 'exit 0' &
  dead=$!
  wait $dead
  mkdir -p "$TMPDIR/kg-reader-$dead-abcdef/sub" && touch "$TMPDIR/kg-reader-$dead-abcdef/sub/LOG"
  sleep 30 &
  live=$!
  mkdir -p "$TMPDIR/kg-reader-$live-ghijkl"
  # A reader really killed after it made its directory (at its first read of a table file).
  strace -f -qq -o /dev/null -e trace=openat -e inject=openat:signal=SIGKILL:when=40 \
    "$KG" stats --db "$FIX/base.db" >/dev/null 2>&1
  "$KG" stats --db "$FIX/base.db" >/dev/null || { kill $live; return 1; }
  [[ ! -e $TMPDIR/kg-reader-$dead-abcdef ]] || { kill $live; fail "stale directory kept"; return 1; }
  [[ -d $TMPDIR/kg-reader-$live-ghijkl ]] || { kill $live; fail "a live reader's directory was removed"; return 1; }
  kill $live
  wait $live 2>/dev/null
  rm -rf "$TMPDIR/kg-reader-$live-ghijkl"
  [[ -z $(ls -A "$TMPDIR") ]] || fail "left: $(ls -A "$TMPDIR")"
}

# ------------------------------------------------------------- full disk ---
# A real full disk: a small tmpfs (mounted here; root) filled up to FREE KiB.
# Where mounting is not allowed, every write(2)/pwrite(2) from the first on
# fails with ENOSPC through strace instead (then only the exit code is seen).
small_fs() {  # small_fs: mounts ./fs; false when not possible
  mkdir -p fs
  mount -t tmpfs -o size=8m tmpfs fs 2>/dev/null
}
fill_fs() {  # fill_fs FREE_KB
  rm -f fs/.fill
  dd if=/dev/zero of=fs/.fill bs=4k status=none 2>/dev/null
  truncate -s -"$1"K fs/.fill
}
unfill_fs() { rm -f fs/.fill; }
no_space() {  # no_space CMD...: CMD with every write failing (the fallback)
  strace -f -qq -o /dev/null -e trace=write,pwrite64,pwritev,writev,fallocate \
    -e inject=write,pwrite64,pwritev,writev,fallocate:error=ENOSPC:when=1+ "$@"
}
case_ enospc_ingest "a full disk during ingest: exit 74 (never an abort); the database stays consistent and a rerun completes"
c_enospc_ingest() {
  if ! small_fs; then
    cp -a "$FIX/base.db" db
    no_space "$KG" ingest "$FIX/more" --db db --settle 0 --no-progress --jobs 1
    local rc=$?
    [[ $rc -eq 74 ]] || fail "exit $rc (strace fallback)"
    echo "no tmpfs: strace ENOSPC injection" >note
    return
  fi
  local free rc n74=0
  for free in 4 8 16 32 48 64; do
    rm -rf fs/db && cp -a "$FIX/base.db" fs/db && fill_fs $free
    "$KG" ingest "$FIX/more" --db fs/db --settle 0 --no-progress --jobs 1 >out 2>err
    rc=$?
    [[ $rc -eq 0 || $rc -eq 74 ]] || fail "free ${free}K: exit $rc: $(tail -c 300 err)" || return 1
    [[ $rc -eq 0 ]] || { n74=$((n74 + 1)); grep -q "disk is full" err || fail "free ${free}K: $(cat err)" || return 1; }
    unfill_fs
    "$KG" check --db fs/db >check.out 2>&1 || fail "free ${free}K: inconsistent: $(head -3 check.out)" || return 1
    "$KG" ingest "$FIX/more" --db fs/db --settle 0 --no-progress >/dev/null 2>&1 || fail "free ${free}K: rerun failed" || return 1
    [[ $(sig fs/db) == "$(sig "$FIX/more.db")" ]] || fail "free ${free}K: rerun differs" || return 1
  done
  [[ $n74 -ge 3 ]] || fail "only $n74 runs hit the full disk"
  echo "$n74 of 6 runs hit the full disk (log, table files)" >note
}
case_ enospc_new_db "a full disk while a new database's first group is written as table files: exit 74, rerun completes"
c_enospc_new_db() {
  small_fs || { echo "no tmpfs: skipped (needs a real full disk)" >note; return 0; }
  local free rc n74=0
  for free in 24 60 100 140; do
    rm -rf fs/db && fill_fs $free
    "$KG" ingest "$FIX/in" --db fs/db --settle 0 --no-progress --jobs 1 >out 2>err
    rc=$?
    [[ $rc -eq 0 || $rc -eq 74 ]] || fail "free ${free}K: exit $rc: $(tail -c 300 err)" || return 1
    [[ $rc -eq 74 ]] && n74=$((n74 + 1))
    unfill_fs
    ! ls fs/db/group-*.sst >/dev/null 2>&1 || "$KG" stats --db fs/db >/dev/null 2>&1
    "$KG" ingest "$FIX/in" --db fs/db --settle 0 --no-progress >/dev/null 2>&1 || fail "free ${free}K: rerun failed" || return 1
    [[ $(sig fs/db) == "$BASE_SIG" ]] || fail "free ${free}K: rerun differs" || return 1
    ! ls fs/db/group-*.sst >/dev/null 2>&1 || fail "staging files left" || return 1
  done
  [[ $n74 -ge 2 ]] || fail "only $n74 runs hit the full disk"
}
case_ enospc_load "a full disk during kg load --bulk on: exit 74; the database is empty or complete, no staging files"
c_enospc_load() {
  small_fs || { echo "no tmpfs: skipped" >note; return 0; }
  local free rc now
  for free in 40 120; do
    rm -rf fs/db && fill_fs $free
    "$KG" load --bulk on "$FIX/big.jsonl" --db fs/db >out 2>err
    rc=$?
    [[ $rc -eq 74 ]] || fail "free ${free}K: exit $rc: $(tail -c 300 err)" || return 1
    unfill_fs
    now=$(sig fs/db)
    [[ $now == ERROR* || $now == "$(sig "$FIX/empty.db")" ]] || fail "half loaded: $now" || return 1
    ! ls fs/db/bulk-*.sst >/dev/null 2>&1 || "$KG" stats --db fs/db >/dev/null 2>&1
    "$KG" load "$FIX/empty.jsonl" --db fs/db >/dev/null 2>&1
    ! ls fs/db/bulk-*.sst >/dev/null 2>&1 || fail "staging files left" || return 1
  done
}
case_ enospc_backup "a full disk during kg backup: exit 74 or a complete backup; never a partial directory; the source intact"
c_enospc_backup() {
  small_fs || { echo "no tmpfs: skipped" >note; return 0; }
  local free rc
  for free in 0 4 12; do
    rm -rf fs/db fs/bak* && cp -a "$FIX/more.db" fs/db && fill_fs $free
    "$KG" backup fs/bak --db fs/db >out 2>err
    rc=$?
    [[ $rc -eq 0 || $rc -eq 74 ]] || fail "free ${free}K: exit $rc: $(tail -c 300 err)" || return 1
    unfill_fs
    if [[ $rc -eq 74 ]]; then
      [[ ! -e fs/bak ]] || fail "free ${free}K: backup directory left" || return 1
    else
      "$KG" check --db fs/bak >/dev/null 2>&1 || fail "free ${free}K: backup does not check" || return 1
    fi
    [[ $(sig fs/db) == "$(sig "$FIX/more.db")" ]] || fail "free ${free}K: source changed" || return 1
  done
}
case_ enospc_export "a full disk during kg export -o: exit 74, the previous export intact, no temporary file"
c_enospc_export() {
  small_fs || { echo "no tmpfs: skipped" >note; return 0; }
  "$KG" export --db "$FIX/base.db" -o fs/g.graphml 2>/dev/null || return 1
  cp fs/g.graphml before.graphml
  fill_fs 8
  expect_rc 74 "$KG" export --db "$FIX/base.db" -o fs/g.graphml || return 1
  unfill_fs
  cmp -s fs/g.graphml before.graphml || fail "previous export changed" || return 1
  [[ $(ls fs) == g.graphml ]] || fail "left: $(ls fs)"
}
case_ enospc_cypher "a full disk when a Cypher write commits: exit 74, nothing of the query stored"
c_enospc_cypher() {
  if ! small_fs; then
    cp -a "$FIX/base.db" db
    no_space "$KG" query "MATCH (n) SET n.flag = 1" --db db
    local rc=$?
    [[ $rc -eq 74 ]] || fail "exit $rc (strace fallback)"
    [[ $(sig db) == "$BASE_SIG" ]] || fail "graph changed"
    return
  fi
  cp -a "$FIX/base.db" fs/db && fill_fs 8
  expect_rc 74 "$KG" query "MATCH (n) SET n.flag = 1" --db fs/db || return 1
  unfill_fs
  [[ $(sig fs/db) == "$BASE_SIG" ]] || fail "graph changed"
}

# ----------------------------------------------------------- corruption ---
# corrupt KIND DB: damages one kind of file of DB.
corrupt() {
  local kind=$1 db=$2 f
  case $kind in
    sst_truncated) f=$(largest_sst "$db"); truncate -s $(($(stat -c %s "$f") / 2)) "$f" ;;
    sst_deleted) rm -f "$(largest_sst "$db")" ;;
    sst_zeroed) f=$(largest_sst "$db"); dd if=/dev/zero of="$f" bs="$(stat -c %s "$f")" count=1 conv=notrunc status=none ;;
    sst_flipped) f=$(largest_sst "$db"); flip_byte "$f" $(($(stat -c %s "$f") / 3)) ;;
    all_sst_flipped) for f in $(ssts "$db"); do flip_byte "$f" 100; done ;;
    wal_flipped_middle) f=$(wal_file "$db"); flip_byte "$f" $(($(stat -c %s "$f") / 2)) ;;
    wal_flipped_end) f=$(wal_file "$db"); flip_byte "$f" $(($(stat -c %s "$f") - 20)) ;;
    wal_truncated) f=$(wal_file "$db"); truncate -s $(($(stat -c %s "$f") / 3)) "$f" ;;
    wal_deleted) rm -f "$(wal_file "$db")" ;;
    manifest_truncated) f=$(manifest_file "$db"); truncate -s $(($(stat -c %s "$f") / 2)) "$f" ;;
    manifest_tail) f=$(manifest_file "$db"); truncate -s $(($(stat -c %s "$f") - 30)) "$f" ;;
    manifest_deleted) rm -f "$(manifest_file "$db")" ;;
    manifest_flipped) f=$(manifest_file "$db"); flip_byte "$f" $(($(stat -c %s "$f") / 2)) ;;
    current_garbage) printf 'garbage\n' >"$db/CURRENT" ;;
    current_deleted) rm -f "$db/CURRENT" ;;
    options_garbage) printf '[Version]\n  rocksdb_version=9\n[CFOptions "x"\n' >"$(options_file "$db")" ;;
    options_deleted) rm -f "$db"/OPTIONS-* ;;
    commit_record_garbage) printf 'junk\n' >"$db/KG_COMMITTED" ;;
  esac
}
# corruption_case KIND HARMLESS: readers and writers never exit 0 with wrong
# counts; a harmful kind is refused with exit 65, named by kg check, and
# kg repair (or a checked backup) gives a consistent graph.
corruption_case() {
  local kind=$1 harmless=$2 wal=${3:-}
  if [[ -n $wal ]]; then make_wal_db db || return 1; else cp -a "$FIX/base.db" db; fi
  local good
  good=$(sig db)
  [[ $good != ERROR* ]] || fail "setup: unreadable before damage" || return 1
  # The backup is taken from a copy: a backup flushes the log, which would
  # leave nothing for the log cases to damage.
  cp -a db pre && "$KG" backup bak --copy --db pre >/dev/null 2>&1 || fail "setup: backup failed" || return 1
  rm -rf pre
  corrupt "$kind" db
  cp -a db damaged
  local rc
  "$KG" stats --db db --format json >stats.out 2>stats.err
  rc=$?
  if [[ $rc -eq 0 ]]; then
    [[ "$(cat stats.out) x" == "${good%% *} x" ]] || fail "stats exit 0 with wrong counts: $(cat stats.out)" || return 1
  elif [[ $rc -ne 65 ]]; then
    fail "stats exit $rc: $(head -c 300 stats.err)"; return 1
  fi
  local now
  now=$(sig db)
  [[ $now == "$good" || $now == "ERROR stats 65" || $now == "ERROR export 65" ]] || fail "readers: $now" || return 1
  if [[ $harmless == yes ]]; then
    [[ $now == "$good" ]] || fail "harmless damage broke reading: $now" || return 1
    "$KG" ingest "$FIX/more" --db db --settle 0 --no-progress >/dev/null 2>&1 || fail "writer refused harmless damage" || return 1
    "$KG" check --db db >check.out 2>&1 || fail "check after writing: $(head -3 check.out)"
    return
  fi
  # A flipped byte inside a data block is found only when the block is read:
  # readers and writers that never read it are right to go on.
  if [[ $kind != sst_flipped ]]; then
    [[ $rc -eq 65 ]] || fail "stats did not fail (exit $rc)" || return 1
    expect_rc 65 "$KG" ingest "$FIX/more" --db db --settle 0 --no-progress || return 1
  fi
  "$KG" backup bak2 --db db >/dev/null 2>&1
  rc=$?
  [[ $rc -eq 65 ]] || fail "backup of a damaged database: exit $rc" || return 1
  [[ ! -e bak2 ]] || fail "backup of a damaged database kept" || return 1
  "$KG" check --db db >check.out 2>&1
  rc=$?
  [[ $rc -eq 65 ]] || fail "kg check exit $rc: $(head -3 check.out)" || return 1
  grep -qiE "damaged|problem" check.out || fail "kg check does not name the damage: $(head -3 check.out)" || return 1
  "$KG" repair --db db >repair.out 2>&1
  rc=$?
  [[ $rc -eq 0 ]] || fail "kg repair exit $rc: $(tail -3 repair.out)" || return 1
  "$KG" check --db db >check2.out 2>&1 || fail "not consistent after repair: $(head -3 check2.out)" || return 1
  "$KG" ingest "$FIX/in" "$FIX/more" --db db --settle 0 --no-progress >/dev/null 2>&1
  "$KG" check --db db >/dev/null 2>&1 || fail "not consistent after repair + ingest" || return 1
  "$KG" check --db bak >/dev/null 2>&1 || fail "backup does not check" || return 1
  [[ $(sig bak) == "$good" ]] || fail "backup differs from the graph before the damage" || return 1
  echo "repair: $(grep -c '^  ' repair.out) action line(s); backup restores the graph" >note
}
for k in sst_truncated sst_deleted sst_zeroed sst_flipped all_sst_flipped manifest_truncated manifest_tail \
         manifest_deleted manifest_flipped current_garbage current_deleted; do
  case_ "corrupt_$k" "$k: never exit 0 with wrong counts; writers and backup refuse (65); kg check names it; kg repair or the backup gives a consistent graph"
  eval "c_corrupt_$k() { corruption_case $k no; }"
done
for k in wal_flipped_middle wal_flipped_end wal_truncated wal_deleted; do
  case_ "corrupt_$k" "$k (committed groups in the log): never exit 0 with fewer articles; refused with 65; kg repair works"
  eval "c_corrupt_$k() { corruption_case $k no wal; }"
done
for k in options_garbage options_deleted commit_record_garbage; do
  case_ "corrupt_$k" "$k: harmless; readers give the right counts, writers go on"
  eval "c_corrupt_$k() { corruption_case $k yes; }"
done
case_ torn_wal_tail "a log record torn at the end (written, never reported committed) is dropped: the open succeeds with every committed write, a rerun completes"
c_torn_wal_tail() {
  make_wal_db db || return 1
  local f
  f=$(wal_file db)
  truncate -s $(($(stat -c %s "$f") - 10)) "$f"
  "$KG" stats --db db >/dev/null 2>err || fail "reader refused a torn tail: $(cat err)" || return 1
  "$KG" ingest "$FIX/many" --db db --settle 0 --no-progress >/dev/null 2>&1 || fail "rerun failed" || return 1
  "$KG" check --db db >/dev/null || fail "inconsistent" || return 1
  cp -a "$FIX/base.db" ref
  "$KG" ingest "$FIX/many" --db ref --settle 0 --no-progress >/dev/null 2>&1
  [[ $(sig db) == "$(sig ref)" ]] || fail "differs from a clean ingest"
}
case_ kill_during_write "kill -9 inside the log write of a group (torn tail): the next open succeeds, a rerun completes"
c_kill_during_write() {
  cp -a "$FIX/base.db" db
  local n
  for n in 1 2; do kill_at write "$((n * 15))" "$KG" ingest "$FIX/more" --db db --settle 0 --no-progress --jobs 1; done
  "$KG" stats --db db >/dev/null 2>err || fail "refused after the kill: $(cat err)" || return 1
  "$KG" ingest "$FIX/more" --db db --settle 0 --no-progress >/dev/null 2>&1 || fail "rerun failed" || return 1
  [[ $(sig db) == "$(sig "$FIX/more.db")" ]] || fail "rerun differs"
}
case_ check_clean "kg check of a healthy database and of a backup: exit 0, counts"
c_check_clean() {
  expect_rc 0 "$KG" check --db "$FIX/base.db" || return 1
  grep -q consistent out || fail "$(cat out)" || return 1
  "$KG" backup bak --db "$FIX/base.db" >/dev/null 2>&1 || return 1
  expect_rc 0 "$KG" check --db bak
}
case_ check_record_damage "records damaged inside valid files (dangling relationship, lost adjacency, wrong support) are found by kg check and fixed by kg repair"
c_check_record_damage() {
  cp -a "$FIX/base.db" db
  # Cypher writes around ingest's bookkeeping: a dangling support count and a
  # node deleted under its relationships is what kg check must name.
  "$KG" query "MATCH (a)-[r:MEETS]->(b) WITH r LIMIT 1 SET r.support = 99" --db db >/dev/null 2>&1 || return 1
  expect_rc 65 "$KG" check --db db || return 1
  grep -q "has support 99" out || fail "not named: $(head -3 out)" || return 1
  expect_rc 0 "$KG" repair --db db || return 1
  expect_rc 0 "$KG" check --db db
}
case_ repair_healthy "kg repair of a healthy database changes nothing"
c_repair_healthy() {
  cp -a "$FIX/base.db" db
  expect_rc 0 "$KG" repair --db db || return 1
  grep -q "nothing to repair" out || fail "$(cat out)" || return 1
  [[ $(sig db) == "$BASE_SIG" ]] || fail "changed"
}

# --------------------------------------------------------- hostile input ---
case_ symlink_loop "a self-referencing symlink in an ingested folder is reported; the other files are ingested (no abort)"
c_symlink_loop() {
  mkdir in && cp "$FIX"/in/*.txt in/ && ln -s loop.txt in/loop.txt
  "$KG" ingest in --db db --settle 0 --no-progress >out 2>err
  local rc=$?
  [[ $rc -eq 65 ]] || fail "exit $rc" || return 1
  grep -q "loop.txt" err || fail "not reported: $(cat err)" || return 1
  grep -q "new 14" out || fail "$(cat out)"
}
case_ symlink_outside "a symlink to /etc/passwd in an ingested folder is not read (warning); --follow-symlinks reads it"
c_symlink_outside() {
  mkdir in && cp "$FIX/in/de-g20-neu-delhi-2023-09.txt" in/ && ln -s /etc/passwd in/passwd.txt
  expect_rc 0 "$KG" ingest in --db db --settle 0 --no-progress || return 1
  grep -q "outside the given paths" err || fail "no warning: $(cat err)" || return 1
  "$KG" query "MATCH (n) WHERE n.name CONTAINS 'root' RETURN count(n) AS c" --db db --format csv >q.out 2>&1
  ! grep -qi "passwd" <("$KG" export --db db --format ntriples) || fail "passwd stored"
}
case_ symlink_inside "a symlink to a file inside the ingested folder is followed"
c_symlink_inside() {
  mkdir -p in/sub && cp "$FIX/in/de-g20-neu-delhi-2023-09.txt" in/sub/ && ln -s sub/de-g20-neu-delhi-2023-09.txt in/link.txt
  expect_rc 0 "$KG" ingest in --db db --settle 0 --no-progress || return 1
  grep -q "ingested 2 files" out || fail "$(cat out)"
}
case_ unreadable_dir "a chmod 000 directory is reported with exit 65; the other files are ingested"
c_unreadable_dir() {
  [[ $(id -u) -ne 0 ]] || { echo "root reads everything: checked as unreadable file instead" >note; }
  mkdir -p in/locked && cp "$FIX/in/de-g20-neu-delhi-2023-09.txt" in/ && cp "$FIX/in/de-eu-sanktionen-2023-06.txt" in/locked/
  if [[ $(id -u) -eq 0 ]]; then
    # root ignores permissions: an unreadable directory is simulated by a failing openat.
    strace -f -qq -o /dev/null -e trace=openat -e inject=openat:error=EACCES:when=1 -P "$PWD/in/locked" \
      "$KG" ingest "$PWD/in" --db db --settle 0 --no-progress >out 2>err
  else
    chmod 000 in/locked
    "$KG" ingest in --db db --settle 0 --no-progress >out 2>err
    chmod 755 in/locked
  fi
  local rc=$?
  grep -q "locked" err || fail "not reported: $(cat err)" || return 1
  grep -q "new 1" out || fail "$(cat out)"
}
case_ missing_path "a nonexistent path next to good files: reported, exit 66 (no input), the good files are ingested"
c_missing_path() {
  expect_rc 66 "$KG" ingest "$FIX/in/de-g20-neu-delhi-2023-09.txt" nosuch.txt --db db --settle 0 --no-progress || return 1
  grep -q "nosuch.txt: no such file" err || fail "$(cat err)" || return 1
  grep -q "new 1" out || fail "$(cat out)"
}
case_ dev_zero "/dev/zero as input is refused at once (no endless read)"
c_dev_zero() {
  timeout 20 "$KG" ingest /dev/zero --db db --settle 0 --no-progress >out 2>err
  local rc=$?
  [[ $rc -eq 65 ]] || fail "exit $rc: $(cat err)" || return 1
  grep -q "character device" err || fail "$(cat err)" || return 1
  timeout 20 "$KG" ingest - --db db --settle 0 --no-progress </dev/zero >out 2>err
  rc=$?
  [[ $rc -eq 65 ]] || fail "stdin /dev/zero: exit $rc: $(cat err)" || return 1
  grep -q "binary" err || fail "$(cat err)"
}
case_ fifo_no_writer "a FIFO without a writer does not hang"
c_fifo_no_writer() {
  mkfifo f.txt
  timeout 20 "$KG" ingest f.txt --db db --settle 0 --no-progress >out 2>err
  local rc=$?
  [[ $rc -eq 65 ]] || fail "exit $rc: $(cat err)"
}
case_ fifo_with_writer "a FIFO with a writer (process substitution) is read"
c_fifo_with_writer() {
  timeout 60 "$KG" ingest <(cat "$FIX/in/de-g20-neu-delhi-2023-09.txt") --db db --settle 0 --no-progress >out 2>err
  local rc=$?
  [[ $rc -eq 0 ]] || fail "exit $rc: $(cat err)" || return 1
  grep -q "new 1" out || fail "$(cat out)"
}
case_ random_bytes "1 MB of random non-NUL bytes is rejected as garbage: no entities, exit 65"
c_random_bytes() {
  head -c 3000000 /dev/urandom | tr -d '\000' | head -c 1000000 >junk.txt
  expect_rc 65 "$KG" ingest junk.txt --db db --settle 0 --no-progress || return 1
  grep -q "garbage" err || fail "$(cat err)" || return 1
  local n
  n=$("$KG" stats --db db --format json 2>/dev/null | grep -o '"entities":[0-9]*')
  [[ -z $n || $n == '"entities":0' ]] || fail "stored $n"
}
case_ binary_nul "a file with NUL bytes is rejected as binary; other files still ingested"
c_binary_nul() {
  printf 'abc\000def' >bin.txt
  expect_rc 65 "$KG" ingest bin.txt "$FIX/in/de-g20-neu-delhi-2023-09.txt" --db db --settle 0 --no-progress || return 1
  grep -q "binary" err && grep -q "new 1" out || fail "$(cat err out)"
}
case_ latin1_text "Latin-1 text (not UTF-8) is repaired with a warning, not rejected"
c_latin1_text() {
  iconv -f UTF-8 -t LATIN1 "$FIX/in/de-g20-neu-delhi-2023-09.txt" >l1.txt 2>/dev/null || return 1
  expect_rc 0 "$KG" ingest l1.txt --db db --settle 0 --no-progress || return 1
  grep -q "invalid UTF-8" err || fail "no warning: $(cat err)"
}
case_ malformed_json_line "a malformed JSON line is reported as FILE:LINE; the lines around it are ingested"
c_malformed_json_line() {
  { head -1 "$FIX/more/more.jsonl"; echo '{"id": broken'; sed -n 2p "$FIX/more/more.jsonl"; } >f.jsonl
  expect_rc 65 "$KG" ingest f.jsonl --db db --settle 0 --no-progress || return 1
  grep -q "f.jsonl:2: malformed JSON line" err || fail "$(cat err)" || return 1
  grep -q "articles: new 2" out || fail "$(cat out)"
}
case_ empty_file "an empty file is reported, exit 65"
c_empty_file() {
  : >e.txt
  expect_rc 65 "$KG" ingest e.txt --db db --settle 0 --no-progress
}
case_ huge_line "a 20 MB JSON line is ingested or refused cleanly (no crash)"
c_huge_line() {
  awk 'BEGIN { printf "{\"id\":\"huge\",\"text\":\""; for (i = 0; i < 400000; i++) printf "Olaf Scholz traf Joe Biden. "; print "\"}" }' >h.jsonl
  timeout 600 "$KG" ingest h.jsonl --db db --settle 0 --no-progress >out 2>err
  local rc=$?
  [[ $rc -eq 0 || $rc -eq 65 ]] || fail "exit $rc: $(tail -2 err)"
}
case_ control_chars_in_names "ESC and newline in file names, ids and names are escaped in messages"
c_control_chars_in_names() {
  local name=$'bad\033[31mname\nx.txt'
  : >"$name"
  "$KG" ingest "$name" --db db --settle 0 --no-progress >out 2>err
  ! grep -q $'\033' err || fail "raw ESC printed" || return 1
  grep -q 'bad\\x1b\[31mname\\nx.txt' err || fail "$(cat -v err)" || return 1
  "$KG" neighbors $'Evil\033]0;owned\007Name' --db "$FIX/base.db" >out 2>err
  ! grep -q $'\033' err || fail "raw ESC printed by kg neighbors: $(cat -v err)"
}
case_ unicode_paths "file names with spaces and non-ASCII letters are ingested"
c_unicode_paths() {
  mkdir "in dir" && cp "$FIX/in/de-g20-neu-delhi-2023-09.txt" "in dir/Gipfel in Neu-Delhi ü.txt"
  expect_rc 0 "$KG" ingest "in dir" --db db --settle 0 --no-progress && grep -q "new 1" out
}
case_ no_writes_outside "commands write nothing outside the database, -o and the temporary directory"
c_no_writes_outside() {
  mkdir w && cd w || return 1
  "$KG" ingest "$FIX/in" --db ../db --settle 0 --no-progress >/dev/null 2>&1
  "$KG" stats --db ../db >/dev/null
  "$KG" export --db ../db -o ../g.graphml 2>/dev/null
  "$KG" query "MATCH (n) RETURN count(n)" --db ../db >/dev/null
  cd .. || return 1
  [[ -z $(ls -A w) ]] || fail "files written in the working directory: $(ls -A w)" || return 1
  [[ -z $(ls -A "$TMPDIR") ]] || fail "left in TMPDIR: $(ls -A "$TMPDIR")"
}

# -------------------------------------------------------------- kg load ---
case_ load_nul_line "a NUL byte in a line rejects that line only; the next valid line is loaded"
c_load_nul_line() {
  printf '{"subject":"A","predicate":"meets","object":"B","article":"x"\000}\n{"subject":"C","predicate":"meets","object":"D","article":"y"}\n' >f.jsonl
  expect_rc 65 "$KG" load f.jsonl --db db || return 1
  grep -q "f.jsonl:1: NUL byte" err || fail "$(cat err)" || return 1
  grep -q "articles new 1" out || fail "$(cat out)"
}
case_ load_duplicate_id "a repeated article id is reported (exit 65), the first line is kept"
c_load_duplicate_id() {
  head -1 "$FIX/facts.jsonl" >f.jsonl
  head -1 "$FIX/facts.jsonl" | sed 's/"title":"[^"]*"/"title":"other"/' >>f.jsonl
  expect_rc 65 "$KG" load f.jsonl --db db || return 1
  grep -q "f.jsonl:2: article id .* was already used on line 1" err || fail "$(cat err)"
}
case_ load_weight_overflow "a weight of 99999999999 is rejected, not stored wrapped"
c_load_weight_overflow() {
  echo '{"subject":"A","predicate":"co_mentioned","object":"B","weight":99999999999}' >f.jsonl
  expect_rc 65 "$KG" load f.jsonl --db db || return 1
  grep -q "weight" err || fail "$(cat err)"
}
case_ load_invalid_date "an invalid date (2024-02-30, 2024-13) is rejected, never becomes last_seen"
c_load_invalid_date() {
  printf '{"subject":"A","predicate":"meets","object":"B","date":"2024-02-30"}\n{"subject":"A","predicate":"meets","object":"B","date":"2024-13"}\n{"subject":"A","predicate":"meets","object":"B","date":"2024-02-29"}\n' >f.jsonl
  expect_rc 65 "$KG" load f.jsonl --db db || return 1
  [[ $(grep -c "is not a date" err) -eq 2 ]] || fail "$(cat err)" || return 1
  "$KG" query "MATCH ()-[r:MEETS]->() RETURN r.last_seen AS d" --db db --format csv >q 2>/dev/null
  ! grep -q "2024-02-30\|2024-13" q || fail "invalid date stored"
}
case_ load_unknown_type "unknown entity types are rejected (minimal and kg extract lines)"
c_load_unknown_type() {
  echo '{"subject":"A","subject_type":"alien","predicate":"meets","object":"B"}' >f.jsonl
  echo '{"article":{"id":"z"},"entities":[{"id":"x/1","name":"X","type":"planet"}],"relations":[]}' >>f.jsonl
  expect_rc 65 "$KG" load f.jsonl --db db || return 1
  [[ $(grep -c "unknown.*type" err) -eq 2 ]] || fail "$(cat err)"
}
case_ load_bad_values "unknown predicate, modality, confidence outside [0,1], missing fields: rejected with file:line"
c_load_bad_values() {
  printf '{"subject":"A","predicate":"frobs","object":"B"}\n{"subject":"A","predicate":"meets","object":"B","modality":"maybe"}\n{"subject":"A","predicate":"meets","object":"B","confidence":7}\n{"subject":"A","predicate":"meets"}\nnot json\n{"subject":"A","predicate":"meets","object":"B"}\n' >f.jsonl
  expect_rc 65 "$KG" load f.jsonl --db db || return 1
  local l
  for l in 1 2 3 4 5; do grep -q "f.jsonl:$l:" err || fail "line $l not reported: $(cat err)" || return 1; done
  grep -q "articles new 1" out || fail "$(cat out)"
}
case_ load_roundtrip "kg extract | kg load gives the same graph as kg ingest"
c_load_roundtrip() {
  expect_rc 0 "$KG" load "$FIX/facts.jsonl" --db db || return 1
  [[ $("$KG" stats --db db --format json | grep -o '"relations":[0-9]*') == $("$KG" stats --db "$FIX/base.db" --format json | grep -o '"relations":[0-9]*') ]] || fail "relations differ"
}

# --------------------------------------------------------------- Cypher ---
case_ cypher_write_all_or_nothing "a write query that fails after some writes keeps none of them"
c_cypher_write_all_or_nothing() {
  cp -a "$FIX/base.db" db
  "$KG" query "UNWIND [1, 2, 0] AS x CREATE (n:Temp {v: 10 / x})" --db db >out 2>err
  local rc=$?
  [[ $rc -ne 0 ]] || fail "query succeeded" || return 1
  [[ $(sig db) == "$BASE_SIG" ]] || fail "some writes kept"
}
case_ cypher_timeout_rollback "a write query stopped by --timeout keeps nothing (exit 75)"
c_cypher_timeout_rollback() {
  cp -a "$FIX/base.db" db
  expect_rc 75 "$KG" query "UNWIND range(1, 3000000) AS x CREATE (:Temp {v: x})" --db db --timeout 1 || return 1
  [[ $(sig db) == "$BASE_SIG" ]] || fail "writes kept"
}
case_ cypher_rows_rollback "a write query stopped by --max-rows keeps nothing"
c_cypher_rows_rollback() {
  cp -a "$FIX/base.db" db
  expect_rc 75 "$KG" query "UNWIND range(1, 50) AS x CREATE (n:Temp {v: x}) RETURN n" --db db --max-rows 10 || return 1
  [[ $(sig db) == "$BASE_SIG" ]] || fail "writes kept"
}
case_ cypher_detach_delete "MATCH (n) DETACH DELETE n is one commit: the graph is empty afterwards, consistent"
c_cypher_detach_delete() {
  cp -a "$FIX/base.db" db
  expect_rc 0 "$KG" query "MATCH (n) DETACH DELETE n" --db db || return 1
  "$KG" stats --db db --format json | grep -q '"entities":0,"relations":0' || fail "not empty" || return 1
  expect_rc 0 "$KG" check --db db
}
case_ cypher_id_immutable "SET n.id / REMOVE n.id / SET n = {} on an entity are refused; CREATE of an existing id is refused"
c_cypher_id_immutable() {
  cp -a "$FIX/base.db" db
  expect_rc 64 "$KG" query "MATCH (n {id: 'country/RU'}) SET n.id = 'country/XX'" --db db || return 1
  expect_rc 64 "$KG" query "MATCH (n {id: 'country/RU'}) REMOVE n.id" --db db || return 1
  expect_rc 64 "$KG" query "MATCH (n {id: 'country/RU'}) SET n = {name: 'x'}" --db db || return 1
  expect_rc 64 "$KG" query "MATCH (n {id: 'country/UA'}) SET n.id = 'country/RU'" --db db || return 1
  expect_rc 64 "$KG" query "CREATE (:Country {id: 'country/RU', name: 'Fake'})" --db db || return 1
  [[ $(sig db) == "$BASE_SIG" ]] || fail "graph changed"
}
case_ cypher_no_hijack "after a refused id change, a later ingest still attaches facts to the original node"
c_cypher_no_hijack() {
  cp -a "$FIX/base.db" db
  "$KG" query "CREATE (:Country {id: 'country/RU', name: 'Hijack'})" --db db >/dev/null 2>&1
  "$KG" ingest "$FIX/more" --db db --settle 0 --no-progress >/dev/null 2>&1
  local n
  n=$("$KG" query "MATCH (n {id: 'country/RU'}) RETURN count(n) AS c" --db db --format csv | tail -1)
  [[ $n == 1 ]] || fail "$n nodes with id country/RU"
}
case_ parser_flat_chain "a flat chain of 20,000 operators is an error (exit 64), not a segfault"
c_parser_flat_chain() {
  local q
  q="RETURN 1$(printf '+1%.0s' $(seq 20000))"
  expect_rc 64 "$KG" query "$q" --db "$FIX/base.db" || return 1
  grep -q "nested too deeply" err || fail "$(head -c 200 err)"
}
case_ parser_or_terms "15,000 OR terms are an error (exit 64), not a segfault"
c_parser_or_terms() {
  awk 'BEGIN { printf "MATCH (n) WHERE n.name = \x27a\x27"; for (i = 0; i < 15000; i++) printf " OR n.name = \x27a\x27"; print " RETURN n" }' >q.cypher
  expect_rc 64 "$KG" query --file q.cypher --db "$FIX/base.db" || return 1
  grep -q "use IN" err || fail "$(head -c 300 err)"
}
case_ parser_deep_nesting "1 M '(' / '[' / 'NOT ' / pattern hops / clauses are errors (exit 64)"
c_parser_deep_nesting() {
  local u
  for u in '(' '[' 'NOT ' '-' '{a:'; do
    awk -v u="$u" 'BEGIN { printf "RETURN "; n = int(1000000 / length(u)); for (i = 0; i < n; i++) printf "%s", u; print "1" }' >q.cypher
    expect_rc 64 "$KG" query --file q.cypher --db "$FIX/base.db" || return 1
  done
  awk 'BEGIN { printf "MATCH (a)"; for (i = 0; i < 150000; i++) printf "-->(a)"; print " RETURN a" }' >q.cypher
  expect_rc 64 "$KG" query --file q.cypher --db "$FIX/base.db" || return 1
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "MATCH (n) "; print "RETURN n" }' >q.cypher
  expect_rc 64 "$KG" query --file q.cypher --db "$FIX/base.db"
}
case_ timeout_in_list "a 1 M-element IN list stops at --timeout 2 (exit 75 within seconds)"
c_timeout_in_list() {
  awk 'BEGIN { printf "UNWIND range(1, 2000) AS x WITH x WHERE x IN ["; for (i = 0; i < 1000000; i++) printf "%d,", -i; print "0] RETURN count(x)" }' >q.cypher
  local t0=$SECONDS
  expect_rc 75 "$KG" query --file q.cypher --db "$FIX/base.db" --timeout 2 || return 1
  grep -q "timed out" err || fail "$(cat err)" || return 1
  (( SECONDS - t0 < 90 )) || fail "took $((SECONDS - t0)) s"
  echo "stopped after $((SECONDS - t0)) s" >note
}
case_ timeout_sort "ORDER BY over 2 M rows stops at --timeout 1"
c_timeout_sort() {
  expect_rc 75 "$KG" query "UNWIND range(1, 2000000) AS x WITH x ORDER BY -x RETURN x LIMIT 1" --db "$FIX/base.db" --timeout 1
}
case_ memory_guard "collect over a large UNWIND stops at --max-memory 300M with exit 75"
c_memory_guard() {
  expect_rc 75 "$KG" query "UNWIND range(1, 10000000) AS x WITH collect(toString(x) + ' padding padding') AS c RETURN size(c)" --db "$FIX/base.db" --max-memory 300M --timeout 0 || return 1
  grep -q "max-memory" err || fail "$(cat err)"
}
case_ guard_flags "--timeout -1, --timeout nan, --max-memory 12X are usage errors (64)"
c_guard_flags() {
  expect_rc 64 "$KG" query "RETURN 1" --db "$FIX/base.db" --timeout -1 || return 1
  expect_rc 64 "$KG" query "RETURN 1" --db "$FIX/base.db" --timeout nan || return 1
  expect_rc 64 "$KG" query "RETURN 1" --db "$FIX/base.db" --max-memory 12X
}
case_ malformed_query "a malformed query gives line, column and a caret (exit 64)"
c_malformed_query() {
  expect_rc 64 "$KG" query "MATCH (a:Person RETURN a" --db "$FIX/base.db" || return 1
  grep -q "line 1, column 17" err || fail "$(cat err)"
}

# ------------------------------------------------------- files, exports ---
case_ export_symlink "kg export -o onto a symlink replaces the link, never writes its target"
c_export_symlink() {
  echo precious >target.txt
  ln -s target.txt out.graphml
  expect_rc 0 "$KG" export --db "$FIX/base.db" -o out.graphml || return 1
  [[ $(cat target.txt) == precious ]] || fail "symlink target overwritten" || return 1
  [[ ! -L out.graphml ]] && xmllint --noout out.graphml || fail "not a valid GraphML file"
}
case_ export_bad_dir "kg export -o into a missing directory: exit 74, a clear message"
c_export_bad_dir() {
  expect_rc 74 "$KG" export --db "$FIX/base.db" -o nosuch/dir/g.graphml
}
case_ export_hostile_names "hostile names (<, &, ]]>, control characters, broken UTF-8) give valid GraphML"
c_export_hostile_names() {
  printf '{"subject":"A <b> & ]]> \\u0001 \\u001b[31m","predicate":"meets","object":"B\\"\\n\\t"}\n' >f.jsonl
  "$KG" load f.jsonl --db db >/dev/null 2>&1 || return 1
  "$KG" export --db db -o g.graphml 2>/dev/null && xmllint --noout g.graphml
}
case_ backup_atomic "a backup over an existing directory is refused (64); a backup is checked and openable"
c_backup_atomic() {
  mkdir exists
  expect_rc 64 "$KG" backup exists --db "$FIX/base.db" || return 1
  expect_rc 0 "$KG" backup bak --db "$FIX/base.db" || return 1
  [[ $(sig bak) == "$BASE_SIG" ]] || fail "backup differs"
}
case_ exit_codes "usage errors exit 64, a missing database 66"
c_exit_codes() {
  expect_rc 64 "$KG" stats --bogus || return 1
  expect_rc 66 "$KG" stats --db nosuch.db || return 1
  expect_rc 64 "$KG" frobnicate
}
case_ not_a_database "a directory of other files is refused as 'not a kg database' (64), never turned into one"
c_not_a_database() {
  mkdir d && echo x >d/file
  expect_rc 64 "$KG" ingest "$FIX/in" --db d --settle 0 --no-progress || return 1
  [[ $(ls d) == file ]] || fail "directory changed"
}

# ------------------------------------------------------------------ run ---
printf '%-3s %-32s %-6s %s\n' "#" "case" "result" "what must hold / detail"
pass=0
failed=0
i=0
for c in "${CASES[@]}"; do
  name=${c%%|*}
  what=${c#*|}
  [[ -n $ONLY && ! $name =~ $ONLY ]] && continue
  i=$((i + 1))
  d="$ROOT/case-$name"
  mkdir -p "$d"
  start=$SECONDS
  (cd "$d" && "c_$name") >"$d/log" 2>&1
  rc=$?
  mountpoint -q "$d/fs" 2>/dev/null && umount "$d/fs"
  secs=$((SECONDS - start))
  if [[ $rc -eq 0 ]]; then
    pass=$((pass + 1))
    detail=$what
    [[ -s $d/note ]] && detail="$what [$(head -1 "$d/note")]"
    printf '%-3s %-32s %-6s %s (%ds)\n' "$i" "$name" "PASS" "$detail" "$secs"
  else
    failed=$((failed + 1))
    printf '%-3s %-32s %-6s %s (%ds)\n' "$i" "$name" "FAIL" "$what" "$secs"
    sed 's/^/      /' "$d/log" | head -8
  fi
  # Readers must clean up after themselves in every case.
  [[ -z $(ls -A "$TMPDIR") ]] || { echo "      note: left in TMPDIR: $(ls -A "$TMPDIR" | head -3)"; rm -rf "${TMPDIR:?}"/*; }
done
echo "fault catalogue: $i cases, $pass pass, $failed fail"
[[ $failed -eq 0 ]]
