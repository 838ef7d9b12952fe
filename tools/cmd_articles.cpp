// kg articles [--db P] [-f table|jsonl] [--limit N]
// Lists the stored articles: id, date, title, source, input path and how many
// entities, typed relations and co-mention pairs each contributes (from the
// article records, without reading the graph).
#include <cstdio>
#include <cxxopts.hpp>
#include <algorithm>
#include <iostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/commands.h"

namespace kg::cli {
namespace {

int ArticlesMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "List the stored articles: id, date, title, source, input path and the number of "
                        "entities, typed relations and co-mentions each contributes. `kg forget ID` "
                        "retracts one.");
  opts.add_options()("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))(
      "f,format", "table or jsonl", cxxopts::value<std::string>()->default_value("table"))(
      "limit", "at most N articles (0 = all)", cxxopts::value<uint64_t>()->default_value("0"))(
      "h,help", "show help");
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
  const std::string format = r["format"].as<std::string>();
  if (format != "table" && format != "jsonl") return UsageError(cmd, "--format must be table or jsonl");
  const uint64_t limit = r["limit"].as<uint64_t>();
  auto g = OpenGraph(r["db"].as<std::string>(), OpenOptions{});
  if (!g.ok()) return FailInput(cmd, g.status());
  uint64_t n = 0;
  std::vector<ArticleInfo> rows;  // the table is aligned to its longest id
  Status s = (*g)->ScanArticles([&](const ArticleInfo& a) {
    if (format == "jsonl") {
      nlohmann::ordered_json j = {{"id", a.id},
                                  {"date", a.date.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(a.date)},
                                  {"title", a.title},
                                  {"source", a.source},
                                  {"path", a.path},
                                  {"entities", a.entities},
                                  {"relations", a.relations},
                                  {"co_mentions", a.co_mentions}};
      std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
      rows.push_back(a);
    }
    ++n;
    return limit == 0 || n < limit;
  });
  if (!s.ok()) return Fail(cmd, s);
  if (format == "table") {
    int w = 2;
    for (const auto& a : rows) w = std::max(w, static_cast<int>(a.id.size()));
    std::printf("%-*s  %-10s  %8s  %9s  %11s  %s\n", w, "id", "date", "entities", "relations", "co_mentions",
                "title | source");
    for (const auto& a : rows) {
      std::string title = a.title;
      for (char& c : title)
        if (c == '\n' || c == '\t') c = ' ';
      std::printf("%-*s  %-10s  %8llu  %9llu  %11llu  %s%s%s\n", w, a.id.c_str(),
                  a.date.empty() ? "-" : a.date.c_str(), static_cast<unsigned long long>(a.entities),
                  static_cast<unsigned long long>(a.relations), static_cast<unsigned long long>(a.co_mentions),
                  title.c_str(), a.source.empty() ? "" : " | ", a.source.c_str());
    }
  }
  if (format == "table") std::fprintf(stderr, "%llu article(s)\n", static_cast<unsigned long long>(n));
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("articles", "list stored articles: id, date, title, source, fact counts", ArticlesMain);

}  // namespace kg::cli
