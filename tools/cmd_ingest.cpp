// kg ingest PATH... [--db P] [--wait S] [--settle S] [--lexicon DIR]... [--no-progress]
//
// Reads articles (files, directories recursively, - for stdin), extracts
// facts and merges them into the graph; each article is all or nothing
// (group commit: graph/STORAGE.md).
// Cron mode: a file whose (size, mtime) matches the stored file state is
// skipped before it is read; files found in a directory walk that were
// modified less than --settle seconds ago are left for the next run.
// Articles whose content hash is already stored are skipped before
// extraction. Exit 0, or 65 when any file failed, 75 when the database is busy.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cxxopts.hpp>
#include <filesystem>
#include <iostream>
#include <set>

#include "ingest/extractor.h"
#include "ingest/reader.h"
#include "tools/commands.h"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;

struct Counts {
  long files_new = 0, files_updated = 0, files_unchanged = 0, files_failed = 0, unsettled = 0;
  long art_new = 0, art_updated = 0, art_unchanged = 0, art_failed = 0, art_retracted = 0;
};

// Progress on stderr, only when it is a terminal.
class Progress {
 public:
  Progress(bool enabled, uint64_t total_bytes)
      : enabled_(enabled), total_(total_bytes), start_(Clock::now()), last_(start_) {}
  void Update(uint64_t done_bytes, long articles, bool force = false) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double rate = secs > 0 ? articles / secs : 0;
    double frac = total_ ? static_cast<double>(done_bytes) / static_cast<double>(total_) : 1.0;
    double eta = frac > 0 && frac < 1 ? secs * (1 - frac) / frac : 0;
    int width = 30, filled = static_cast<int>(frac * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(static_cast<std::size_t>(width), '.');
    std::fprintf(stderr, "\r[%s] %3.0f%% %ld articles, %.0f articles/s, ETA %.0fs   ", bar.c_str(),
                 frac * 100, articles, rate, eta);
    std::fflush(stderr);
  }
  void Done() {
    if (enabled_) std::fprintf(stderr, "\r%80s\r", "");
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  uint64_t total_;
  Clock::time_point start_, last_;
};

std::string FileHash(std::string_view bytes) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string StateKey(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

int IngestMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Extract facts from articles (plain text or JSON Lines; files, directories, - for "
                        "stdin) and merge them into the graph. Safe to run from cron: unchanged files and "
                        "articles are skipped, each article is stored all or nothing.");
  opts.positional_help("PATH...");
  opts.add_options()("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))(
      "wait", "wait up to SECONDS for another writer to finish (then exit 75)",
      cxxopts::value<int>()->default_value("0"))(
      "settle", "leave files found in directories that changed in the last SECONDS for the next run",
      cxxopts::value<int>()->default_value("5"))(
      "lexicon", "extra lexicon/KB directory (repeatable)", cxxopts::value<std::vector<std::string>>())(
      "data", "shipped data directory (default: $KG_DATA, install dir, source tree)",
      cxxopts::value<std::string>()->default_value(""))(
      "no-co-mentions", "do not store co_mentioned edges")("no-progress", "never show a progress bar")(
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
  if (!r.count("paths")) return UsageError(cmd, "missing PATH (file, directory or -)");
  const int wait = r["wait"].as<int>();
  const int settle = r["settle"].as<int>();
  if (wait < 0 || settle < 0) return UsageError(cmd, "--wait and --settle must be >= 0");
  const auto args = r["paths"].as<std::vector<std::string>>();
  const std::set<std::string> named(args.begin(), args.end());

  std::vector<std::string> files;
  Status ls = ListInputFiles(args, &files);
  if (!ls.ok()) return Fail(cmd, ls);

  ExtractorOptions xo;
  xo.data_dir = r["data"].as<std::string>();
  if (r.count("lexicon")) xo.lexicon_dirs = r["lexicon"].as<std::vector<std::string>>();
  xo.co_mentions = r.count("no-co-mentions") == 0;

  OpenOptions oo;
  oo.write = true;
  oo.wait_seconds = wait;
  auto graph = OpenGraph(r["db"].as<std::string>(), oo);
  if (!graph.ok()) return Fail(cmd, graph.status());
  Graph& g = **graph;
  // Group commit: articles and file states go into one WriteBatch per group of up to 1024
  // articles (each article stays all or nothing; a file state is written with or after the
  // articles it lists). Committed at the end, before the summary.
  std::unique_ptr<IngestBatch> batch = g.NewIngestBatch();
  auto fail = [&](const Status& s) {
    (void)batch->Commit();  // keep what was applied when the error is not the database's
    return Fail(cmd, s);
  };

  // The extractor is loaded lazily: a cron run with nothing new never pays for it.
  std::unique_ptr<Extractor> extractor;
  auto get_extractor = [&]() -> Status {
    if (extractor) return Status::OK();
    auto ex = Extractor::Create(xo);
    if (!ex.ok()) return ex.status();
    extractor = std::move(ex).value();
    return Status::OK();
  };

  uint64_t total_bytes = 0;
  std::vector<struct stat> stats(files.size());
  std::vector<bool> have_stat(files.size(), false);
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (files[i] != "-" && ::stat(files[i].c_str(), &stats[i]) == 0) {
      have_stat[i] = true;
      total_bytes += static_cast<uint64_t>(stats[i].st_size);
    }
  }
  Progress progress(r.count("no-progress") == 0 && ::isatty(STDERR_FILENO), total_bytes);
  Counts c;
  uint64_t done_bytes = 0;
  const std::time_t now = std::time(nullptr);

  for (std::size_t i = 0; i < files.size(); ++i) {
    struct Done {  // counts the file as done however the iteration ends
      uint64_t* total;
      uint64_t add;
      ~Done() { *total += add; }
    } done{&done_bytes, have_stat[i] ? static_cast<uint64_t>(stats[i].st_size) : 0};
    const std::string& path = files[i];
    const bool is_stdin = path == "-";
    FileState st;
    std::optional<FileState> old;
    std::string key;
    if (!is_stdin) {
      if (!have_stat[i]) {
        std::fprintf(stderr, "%s: %s: cannot stat file\n", cmd.c_str(), path.c_str());
        ++c.files_failed;
        continue;
      }
      st.size = static_cast<uint64_t>(stats[i].st_size);
      st.mtime_ns = static_cast<int64_t>(stats[i].st_mtim.tv_sec) * 1000000000LL + stats[i].st_mtim.tv_nsec;
      if (!named.count(path) && now - stats[i].st_mtim.tv_sec < settle) {
        ++c.unsettled;
        continue;
      }
      key = StateKey(path);
      auto got = batch->GetFileState(key);
      if (!got.ok()) return fail(got.status());
      old = *got;
      if (old && old->size == st.size && old->mtime_ns == st.mtime_ns) {
        ++c.files_unchanged;
        progress.Update(done_bytes, c.art_new + c.art_updated + c.art_unchanged);
        continue;
      }
    }
    auto bytes = ReadFileBytes(path);
    if (!bytes.ok()) {
      std::fprintf(stderr, "%s: %s\n", cmd.c_str(), bytes.status().message().c_str());
      ++c.files_failed;
      continue;
    }
    if (!is_stdin) {
      st.hash = FileHash(*bytes);
      if (old && old->hash == st.hash) {  // touched, not changed: remember the new mtime
        st.articles = old->articles;
        Status ps = batch->PutFileState(key, st);
        if (!ps.ok()) return fail(ps);
        ++c.files_unchanged;
        continue;
      }
    }
    // Progress inside a file: articles parsed so far / lines of the file.
    const uint64_t file_bytes = bytes->size();
    const long file_lines = std::max<long>(1, std::count(bytes->begin(), bytes->end(), '\n'));
    long file_articles = 0;
    bool failed = false;
    Status fatal;  // database errors stop the run
    std::vector<std::string> ids;
    Status parse = ParseArticles(
        path, *bytes,
        [&](ArticleMeta&& a) {
          if (!fatal.ok()) return;
          ids.push_back(a.id);
          const std::string hash = ContentHash(a);
          auto known = batch->ArticleHash(a.id);
          if (!known.ok()) {
            fatal = known.status();
            return;
          }
          if (known->has_value() && **known == hash) {
            ++c.art_unchanged;
            return;
          }
          if (Status es = get_extractor(); !es.ok()) {
            fatal = es;
            return;
          }
          auto facts = extractor->Extract(a);
          if (!facts.ok()) {
            std::fprintf(stderr, "%s: %s: article %s: %s\n", cmd.c_str(), path.c_str(), a.id.c_str(),
                         facts.status().message().c_str());
            failed = true;
            ++c.art_failed;
            return;
          }
          facts->content_hash = hash;  // hash of the input as read: lets re-runs skip extraction
          auto outcome = batch->ApplyArticle(*facts);
          if (!outcome.ok()) {
            if (outcome.status().code() == Status::Code::kIOError) {
              fatal = outcome.status();
              return;
            }
            std::fprintf(stderr, "%s: %s: article %s: %s\n", cmd.c_str(), path.c_str(), a.id.c_str(),
                         outcome.status().message().c_str());
            failed = true;
            ++c.art_failed;
            return;
          }
          switch (*outcome) {
            case IngestOutcome::kNew: ++c.art_new; break;
            case IngestOutcome::kUpdated: ++c.art_updated; break;
            case IngestOutcome::kUnchanged: ++c.art_unchanged; break;
          }
          ++file_articles;
          progress.Update(done_bytes + std::min<uint64_t>(file_bytes, file_bytes * static_cast<uint64_t>(file_articles) /
                                                                         static_cast<uint64_t>(file_lines)),
                          c.art_new + c.art_updated + c.art_unchanged);
        },
        [&](const InputProblem& p) {
          std::fprintf(stderr, "%s: %s%s\n", cmd.c_str(), p.fatal ? "" : "warning: ", p.ToString().c_str());
          if (p.fatal) failed = true;
        });
    if (!fatal.ok()) {
      progress.Done();
      return fail(fatal.WithContext(path));
    }
    if (!parse.ok()) {
      std::fprintf(stderr, "%s: %s\n", cmd.c_str(), parse.message().c_str());
      failed = true;
    }
    if (failed) {
      ++c.files_failed;  // no file state: the file is read again next run
      continue;
    }
    if (!is_stdin) {
      // Articles that were in the previous version of the file but are gone now.
      std::set<std::string> now_ids(ids.begin(), ids.end());
      if (old)
        for (const auto& id : old->articles)
          if (!now_ids.count(id)) {
            Status fs = batch->ForgetArticle(id);
            if (fs.ok()) ++c.art_retracted;
            else if (!fs.IsNotFound()) return fail(fs);
          }
      st.articles = ids;
      Status ps = batch->PutFileState(key, st);
      if (!ps.ok()) return fail(ps);
    }
    if (!old) ++c.files_new;
    else ++c.files_updated;
  }
  if (Status cs = batch->Commit(); !cs.ok()) {
    progress.Done();
    return Fail(cmd, cs);
  }
  progress.Update(done_bytes, c.art_new + c.art_updated + c.art_unchanged, true);
  progress.Done();
  long total_files = c.files_new + c.files_updated + c.files_unchanged + c.files_failed + c.unsettled;
  std::printf(
      "ingested %ld files: new %ld, updated %ld, unchanged %ld, failed %ld, skipped-unsettled %ld "
      "(articles: new %ld, updated %ld, unchanged %ld, failed %ld, retracted %ld)\n",
      total_files, c.files_new, c.files_updated, c.files_unchanged, c.files_failed, c.unsettled, c.art_new,
      c.art_updated, c.art_unchanged, c.art_failed, c.art_retracted);
  std::fflush(stdout);
  KeepUntilExit(std::move(extractor));
  return c.files_failed > 0 ? 65 : 0;
}

}  // namespace

KG_REGISTER_COMMAND("ingest", "extract articles and merge them into the graph (cron safe)", IngestMain);

}  // namespace kg::cli
