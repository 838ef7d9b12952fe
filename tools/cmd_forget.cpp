// kg forget ARTICLE-ID... [--db P] [--wait S]
// Retracts articles exactly as a changed article is retracted on re-ingest:
// their evidence goes, supports drop, relationships left without support and
// entities left without articles or relationships are deleted. One atomic
// batch per article.
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>

#include "tools/commands.h"

namespace kg::cli {
namespace {

int ForgetMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd, "Remove articles and everything only they contributed from the graph.");
  opts.positional_help("ARTICLE-ID...");
  opts.add_options()("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))(
      "wait", "wait up to SECONDS for another writer (then exit 75)",
      cxxopts::value<int>()->default_value("0"))(
      "ids", "article ids", cxxopts::value<std::vector<std::string>>())("h,help", "show help");
  opts.parse_positional({"ids"});
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
  if (!r.count("ids")) return UsageError(cmd, "missing ARTICLE-ID");
  OpenOptions oo;
  oo.write = true;
  oo.wait_seconds = r["wait"].as<int>();
  auto g = OpenGraph(r["db"].as<std::string>(), oo);
  if (!g.ok()) return Fail(cmd, g.status());
  int rc = 0;
  long n = 0;
  for (const auto& id : r["ids"].as<std::vector<std::string>>()) {
    Status s = (*g)->ForgetArticle(id);
    if (!s.ok()) {
      rc = Fail(cmd, s);
      if (!s.IsNotFound()) return rc;
      continue;
    }
    ++n;
  }
  std::printf("forgot %ld article%s\n", n, n == 1 ? "" : "s");
  return rc;
}

}  // namespace

KG_REGISTER_COMMAND("forget", "retract articles and what only they contributed", ForgetMain);

}  // namespace kg::cli
