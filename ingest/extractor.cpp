#include "ingest/extractor.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include "ingest/affiliation.h"
#include "ingest/gazetteer.h"
#include "ingest/gazetteer_snapshot.h"
#include "ingest/hunspell.h"
#include "ingest/kb.h"
#include "ingest/langid.h"
#include "ingest/lexicon.h"
#include "ingest/mentions.h"
#include "ingest/name_keys.h"
#include "ingest/ner.h"
#include "ingest/reader.h"
#include "ingest/relations.h"
#include "ingest/resolve.h"
#include "ingest/segmenter.h"
#include "ingest/stemmer.h"
#include "ingest/text_util.h"

namespace kg {

std::string FindDataDir(const std::string& given) {
  std::error_code ec;
  namespace fs = std::filesystem;
  if (!given.empty()) return given;
  if (const char* e = std::getenv("KG_DATA"); e && *e) return e;
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    buf[n] = 0;
    fs::path p = fs::path(buf).parent_path() / ".." / "share" / "kg" / "data";
    if (fs::is_directory(p / "lexicon", ec)) return p.string();
  }
  if (fs::is_directory(fs::path(KG_INSTALL_DATA_DIR) / "lexicon", ec)) return KG_INSTALL_DATA_DIR;
  return KG_SOURCE_DATA_DIR;
}

namespace {

// The year (1950-2099) a text names most often, the latest on a tie; "" when
// it names none. A year is four digits standing alone ("2015", "2015/16"),
// not part of a longer number ("12.015", "20150").
std::string YearNamedMost(std::string_view text) {
  std::map<int, int> n;
  auto digit = [&](size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    if (!digit(i) || (i > 0 && (digit(i - 1) || text[i - 1] == '.' || text[i - 1] == ','))) continue;
    if (!digit(i + 1) || !digit(i + 2) || !digit(i + 3) || digit(i + 4)) continue;
    if (i + 5 < text.size() && (text[i + 4] == '.' || text[i + 4] == ',') && digit(i + 5)) continue;
    const int y = std::stoi(std::string(text.substr(i, 4)));
    if (y >= 1950 && y <= 2099) ++n[y];
  }
  int best = 0, count = 0;
  for (const auto& [y, c] : n)
    if (c >= count) best = y, count = c;
  return count ? std::to_string(best) : std::string();
}

namespace fs = std::filesystem;
using namespace kg::ingest;

struct LangPipeline {
  std::string lang;
  Lexicon lex;
};

// The mutable per-call state of an extraction (ICU break iterators and
// buffers, Snowball, Hunspell): one per concurrent Extract() call.
struct Workspace {
  std::unique_ptr<Segmenter> seg[2];  // [0] German, [1] English
  std::unique_ptr<Stemmer> stem[2];
  // Hunspell de_DE judges German words only, and loading it is the largest
  // single start-up cost: built on the workspace's first German document
  // (OracleFor); Hunspell en_US likewise on the first English document.
  std::unique_ptr<WordOracle> oracle;
  std::unique_ptr<WordOracle> oracle_en;  // Hunspell en_US, built on the first English document
  NerCache ner_cache;  // the name tagger's word-score memo (German oracle)
};

// A newspaper, broadcaster or agency: the KB says so, or one of its
// mentions follows a media head noun ("der Rundfunksender ABC"; in German
// also a compound ending in one).
bool IsMedium(const Doc& doc, const Lexicon& lex, int ent) {
  if (doc.entities[ent].kind == "media") return true;
  for (int mi : doc.entities[ent].mentions) {
    const MentionSpan& m = doc.mentions[mi];
    if (m.tb == 0) continue;
    const std::string_view w = doc.seg.tokens[m.tb - 1].low;
    if (lex.media_heads.Contains(w)) return true;
    if (!IsGerman(doc.lang)) continue;
    for (size_t k = 1; k + 4 <= w.size(); ++k)  // last compound part of >= 4 bytes
      if ((static_cast<unsigned char>(w[k]) & 0xC0) != 0x80 && lex.media_heads.Contains(w.substr(k)))
        return true;
  }
  return false;
}

int LangSlot(const std::string& lang) { return IsGerman(lang) ? 0 : 1; }

// Entity types a predicate admits: a leader is a person leading something
// that is no person; members join organisations and groups (and a player a
// national side, which the guide names as the country); places lie in places
// (organisations and events in places too).
bool TypesFit(const std::string& p, const std::string& s, const std::string& o, const std::string& rule) {
  const bool place_o = o == "country" || o == "city" || o == "region";
  if (p == "leader_of") return s == "person" && o != "person";
  if (p == "member_of")
    return (o == "organization" || o == "group" ||
            (o == "country" && s == "person" && rule.find(".team") != std::string::npos)) &&
           s != "event" && s != "other";
  if (p == "located_in") return place_o && s != "person";
  return true;
}

class ExtractorImpl : public Extractor {
 public:
  Status Init(const ExtractorOptions& o) {
    options_ = o;
    std::string data = FindDataDir(o.data_dir);
    std::error_code ec;
    if (!fs::is_directory(data + "/lexicon", ec))
      return Status::IOError("no lexicon data in " + data + " (set --data/KG_DATA)");
    std::vector<std::string> lex_dirs = {data + "/lexicon"};
    for (const auto& d : o.lexicon_dirs) {
      if (!fs::is_directory(d, ec)) return Status::IOError("--lexicon " + d + ": not a directory");
      lex_dirs.push_back(fs::is_directory(d + "/lexicon", ec) ? d + "/lexicon" : d);
    }
    for (const char* lang : {"de", "en"}) {
      auto p = std::make_unique<LangPipeline>();
      p->lang = lang;
      Stemmer stemmer(lang);
      for (const auto& d : lex_dirs) KG_RETURN_IF_ERROR(LoadLexiconDir(d, lang, stemmer, &p->lex));
      pipes_[lang] = std::move(p);
    }
    auto ws = NewWorkspace();
    // Keys for catalog surfaces: tokens as the segmenter produces them.
    // (plain names skip the segmenter: see name_keys.h).
    KeyMaker keys = MakeKeyMaker(ws->seg[0].get(), ws->stem[0].get());
    KG_RETURN_IF_ERROR(LoadGazetteerPart(keys));
    KG_RETURN_IF_ERROR(LoadKbDir(data + "/kb", keys, &catalog_));
    for (const auto& d : o.lexicon_dirs) {
      KG_RETURN_IF_ERROR(LoadKbDir(d, keys, &catalog_));
      KG_RETURN_IF_ERROR(LoadKbDir(d + "/kb", keys, &catalog_));
    }
    pool_.push_back(std::move(ws));
    return LoadNerModel(data);
  }

  // The name tagger (ner.h): options, $KG_NER_MODEL, else data/ner/de.model if present.
  Status LoadNerModel(const std::string& data) {
    std::string path = options_.ner_model;
    if (path.empty())
      if (const char* e = std::getenv("KG_NER_MODEL"); e && *e) path = e;
    if (path == "off") return Status::OK();
    std::error_code ec;
    if (path.empty()) {
      path = data + "/ner/de.model";
      if (!fs::exists(path, ec)) return Status::OK();
    }
    Result<NerModel> m = NerModel::Load(path);
    if (!m.ok()) return m.status();
    ner_ = std::make_unique<NerModel>(std::move(m).value());
    return Status::OK();
  }

  // The gazetteer part of the catalogue: the build's snapshot when it
  // matches the installed gazetteer files, else the files themselves.
  Status LoadGazetteerPart(const KeyMaker& keys) {
    const GazetteerPaths paths;
    if (const std::string snap = FindGazetteerSnapshot(); !snap.empty()) {
      const Status s = ReadGazetteerSnapshot(snap, paths, &catalog_);
      if (s.ok()) return s;
      std::fprintf(stderr, "kg: warning: gazetteer snapshot not used: %s\n", s.ToString().c_str());
      catalog_ = Catalog();
    }
    return LoadGazetteers(paths, keys, &catalog_);
  }

  std::unique_ptr<Workspace> NewWorkspace() const {
    auto ws = std::make_unique<Workspace>();
    for (const char* lang : {"de", "en"}) {
      const Lexicon& lex = pipes_.at(lang)->lex;
      std::unordered_set<std::string> months;
      for (auto& [m, n] : lex.months) months.insert(m);
      for (auto& [w, n] : lex.ordinal_nouns) months.insert(w);  // "80. Minute" goes on
      ws->seg[LangSlot(lang)] = std::make_unique<Segmenter>(lang, lex.abbreviations, months);
      ws->stem[LangSlot(lang)] = std::make_unique<Stemmer>(lang);
    }
    return ws;
  }

  // The word oracle for a document in `lang`: the workspace's de_DE or en_US
  // oracle (each built on first use).
  WordOracle* OracleFor(const std::string& lang, Workspace* ws) const {
    if (!IsGerman(lang)) {
      if (!ws->oracle_en) ws->oracle_en = std::make_unique<WordOracle>(&verdicts_en_, nullptr, "en_US");
      return ws->oracle_en.get();
    }
    if (!ws->oracle) {
      std::call_once(word_index_once_, [this] { word_index_ = OpenWordIndex(); });
      ws->oracle = std::make_unique<WordOracle>(&verdicts_, word_index_.get());
    }
    return ws->oracle.get();
  }

  // Borrows a workspace from the pool (a new one when all are in use) and
  // gives it back when destroyed.
  struct Lease {
    const ExtractorImpl* owner;
    std::unique_ptr<Workspace> ws;
    ~Lease() {
      std::lock_guard<std::mutex> lock(owner->pool_mu_);
      owner->pool_.push_back(std::move(ws));
    }
  };
  Lease Borrow() const {
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      if (!pool_.empty()) {
        std::unique_ptr<Workspace> ws = std::move(pool_.back());
        pool_.pop_back();
        return Lease{this, std::move(ws)};
      }
    }
    return Lease{this, NewWorkspace()};
  }

  Result<ArticleFacts> Extract(const ArticleMeta& meta) const override {
    ArticleFacts facts;
    facts.article = meta;
    std::string lang = meta.lang;
    if (lang.empty()) lang = DetectLanguage(meta.title + "\n" + meta.text, "de");
    facts.article.lang = lang;
    if (options_.content_hash) facts.content_hash = ContentHash(facts.article);
    const LangPipeline& p = *pipes_.at(IsGerman(lang) ? "de" : "en");
    Lease lease = Borrow();
    Workspace& ws = *lease.ws;
    const int slot = LangSlot(p.lang);
    Stemmer* stemmer = ws.stem[slot].get();
    Doc doc;
    doc.text = meta.text;
    doc.lang = IsGerman(lang) ? "de" : "en";
    doc.date = meta.date;
    doc.ref_date = meta.date.empty() ? YearNamedMost(meta.text) : meta.date;
    doc.seg = ws.seg[slot]->Segment(meta.text);
    doc.cue.resize(doc.seg.tokens.size());
    std::set<std::string_view> sport_kinds;
    int sport_words = 0;
    for (size_t i = 0; i < doc.seg.tokens.size(); ++i) {
      const std::string& low = doc.seg.tokens[i].low;
      doc.cue[i] = p.lex.CueMask(low);
      if (p.lex.sport_words.Find(low)) {
        ++sport_words;
        sport_kinds.insert(low);
      }
    }
    doc.sport = sport_words >= Doc::kSportMinWords && sport_kinds.size() >= 3;
    MentionContext mc{&catalog_, &p.lex, OracleFor(doc.lang, &ws), stemmer};
    DetectMentions(mc, &doc);
    if (ner_ && doc.lang == "de") ApplyNer(*ner_, NerInputs{&catalog_, &p.lex, mc.oracle, &ws.ner_cache}, &doc);
    DropCodeMentions(&doc);
    TrimRoleHeads(catalog_, p.lex, &doc);
    DropProductNames(catalog_, &doc);
    ListPlaces(catalog_, p.lex, &doc);
    Resolve(ResolveContext{&catalog_, &p.lex}, &doc);
    std::vector<RelCandidate> rels;
    ExtractRelations(RelationContext{&catalog_, &p.lex, stemmer}, doc, &rels);
    ExtractLocatedIn(RelationContext{&catalog_, &p.lex, stemmer}, doc, &rels);
    ExtractMembership(RelationContext{&catalog_, &p.lex, stemmer}, doc, &rels);
    ExtractAffiliations(RelationContext{&catalog_, &p.lex, stemmer}, doc, &rels);
    MinistersInGovernment(doc, p.lex, &rels);
    Build(doc, p.lex, rels, meta, &facts);
    return facts;
  }

  Result<std::vector<TaggerToken>> TaggerFeatures(const ArticleMeta& meta) const override {
    const LangPipeline& p = *pipes_.at("de");
    Lease lease = Borrow();
    Workspace& ws = *lease.ws;
    Doc doc;
    doc.text = meta.text;
    doc.lang = "de";
    doc.date = meta.date;
    doc.ref_date = meta.date.empty() ? YearNamedMost(meta.text) : meta.date;
    doc.seg = ws.seg[0]->Segment(meta.text);
    doc.cue.resize(doc.seg.tokens.size());
    for (size_t i = 0; i < doc.seg.tokens.size(); ++i) doc.cue[i] = p.lex.CueMask(doc.seg.tokens[i].low);
    MentionContext mc{&catalog_, &p.lex, OracleFor("de", &ws), ws.stem[0].get()};
    DetectMentions(mc, &doc);
    std::vector<TaggerToken> out(doc.seg.tokens.size());
    const NerInputs in{&catalog_, &p.lex, mc.oracle};
    const std::vector<char> plain = NerPlainTokens(in, doc);
    for (size_t s = 0; s < doc.seg.sentences.size(); ++s) {
      const Sentence& sent = doc.seg.sentences[s];
      for (int i = sent.tok_begin; i < sent.tok_end; ++i) {
        out[i].start = doc.seg.tokens[i].start;
        out[i].end = doc.seg.tokens[i].end;
        out[i].sentence = static_cast<int>(s);
        out[i].plain = plain[i];
        if (NerScored(doc, i)) NerTokenFeatures(in, doc, i, sent.tok_begin, sent.tok_end, &out[i].feats);
      }
    }
    return out;
  }

 private:
  // The country an institution belongs to ("country/TR"): the KB's, or the
  // place its mention was scoped to; "" when unknown.
  std::string CountryOf(const Doc& doc, int ent) const {
    const DocEntity& de = doc.entities[ent];
    if (de.cat >= 0 && !catalog_.entity(de.cat).country.empty()) return catalog_.entity(de.cat).country;
    for (int mi : de.mentions) {
      const int scope = doc.mentions[mi].scope;
      if (scope < 0) continue;
      const EntityInfo& place = catalog_.entity(scope);
      return place.type == "country" ? place.id : place.country;
    }
    return "";
  }

  // "der türkische Außenminister X ... die türkische Regierung": a minister
  // of a country whose government the article names is a member of that
  // government (the guide's "member_of Russische Regierung if annotated").
  void MinistersInGovernment(const Doc& doc, const Lexicon& lex, std::vector<RelCandidate>* rels) const {
    std::map<std::string, int> government;  // country id -> doc entity
    for (size_t i = 0; i < doc.entities.size(); ++i)
      if (doc.entities[i].kind == "government" && !doc.entities[i].mentions.empty())
        if (std::string c = CountryOf(doc, static_cast<int>(i)); !c.empty()) government.emplace(c, static_cast<int>(i));
    if (government.empty()) return;
    const size_t n = rels->size();
    for (size_t k = 0; k < n; ++k) {
      const RelCandidate& r = (*rels)[k];
      if (r.predicate != "leader_of" || doc.entities[r.obj].kind != "ministry" ||
          doc.entities[r.subj].type != "person")
        continue;
      auto g = government.find(CountryOf(doc, r.obj));
      if (g == government.end() || g->second == r.subj) continue;
      RelCandidate m = r;
      m.obj = g->second;
      m.predicate = "member_of";
      m.conf = std::min(r.conf, 0.7);
      m.rule = lex.lang + ".affil.minister_in_government";
      rels->push_back(std::move(m));
    }
  }

  void Build(const Doc& doc, const Lexicon& lex, const std::vector<RelCandidate>& rels,
             const ArticleMeta& meta, ArticleFacts* facts) const {
    std::set<int> in_relation;
    for (const auto& r : rels) {
      in_relation.insert(r.subj);
      in_relation.insert(r.obj);
    }
    std::vector<int> out_index(doc.entities.size(), -1);
    for (size_t i = 0; i < doc.entities.size(); ++i) {
      const DocEntity& de = doc.entities[i];
      if (de.type.empty() || de.id.empty() || de.mentions.empty()) continue;
      // Unknown names of unknown type: keep only when repeated or related.
      if (de.cat < 0 && de.type == "other" && de.mentions.size() < 2 && !in_relation.count(static_cast<int>(i)))
        continue;
      EntityFact e;
      e.id = de.id;
      e.name = de.name;
      e.type = de.type;
      std::set<std::string> aliases;
      if (de.cat >= 0) {
        const EntityInfo& info = catalog_.entity(de.cat);
        for (const auto& n : info.names) aliases.insert(n);
        // English articles show English names ("Sweden", not "Schweden").
        if (doc.lang == "en" && !info.name_en.empty() && info.name_en != e.name) {
          aliases.insert(e.name);
          e.name = info.name_en;
        }
        if (info.geonames) e.props["geonames_id"] = info.geonames;
        if (!info.country.empty()) e.props["country"] = info.country;
        for (const char* k : {"latitude", "longitude"})
          if (info.props.contains(k)) e.props[k] = info.props[k];
      }
      for (const auto& a : de.aliases) aliases.insert(a);
      for (int mi : de.mentions) {
        const MentionSpan& m = doc.mentions[mi];
        if (m.te <= m.tb) continue;
        Mention mm;
        mm.start = m.partial ? m.cb : doc.seg.tokens[m.tb].start;
        mm.end = m.partial ? m.ce : doc.seg.tokens[m.te - 1].end;
        mm.text = std::string(doc.text.substr(mm.start, mm.end - mm.start));
        mm.sentence = m.sentence;
        if (!m.from_role) aliases.insert(mm.text);
        e.mentions.push_back(std::move(mm));
      }
      aliases.erase(e.name);
      e.aliases.assign(aliases.begin(), aliases.end());
      out_index[i] = static_cast<int>(facts->entities.size());
      facts->entities.push_back(std::move(e));
    }
    // The publisher named in the article header is an organisation of the article.
    if (!meta.source.empty()) {
      std::string id, name = meta.source, type = "organization";
      int n = 0;
      (void)n;
      const auto* v = catalog_.Lookup(NormKey(meta.source));
      if (v && !v->empty()) {
        const EntityInfo& info = catalog_.entity(v->front().entity);
        id = info.id;
        name = info.name;
        type = info.type;
      } else {
        id = "organization/" + Slug(meta.source);
      }
      bool have = false;
      for (const auto& e : facts->entities) have |= e.id == id;
      if (!have && !Slug(meta.source).empty()) {
        EntityFact e;
        e.id = id;
        e.name = name;
        e.type = type;
        e.props["role"] = "source";
        facts->entities.push_back(std::move(e));
      }
    }
    // Media entities, computed once per entity (IsMedium scans the mentions).
    std::vector<signed char> media(doc.entities.size(), -1);
    auto medium = [&](int e) {
      if (media[e] < 0) media[e] = IsMedium(doc, lex, e) ? 1 : 0;
      return media[e] == 1;
    };
    // Relations: one per (subject, predicate, object), best confidence first seen.
    std::map<std::tuple<std::string, std::string, std::string>, size_t> seen;
    for (const auto& r : rels) {
      if (r.subj < 0 || r.obj < 0 || out_index[r.subj] < 0 || out_index[r.obj] < 0) continue;
      std::string a = doc.entities[r.subj].id, b = doc.entities[r.obj].id;
      if (a == b) continue;
      if (!TypesFit(r.predicate, doc.entities[r.subj].type, doc.entities[r.obj].type, r.rule)) continue;
      // "in einem Gespräch mit der Welt am Sonntag": an interview with a
      // newspaper or broadcaster is neither a meeting nor a negotiation.
      if ((r.predicate == "meets" || r.predicate == "negotiates_with") && (medium(r.subj) || medium(r.obj)))
        continue;
      // A match report's encounters ("die bisherigen Begegnungen mit X")
      // are fixtures, not meetings.
      if (r.predicate == "meets" && doc.sport) continue;
      if (IsSymmetricPredicate(r.predicate) && b < a) std::swap(a, b);
      auto key = std::make_tuple(a, r.predicate, b);
      auto it = seen.find(key);
      if (it != seen.end()) {
        auto& prev = facts->relations[it->second];
        if (r.conf > prev.confidence) prev.confidence = r.conf;
        if (!prev.location && r.loc >= 0 && out_index[r.loc] >= 0) prev.location = doc.entities[r.loc].id;
        if (prev.source == "kb" && r.source != "kb") {  // the text states it too
          prev.source = r.source;
          prev.evidence.rule = r.rule;
          prev.evidence.tokens = r.tokens;
        }
        continue;
      }
      RelationFact f;
      f.subject = a;
      f.object = b;
      f.predicate = r.predicate;
      if (r.loc >= 0 && out_index[r.loc] >= 0) f.location = doc.entities[r.loc].id;
      f.date = r.date;
      f.modality = r.modality;
      f.confidence = r.conf;
      const Sentence& s = doc.seg.sentences[r.sentence];
      f.evidence.start = s.start;
      f.evidence.end = s.end;
      f.evidence.sentence = std::string(doc.text.substr(s.start, s.end - s.start));
      f.evidence.rule = r.rule;
      f.source = r.source;
      f.evidence.tokens = r.tokens;
      seen.emplace(key, facts->relations.size());
      facts->relations.push_back(std::move(f));
    }
    // Co-mentions: entity pairs per sentence.
    if (options_.co_mentions) {
      std::map<std::pair<std::string, std::string>, int> co;
      for (size_t s = 0; s < doc.seg.sentences.size(); ++s) {
        const Sentence& sent = doc.seg.sentences[s];
        std::set<std::string> ids;
        for (int k = sent.tok_begin; k < sent.tok_end; ++k) {
          int m = doc.mention_at[k];
          if (m >= 0 && doc.mentions[m].ent >= 0 && out_index[doc.mentions[m].ent] >= 0)
            ids.insert(doc.entities[doc.mentions[m].ent].id);
        }
        for (auto i = ids.begin(); i != ids.end(); ++i)
          for (auto j = std::next(i); j != ids.end(); ++j) co[{*i, *j}]++;
      }
      for (auto& [k, n] : co) facts->co_mentions.push_back(CoMention{k.first, k.second, n});
    }
  }

  // Read-only after Init (shared by concurrent Extract calls).
  ExtractorOptions options_;
  Catalog catalog_;
  std::unique_ptr<NerModel> ner_;  // null: rules only
  std::map<std::string, std::unique_ptr<LangPipeline>> pipes_;
  // Mutable state, safe for concurrent use.
  mutable VerdictCache verdicts_, verdicts_en_;
  mutable std::once_flag word_index_once_;
  mutable std::unique_ptr<WordIndex> word_index_;  // set once under word_index_once_
  mutable std::mutex pool_mu_;
  mutable std::vector<std::unique_ptr<Workspace>> pool_;  // GUARDED_BY(pool_mu_); idle workspaces
};

}  // namespace

Result<std::unique_ptr<Extractor>> Extractor::Create(const ExtractorOptions& options) {
  auto x = std::make_unique<ExtractorImpl>();
  KG_RETURN_IF_ERROR(x->Init(options));
  return std::unique_ptr<Extractor>(std::move(x));
}

}  // namespace kg
