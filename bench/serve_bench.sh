#!/usr/bin/env bash
# kg serve on a synthetic graph (gen_graph: RELS relationships, one hub of degree 10,000):
#  1. /api/neighbors of the hub over one keep-alive connection, RUNS requests per
#     case after 3 warm-ups: median and p90 wall time, answer size;
#  2. the first view of the hub's 1,000-node neighbourhood (/?q=Hub, default
#     limit 1000) in Debian's headless Chromium: from opening the page to the
#     drawing done (search, API call, fCoSE layout, first render), median of 5
#     fresh pages (bench/serve_bench.mjs).
# Results and the machine's load go to BENCHMARKS.md ("kg serve").
#
# usage: bench/serve_bench.sh BUILD_DIR [DB] [RUNS=30] [RELS=1000000]
#   DB defaults to /tmp/kg_serve_bench_RELS; when it does not exist it is built
#   with gen_graph --relationships RELS | kg load (1,000,000 = bench/query_bench.sh's graph).
set -euo pipefail
BUILD=${1:?build dir}
RUNS=${3:-30}
RELS=${4:-1000000}
DB=${2:-/tmp/kg_serve_bench_$RELS}
KG="$BUILD/tools/kg"
SRC=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$DB" ]; then
  tmp=$(mktemp /tmp/kg_serve_bench.XXXXXX.jsonl)
  "$BUILD/bench/gen_graph" --relationships "$RELS" > "$tmp"
  "$KG" load "$tmp" --db "$DB" > /dev/null
  rm -f "$tmp"
fi
out=$(mktemp /tmp/kg_serve_bench_url.XXXXXX)
"$KG" serve --db "$DB" --port 0 -q > "$out" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.1; done
url=$(head -1 "$out")
echo "kg serve at $url on $DB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/python3 - "$url" "$RUNS" <<'PY'
import http.client, json, statistics, sys, time, urllib.parse
url, runs = sys.argv[1], int(sys.argv[2])
host, port = urllib.parse.urlparse(url).hostname, urllib.parse.urlparse(url).port
conn = http.client.HTTPConnection(host, port, timeout=60)
def get(path):
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    assert r.status == 200, (path, r.status, body[:200])
    return body
cases = [
    ("hub, default limit (1,000 strongest neighbours)", "/api/neighbors?name=Hub"),
    ("hub, every neighbour (limit=10000)", "/api/neighbors?name=Hub&limit=10000"),
    ("hub, every neighbour, no relations among them (connect=0)", "/api/neighbors?name=Hub&limit=10000&connect=0"),
    ("hub, one predicate (predicate=meets)", "/api/neighbors?name=Hub&predicate=meets"),
    ("hub by id, default limit", "/api/neighbors?id=" + urllib.parse.quote(json.loads(get("/api/search?q=Hub"))["resolved"])),
    ("an ordinary entity (Entity 1000)", "/api/neighbors?name=Entity%201000"),
]
print(f"| case | nodes | edges | KiB | median ms | p90 ms |")
print(f"|---|---|---|---|---|---|")
for name, path in cases:
    for _ in range(3):
        get(path)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        body = get(path)
        times.append((time.perf_counter() - t0) * 1000)
    j = json.loads(body)
    times.sort()
    print(f"| {name} | {len(j['nodes'])} | {len(j['edges'])} | {len(body) // 1024} | "
          f"{statistics.median(times):.1f} | {times[int(len(times) * 0.9) - 1]:.1f} |")
PY
node "$SRC/bench/serve_bench.mjs" "$url" 5
