// kg load FILE.jsonl... [--db P] [--wait S] [--bulk auto|on|off]
//
// The "bring your own extractor" door: `kg extract` JSON Lines or minimal
// {"subject", "predicate", "object"} lines (format and checks: graph/fact_lines.h).
// Bad lines are reported as file:line and skipped; the exit code is then 65.
//
// Bulk path: loading into an empty database (--bulk auto, the default, when the input has at
// least 20,000 lines; or --bulk on) builds the graph in memory and writes it with SstFileWriter:
// one table file per column family, ingested in ONE atomic IngestExternalFiles call, so a crash
// leaves either the whole load or an empty database. Otherwise articles are applied exactly like
// `kg ingest` does: each article all or nothing, written in groups of up to 1024 articles per
// WriteBatch (Graph::IngestBatch).
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>
#include <map>

#include "graph/fact_lines.h"
#include "graph/rocks_store.h"
#include "graph/utf8.h"
#include "tools/commands.h"

namespace kg::cli {
namespace {

int LoadMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Import facts from another extractor: `kg extract` JSON Lines or minimal "
                        "{\"subject\",\"predicate\",\"object\"} lines with entity names.");
  opts.positional_help("FILE.jsonl...");
  opts.add_options()("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))(
      "wait", "wait up to SECONDS for another writer (then exit 75)",
      cxxopts::value<int>()->default_value("0"))(
      "bulk", "auto, on or off: SST bulk path for loads into an empty database",
      cxxopts::value<std::string>()->default_value("auto"))(
      "files", "input files (- for stdin)", cxxopts::value<std::vector<std::string>>())("h,help", "show help");
  opts.parse_positional({"files"});
  cxxopts::ParseResult r;
  try {
    r = opts.parse(argc, argv);
  } catch (const std::exception& e) {
    return UsageError(cmd, e.what());
  }
  if (r.count("help")) {
    std::cout << opts.help() << "\n";
    return 0;
  }
  if (!r.count("files")) return UsageError(cmd, "missing FILE.jsonl");
  const std::string bulk = r["bulk"].as<std::string>();
  if (bulk != "auto" && bulk != "on" && bulk != "off") return UsageError(cmd, "--bulk must be auto, on or off");

  auto t0 = std::chrono::steady_clock::now();
  FactLineReader reader("");
  long bad = 0;
  for (const auto& path : r["files"].as<std::vector<std::string>>()) {
    FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) {
      if (errno == ENOENT) return FailInput(cmd, Status::NotFound(Printable(path) + ": no such file or directory"));
      return Fail(cmd, Status::IOError("cannot open " + Printable(path) + ": " + std::strerror(errno)));
    }
    reader.SetSource(path);
    Status s = reader.AddStream(f, [&](long lineno, const Status& why) {
      ++bad;
      std::fprintf(stderr, "%s: %s:%ld: %s\n", cmd.c_str(), Printable(path).c_str(), lineno,
                   Printable(why.message()).c_str());
    });
    if (f != stdin) std::fclose(f);
    if (!s.ok()) return Fail(cmd, s);
  }
  const std::vector<ArticleFacts>& articles = reader.articles();

  OpenOptions oo;
  oo.write = true;
  oo.wait_seconds = r["wait"].as<int>();
  auto g = OpenGraph(r["db"].as<std::string>(), oo);
  if (!g.ok()) return FailInput(cmd, g.status());
  auto st = (*g)->Stats();
  if (!st.ok()) return Fail(cmd, st.status());
  const bool empty = st->articles == 0 && st->entities == 0;
  const bool use_bulk = empty && (bulk == "on" || (bulk == "auto" && reader.lines() >= 20000));
  if (bulk == "on" && !empty)
    std::fprintf(stderr, "%s: database is not empty: using per-article batches\n", cmd.c_str());

  long n_new = 0, n_updated = 0, n_unchanged = 0, n_failed = 0;
  Graph* target = g->get();
  std::unique_ptr<Graph> mem;
  if (use_bulk) {
    auto m = Graph::Open(NewMemStore());
    if (!m.ok()) return Fail(cmd, m.status());
    mem = std::move(m).value();
    target = mem.get();
  }
  // Group commit: articles go into one WriteBatch per group (each article still all or nothing).
  IngestBatchOptions bo;
  if (use_bulk) bo.cache_bytes = 0;  // the memory store is its own cache
  auto batch = target->NewIngestBatch(bo);
  for (const auto& a : articles) {
    auto o = batch->ApplyArticle(a);
    if (!o.ok()) {
      if (o.status().code() == Status::Code::kIOError) return Fail(cmd, o.status());
      std::fprintf(stderr, "%s: article %s: %s\n", cmd.c_str(), Printable(a.article.id).c_str(),
                   o.status().message().c_str());
      ++n_failed;
      continue;
    }
    switch (*o) {
      case IngestOutcome::kNew: ++n_new; break;
      case IngestOutcome::kUpdated: ++n_updated; break;
      case IngestOutcome::kUnchanged: ++n_unchanged; break;
    }
  }
  if (Status cs = batch->Commit(); !cs.ok()) return Fail(cmd, cs);
  batch.reset();
  if (use_bulk) {
    Status s = BulkLoadRocksStore(*mem->store(), (*g)->store());
    if (!s.ok()) return Fail(cmd, s);
    s = CompactRocksStore((*g)->store());
    if (!s.ok()) return Fail(cmd, s);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("loaded %ld lines%s: articles new %ld, updated %ld, unchanged %ld, failed %ld; bad lines %ld (%.1fs)\n",
              reader.lines(), use_bulk ? " (bulk SST ingest)" : "", n_new, n_updated, n_unchanged, n_failed,
              bad, secs);
  return bad > 0 || n_failed > 0 ? 65 : 0;
}

}  // namespace

KG_REGISTER_COMMAND("load", "import triples from any extractor (kg extract JSONL or minimal lines)", LoadMain);

}  // namespace kg::cli
