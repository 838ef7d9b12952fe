// kg backup DIR [--db P] [--wait S] [--copy]
// Writes a consistent copy of the database to DIR (a RocksDB checkpoint: hard
// links for immutable table files unless --copy, copies of the rest), built
// in DIR.tmp and renamed, then read back and checked (a damaged database is
// not backed up: exit 65). DIR must not exist.
// Restore: stop writers, move the broken database away, `mv DIR kg.db` (or
// point --db / $KG_DB at DIR). Takes the writer lock briefly (the memtable is
// flushed so the copy needs no log replay); waits with --wait like ingest.
#include <cstdio>
#include <cxxopts.hpp>
#include <filesystem>
#include <iostream>

#include "graph/rocks_store.h"
#include "tools/commands.h"

namespace kg::cli {
namespace {

int BackupMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd, "Write a consistent, directly openable copy of the database to DIR.");
  opts.positional_help("DIR");
  opts.add_options()("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))(
      "wait", "wait up to SECONDS for a running writer (then exit 75)",
      cxxopts::value<int>()->default_value("0"))(
      "copy", "copy the table files instead of hard-linking them (a backup on the same file system "
      "that survives damage to the database's files)")(
      "dir", "backup directory (must not exist)", cxxopts::value<std::vector<std::string>>())(
      "h,help", "show help");
  opts.parse_positional({"dir"});
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
  if (!r.count("dir") || r["dir"].as<std::vector<std::string>>().size() != 1)
    return UsageError(cmd, "expected exactly one DIR");
  const std::string dir = r["dir"].as<std::vector<std::string>>()[0];
  const std::string db = r["db"].as<std::string>();
  OpenOptions oo;
  oo.write = true;
  oo.wait_seconds = r["wait"].as<int>();
  oo.must_exist = true;
  if (!std::filesystem::exists(db)) return Fail(cmd, Status::IOError("no database at " + db));
  auto g = OpenGraph(db, oo);
  if (!g.ok()) return FailInput(cmd, g.status());
  Status s = CheckpointRocksStore((*g)->store(), dir, r.count("copy") > 0);
  if (!s.ok()) return Fail(cmd, s);
  auto st = (*g)->Stats();
  if (!st.ok()) return Fail(cmd, st.status());
  std::printf("backed up %s to %s (%llu articles, %llu entities, %llu relations)\n", db.c_str(), dir.c_str(),
              static_cast<unsigned long long>(st->articles), static_cast<unsigned long long>(st->entities),
              static_cast<unsigned long long>(st->relations));
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("backup", "write a consistent copy of the database (RocksDB checkpoint)", BackupMain);

}  // namespace kg::cli
