#!/usr/bin/env python3
"""kg serve over HTTP: bad requests get clear 4xx JSON errors and the server
stays up; path traversal in asset URLs finds nothing; a foreign Host header is
refused; 100 concurrent requests while `kg ingest` writes are all answered;
the server catches up with what the writer committed; SIGTERM stops it
cleanly. Uses only the standard library (Debian's python3)."""
import concurrent.futures
import gzip
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

KG = os.environ["KG"]
SRC = os.environ["KG_SOURCE_DIR"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def request(port, method, path, body=None, headers=None, timeout=30):
    """(status, headers, body bytes); the path is sent exactly as given."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_host=bool(headers and "Host" in headers), skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if body is not None and "Content-Type" not in (headers or {}):
            conn.putheader("Content-Type", "application/json")
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        if body is not None:
            conn.send(body)
        r = conn.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        conn.close()


def get_json(port, path):
    status, _, body = request(port, "GET", path)
    return status, json.loads(body)


def expect_error(port, method, path, status, contains, body=None, headers=None):
    got, hdrs, raw = request(port, method, path, body, headers)
    check(got == status, f"{method} {path[:80]}: status {got}, expected {status}: {raw[:200]!r}")
    check(hdrs.get("Content-Type", "").startswith("application/json"), f"{path[:80]}: error is not JSON")
    try:
        j = json.loads(raw)
        check(j.get("status") == status and contains.lower() in j.get("error", "").lower(),
              f"{path[:80]}: error {j} should mention {contains!r}")
    except ValueError:
        check(False, f"{path[:80]}: error body is not JSON: {raw[:200]!r}")
    # The server stays up.
    up, _, _ = request(port, "GET", "/api/stats")
    check(up == 200, f"server down after {path[:80]}")


def start_server(db):
    p = subprocess.Popen([KG, "serve", "--db", db, "--port", "0", "--refresh", "0.3", "-q"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline().strip()
    if not line.startswith("http://127.0.0.1:"):
        p.kill()
        raise SystemExit(f"kg serve did not start: {line!r} {p.stderr.read()}")
    return p, int(line.rsplit(":", 1)[1].strip("/"))


def main():
    tmp = tempfile.mkdtemp(prefix="kg_serve_api.")
    server = None
    try:
        db = os.path.join(tmp, "kg.db")
        subprocess.run([KG, "ingest", os.path.join(SRC, "samples"), "--db", db, "-q"], check=True)
        server, port = start_server(db)

        # The page and its assets; nothing else from the file system.
        status, hdrs, body = request(port, "GET", "/")
        check(status == 200 and b"kg explorer" in body, "GET / serves the page")
        check("default-src 'none'" in hdrs.get("Content-Security-Policy", ""), "the page has a CSP")
        status, _, body = request(port, "GET", "/assets/app.js")
        check(status == 200 and b"kg explorer" in body, "GET /assets/app.js")
        status, _, plain = request(port, "GET", "/assets/vendor/cytoscape.min.js")
        check(status == 200, "GET /assets/vendor/cytoscape.min.js")
        # A browser's Accept-Encoding: the precompressed gzip copy (never the
        # library's slow Brotli), the same bytes once decoded; 304 on revalidation.
        status, hdrs, gz = request(port, "GET", "/assets/vendor/cytoscape.min.js",
                                   headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
        check(status == 200 and hdrs.get("Content-Encoding") == "gzip" and gzip.decompress(gz) == plain,
              "assets go out gzip-compressed when accepted: %s %s" % (status, hdrs.get("Content-Encoding")))
        status, _, body = request(port, "GET", "/assets/vendor/cytoscape.min.js",
                                  headers={"If-None-Match": hdrs.get("ETag", "none")})
        check(status == 304 and body == b"", "an unchanged asset is 304 Not Modified (got %s)" % status)
        status, hdrs, _ = request(port, "GET", "/api/stats", headers={"Accept-Encoding": "gzip, br"})
        check(status == 200 and "Content-Encoding" not in hdrs, "API answers over loopback are not compressed")
        for path in ["/../../../../etc/passwd", "/assets/../../../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd",
                     "/assets/..%2f..%2f..%2fetc%2fpasswd", "/assets/vendor/../../../CMakeLists.txt",
                     "/assets//etc/passwd", "/assets/.stamp", "/assets/%00", "/etc/passwd"]:
            status, _, body = request(port, "GET", path)
            check(status in (400, 404) and b"root:" not in body and b"project(" not in body,
                  f"traversal {path}: {status}")
        up, _, _ = request(port, "GET", "/api/stats")
        check(up == 200, "server up after traversal attempts")

        # Bad requests: clear 4xx JSON errors, server stays up.
        expect_error(port, "POST", "/api/query", 400, "malformed JSON", body=b'{"query": "MATCH (n) RETURN n",')
        expect_error(port, "POST", "/api/query", 400, "malformed JSON", body=b"\xff\xfe not json")
        expect_error(port, "POST", "/api/query", 400, "column", body=json.dumps({"query": "MATCH (a:Person RETURN a"}).encode())
        expect_error(port, "POST", "/api/query", 403, "read-only", body=json.dumps({"query": "MATCH (n) DETACH DELETE n"}).encode())
        expect_error(port, "GET", "/api/neighbors?name=" + urllib.parse.quote("Nobody Anywhere"), 404, "no entity named")
        expect_error(port, "GET", "/api/neighbors?id=person/no-such-person", 404, "no entity")
        expect_error(port, "GET", "/api/evidence?edge=e99999999", 404, "no relationship")
        expect_error(port, "GET", "/api/neighbors?name=Putin&depth=99", 400, "depth")
        expect_error(port, "GET", "/api/neighbors?name=Putin&predicate=kisses", 400, "unknown predicate")
        expect_error(port, "GET", "/api/nothing", 404, "no API endpoint")
        expect_error(port, "DELETE", "/api/stats", 405, "not supported")
        big = json.dumps({"query": "RETURN '" + "x" * 100_000 + "'"}).encode()
        expect_error(port, "POST", "/api/query", 413, "over the limit", body=big)
        huge = json.dumps({"query": "RETURN 1", "params": {"p": "y" * 2_000_000}}).encode()
        expect_error(port, "POST", "/api/query", 413, "too large", body=huge)
        expect_error(port, "GET", "/api/stats", 403, "not this server", headers={"Host": "attacker.example:80"})
        # A guard trips the same way as kg query's: 422, and the server answers on.
        expect_error(port, "POST", "/api/query", 422, "more than",
                     body=json.dumps({"query": "UNWIND range(1, 200000) AS x RETURN x"}).encode())

        # Good requests the page makes.
        status, j = get_json(port, "/api/search?q=putin")
        check(status == 200 and j["resolved"] == "person/vladimir-putin", f"search putin: {j}")
        status, j = get_json(port, "/api/neighbors?id=person/vladimir-putin")
        check(status == 200 and any(n["name"] == "Kim Jong Un" for n in j["nodes"]), "neighbors of Putin include Kim")
        articles_before = get_json(port, "/api/stats")[1]["articles"]

        # 100 concurrent requests while kg ingest writes new articles: they
        # start once the server has seen the writer's first commit (kg ingest
        # commits every 1,024 articles) and end before the writer does.
        n_feed = 2200
        feed = os.path.join(tmp, "feed.jsonl")
        with open(feed, "w", encoding="utf-8") as f:
            texts = []
            for name in sorted(os.listdir(os.path.join(SRC, "samples"))):
                if name.endswith(".txt"):
                    with open(os.path.join(SRC, "samples", name), encoding="utf-8") as t:
                        texts.append(t.read())
            for i in range(n_feed):
                f.write(json.dumps({"id": f"load-{i}", "title": f"Load {i}", "date": "2024-11-01",
                                    "text": texts[i % len(texts)] + f"\n\nLaufende Nummer {i}."}) + "\n")
        ingest = subprocess.Popen([KG, "ingest", feed, "--db", db, "-q", "--jobs", "1"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        paths = ["/api/stats", "/api/search?q=Kim", "/api/neighbors?name=Putin", "/api/neighbors?name=Ukraine&depth=2",
                 "/api/suggest?q=wl", "/api/entity?name=Scholz", "/api/path?from=Kim%20Jong%20Un&to=Olaf%20Scholz"]
        query = json.dumps({"query": "MATCH (a)-[r:MEETS]->(b) RETURN a.name, b.name LIMIT 20"}).encode()

        deadline = time.time() + 300
        first_commit = articles_before
        while ingest.poll() is None and time.time() < deadline:
            first_commit = get_json(port, "/api/stats")[1]["articles"]
            if first_commit > articles_before:
                break
            time.sleep(0.05)
        check(articles_before < first_commit < articles_before + n_feed and ingest.poll() is None,
              f"the server saw a first commit of kg ingest while it ran on: {articles_before} -> {first_commit} articles")

        def one(i):
            if i % 8 == 7:
                return request(port, "POST", "/api/query", body=query)[0]
            return request(port, "GET", paths[i % len(paths)])[0]

        with concurrent.futures.ThreadPoolExecutor(max_workers=100) as pool:
            codes = list(pool.map(one, range(100)))
        still_writing = ingest.poll() is None
        check(codes == [200] * 100, f"100 concurrent requests: {sorted(set(codes))}, {codes.count(200)} answered 200")
        check(still_writing, "kg ingest was still writing when the 100 requests had been answered")
        print(f"100 concurrent requests: {codes.count(200)} x 200; ingest still running: {still_writing}")
        out, err = ingest.communicate(timeout=600)
        check(ingest.returncode == 0, f"kg ingest while serving: exit {ingest.returncode}: {err[-300:]!r}")

        # The server catches up with what the writer committed.
        deadline = time.time() + 20
        after = articles_before
        while time.time() < deadline:
            after = get_json(port, "/api/stats")[1]["articles"]
            if after >= articles_before + n_feed:
                break
            time.sleep(0.3)
        check(after == articles_before + n_feed, f"catch-up: {articles_before} -> {after} articles, expected +{n_feed}")
        # ... and reads what a fresh reader reads: counts, a relation's support
        # (kg ingest overwrites them through ingested table files, which the
        # catch-up alone left hidden behind the values replayed from the log).
        fresh, fresh_port = start_server(db)
        try:
            def state(p):
                s = get_json(p, "/api/stats")[1]
                n = get_json(p, "/api/neighbors?name=Putin")[1]
                return ({k: s[k] for k in ("articles", "entities", "relations", "evidence")},
                        sorted((e["id"], e["support"]) for e in n["edges"]))
            live_state, fresh_state = state(port), state(fresh_port)
            check(live_state == fresh_state, f"the live server reads what a fresh one does: {live_state} vs {fresh_state}")
        finally:
            fresh.send_signal(signal.SIGTERM)
            fresh.wait(timeout=30)

        # SIGTERM stops it cleanly.
        server.send_signal(signal.SIGTERM)
        rc = server.wait(timeout=30)
        check(rc == 0, f"kg serve exit code after SIGTERM: {rc}")
        server = None
    finally:
        if server:
            server.kill()
            server.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("serve API checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
