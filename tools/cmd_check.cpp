// kg check [--db P] [--max-problems N] [--quiet]
// Full consistency check of a database (or of a backup directory): RocksDB's
// checksums of every table file, the files themselves, and every record of
// the graph (graph/check.h). Runs beside a writer (then as a secondary
// instance); with no writer it opens the database the strict way a writer
// would. Exit 0 when consistent, 65 when damage was found, 74 on I/O errors.
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>

#include "graph/check.h"
#include "graph/rocks_store.h"
#include "graph/utf8.h"
#include "tools/commands.h"

namespace kg::cli {
namespace {

std::string Size(uint64_t b) {
  char buf[32];
  if (b >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(b) / (1 << 20));
  else std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(b) / 1024);
  return buf;
}

int CheckMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Check a database (or a backup) for damage: every table file's checksums and every "
                        "record of the graph (relationship ends, adjacency, name index, evidence, article "
                        "records, support counts, id counters). Exit 0 when consistent, 65 when not.");
  opts.add_options()("db", "database or backup directory",
                     cxxopts::value<std::string>()->default_value(DefaultDbPath()))(
      "max-problems", "print at most N problems (all are counted)",
      cxxopts::value<std::size_t>()->default_value("200"))("h,help", "show help");
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
  OpenOptions oo;
  oo.strict = true;
  auto g = OpenGraph(db, oo);
  if (!g.ok()) return Fail(cmd, g.status());
  StoreVerification files;
  Status s = VerifyRocksStore((*g)->store(), &files);
  if (!s.ok()) return Fail(cmd, s);
  GraphCheck gc;
  s = CheckGraph(*(*g)->store(), &gc, r["max-problems"].as<std::size_t>());
  if (!s.ok()) files.problems.push_back("reading the records: " + s.message());
  const uint64_t total = files.problems.size() + gc.problems_total;
  if (total == 0) {
    std::printf(
        "%s: consistent: %llu entities, %llu relationships, %llu adjacency entries, %llu index entries, "
        "%llu evidence records, %llu articles, %llu file states; %llu table files (%s) with valid checksums\n",
        Printable(db).c_str(), static_cast<unsigned long long>(gc.nodes), static_cast<unsigned long long>(gc.rels),
        static_cast<unsigned long long>(gc.adjacency), static_cast<unsigned long long>(gc.names),
        static_cast<unsigned long long>(gc.evidence), static_cast<unsigned long long>(gc.articles),
        static_cast<unsigned long long>(gc.files), static_cast<unsigned long long>(files.table_files),
        Size(files.table_bytes).c_str());
    return 0;
  }
  std::printf("%s: %llu problem(s):\n", Printable(db).c_str(), static_cast<unsigned long long>(total));
  for (const auto& p : files.problems) std::printf("  %s\n", Printable(p).c_str());
  for (const auto& p : gc.problems) std::printf("  %s\n", Printable(p).c_str());
  if (gc.problems_total > gc.problems.size())
    std::printf("  ... and %llu more\n",
                static_cast<unsigned long long>(gc.problems_total - gc.problems.size()));
  std::printf("run 'kg repair --db %s' to rebuild what is left, or restore a backup (checked with kg check)\n",
              Printable(db).c_str());
  std::fflush(stdout);
  return 65;
}

}  // namespace

KG_REGISTER_COMMAND("check", "check a database or backup for damage (checksums, every record)", CheckMain);

}  // namespace kg::cli
