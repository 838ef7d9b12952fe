// kg repair [--db P] [--force]
// Brings a damaged database back to a consistent graph: keeps a copy of the
// damaged state (PATH.before-repair-<time>), rebuilds RocksDB's MANIFEST from
// the table files and what can be read of the write-ahead logs
// (rocksdb::RepairDB), then rebuilds kg's derived records (graph/check.h:
// adjacency, name index, support counts, article counts, id counters) and
// drops what refers to lost records, in one atomic write; finally checks the
// result like `kg check`. Articles whose records were lost are ingested
// again by the next `kg ingest` of their files. A consistent database is
// left alone unless --force. Needs the writer lock (exit 75 while another kg
// process writes).
#include <cstdio>
#include <cxxopts.hpp>
#include <filesystem>
#include <iostream>

#include "graph/check.h"
#include "graph/rocks_store.h"
#include "graph/utf8.h"
#include "tools/commands.h"

namespace kg::cli {
namespace {

// Problems a strict read-only open and a full check find; an open error counts as one.
Result<uint64_t> CountProblems(const std::string& db, std::string* first) {
  OpenOptions oo;
  oo.strict = true;
  auto g = OpenGraph(db, oo);
  if (!g.ok()) {
    if (g.status().code() != Status::Code::kCorruption) return g.status();
    *first = g.status().message();
    return uint64_t{1};
  }
  StoreVerification files;
  KG_RETURN_IF_ERROR(VerifyRocksStore((*g)->store(), &files));
  GraphCheck gc;
  Status s = CheckGraph(*(*g)->store(), &gc, 1);
  if (!s.ok()) files.problems.push_back(s.message());
  if (!files.problems.empty()) *first = files.problems[0];
  else if (!gc.problems.empty()) *first = gc.problems[0];
  return files.problems.size() + gc.problems_total;
}

int RepairMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Rebuild a damaged database: RocksDB's repair of its files, then kg's own "
                        "consistency rebuild. Keeps a copy of the damaged state first.");
  opts.add_options()("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))(
      "force", "repair even when kg check finds nothing")("h,help", "show help");
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
  if (!r.unmatched().empty()) return UsageError(cmd, "unexpected argument '" + r.unmatched()[0] + "'");
  const std::string db = r["db"].as<std::string>();
  if (!std::filesystem::exists(db)) return Fail(cmd, Status::IOError("no database at " + db));
  std::string first;
  auto before = CountProblems(db, &first);
  if (!before.ok()) return Fail(cmd, before.status());
  if (*before == 0 && !r.count("force")) {
    std::printf("%s: consistent, nothing to repair\n", Printable(db).c_str());
    return 0;
  }
  if (*before > 0)
    std::printf("%s: %llu problem(s), e.g. %s\n", Printable(db).c_str(), static_cast<unsigned long long>(*before),
                Printable(first).c_str());
  std::string saved;
  if (Status s = RepairRocksDatabase(db, &saved); !s.ok()) return Fail(cmd, s);
  std::printf("kept the damaged state in %s\n", Printable(saved).c_str());
  GraphRepair rep;
  {
    RocksOptions ro;
    ro.create_if_missing = false;
    auto store = OpenRocksStore(db, ro);
    if (!store.ok()) return Fail(cmd, store.status());
    if (Status s = RebuildGraph(store->get(), &rep); !s.ok()) return Fail(cmd, s);
  }
  for (const auto& a : rep.actions) std::printf("  %s\n", a.c_str());
  auto after = CountProblems(db, &first);
  if (!after.ok()) return Fail(cmd, after.status());
  if (*after > 0) {
    std::printf("%s: still %llu problem(s) after the repair, e.g. %s; restore a backup\n", Printable(db).c_str(),
                static_cast<unsigned long long>(*after), Printable(first).c_str());
    return 65;
  }
  auto g = OpenGraph(db, OpenOptions{});
  if (!g.ok()) return Fail(cmd, g.status());
  auto st = (*g)->Stats();
  if (!st.ok()) return Fail(cmd, st.status());
  std::printf("%s: repaired and consistent (%llu articles, %llu entities, %llu relations); run kg ingest on the "
              "inputs again to restore articles that were lost\n",
              Printable(db).c_str(), static_cast<unsigned long long>(st->articles),
              static_cast<unsigned long long>(st->entities), static_cast<unsigned long long>(st->relations));
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("repair", "rebuild a damaged database (keeps a copy of the damaged state)", RepairMain);

}  // namespace kg::cli
