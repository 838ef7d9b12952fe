#!/usr/bin/env bash
# Issue 19 item 7: the query shell in a pseudo-terminal (tmux): :help,
# a statement, history recall with the Up arrow, Ctrl-C cancels the line,
# :param, :source, several statements on one line, EXPLAIN / PROFILE, :exit.
# Scripts: --file runs several statements separated by ';'.
set -euo pipefail
KG=${KG:?path of the kg binary}
T=$(mktemp -d)
SOCK="$T/tmux.sock"
trap 'tmux -S "$SOCK" kill-server 2>/dev/null || true; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; [ -f "$T/pane" ] && cat "$T/pane"; exit 1; }
command -v tmux >/dev/null || { echo "tmux missing (scripts/setup.sh installs it)"; exit 77; }

printf '{"id":"a1","text":"Joe Biden met Olaf Scholz in Washington.","lang":"en","date":"2024-02-09"}\n' >"$T/a.jsonl"
"$KG" ingest "$T/a.jsonl" --db "$T/db" --no-progress >/dev/null

# --file: several statements, a :param line, comments with ';' inside.
cat >"$T/script.cypher" <<'CY'
// the people; counted
MATCH (p:Person) RETURN count(p) AS people;
:param who => 'Olaf Scholz'
MATCH (p {name: $who}) RETURN p.name AS name; /* done; */
CY
"$KG" query --db "$T/db" --file "$T/script.cypher" >"$T/s.out" 2>"$T/s.err" || fail "script: $(cat "$T/s.err")"
grep -q "^people" "$T/s.out" && grep -q "^Olaf Scholz" "$T/s.out" || fail "script output: $(cat "$T/s.out")"
printf 'RETURN 1 AS a; RETURN 2 AS b;\n' | "$KG" query --db "$T/db" >"$T/p.out" || fail "stdin script"
grep -q "^a" "$T/p.out" && grep -q "^b" "$T/p.out" || fail "two statements from stdin: $(cat "$T/p.out")"
# EXPLAIN prints the plan without running; PROFILE runs and prints rows per operator.
"$KG" query --db "$T/db" "EXPLAIN MATCH (p:Person) WHERE p.name STARTS WITH 'O' RETURN p.name" >"$T/x.out"
grep -q "^Match *| MATCH (p:Person) WHERE" "$T/x.out" && grep -q "^Projection" "$T/x.out" || fail "EXPLAIN: $(cat "$T/x.out")"
"$KG" query --db "$T/db" "PROFILE MATCH (p:Person) RETURN p.name ORDER BY p.name" >"$T/pr.out" 2>"$T/pr.err"
grep -q "Olaf Scholz" "$T/pr.out" || fail "PROFILE result: $(cat "$T/pr.out")"
grep -q "^Match *| 2 *|" "$T/pr.err" && grep -q "^Sort *| 2 *|" "$T/pr.err" || fail "PROFILE plan: $(cat "$T/pr.err")"

# The interactive shell.
cat >"$T/src.cypher" <<'CY'
RETURN 'sourced' AS what;
CY
export KG_HISTORY="$T/history"
tmux -S "$SOCK" -f /dev/null new-session -d -s kg -x 160 -y 50 "cd '$T' && '$KG' query --db '$T/db'; echo SHELL-EXITED \$?; sleep 30"
pane() { tmux -S "$SOCK" capture-pane -p -t kg -S -200 >"$T/pane"; }
wait_for() {  # wait_for PATTERN: until the pane shows it (10 s)
  for _ in $(seq 1 100); do
    pane
    if grep -q -- "$1" "$T/pane"; then return 0; fi
    sleep 0.1
  done
  fail "timeout waiting for '$1'"
}
keys() { tmux -S "$SOCK" send-keys -t kg "$@"; }
# line TEXT: types TEXT literally and presses Enter (tmux reads an argument
# ending in ';' as a command separator, hence the escape).
line() {
  local t="$1"
  [[ "$t" == *";" ]] && t="${t%;}\\;"
  tmux -S "$SOCK" send-keys -t kg -l "$t"
  tmux -S "$SOCK" send-keys -t kg Enter
}
wait_for "^kg>"
line ":help"
wait_for ":source FILE"
line "MATCH (p:Person) RETURN count(p) AS people;"
wait_for "(1 row)"
# History: Up recalls the last line; run it again.
keys Up
wait_for "kg> MATCH (p:Person) RETURN count(p) AS people;$"
keys Enter
[ "$(pane; grep -c '(1 row)' "$T/pane")" -ge 1 ] || true
for _ in $(seq 1 50); do pane; [ "$(grep -c '(1 row)' "$T/pane")" -ge 2 ] && break; sleep 0.1; done
[ "$(grep -c '(1 row)' "$T/pane")" -ge 2 ] || fail "history recall did not run the statement again"
# Ctrl-C cancels the line being typed and the shell stays.
tmux -S "$SOCK" send-keys -t kg -l "MATCH (p) RETURN p.name AS cancelled"
keys C-c
wait_for "\\^C"
line "RETURN 41 + 1 AS answer;"
wait_for "^42"
grep -q "cancelled" <(grep -v "MATCH (p) RETURN p.name AS cancelled" "$T/pane") && fail "the cancelled line ran"
# :param, :source, two statements on one line.
line ":param x => 5"
line 'RETURN $x * 2 AS ten; RETURN "two" AS second;'
wait_for "^10"
wait_for "^two"
line ":source $T/src.cypher"
wait_for "^sourced"
line "MATCH (p:Persn) RETURN p;"
wait_for "unknown label :Persn"
line ":exit"
wait_for "SHELL-EXITED 0"
grep -q "count(p)" "$T/history" || fail "history file not written"  # libedit escapes spaces
echo "ok"
