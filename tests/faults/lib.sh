# Helpers of the fault catalogue (faults.sh): signatures, corruption, strace
# kill/error injection. Sourced; expects KG (the binary) and FIX (fixtures).

# One line that identifies a graph: the stats and a hash of the sorted
# N-Triples export. "ERROR <rc>" when the database cannot be read.
sig() {
  local db=$1 st nt rc
  st=$("$KG" stats --db "$db" --format json 2>/dev/null) || { echo "ERROR stats $?"; return; }
  nt=$("$KG" export --db "$db" --format ntriples 2>/dev/null | LC_ALL=C sort | sha1sum | cut -c1-12)
  rc=${PIPESTATUS[0]}
  [[ $rc -eq 0 ]] || { echo "ERROR export $rc"; return; }
  echo "$st $nt"
}

# expect_rc CODE CMD...: runs CMD (stdout -> out, stderr -> err); fails unless it exits CODE.
expect_rc() {
  local want=$1
  shift
  "$@" >out 2>err
  local rc=$?
  if [[ $rc -ne $want ]]; then
    echo "expected exit $want, got $rc: $*"
    head -c 400 err
    return 1
  fi
  return 0
}

fail() { echo "$*"; return 1; }

# File helpers for a database directory.
ssts() { ls -S "$1"/*.sst 2>/dev/null; }
largest_sst() { ssts "$1" | head -1; }
wal_file() { ls -S "$1"/*.log 2>/dev/null | head -1; }  # the largest log: the one with data
manifest_file() { echo "$1/$(head -1 "$1/CURRENT")"; }
options_file() { ls "$1"/OPTIONS-* 2>/dev/null | sort | tail -1; }
flip_byte() {  # flip_byte FILE OFFSET
  local f=$1 off=$2 b
  b=$(od -An -tu1 -j "$off" -N1 "$f" | tr -d ' ')
  printf "$(printf '\\%03o' $(( (b ^ 255) & 255 )))" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
}

# A database whose write-ahead log holds committed writes: an ingest of the
# 2,100 short articles of many/ (three groups of up to 1,024) into a copy of
# base.db, killed at the rename of the second group's commit record: the
# log holds two groups, the commit record names the first (the second was
# written but never reported as committed).
make_wal_db() {
  local db=$1
  cp -a "$FIX/base.db" "$db"
  strace -f -qq -o /dev/null -P "$db/KG_COMMITTED.tmp" -e trace=rename \
    -e inject=rename:signal=SIGKILL:when=2 \
    "$KG" ingest "$FIX/many" --db "$db" --settle 0 --no-progress --jobs 1 >/dev/null 2>&1
  local w
  w=$(wal_file "$db")
  [[ -n $w && $(stat -c %s "$w") -gt 1000 ]] || { echo "no WAL data in $db"; return 1; }
}

# File-system syscalls at which kills and errors are injected.
FS_CALLS=openat,write,pwrite64,writev,pwritev,fsync,fdatasync,rename,renameat,renameat2,unlink,unlinkat,link,linkat,mkdir,ftruncate,fallocate

# trace_points LOG CMD...: runs CMD under strace and writes one line per
# file-system call: "<syscall> <n>", n = its invocation number in its thread
# (strace counts injections per syscall and per thread).
trace_points() {
  local log=$1
  shift
  strace -f -qq -o "$log.raw" -e trace=$FS_CALLS "$@" >/dev/null 2>&1
  awk '{
      pid = $1; call = $2
      if (call ~ /^</) next                      # "<... resumed>"
      sub(/\(.*/, "", call)
      n[pid, call]++
      print call, n[pid, call]
    }' "$log.raw" >"$log"
  rm -f "$log.raw"
}

# kill_at CALL N CMD...: runs CMD and SIGKILLs it at the N-th CALL of a thread.
# Returns CMD's exit status (137 when killed).
kill_at() {
  local call=$1 n=$2
  shift 2
  strace -f -qq -o /dev/null -e trace="$call" -e inject="$call":signal=SIGKILL:when="$n" "$@" >/dev/null 2>&1
}

# enospc_from CALL N CMD...: every CALL from the N-th on fails with ENOSPC (a full disk).
enospc_from() {
  local call=$1 n=$2
  shift 2
  strace -f -qq -o /dev/null -e trace="$call" -e inject="$call":error=ENOSPC:when="$n"+ "$@"
}

# pick_points LOG COUNT SEED: COUNT random lines of LOG (deterministic for SEED).
pick_points() {
  awk -v k="$2" -v seed="$3" 'BEGIN { srand(seed) } { l[NR] = $0 } END {
      if (NR == 0) exit
      for (i = 0; i < k; i++) print l[int(rand() * NR) + 1] }' "$1"
}
