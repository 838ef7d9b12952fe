#!/usr/bin/env bash
# Issue 19 item 10: scripting and install. kg ingest --quiet prints nothing,
# --summary json is one JSON object; the man page and bash/zsh completions are
# generated from the help text and installed by `cmake --install` with kg and
# its data; the installed kg works from another directory; the demo builds
# only what kg needs; kg.graphml is ignored by git.
set -euo pipefail
KG=${KG:?path of the kg binary}
SRC=${KG_SOURCE_DIR:?}
PY=${PYTHON:-/usr/bin/python3}
BUILD=$(cd "$(dirname "$KG")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$T/in"
printf 'date 2024-01-02 Von Test\n\nOlaf Scholz besuchte Paris.\n' >"$T/in/a.txt"
"$KG" ingest "$T/in" --db "$T/db" --quiet >"$T/q.out" 2>"$T/q.err" || fail "--quiet run failed"
[ ! -s "$T/q.out" ] && [ ! -s "$T/q.err" ] || fail "--quiet printed: $(cat "$T/q.out" "$T/q.err")"
printf 'date 2024-01-03 Von Test\n\nJoe Biden besuchte Berlin.\n' >"$T/in/b.txt"
"$KG" ingest "$T/in" --db "$T/db" --summary json --no-progress >"$T/j.out"
"$PY" - "$T/j.out" <<'PY' || fail "--summary json: $(cat "$T/j.out")"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
s = json.loads(lines[0])
assert s["files"]["new"] == 1 and s["files"]["unchanged"] == 1, s
assert s["articles"]["new"] == 1 and s["articles"]["failed"] == 0, s
PY

# Man page and completions from the help text.
"$KG" help --man >"$T/kg.1"
for c in $("$KG" help | awk '/^commands:/{f=1; next} f && !NF {exit} f {print $1}'); do
  grep -q "^\.SS kg $c" "$T/kg.1" || fail "man page lacks command $c"
done
grep -q "prune\\\\-missing" "$T/kg.1" && grep -q "^\.SH EXIT STATUS" "$T/kg.1" || fail "man page content"
if command -v groff >/dev/null; then groff -man -Tutf8 -ww "$T/kg.1" >/dev/null 2>"$T/groff.err" && [ ! -s "$T/groff.err" ] || fail "groff: $(cat "$T/groff.err")"; fi
"$KG" help --bash-completion >"$T/kg.bash"
bash -c "source '$T/kg.bash'
COMP_WORDS=(kg nei); COMP_CWORD=1; _kg; [[ \" \${COMPREPLY[*]} \" == *' neighbors '* ]] || exit 1
COMP_WORDS=(kg ingest --pr); COMP_CWORD=2; _kg; [[ \" \${COMPREPLY[*]} \" == *' --prune-missing '* ]] || exit 2
COMP_WORDS=(kg neighbors x -p me); COMP_CWORD=4; _kg; [[ \" \${COMPREPLY[*]} \" == *' meets '* ]] || exit 3" ||
  fail "bash completion (rc $?)"
"$KG" help --zsh-completion >"$T/_kg"
grep -q "^#compdef kg" "$T/_kg" && grep -q "'neighbors:" "$T/_kg" || fail "zsh completion"
if command -v zsh >/dev/null; then zsh -n "$T/_kg" || fail "zsh syntax"; fi
bash -n "$T/kg.bash" || fail "bash syntax"

# cmake --install: binary, data, man page, completions; the installed kg runs anywhere.
if [ -f "$BUILD/cmake_install.cmake" ]; then
  cmake --build "$BUILD" --target kg_docs >/dev/null
  cmake --install "$BUILD" --prefix "$T/inst" >/dev/null || fail "cmake --install"
  for f in bin/kg share/man/man1/kg.1 share/bash-completion/completions/kg share/zsh/vendor-completions/_kg \
           share/kg/data/kb/people.jsonl; do
    [ -e "$T/inst/$f" ] || fail "not installed: $f"
  done
  (cd / && "$T/inst/bin/kg" extract "$T/in/a.txt" | grep -q '"predicate":"visits"') || fail "installed kg does not extract"
  # kg serve's page (when the build has its npm libraries): installed, and the
  # installed kg finds it for the HTML export.
  if [ -f "$BUILD/tools/web/vendor/cytoscape.min.js" ]; then
    [ -e "$T/inst/share/kg/web/index.html" ] && [ -e "$T/inst/share/kg/web/vendor/cytoscape.min.js" ] ||
      fail "the web page is not installed"
    (cd / && "$T/inst/bin/kg" export --db "$T/db" --format html -o "$T/g.html" 2>/dev/null) &&
      grep -q "Olaf Scholz" "$T/g.html" || fail "installed kg does not export html"
  fi
else
  echo "no build tree beside $KG; install step not checked"
fi
grep -qx "/kg.graphml" "$SRC/.gitignore" || fail "kg.graphml not in .gitignore"
grep -q "BUILD_TARGET=kg_runtime" "$SRC/scripts/demo.sh" || fail "the demo builds everything"
echo "ok"
