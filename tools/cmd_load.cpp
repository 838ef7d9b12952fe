// kg load FILE.jsonl... [--db P] [--wait S] [--bulk auto|on|off]
//
// The "bring your own extractor" door. Each line is either
//  - a `kg extract` contract object ({"article": {...}, "entities", "relations", "co_mentions"}), or
//  - a minimal triple {"subject", "predicate", "object"} naming entities by name (or by entity
//    id "type/slug"), with optional "subject_type", "object_type", "date", "location",
//    "modality", "confidence", "sentence", "source" and "article" (article id; lines with the
//    same article id form one article, other lines are one article each, id "<file>#<line>").
// Names become entity ids "<type or other>/<slug>". Bad lines are reported as file:line and
// skipped; the exit code is then 65.
//
// Bulk path: loading into an empty database (--bulk auto, the default, when the input has at
// least 20,000 lines; or --bulk on) builds the graph in memory and writes it with SstFileWriter +
// IngestExternalFile, which is several times faster than one WriteBatch per article. Otherwise
// articles are applied exactly like `kg ingest` does: each article all or nothing, written in
// groups of up to 1024 articles per WriteBatch (Graph::IngestBatch).
#include <cerrno>
#include <cstring>
#include <chrono>
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>
#include <map>

#include "graph/model_json.h"
#include "graph/rocks_store.h"
#include "tools/commands.h"

namespace kg::cli {
namespace {

std::string Slug(const std::string& name) {
  std::string n = NormalizeName(name), out;
  for (char c : n) out.push_back(c == ' ' ? '-' : c);
  return out;
}

// Content hash of an article = FNV-1a over its raw input lines (cheap; equal input, equal hash).
void MixHash(ArticleFacts* f, const std::string& line) {
  uint64_t h = 1469598103934665603ULL;
  for (const std::string* s : {static_cast<const std::string*>(&f->content_hash), &line})
    for (unsigned char c : *s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  f->content_hash = buf;
}

bool LooksLikeEntityId(const std::string& s) {
  auto slash = s.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == s.size()) return false;
  std::string head = s.substr(0, slash);
  if (head == "org") return true;
  for (const auto& t : EntityTypes())
    if (t == head) return true;
  return false;
}

std::string OptString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// Adds the entity named by `name` (or id) to `f` unless present; returns its id.
Result<std::string> AddEntity(ArticleFacts* f, const std::string& name, std::string type) {
  if (name.empty()) return Status::Corruption("empty entity name");
  std::string id;
  if (LooksLikeEntityId(name)) {
    id = name;
  } else {
    if (type.empty()) type = "other";
    bool known = false;
    for (const auto& t : EntityTypes()) known |= t == type;
    if (!known) return Status::Corruption("unknown entity type \"" + type + "\"");
    std::string slug = Slug(name);
    if (slug.empty()) return Status::Corruption("entity name \"" + name + "\" has no letters or digits");
    id = (type == "organization" ? std::string("org") : type) + "/" + slug;
  }
  for (const auto& e : f->entities)
    if (e.id == id) return id;
  EntityFact e;
  e.id = id;
  e.name = LooksLikeEntityId(name) ? "" : name;
  e.type = type.empty() ? "" : type;
  if (!e.name.empty() || !e.type.empty()) f->entities.push_back(std::move(e));
  return id;
}

Status ParseMinimal(const nlohmann::json& j, ArticleFacts* f) {
  for (const char* k : {"subject", "predicate", "object"})
    if (!j.contains(k) || !j[k].is_string())
      return Status::Corruption(std::string("missing string field \"") + k + "\"");
  RelationFact r;
  std::string pred = j["predicate"].get<std::string>();
  r.predicate = PredicateForRelType(pred);
  if (!IsKnownPredicate(r.predicate))
    return Status::Corruption("unknown predicate \"" + pred + "\" (see the vocabulary in DEVELOPERS.md)");
  KG_ASSIGN_OR_RETURN(std::string s, AddEntity(f, j["subject"].get<std::string>(), OptString(j, "subject_type")));
  KG_ASSIGN_OR_RETURN(std::string o, AddEntity(f, j["object"].get<std::string>(), OptString(j, "object_type")));
  if (r.predicate == "co_mentioned") {
    int count = j.contains("weight") && j["weight"].is_number_integer() ? j["weight"].get<int>() : 1;
    f->co_mentions.push_back({std::min(s, o), std::max(s, o), count});
    return Status::OK();
  }
  r.subject = s;
  r.object = o;
  std::string loc = OptString(j, "location");
  if (!loc.empty()) {
    KG_ASSIGN_OR_RETURN(std::string lid, AddEntity(f, loc, LooksLikeEntityId(loc) ? "" : "city"));
    r.location = lid;
  }
  r.date = OptString(j, "date");
  r.modality = OptString(j, "modality");
  if (r.modality.empty()) r.modality = "asserted";
  if (r.modality != "asserted" && r.modality != "reported" && r.modality != "speculated")
    return Status::Corruption("unknown modality \"" + r.modality + "\"");
  if (j.contains("confidence")) {
    if (!j["confidence"].is_number()) return Status::Corruption("\"confidence\" is not a number");
    r.confidence = j["confidence"].get<double>();
  }
  r.evidence.sentence = OptString(j, "sentence");
  if (r.evidence.sentence.empty()) r.evidence.sentence = OptString(j, "evidence");
  r.evidence.rule = "load";
  r.source = OptString(j, "source") == "kb" ? "kb" : "article";
  f->relations.push_back(std::move(r));
  return Status::OK();
}

struct Loaded {
  std::vector<ArticleFacts> articles;
  long lines = 0, bad = 0;
};

Status ReadFile(const std::string& path, const std::string& cmd, Loaded* out) {
  FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!in) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file or directory");
    return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
  }
  std::map<std::string, std::size_t> by_article;  // minimal lines grouped by "article"
  std::string line;
  char buf[1 << 16];
  long lineno = 0;
  auto handle = [&](const std::string& l) {
    ++lineno;
    if (l.find_first_not_of(" \t\r") == std::string::npos) return;
    ++out->lines;
    auto j = nlohmann::json::parse(l, nullptr, /*allow_exceptions=*/false);
    Status s;
    if (j.is_discarded() || !j.is_object()) {
      s = Status::Corruption("malformed JSON line");
    } else if (j.contains("article") && j["article"].is_object()) {
      auto f = ArticleFactsFromJson(j);
      if (f.ok()) {
        if (f->article.path.empty()) f->article.path = path;
        if (f->content_hash.empty()) MixHash(&f.value(), l);
        out->articles.push_back(std::move(f).value());
      }
      s = f.status();
    } else {
      std::string aid = OptString(j, "article");
      ArticleFacts fresh;
      ArticleFacts* f = &fresh;
      if (!aid.empty()) {
        auto it = by_article.find(aid);
        if (it != by_article.end()) f = &out->articles[it->second];
      }
      const std::size_t ne = f->entities.size(), nr = f->relations.size(), nc = f->co_mentions.size();
      s = ParseMinimal(j, f);
      if (!s.ok()) {  // drop what the bad line added
        f->entities.resize(ne);
        f->relations.resize(nr);
        f->co_mentions.resize(nc);
      } else {
        MixHash(f, l);
      }
      if (s.ok() && f == &fresh) {
        fresh.article.id = aid.empty() ? path + "#" + std::to_string(lineno) : aid;
        fresh.article.path = path;
        fresh.article.date = OptString(j, "date");
        fresh.article.source = OptString(j, "source");
        if (!aid.empty()) by_article[aid] = out->articles.size();
        out->articles.push_back(std::move(fresh));
      }
    }
    if (!s.ok()) {
      ++out->bad;
      std::fprintf(stderr, "%s: %s:%ld: %s\n", cmd.c_str(), path.c_str(), lineno, s.message().c_str());
    }
  };
  while (std::fgets(buf, sizeof buf, in)) {
    line.append(buf);
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      handle(line);
      line.clear();
    }
  }
  if (!line.empty()) handle(line);
  bool err = std::ferror(in);
  if (in != stdin) std::fclose(in);
  if (err) return Status::IOError("read error on " + path);
  return Status::OK();
}

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
  Loaded in;
  for (const auto& path : r["files"].as<std::vector<std::string>>()) {
    Status s = ReadFile(path, cmd, &in);
    if (!s.ok()) return FailInput(cmd, s);
  }

  OpenOptions oo;
  oo.write = true;
  oo.wait_seconds = r["wait"].as<int>();
  auto g = OpenGraph(r["db"].as<std::string>(), oo);
  if (!g.ok()) return FailInput(cmd, g.status());
  auto st = (*g)->Stats();
  if (!st.ok()) return Fail(cmd, st.status());
  const bool empty = st->articles == 0 && st->entities == 0;
  const bool use_bulk = empty && (bulk == "on" || (bulk == "auto" && in.lines >= 20000));
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
  for (const auto& a : in.articles) {
    auto o = batch->ApplyArticle(a);
    if (!o.ok()) {
      if (o.status().code() == Status::Code::kIOError) return Fail(cmd, o.status());
      std::fprintf(stderr, "%s: article %s: %s\n", cmd.c_str(), a.article.id.c_str(),
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
              in.lines, use_bulk ? " (bulk SST ingest)" : "", n_new, n_updated, n_unchanged, n_failed, in.bad,
              secs);
  return in.bad > 0 || n_failed > 0 ? 65 : 0;
}

}  // namespace

KG_REGISTER_COMMAND("load", "import triples from any extractor (kg extract JSONL or minimal lines)", LoadMain);

}  // namespace kg::cli
