// kg extract PATH... [--format jsonl] [--explain] [--lexicon DIR]... [--no-co-mentions] [--stats]
//                    [--jobs N]
// Runs extraction only and writes one JSON object per article to stdout
// (the contract in graph/model_json.h). Writes nothing to the database.
// --jobs N extracts on N threads (tools/parallel_extract.h); everything is
// printed in input order, so stdout and stderr do not depend on N.
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>

#include "graph/model_json.h"
#include "graph/utf8.h"
#include "ingest/extractor.h"
#include "ingest/reader.h"
#include "tools/commands.h"
#include "tools/parallel_extract.h"

namespace kg::cli {
namespace {

int ExtractMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Extract entities and relations from articles (plain text or JSON Lines) and print "
                        "them as JSON Lines, one object per article. Writes nothing to the database.");
  opts.positional_help("PATH...");
  opts.add_options()("f,format", "output format (jsonl)", cxxopts::value<std::string>()->default_value("jsonl"))(
      "explain", "add the rule and matched tokens to every relation's evidence")(
      "follow-symlinks", "follow symbolic links in directories wherever they lead (default: only "
      "links whose target lies inside the given paths)")(
      "lexicon", "extra lexicon/KB directory (repeatable; format in ingest/data/README.md)",
      cxxopts::value<std::vector<std::string>>())(
      "data", "shipped data directory (default: $KG_DATA, install dir, source tree)",
      cxxopts::value<std::string>()->default_value(""))(
      "no-co-mentions", "do not emit co_mentions")(
      "stats", "print per-article entity/relation counts to stderr")(
      "lang", "language of articles without a lang field: de or en (default: detected)",
      cxxopts::value<std::string>())(
      "j,jobs", "extract on N threads (default: online CPUs, at most 8; 1 = sequential); output is in input order",
      cxxopts::value<int>()->default_value(std::to_string(DefaultJobs())))(
      "paths", "input files or directories, - for stdin", cxxopts::value<std::vector<std::string>>())(
      "h,help", "show help");
  opts.parse_positional({"paths"});
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
  if (r["format"].as<std::string>() != "jsonl") return UsageError(cmd, "--format must be jsonl");
  if (!r.count("paths")) return UsageError(cmd, "missing PATH (file, directory or -)");
  const bool explain = r.count("explain") > 0;
  const bool stats = r.count("stats") > 0;
  ExtractorOptions xo;
  xo.data_dir = r["data"].as<std::string>();
  if (r.count("lexicon")) xo.lexicon_dirs = r["lexicon"].as<std::vector<std::string>>();
  xo.co_mentions = r.count("no-co-mentions") == 0;

  const int jobs = r["jobs"].as<int>();
  if (jobs < 1 || jobs > 256) return UsageError(cmd, "--jobs must be between 1 and 256");
  ReadOptions ro;
  if (r.count("lang")) {
    ro.lang = r["lang"].as<std::string>();
    if (ro.lang != "de" && ro.lang != "en") return UsageError(cmd, "--lang must be de or en");
  }

  // Everything that prints goes through the pipeline, so it comes out in input
  // order whatever the number of jobs. The first extractor is loaded up front:
  // a bad --lexicon or data dir is reported before anything else.
  bool failed = false, missing = false;
  ExtractPipeline pipe(xo, {jobs, 0, 8, /*eager=*/true});
  if (Status s = pipe.Start(); !s.ok()) return Fail(cmd, s);
  // Prints `msg` to stderr (in order) and marks the run as failed when `fails`.
  auto report = [&](std::string msg, bool fails) {
    return pipe.Defer([&failed, msg = std::move(msg), fails] {
      std::fputs(msg.c_str(), stderr);
      if (fails) failed = true;
      return Status::OK();
    });
  };

  // Each PATH on its own: a missing one is reported and the rest still run.
  Status run;  // a pipeline failure (the extractor could not be created)
  std::vector<std::string> files;
  ListOptions lo;
  lo.follow_symlinks = r.count("follow-symlinks") > 0;
  ListInputFilesReporting(r["paths"].as<std::vector<std::string>>(), lo, &files,
                          [&](const InputProblem& p) {
                            if (p.message == "no such file or directory") missing = true;
                            if (run.ok()) run = report(cmd + ": " + p.ToString() + "\n", p.fatal);
                          });
  if (!run.ok()) return Fail(cmd, run);

  long articles = 0;
  for (const auto& path : files) {
    auto bytes = ReadFileBytes(path);
    if (!bytes.ok()) {
      run = report(cmd + ": " + bytes.status().message() + "\n", true);
      if (!run.ok()) return Fail(cmd, run);
      continue;
    }
    Status ps = ParseArticles(
        path, *bytes,
        [&](ArticleMeta&& a) {
          if (!run.ok()) return;
          run = pipe.Add(std::move(a), [&](Extracted&& x) {
            const ArticleMeta& a = x.article;
            if (!x.facts.ok()) {
              std::fprintf(stderr, "%s: %s: %s\n", cmd.c_str(), Printable(a.id).c_str(),
                           x.facts.status().message().c_str());
              failed = true;
              return Status::OK();
            }
            const ArticleFacts& facts = *x.facts;
            ++articles;
            std::string line = ArticleFactsToJson(facts, explain).dump(-1, ' ', false,
                                                                       nlohmann::json::error_handler_t::replace);
            std::fwrite(line.data(), 1, line.size(), stdout);
            std::fputc('\n', stdout);
            if (stats)
              std::fprintf(stderr, "%s\tentities=%zu\trelations=%zu\tco_mentions=%zu\n", a.id.c_str(),
                           facts.entities.size(), facts.relations.size(), facts.co_mentions.size());
            return Status::OK();
          });
        },
        [&](const InputProblem& p) {
          if (!run.ok()) return;
          run = report(cmd + ": " + p.ToString() + "\n", p.fatal);
        },
        ro);
    if (run.ok() && !ps.ok()) run = report(cmd + ": " + ps.message() + "\n", true);
    if (!run.ok()) return Fail(cmd, run);
  }
  if (run = pipe.Flush(); !run.ok()) return Fail(cmd, run);
  std::fflush(stdout);
  if (std::ferror(stdout)) return Fail(cmd, Status::IOError("cannot write to stdout"));
  return missing ? 66 : failed ? 65 : 0;
}

}  // namespace

KG_REGISTER_COMMAND("extract", "extract entities and relations as JSON Lines (writes nothing)", ExtractMain);

}  // namespace kg::cli
