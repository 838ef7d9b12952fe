// kg ingest PATH... [--db P] [--wait S] [--cron] [--settle S] [--prune-missing] [--id ID]
//           [--lang de|en] [--lexicon DIR]... [--no-progress] [--jobs N] [-q] [--summary json]
//
// Reads articles (files, directories recursively, - for stdin), extracts
// facts and merges them into the graph; each article is all or nothing
// (group commit: graph/STORAGE.md).
// A file whose (size, mtime) matches the stored file state is skipped before
// it is read. With --cron (or an explicit --settle S), files found in a
// directory walk that were modified less than S seconds ago (default 5) are
// left for the next run. A new file with the bytes of a stored file is a
// rename when that file is gone (its articles move to the new path) and a
// duplicate otherwise (not stored twice); stdin with the bytes of a stored file
// is a duplicate too. --prune-missing retracts the articles of stored files
// under the given directories that no longer exist. A file some of whose
// articles were retracted by kg forget (its state stays) is skipped in a
// directory walk, so cron does not bring it back, but read again when named on
// the command line; its bytes are no duplicate of anything stored.
// Articles whose content hash is already stored are skipped before
// extraction. Exit 0, or 65 when any file failed, 75 when the database is busy.
// --jobs N extracts on N threads (tools/parallel_extract.h); the store stays
// single-writer on the main thread, which applies results in input order.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <cxxopts.hpp>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "graph/utf8.h"
#include "ingest/extractor.h"
#include "ingest/reader.h"
#include "tools/commands.h"
#include "tools/parallel_extract.h"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;

struct Counts {
  long files_new = 0, files_updated = 0, files_unchanged = 0, files_failed = 0, unsettled = 0;
  long renamed = 0, duplicates = 0, incomplete = 0, pruned = 0;
  long art_new = 0, art_updated = 0, art_unchanged = 0, art_failed = 0, art_retracted = 0;
};

// The summary: one line of text, or (--summary json) one JSON object.
void PrintSummary(const Counts& c, bool json, int settle) {
  long total_files = c.files_new + c.files_updated + c.files_unchanged + c.files_failed + c.unsettled;
  if (json) {
    nlohmann::json j = {
        {"files", {{"total", total_files}, {"new", c.files_new}, {"updated", c.files_updated},
                   {"unchanged", c.files_unchanged}, {"failed", c.files_failed},
                   {"skipped_unsettled", c.unsettled}, {"renamed", c.renamed},
                   {"duplicates", c.duplicates}, {"incomplete", c.incomplete}, {"pruned", c.pruned}}},
        {"articles", {{"new", c.art_new}, {"updated", c.art_updated}, {"unchanged", c.art_unchanged},
                      {"failed", c.art_failed}, {"retracted", c.art_retracted}}},
        {"settle_seconds", settle}};
    std::printf("%s\n", j.dump().c_str());
    return;
  }
  std::printf(
      "ingested %ld files: new %ld, updated %ld, unchanged %ld, failed %ld, skipped-unsettled %ld "
      "(articles: new %ld, updated %ld, unchanged %ld, failed %ld, retracted %ld)",
      total_files, c.files_new, c.files_updated, c.files_unchanged, c.files_failed, c.unsettled, c.art_new,
      c.art_updated, c.art_unchanged, c.art_failed, c.art_retracted);
  std::string more;
  auto add = [&more](long n, const std::string& what) {
    if (n) more += (more.empty() ? "; " : ", ") + std::to_string(n) + " " + what;
  };
  add(c.unsettled, "file(s) changed in the last " + std::to_string(settle) +
                       " s left for the next run (--settle)");
  add(c.renamed, "renamed file(s): articles moved to the new path");
  add(c.duplicates, "duplicate(s) of stored files not stored twice");
  add(c.incomplete, "file(s) ending in an incomplete line, read again next run");
  add(c.pruned, "missing file(s) pruned");
  std::printf("%s\n", more.c_str());
}

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

// Newlines in `bytes` (memchr scans many bytes per step; std::count one).
long CountLines(std::string_view bytes) {
  long n = 0;
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  while (p < end && (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr) {
    ++n;
    ++p;
  }
  return n;
}

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
      "cron", "cron mode: files found in directories that changed in the last --settle seconds (default "
      "5) are left for the next run")(
      "settle", "leave files found in directories that changed in the last SECONDS for the next run "
      "(default: 0, with --cron 5)",
      cxxopts::value<int>())(
      "prune-missing", "retract the articles of stored files under the given directories that no longer exist")(
      "id", "article id for a plain-text article read from stdin (default: stdin#<content key>)",
      cxxopts::value<std::string>())(
      "lang", "language of articles without a lang field: de or en (default: detected)",
      cxxopts::value<std::string>())(
      "q,quiet", "no summary line and no notes (errors are still printed)")(
      "summary", "summary format: text or json", cxxopts::value<std::string>()->default_value("text"))(
      "lexicon", "extra lexicon/KB directory (repeatable)", cxxopts::value<std::vector<std::string>>())(
      "data", "shipped data directory (default: $KG_DATA, install dir, source tree)",
      cxxopts::value<std::string>()->default_value(""))(
      "no-co-mentions", "do not store co_mentioned edges")(
      "follow-symlinks", "follow symbolic links in directories wherever they lead (default: only "
      "links whose target lies inside the given paths)")(
      "j,jobs",
      "extract on N threads (default: online CPUs, at most 8; 1 = sequential); results are applied in "
      "input order, so the database does not depend on N",
      cxxopts::value<int>()->default_value(std::to_string(DefaultJobs())))("no-progress", "never show a progress bar")(
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
  const bool prune = r.count("prune-missing") > 0;
  if (!r.count("paths")) return UsageError(cmd, "missing PATH (file, directory or -)");
  const int wait = r["wait"].as<int>();
  const int settle = r.count("settle") ? r["settle"].as<int>() : r.count("cron") ? 5 : 0;
  const bool quiet = r.count("quiet") > 0;
  const std::string summary = r["summary"].as<std::string>();
  if (summary != "text" && summary != "json") return UsageError(cmd, "--summary must be text or json");
  ReadOptions ro;
  if (r.count("lang")) {
    ro.lang = r["lang"].as<std::string>();
    if (ro.lang != "de" && ro.lang != "en") return UsageError(cmd, "--lang must be de or en");
  }
  if (wait < 0 || settle < 0) return UsageError(cmd, "--wait and --settle must be >= 0");
  const int jobs = r["jobs"].as<int>();
  if (jobs < 1 || jobs > 256) return UsageError(cmd, "--jobs must be between 1 and 256");
  const auto args = r["paths"].as<std::vector<std::string>>();
  const std::set<std::string> named(args.begin(), args.end());
  if (r.count("id")) {
    if (!named.count("-")) return UsageError(cmd, "--id names the article read from stdin: give - as a PATH");
    ro.stdin_id = r["id"].as<std::string>();
    if (ro.stdin_id.empty()) return UsageError(cmd, "--id must not be empty");
  }

  // A path that cannot be read is reported and counted as a failed file; the
  // other paths are still ingested.
  std::vector<std::string> files;
  long list_failed = 0;
  bool missing = false;  // a named path does not exist: exit 66 (the other paths are still ingested)
  ListOptions lo;
  lo.follow_symlinks = r.count("follow-symlinks") > 0;
  ListInputFilesReporting(args, lo, &files, [&](const InputProblem& p) {
    std::fprintf(stderr, "%s: %s\n", cmd.c_str(), p.ToString().c_str());
    if (p.fatal) ++list_failed;
    if (p.message == "no such file or directory") missing = true;
  });

  ExtractorOptions xo;
  xo.data_dir = r["data"].as<std::string>();
  if (r.count("lexicon")) xo.lexicon_dirs = r["lexicon"].as<std::vector<std::string>>();
  xo.co_mentions = r.count("no-co-mentions") == 0;
  xo.content_hash = false;  // each article is hashed as read (below), before extraction

  OpenOptions oo;
  oo.write = true;
  oo.wait_seconds = wait;
  auto graph = OpenGraph(r["db"].as<std::string>(), oo);
  if (!graph.ok()) return FailInput(cmd, graph.status());
  Graph& g = **graph;
  // Group commit: articles and file states go into one WriteBatch per group of up to 1024
  // articles (each article stays all or nothing; a file state is written with or after the
  // articles it lists). Committed at the end, before the summary.
  std::unique_ptr<IngestBatch> batch = g.NewIngestBatch();
  auto fail = [&](const Status& s) {
    (void)batch->Commit();  // keep what was applied when the error is not the database's
    return Fail(cmd, s);
  };

  Counts c;
  c.files_failed = list_failed;
  // --prune-missing: stored files under the directories given that are gone.
  if (prune) {
    for (const auto& a : args) {
      std::error_code ec;
      if (a == "-" || !fs::is_directory(a, ec)) continue;
      std::string dir = StateKey(a);
      if (!dir.empty() && dir.back() != '/') dir += '/';
      std::vector<std::pair<std::string, FileState>> gone;
      Status ss = g.ScanFileStates(dir, [&](const std::string& p, const FileState& st) {
        if (!fs::exists(p, ec)) gone.emplace_back(p, st);
        return true;
      });
      if (!ss.ok()) return fail(ss);
      for (const auto& [p, st] : gone) {
        for (const auto& id : st.articles) {
          Status fs = batch->ForgetArticle(id);
          if (fs.ok()) ++c.art_retracted;
          else if (!fs.IsNotFound()) return fail(fs);
        }
        if (Status ds = batch->DeleteFileState(p); !ds.ok()) return fail(ds);
        ++c.pruned;
        if (!quiet) std::fprintf(stderr, "%s: %s: file is gone; its %zu article(s) retracted\n", cmd.c_str(),
                                 p.c_str(), st.articles.size());
      }
    }
  }
  uint64_t total_bytes = 0;
  std::vector<struct stat> stats(files.size());
  std::vector<bool> have_stat(files.size(), false);
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (files[i] != "-" && ::stat(files[i].c_str(), &stats[i]) == 0) {
      have_stat[i] = true;
      total_bytes += static_cast<uint64_t>(stats[i].st_size);
    }
  }
  Progress progress(r.count("no-progress") == 0 && !quiet && ::isatty(STDERR_FILENO), total_bytes);
  uint64_t done_bytes = 0;
  const std::time_t now = std::time(nullptr);
  auto articles_done = [&c] { return c.art_new + c.art_updated + c.art_unchanged; };

  // Extraction runs on --jobs threads (tools/parallel_extract.h); everything that
  // prints or writes runs on this thread in input order, in callbacks of the
  // pipeline, so output and database do not depend on the number of jobs.
  // Extractors are loaded lazily: a cron run with nothing new never pays for one.
  //
  // Decisions taken while reading (skip of unchanged files and articles) must
  // see every earlier item applied, as in a sequential run. Only items about
  // the same key can change their answer, so those are waited for:
  //  - pending_ids: article ids with a pending apply or a pending retraction
  //    (end of an earlier file version) — an article with such an id first
  //    waits for them, then its content hash is checked;
  //  - pending_keys: file states not yet written (a file listed twice).
  std::map<std::string, int> pending_ids, pending_keys;
  auto unpend = [](std::map<std::string, int>& m, const std::string& k) {
    auto it = m.find(k);
    if (it != m.end() && --it->second == 0) m.erase(it);
  };
  ExtractPipeline pipe(xo, {jobs});
  // Stored files by the hash of their bytes (built on first use): a new path
  // with the bytes of a stored file is a rename or a copy of it.
  std::optional<std::multimap<std::string, std::string>> by_hash;
  std::multimap<std::string, std::string> written;  // file states written by this run
  // Whether articles of a stored file state are no longer stored (kg forget
  // keeps the file state): `all` = every one of them, else any.
  auto forgotten = [&](const FileState& st, bool all) -> Result<bool> {
    if (st.articles.empty()) return false;
    for (const auto& id : st.articles) {
      if (pending_ids.count(id)) KG_RETURN_IF_ERROR(pipe.DeliverUntil([&] { return !pending_ids.count(id); }));
      KG_ASSIGN_OR_RETURN(auto h, batch->ArticleHash(id));
      if (h.has_value() == all) return !all;
    }
    return all;
  };
  // The stored file (state key and state) whose bytes hash to `hash`, other than `self`.
  auto same_bytes = [&](const std::string& hash, const std::string& self)
      -> Result<std::optional<std::pair<std::string, FileState>>> {
    if (!by_hash) {
      by_hash.emplace();
      KG_RETURN_IF_ERROR(g.ScanFileStates("", [&](const std::string& p, const FileState& st) {
        if (!st.articles.empty()) by_hash->emplace(st.hash, p);
        return true;
      }));
    }
    for (const auto* m : {&written, &*by_hash}) {
      auto [lo, hi] = m->equal_range(hash);
      for (auto it = lo; it != hi; ++it) {
        if (it->second == self) continue;
        if (pending_keys.count(it->second)) {  // written by this run, not yet applied
          const std::string k = it->second;
          KG_RETURN_IF_ERROR(pipe.DeliverUntil([&] { return !pending_keys.count(k); }));
        }
        KG_ASSIGN_OR_RETURN(auto st, batch->GetFileState(it->second));
        if (!st || st->hash != hash || st->articles.empty()) continue;
        KG_ASSIGN_OR_RETURN(bool gone, forgotten(*st, true));
        if (!gone)
          return std::optional<std::pair<std::string, FileState>>({it->second, *st});
      }
    }
    return std::optional<std::pair<std::string, FileState>>();
  };

  auto stop = [&](const Status& s) {
    progress.Done();
    return fail(s);
  };
  // A fatal error found while reading stops the run after every earlier item
  // is applied (and before any later one), as in a sequential run.
  // Returns the first fatal error in input order: `s` or an earlier one.
  auto in_order = [&](const Status& s) {
    Status run = pipe.Defer([s] { return s; });
    if (run.ok()) run = pipe.Flush();
    return run.ok() ? s : run;
  };

  // What one input file's items share (they run after the file was read).
  struct FileRun {
    std::string path, key;
    bool is_stdin = false;
    FileState st;
    std::optional<FileState> old;
    std::vector<std::string> ids, retract;  // ids read; ids of the old version not read again
    uint64_t base_bytes = 0, file_bytes = 0;
    long file_lines = 1, file_articles = 0;
    bool failed = false;
    bool incomplete = false;  // ends in a line still being written: no file state
    bool reread = false;      // named on the command line after kg forget retracted its articles
  };

  for (std::size_t i = 0; i < files.size(); ++i) {
    struct Done {  // counts the file as read however the iteration ends
      uint64_t* total;
      uint64_t add;
      ~Done() { *total += add; }
    } done{&done_bytes, have_stat[i] ? static_cast<uint64_t>(stats[i].st_size) : 0};
    auto f = std::make_shared<FileRun>();
    f->path = files[i];
    f->is_stdin = f->path == "-";
    f->base_bytes = done_bytes;
    const std::string& path = f->path;
    Status run;  // non-OK: the pipeline stopped on a fatal error
    if (!f->is_stdin) {
      if (!have_stat[i]) {
        run = pipe.Defer([&, f] {
          std::fprintf(stderr, "%s: %s: cannot stat file\n", cmd.c_str(), Printable(f->path).c_str());
          ++c.files_failed;
          return Status::OK();
        });
        if (!run.ok()) return stop(run);
        continue;
      }
      f->st.size = static_cast<uint64_t>(stats[i].st_size);
      f->st.mtime_ns =
          static_cast<int64_t>(stats[i].st_mtim.tv_sec) * 1000000000LL + stats[i].st_mtim.tv_nsec;
      if (!named.count(path) && now - stats[i].st_mtim.tv_sec < settle) {
        ++c.unsettled;
        continue;
      }
      f->key = StateKey(path);
      if (pending_keys.count(f->key)) {
        run = pipe.DeliverUntil([&] { return !pending_keys.count(f->key); });
        if (!run.ok()) return stop(run);
      }
      auto got = batch->GetFileState(f->key);
      if (!got.ok()) return stop(in_order(got.status()));
      f->old = *got;
      if (f->old && named.count(path)) {  // named again after kg forget: read it again
        auto gone = forgotten(*f->old, false);
        if (!gone.ok()) return stop(in_order(gone.status()));
        f->reread = *gone;
      }
      if (f->old && !f->reread && f->old->size == f->st.size && f->old->mtime_ns == f->st.mtime_ns) {
        ++c.files_unchanged;
        progress.Update(done_bytes, articles_done());
        continue;
      }
    }
    auto bytes = ReadFileBytes(path);
    if (!bytes.ok()) {
      run = pipe.Defer([&, s = bytes.status()] {
        std::fprintf(stderr, "%s: %s\n", cmd.c_str(), s.message().c_str());
        ++c.files_failed;
        return Status::OK();
      });
      if (!run.ok()) return stop(run);
      continue;
    }
    if (!f->is_stdin) {
      f->st.hash = FileHash(*bytes);
      if (f->old && !f->reread && f->old->hash == f->st.hash) {  // touched, not changed: remember the new mtime
        ++pending_keys[f->key];
        run = pipe.Defer([&, f] {
          unpend(pending_keys, f->key);
          f->st.articles = f->old->articles;
          KG_RETURN_IF_ERROR(batch->PutFileState(f->key, f->st));
          ++c.files_unchanged;
          return Status::OK();
        });
        if (!run.ok()) return stop(run);
        continue;
      }
    }
    // A new path (or stdin) with the bytes of a stored file: a rename when
    // that file is gone, else a duplicate.
    if (!f->old) {
      if (!f->is_stdin) written.emplace(f->st.hash, f->key);
      const std::string hash = f->is_stdin ? FileHash(*bytes) : f->st.hash;
      auto same = same_bytes(hash, f->key);
      if (!same.ok()) return stop(in_order(same.status()));
      if (same->has_value()) {
        const std::string other = (*same)->first;
        FileState other_st = (*same)->second;
        std::error_code ec;
        if (f->is_stdin || fs::exists(other, ec)) {
          if (!f->is_stdin) ++pending_keys[f->key];
          const long stored = static_cast<long>(other_st.articles.size());
          run = pipe.Defer([&, f, other, stored] {
            if (!quiet)
              std::fprintf(stderr, "%s: %s: same bytes as %s, which is stored; not stored twice\n", cmd.c_str(),
                           f->path.c_str(), other.c_str());
            ++c.duplicates;
            c.art_unchanged += stored;  // its articles are those of the stored file
            if (f->is_stdin) return Status::OK();
            unpend(pending_keys, f->key);
            ++c.files_unchanged;
            return batch->PutFileState(f->key, f->st);  // no articles of its own
          });
          if (!run.ok()) return stop(run);
          continue;
        }
        // Renamed: the old path's articles are retracted first, then the
        // articles are stored under the new path (support is not doubled).
        for (const auto& id : other_st.articles) ++pending_ids[id];
        ++pending_keys[other];
        run = pipe.Defer([&, f, other, other_st]() -> Status {
          for (const auto& id : other_st.articles) {
            unpend(pending_ids, id);
            Status fs = batch->ForgetArticle(id);
            if (!fs.ok() && !fs.IsNotFound()) return fs;
          }
          unpend(pending_keys, other);
          KG_RETURN_IF_ERROR(batch->DeleteFileState(other));
          ++c.renamed;
          if (!quiet)
            std::fprintf(stderr, "%s: %s: renamed from %s; its articles move to the new path\n", cmd.c_str(),
                         f->path.c_str(), other.c_str());
          return Status::OK();
        });
        if (!run.ok()) return stop(run);
      }
    }
    // Progress inside a file: articles applied so far / lines of the file.
    f->file_bytes = bytes->size();
    f->file_lines = std::max<long>(1, CountLines(*bytes));
    if (!f->is_stdin) ++pending_keys[f->key];
    Status parse = ParseArticles(
        path, *bytes,
        [&](ArticleMeta&& a) {
          if (!run.ok()) return;
          f->ids.push_back(a.id);
          std::string hash = ContentHash(a);
          if (pending_ids.count(a.id)) {
            run = pipe.DeliverUntil([&] { return !pending_ids.count(a.id); });
            if (!run.ok()) return;
          }
          auto known = batch->ArticleHash(a.id);
          if (!known.ok()) {
            run = in_order(known.status().WithContext(path));
            return;
          }
          if (known->has_value() && **known == hash) {
            ++c.art_unchanged;
            return;
          }
          std::string id = a.id;
          ++pending_ids[id];
          run = pipe.Add(std::move(a), [&, f, id, hash = std::move(hash)](Extracted&& x) -> Status {
            unpend(pending_ids, id);
            const std::string& fp = f->path;
            if (x.setup_failed) return x.facts.status().WithContext(fp);
            if (!x.facts.ok()) {
              std::fprintf(stderr, "%s: %s: article %s: %s\n", cmd.c_str(), Printable(fp).c_str(), Printable(id).c_str(),
                           x.facts.status().message().c_str());
              f->failed = true;
              ++c.art_failed;
              return Status::OK();
            }
            x.facts->content_hash = hash;  // hash of the input as read: lets re-runs skip extraction
            auto outcome = batch->ApplyArticle(*x.facts);
            if (!outcome.ok()) {
              if (outcome.status().code() == Status::Code::kIOError) return outcome.status().WithContext(fp);
              std::fprintf(stderr, "%s: %s: article %s: %s\n", cmd.c_str(), Printable(fp).c_str(), Printable(id).c_str(),
                           outcome.status().message().c_str());
              f->failed = true;
              ++c.art_failed;
              return Status::OK();
            }
            switch (*outcome) {
              case IngestOutcome::kNew: ++c.art_new; break;
              case IngestOutcome::kUpdated: ++c.art_updated; break;
              case IngestOutcome::kUnchanged: ++c.art_unchanged; break;
            }
            ++f->file_articles;
            progress.Update(f->base_bytes + std::min<uint64_t>(f->file_bytes,
                                                               f->file_bytes * static_cast<uint64_t>(f->file_articles) /
                                                                   static_cast<uint64_t>(f->file_lines)),
                            articles_done());
            return Status::OK();
          });
        },
        [&](const InputProblem& p) {
          if (!run.ok()) return;
          if (p.incomplete) f->incomplete = true;
          run = pipe.Defer([&, f, p] {
            if (!quiet || p.fatal) std::fprintf(stderr, "%s: %s\n", cmd.c_str(), p.ToString().c_str());
            if (p.fatal) {
              f->failed = true;
              ++c.art_failed;  // an unreadable line or file: one article not stored
            }
            return Status::OK();
          });
        },
        ro);
    if (!run.ok()) return stop(run);
    // Articles that were in the previous version of the file but are gone now:
    // retracted at the end of the file (unless it failed).
    if (!f->is_stdin && f->old) {
      std::set<std::string> now_ids(f->ids.begin(), f->ids.end());
      for (const auto& id : f->old->articles)
        if (!now_ids.count(id)) {
          f->retract.push_back(id);
          ++pending_ids[id];
        }
    }
    run = pipe.Defer([&, f, parse]() -> Status {
      for (const auto& id : f->retract) unpend(pending_ids, id);
      if (!f->is_stdin) unpend(pending_keys, f->key);
      if (!parse.ok()) {
        std::fprintf(stderr, "%s: %s\n", cmd.c_str(), parse.message().c_str());
        f->failed = true;
      }
      if (f->failed) {
        ++c.files_failed;  // no file state: the file is read again next run
        return Status::OK();
      }
      if (!f->is_stdin) {
        for (const auto& id : f->retract) {
          Status fs = batch->ForgetArticle(id);
          if (fs.ok()) ++c.art_retracted;
          else if (!fs.IsNotFound()) return fs;
        }
        if (f->incomplete) {
          ++c.incomplete;  // no file state: read again next run (stored lines are then unchanged)
        } else {
          f->st.articles = f->ids;
          KG_RETURN_IF_ERROR(batch->PutFileState(f->key, f->st));
        }
      }
      if (!f->old) ++c.files_new;
      else ++c.files_updated;
      return Status::OK();
    });
    if (!run.ok()) return stop(run);
  }
  if (Status ps = pipe.Flush(); !ps.ok()) return stop(ps);
  if (Status cs = batch->Commit(); !cs.ok()) {
    progress.Done();
    return Fail(cmd, cs);
  }
  progress.Update(done_bytes, articles_done(), true);
  progress.Done();
  if (!quiet) PrintSummary(c, summary == "json", settle);
  std::fflush(stdout);
  return missing ? 66 : c.files_failed > 0 ? 65 : 0;
}

}  // namespace

KG_REGISTER_COMMAND("ingest", "extract articles and merge them into the graph (cron safe)", IngestMain);

}  // namespace kg::cli
