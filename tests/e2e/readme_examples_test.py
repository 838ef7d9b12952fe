"""The README's examples are real output: every `$ kg ...` example of README.md
(issue 19's "every README example reproduces", issue 21's date examples) and
the figures of the demo's `kg stats` block are run on the demo graph (samples/
ingested as scripts/demo.sh does) and compared line by line. The row-count
footer `(N rows)` is left out of the README's examples; an example whose
command prints nothing on stdout (an error) is compared with stderr.

When extraction changes the samples' graph, refresh the README's figures:
  KG=build/tools/kg KG_SOURCE_DIR=. python3 tests/e2e/readme_examples_test.py --update
rewrites the examples and the demo block with kg's output (review the diff)."""
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile

KG = os.environ["KG"]
SRC = os.environ["KG_SOURCE_DIR"]
FOOTER = re.compile(r"\(\d+ rows?\)")
UPDATE = "--update" in sys.argv[1:]


def examples(readme):
    """(line number, command, expected lines) of each `$ kg` example in a fenced block."""
    for block in re.finditer(r"^```\n(.*?)^```", readme, re.S | re.M):
        first = readme.count("\n", 0, block.start(1)) + 1
        lines = block.group(1).split("\n")
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ kg "):
                i += 1
                continue
            j = i + 1
            while j < len(lines) and not lines[j].startswith("$ "):
                j += 1
            want = [l.rstrip() for l in lines[i + 1:j]]
            while want and not want[-1]:
                want.pop()
            yield first + i, lines[i][2:], want, (first + i, first + i + len(want))
            i = j


with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ, KG_DB=os.path.join(tmp, "kg.db"))
    # As scripts/demo.sh: from the source tree, so article ids are samples/...
    ingest = subprocess.run([KG, "ingest", "samples/", "--no-progress"], cwd=SRC, env=env,
                            capture_output=True, text=True)
    if ingest.returncode != 0:
        sys.exit(f"FAIL: ingest samples/: rc {ingest.returncode}: {ingest.stderr}")
    readme = open(os.path.join(SRC, "README.md"), encoding="utf-8").read()
    failures = []
    checked = 0
    rewrite = {}  # README line range (0-based start of the output, end) -> new output lines
    for line, cmd, want, span in examples(readme):
        p = subprocess.run([KG] + shlex.split(cmd)[1:], cwd=SRC, env=env, capture_output=True, text=True)
        if p.stdout:
            got = [l.rstrip() for l in p.stdout.rstrip("\n").split("\n") if not FOOTER.fullmatch(l)]
            # A summary printed on stderr (kg rank, kg neighbors) may be shown with the rows.
            err_lines = p.stderr.rstrip("\n").split("\n") if p.stderr else []
            err = set(err_lines)
            shape = {re.sub(r"[0-9.]+", "0", l) for l in err_lines}  # figures aside
            new = (err_lines if want and re.sub(r"[0-9.]+", "0", want[0]) in shape else []) + got + \
                (err_lines if len(want) > 1 and re.sub(r"[0-9.]+", "0", want[-1]) in shape else [])
            want = [l for l in want if l not in err]
        else:
            got = new = [l.rstrip() for l in p.stderr.rstrip("\n").split("\n")]
        if got != want:
            rewrite[span] = new
            diff = "\n".join(difflib.unified_diff(want, got, "README.md", "kg", lineterm=""))
            failures.append(f"README.md:{line}: {cmd}\n{diff}")
        checked += 1
    assert checked >= 15, f"only {checked} examples found"

    # The demo's `kg stats` block (db size aside) and the GraphML line.
    stats = subprocess.run([KG, "stats"], cwd=SRC, env=env, capture_output=True, text=True).stdout
    block = readme.split("== kg stats\n", 1)[1].split("\n== ", 1)[0].split("\n")
    for want in block:
        if want.startswith("db size"):
            continue
        if want not in stats.split("\n"):
            failures.append(f"README.md demo block: '{want}' is not in kg stats:\n{stats}")
    ent = re.search(r"^entities +(\d+)$", stats, re.M).group(1)
    rel = re.search(r"^relations +(\d+)$", stats, re.M).group(1)
    if f"wrote kg.graphml ({ent} nodes, {rel} edges)" not in readme:
        failures.append(f"README.md demo block: no 'wrote kg.graphml ({ent} nodes, {rel} edges)'")
    summary = ingest.stdout.strip()
    if summary not in readme:
        failures.append(f"README.md demo block: the ingest summary is now '{summary}'")
    if UPDATE and failures:
        lines = readme.split("\n")
        for (start, end), new in sorted(rewrite.items(), reverse=True):
            lines[start:end] = new
        text = "\n".join(lines)
        head, rest = text.split("== kg stats\n", 1)
        old_block, tail = rest.split("\n== ", 1)
        text = head + "== kg stats\n" + stats.rstrip("\n") + "\n== " + tail
        text = re.sub(r"wrote kg\.graphml \(\d+ nodes, \d+ edges\)", f"wrote kg.graphml ({ent} nodes, {rel} edges)", text)
        text = re.sub(r"^ingested \d+ files: .*$", summary.replace("\\", "\\\\"), text, count=1, flags=re.M)
        open(os.path.join(SRC, "README.md"), "w", encoding="utf-8").write(text)
        print(f"updated README.md ({len(failures)} difference(s)); review with git diff")
        sys.exit(0)
    if failures:
        sys.exit("FAIL: README examples differ from kg's output\n" + "\n".join(failures))
    print(f"ok: {checked} README examples and the demo block reproduce")
