// kg forget ARTICLE-ID|PATH... [--db P] [--wait S]
// Retracts articles exactly as a changed article is retracted on re-ingest:
// their evidence goes, supports drop, relationships left without support and
// entities left without articles or relationships are deleted. Each argument
// is an article id, or the path of an ingested file (as given, or any path
// naming the same file: cron runs store absolute paths), which names every
// article read from it. The file state stays, so a directory walk (cron) does
// not ingest the unchanged file again; naming the file in kg ingest does.
// One atomic batch for all.
#include <filesystem>
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>

#include "tools/commands.h"

namespace kg::cli {
namespace {

int ForgetMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd, "Remove articles and everything only they contributed from the graph. Each "
                             "argument is an article id (kg articles lists them) or the path of an ingested "
                             "file, as given or absolute, naming every article read from it. Later runs over "
                             "the file's directory (cron) do not bring an unchanged file back; kg ingest FILE "
                             "naming it does.");
  opts.positional_help("ARTICLE-ID|PATH...");
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
  if (!g.ok()) return FailInput(cmd, g.status());
  int rc = 0;
  long n = 0;
  auto batch = (*g)->NewIngestBatch();
  for (const auto& arg : r["ids"].as<std::vector<std::string>>()) {
    // The id as given, else the articles of the file the path names.
    std::vector<std::string> ids = {arg};
    auto known = batch->ArticleHash(arg);
    if (!known.ok()) return Fail(cmd, known.status());
    if (!known->has_value()) {
      std::error_code ec;
      std::string abs = std::filesystem::absolute(arg, ec).lexically_normal().string();
      auto st = batch->GetFileState(abs);
      if (!st.ok()) return Fail(cmd, st.status());
      if (st->has_value() && !(*st)->articles.empty()) ids = (*st)->articles;
      else if (!ec) ids = {abs};
    }
    long before = n;
    for (const auto& id : ids) {
      Status s = batch->ForgetArticle(id);
      if (s.ok()) ++n;
      else if (!s.IsNotFound()) return Fail(cmd, s);
    }
    if (n == before) {
      std::fprintf(stderr, "%s: article \"%s\" is not in the database (neither an article id nor the path of "
                   "an ingested file; 'kg articles' lists them)\n", cmd.c_str(), arg.c_str());
      rc = 65;
    }
  }
  if (Status s = batch->Commit(); !s.ok()) return Fail(cmd, s);
  std::printf("forgot %ld article%s\n", n, n == 1 ? "" : "s");
  return rc;
}

}  // namespace

KG_REGISTER_COMMAND("forget", "retract articles and what only they contributed", ForgetMain);

}  // namespace kg::cli
