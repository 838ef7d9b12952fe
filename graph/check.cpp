// CheckGraph / RebuildGraph (check.h): one pass over every column family
// collects the primary records and what the derived ones should be; the
// check compares, the rebuild writes the expected state in one batch.
#include "graph/check.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "graph/graph.h"
#include "graph/graph_internal.h"
#include "graph/keys.h"
#include "graph/overlay_store.h"
#include "graph/rel_date.h"

namespace kg {

namespace {

using nlohmann::json;

// (self, type, other, rel) of one adjacency entry.
using AdjEntryKey = std::tuple<NodeId, std::string, NodeId, RelId>;

struct ArticleRec {
  std::string key;
  json rec;
  bool changed = false;  // references dropped (rebuild)
};

// Everything one scan learns.
struct Scan {
  std::set<NodeId> nodes;
  std::vector<std::string> bad_nodes;             // keys of undecodable node records
  std::map<std::string, NodeId> names_expected;   // index key -> node
  std::map<std::string, std::vector<NodeId>> ext_ids;  // entity id -> nodes
  std::map<RelId, Rel> rels;
  std::vector<std::string> bad_rels;
  std::set<std::string> adj_keys[2];              // existing chunk keys (out, in)
  std::set<AdjEntryKey> adj_actual[2];
  std::vector<std::string> adj_problems;
  std::set<std::string> name_keys;                // existing index keys
  std::vector<std::string> bad_name_keys;
  std::set<std::string> date_keys;                // existing date index keys (rel_date.h)
  bool has_date_index = false;                    // meta rel_date_index: the index is kept
  // evidence
  std::map<RelId, std::set<std::string>> typed_articles;
  std::set<std::tuple<RelId, char, std::string>> evidence_of;  // (rel, kind, article)
  std::map<RelId, std::pair<int64_t, int64_t>> co;  // contributions, sum of counts
  std::vector<std::string> orphan_evidence, bad_evidence;
  uint64_t evidence = 0;
  // articles CF
  std::vector<ArticleRec> articles;
  std::vector<std::string> bad_articles, bad_files, bad_refcounts;
  std::map<NodeId, uint64_t> refcount;            // stored 'r' counts
  std::set<std::string> refcount_keys;
  uint64_t files = 0;
  std::map<std::string, std::vector<std::string>> file_articles;  // file key -> article ids
  // meta
  uint64_t next_node = 0, next_rel = 0;
  bool has_next_node = false, has_next_rel = false, has_schema = false;
};

std::string Hex(std::string_view key) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (unsigned char c : key.substr(0, 40)) {
    s.push_back(d[c >> 4]);
    s.push_back(d[c & 15]);
  }
  return key.size() > 40 ? s + "..." : s;
}

template <typename Fn>
Status ForEach(const Store& store, Cf cf, Fn fn) {
  auto it = store.NewIterator(cf);
  for (it->SeekToFirst(); it->Valid(); it->Next()) fn(it->key(), it->value());
  return it->status();
}

Status Collect(const Store& store, Scan* sc) {
  // Nodes and what the name index should hold for them.
  KG_RETURN_IF_ERROR(ForEach(store, Cf::kNodes, [&](std::string_view k, std::string_view v) {
    NodeId id = 0;
    Node n;
    if (!keys::DecodeNodeKey(k, &id).ok() || !internal::DecodeNode(id, v, &n).ok()) {
      sc->bad_nodes.emplace_back(k);
      return;
    }
    sc->nodes.insert(id);
    for (const auto& term : internal::NameTerms(n.props)) sc->names_expected[keys::NameKey(term, id)] = id;
    if (auto ext = internal::ExternalId(n.props)) sc->ext_ids[*ext].push_back(id);
  }));
  for (const auto& [ext, ids] : sc->ext_ids)
    sc->names_expected[keys::ExternalIdKey(ext, ids.front())] = ids.front();
  KG_RETURN_IF_ERROR(ForEach(store, Cf::kRels, [&](std::string_view k, std::string_view v) {
    RelId id = 0;
    Rel r;
    if (!keys::DecodeRelKey(k, &id).ok() || !internal::DecodeRel(id, v, &r).ok()) {
      sc->bad_rels.emplace_back(k);
      return;
    }
    sc->rels.emplace(id, std::move(r));
  }));
  // Adjacency chunks: well formed, ascending, inside their bounds.
  const Cf adj_cf[2] = {Cf::kOutAdj, Cf::kInAdj};
  for (int d = 0; d < 2; ++d) {
    std::string list;  // self + type of the previous chunk
    keys::AdjItem prev_bound{};
    KG_RETURN_IF_ERROR(ForEach(store, adj_cf[d], [&](std::string_view k, std::string_view v) {
      sc->adj_keys[d].emplace(k);
      keys::AdjKey ak;
      std::vector<keys::AdjItem> items;
      const char* dir = d == 0 ? "out" : "in";
      if (!keys::DecodeAdjKey(k, &ak).ok() || !keys::DecodeAdjChunk(v, &items).ok() || items.empty()) {
        sc->adj_problems.push_back(std::string("undecodable ") + dir + "-adjacency chunk " + Hex(k));
        return;
      }
      const std::string this_list = keys::AdjTypePrefix(ak.self, ak.type);
      const keys::AdjItem bound{ak.other, ak.rel};
      const bool first = this_list != list;
      bool ok = std::is_sorted(items.begin(), items.end()) &&
                std::adjacent_find(items.begin(), items.end()) == items.end() &&
                !(bound < items.back()) && (first || prev_bound < items.front());
      if (!ok)
        sc->adj_problems.push_back(std::string(dir) + "-adjacency chunk of node " + std::to_string(ak.self) +
                                   " type " + ak.type + " is out of order or outside its bounds");
      list = this_list;
      prev_bound = bound;
      for (const auto& e : items) sc->adj_actual[d].emplace(ak.self, ak.type, e.other, e.rel);
    }));
  }
  KG_RETURN_IF_ERROR(ForEach(store, Cf::kNames, [&](std::string_view k, std::string_view) {
    std::string text;
    NodeId node = 0;
    int64_t day = 0;
    if (!k.empty() && k[0] == keys::kRelDatePrefix && keys::DecodeRelDateKey(k, &day, &node).ok())
      sc->date_keys.emplace(k);
    else if (!keys::DecodeIndexKey(k, &text, &node).ok()) sc->bad_name_keys.emplace_back(k);
    else sc->name_keys.emplace(k);
  }));
  KG_RETURN_IF_ERROR(ForEach(store, Cf::kEvidence, [&](std::string_view k, std::string_view v) {
    keys::EvidenceKey ek;
    json j;
    if (!keys::DecodeEvidenceKey(k, &ek).ok() || !keys::DecodeValue(v, "evidence", &j).ok() ||
        !j.is_object() || (ek.kind != keys::kEvidenceTyped && ek.kind != keys::kEvidenceCoMention)) {
      sc->bad_evidence.emplace_back(k);
      return;
    }
    if (!sc->rels.count(ek.rel)) {
      sc->orphan_evidence.emplace_back(k);
      return;
    }
    sc->evidence_of.emplace(ek.rel, ek.kind, ek.article);
    if (ek.kind == keys::kEvidenceTyped) {
      ++sc->evidence;
      sc->typed_articles[ek.rel].insert(ek.article);
    } else {
      auto& c = sc->co[ek.rel];
      ++c.first;
      auto n = j.find("n");
      c.second += n != j.end() && n->is_number_integer() ? n->get<int64_t>() : 0;
    }
  }));
  KG_RETURN_IF_ERROR(ForEach(store, Cf::kArticles, [&](std::string_view k, std::string_view v) {
    if (k.empty()) return;
    if (k[0] == keys::kArticlePrefix) {
      ArticleRec a;
      a.key = std::string(k);
      if (!keys::DecodeValue(v, "article", &a.rec).ok() || !a.rec.is_object()) sc->bad_articles.emplace_back(k);
      else sc->articles.push_back(std::move(a));
    } else if (k[0] == keys::kFilePrefix) {
      FileState st;
      if (!internal::DecodeFileState(v, &st).ok()) {
        sc->bad_files.emplace_back(k);
      } else {
        ++sc->files;
        sc->file_articles[std::string(k)] = std::move(st.articles);
      }
    } else if (k[0] == keys::kRefCountPrefix) {
      NodeId node = 0;
      uint64_t n = 0;
      if (!keys::DecodeRefCountKey(k, &node).ok() || !keys::ReadU64(v, 0, &n).ok()) {
        sc->bad_refcounts.emplace_back(k);
        return;
      }
      sc->refcount[node] = n;
      sc->refcount_keys.emplace(k);
    }
  }));
  KG_RETURN_IF_ERROR(ForEach(store, Cf::kMeta, [&](std::string_view k, std::string_view v) {
    if (k == keys::kMetaSchemaVersion) sc->has_schema = true;
    if (k == keys::kMetaRelDateIndex) sc->has_date_index = v == "1";
    if (k == keys::kMetaNextNodeId) sc->has_next_node = keys::ReadU64(v, 0, &sc->next_node).ok();
    if (k == keys::kMetaNextRelId) sc->has_next_rel = keys::ReadU64(v, 0, &sc->next_rel).ok();
  }));
  return Status::OK();
}

// What the relationship date index should hold for `rels` (rel_date.h).
std::set<std::string> DateKeysOf(const std::map<RelId, Rel>& rels) {
  std::set<std::string> out;
  for (const auto& [id, r] : rels)
    if (auto it = r.props.find("date"); it != r.props.end())
      if (auto day = IndexedRelDay(*it)) out.insert(keys::RelDateKey(*day, id));
  return out;
}

// The ids an article record lists: "e" nodes, "r" relationships, "c" [rel, count].
struct ArticleRefs {
  std::vector<NodeId> nodes;
  std::vector<RelId> rels;   // typed and co-mention
  std::vector<RelId> typed, co;
  bool malformed = false;
};
ArticleRefs RefsOf(const json& rec) {
  ArticleRefs r;
  auto ids = [&](const char* key, bool pairs, std::vector<uint64_t>* out) {
    auto it = rec.find(key);
    if (it == rec.end()) return;
    if (!it->is_array()) {
      r.malformed = true;
      return;
    }
    for (const auto& x : *it) {
      const json& id = pairs && x.is_array() && !x.empty() ? x[0] : x;
      if (!id.is_number_unsigned()) r.malformed = true;
      else out->push_back(id.get<uint64_t>());
    }
  };
  ids("e", false, &r.nodes);
  ids("r", false, &r.typed);
  ids("c", true, &r.co);
  r.rels = r.typed;
  r.rels.insert(r.rels.end(), r.co.begin(), r.co.end());
  return r;
}

// Why an article record no longer matches the records it contributed
// ("" when it does): every relationship it lists that exists has this
// article's evidence, and no evidence of the article is left on a
// relationship that is gone. (An article may list relationships and nodes
// that no longer exist: Cypher DELETE removes them with their evidence, and
// ingest's retraction skips them. `dropped` are relationships a repair is
// about to drop: they count as lost, not deleted.)
std::string ArticleDamage(const Scan& sc, const std::string& id, const ArticleRefs& refs,
                          const std::set<std::string>& orphaned, const std::set<RelId>& dropped = {}) {
  if (refs.malformed) return "malformed list of contributions";
  if (orphaned.count(id)) return "has evidence on a relationship that does not exist";
  for (RelId r : refs.rels)
    if (dropped.count(r)) return "names relationship " + std::to_string(r) + ", which is damaged";
  for (RelId r : refs.typed)
    if (sc.rels.count(r) && !sc.evidence_of.count({r, keys::kEvidenceTyped, id}))
      return "has no evidence on relationship " + std::to_string(r) + " it contributed";
  for (RelId r : refs.co)
    if (sc.rels.count(r) && !sc.evidence_of.count({r, keys::kEvidenceCoMention, id}))
      return "has no contribution record on co-mention " + std::to_string(r);
  return "";
}

// Articles that still have evidence on relationships that do not exist.
std::set<std::string> OrphanedArticles(const Scan& sc) {
  std::set<std::string> out;
  for (const auto& k : sc.orphan_evidence) {
    keys::EvidenceKey ek;
    if (keys::DecodeEvidenceKey(k, &ek).ok()) out.insert(ek.article);
  }
  return out;
}

// Relationships written by ingest or kg load carry "support".
bool IngestOwned(const Rel& r) { return r.props.contains("support"); }
bool IsCoMention(const Rel& r) { return r.type == RelTypeForPredicate("co_mentioned"); }

// Expected support (and weight) of an ingest-owned relationship.
std::pair<int64_t, int64_t> ExpectedSupport(const Scan& sc, RelId id, const Rel& r) {
  if (IsCoMention(r)) {
    auto it = sc.co.find(id);
    return it == sc.co.end() ? std::make_pair<int64_t, int64_t>(0, 0) : it->second;
  }
  auto it = sc.typed_articles.find(id);
  return {it == sc.typed_articles.end() ? 0 : static_cast<int64_t>(it->second.size()), 0};
}

int64_t IntProp(const json& props, const char* key) {
  auto it = props.find(key);
  return it != props.end() && it->is_number_integer() ? it->get<int64_t>() : -1;
}

}  // namespace

// Whether the database is of a schema version that keeps counts.
static Result<bool> KeepsCounts(const Store& store) {
  std::string v;
  Status s = store.Get(Cf::kMeta, keys::kMetaSchemaVersion, &v);
  if (s.IsNotFound()) return false;
  KG_RETURN_IF_ERROR(s);
  return v == std::to_string(keys::kSchemaVersion);
}

Status CheckGraph(const Store& store, GraphCheck* out, std::size_t max_lines) {
  Scan sc;
  KG_RETURN_IF_ERROR(Collect(store, &sc));
  auto problem = [&](const std::string& line) {
    ++out->problems_total;
    if (out->problems.size() < max_lines) out->problems.push_back(line);
  };
  if (!sc.has_schema && (!sc.nodes.empty() || !sc.rels.empty() || !sc.articles.empty()))
    problem("meta: no schema version");
  for (const auto& k : sc.bad_nodes) problem("undecodable node record " + Hex(k));
  for (const auto& k : sc.bad_rels) problem("undecodable relationship record " + Hex(k));
  for (const auto& p : sc.adj_problems) problem(p);
  for (const auto& k : sc.bad_name_keys) problem("undecodable name-index key " + Hex(k));
  for (const auto& k : sc.bad_evidence) problem("undecodable evidence record " + Hex(k));
  for (const auto& k : sc.bad_articles) problem("undecodable article record " + Hex(k));
  for (const auto& k : sc.bad_files) problem("undecodable file state " + Hex(k));
  for (const auto& k : sc.bad_refcounts) problem("undecodable article count " + Hex(k));
  for (const auto& k : sc.orphan_evidence) {
    keys::EvidenceKey ek;
    (void)keys::DecodeEvidenceKey(k, &ek);
    problem("evidence of article '" + ek.article + "' belongs to relationship " + std::to_string(ek.rel) +
            ", which does not exist");
  }
  // Relationships: end nodes, adjacency under both ends, support.
  std::set<AdjEntryKey> expect[2];
  for (const auto& [id, r] : sc.rels) {
    for (NodeId end : {r.src, r.dst})
      if (!sc.nodes.count(end))
        problem("relationship " + std::to_string(id) + " (" + r.type + ") ends at node " + std::to_string(end) +
                ", which does not exist");
    expect[0].emplace(r.src, r.type, r.dst, id);
    expect[1].emplace(r.dst, r.type, r.src, id);
    if (IngestOwned(r)) {
      auto [support, weight] = ExpectedSupport(sc, id, r);
      if (IntProp(r.props, "support") != support)
        problem("relationship " + std::to_string(id) + " (" + r.type + ") has support " +
                std::to_string(IntProp(r.props, "support")) + ", but evidence from " + std::to_string(support) +
                " article(s)");
      if (IsCoMention(r) && IntProp(r.props, "weight") != weight)
        problem("relationship " + std::to_string(id) + " (CO_MENTIONED) has weight " +
                std::to_string(IntProp(r.props, "weight")) + ", but its contributions add up to " +
                std::to_string(weight));
    }
  }
  for (int d = 0; d < 2; ++d) {
    const char* dir = d == 0 ? "out" : "in";
    for (const auto& e : sc.adj_actual[d])
      if (!expect[d].count(e))
        problem(std::string(dir) + "-adjacency of node " + std::to_string(std::get<0>(e)) + " lists relationship " +
                std::to_string(std::get<3>(e)) + " (" + std::get<1>(e) + ", node " + std::to_string(std::get<2>(e)) +
                "), which does not exist like that");
    for (const auto& e : expect[d])
      if (!sc.adj_actual[d].count(e))
        problem("relationship " + std::to_string(std::get<3>(e)) + " is missing from the " + dir +
                "-adjacency of node " + std::to_string(std::get<0>(e)));
    out->adjacency += sc.adj_actual[d].size();
  }
  // Name index.
  for (const auto& [ext, ids] : sc.ext_ids)
    if (ids.size() > 1) {
      std::string list;
      for (NodeId n : ids) list += (list.empty() ? "" : ", ") + std::to_string(n);
      problem("entity id '" + ext + "' is shared by nodes " + list);
    }
  for (const auto& k : sc.name_keys)
    if (!sc.names_expected.count(k)) {
      std::string text;
      NodeId node = 0;
      (void)keys::DecodeIndexKey(k, &text, &node);
      problem("name index lists '" + text + "' for node " + std::to_string(node) +
              (sc.nodes.count(node) ? ", which has no such name or id" : ", which does not exist"));
    }
  for (const auto& [k, node] : sc.names_expected)
    if (!sc.name_keys.count(k)) {
      std::string text;
      NodeId n = 0;
      (void)keys::DecodeIndexKey(k, &text, &n);
      problem("name index lacks '" + text + "' of node " + std::to_string(node));
    }
  if (sc.has_date_index) {
    const std::set<std::string> want = DateKeysOf(sc.rels);
    int64_t day = 0;
    RelId rel = 0;
    for (const auto& k : sc.date_keys)
      if (!want.count(k) && keys::DecodeRelDateKey(k, &day, &rel).ok())
        problem("date index lists relationship " + std::to_string(rel) + " under a day that is not its date");
    for (const auto& k : want)
      if (!sc.date_keys.count(k) && keys::DecodeRelDateKey(k, &day, &rel).ok())
        problem("date index lacks relationship " + std::to_string(rel));
  }
  // Article records and article counts.
  std::map<NodeId, uint64_t> counted;
  const std::set<std::string> orphaned = OrphanedArticles(sc);
  for (const auto& a : sc.articles) {
    const std::string id = a.key.substr(1);
    ArticleRefs refs = RefsOf(a.rec);
    for (NodeId n : refs.nodes) ++counted[n];
    if (std::string why = ArticleDamage(sc, id, refs, orphaned); !why.empty())
      problem("article '" + id + "' " + why);
  }
  // Article counts of existing nodes (a node deleted by Cypher may keep its
  // count and stay listed by its articles).
  for (const auto& [node, n] : sc.refcount)
    if (sc.nodes.count(node) && counted[node] != n)
      problem("node " + std::to_string(node) + " counts " + std::to_string(n) + " article(s), but " +
              std::to_string(counted[node]) + " article record(s) name it");
  for (const auto& [node, n] : counted)
    if (sc.nodes.count(node) && !sc.refcount.count(node))
      problem("node " + std::to_string(node) + " has no article count, but " + std::to_string(n) +
              " article record(s) name it");
  // Counters.
  const NodeId max_node = sc.nodes.empty() ? 0 : *sc.nodes.rbegin();
  const RelId max_rel = sc.rels.empty() ? 0 : sc.rels.rbegin()->first;
  if (max_node > 0 && (!sc.has_next_node || sc.next_node <= max_node))
    problem("meta: next node id " + std::to_string(sc.next_node) + " is not above the largest node id " +
            std::to_string(max_node));
  if (max_rel > 0 && (!sc.has_next_rel || sc.next_rel <= max_rel))
    problem("meta: next relationship id " + std::to_string(sc.next_rel) +
            " is not above the largest relationship id " + std::to_string(max_rel));
  // Counts kept as data (schema version 3) against the records.
  KG_ASSIGN_OR_RETURN(bool kept, KeepsCounts(store));
  if (kept) {
    internal::CountRecords have, want;
    KG_RETURN_IF_ERROR(internal::Recount(store, &want));
    KG_RETURN_IF_ERROR(internal::StoredCounts(store, &have));
    std::vector<std::string> lines;
    const uint64_t n = internal::CountProblems(have, want, &lines, max_lines);
    for (const auto& l : lines) problem("counts: " + l);
    out->problems_total += n - lines.size();
  }
  out->nodes = sc.nodes.size();
  out->rels = sc.rels.size();
  out->names = sc.name_keys.size();
  out->evidence = sc.evidence;
  out->articles = sc.articles.size();
  out->files = sc.files;
  return Status::OK();
}

Status RebuildGraph(Store* store, GraphRepair* out) {
  Scan sc;
  KG_RETURN_IF_ERROR(Collect(*store, &sc));
  WriteBatch b;
  std::map<std::string, uint64_t> counts;  // action -> how many
  auto act = [&](const std::string& what) { ++counts[what]; };

  for (const auto& k : sc.bad_nodes) b.Delete(Cf::kNodes, k), act("undecodable node records dropped");
  for (const auto& k : sc.bad_rels) b.Delete(Cf::kRels, k), act("undecodable relationship records dropped");
  for (const auto& k : sc.bad_evidence) b.Delete(Cf::kEvidence, k), act("undecodable evidence records dropped");
  for (const auto& k : sc.orphan_evidence) b.Delete(Cf::kEvidence, k), act("evidence records of missing relationships dropped");
  for (const auto& k : sc.bad_articles) b.Delete(Cf::kArticles, k), act("undecodable article records dropped");
  for (const auto& k : sc.bad_files) b.Delete(Cf::kArticles, k), act("undecodable file states dropped (files are read again)");

  // Relationships whose end nodes are gone were damaged (Cypher deletes a
  // node's relationships with it).
  std::set<RelId> dangling;
  for (const auto& [id, r] : sc.rels)
    if (!sc.nodes.count(r.src) || !sc.nodes.count(r.dst)) dangling.insert(id);

  // Articles whose contributions were damaged are retracted as a whole (their
  // evidence, record and the file states that list them), so the next
  // `kg ingest` of their files stores them again.
  std::set<std::string> retracted;
  const std::set<std::string> orphaned = OrphanedArticles(sc);
  for (auto& a : sc.articles) {
    const std::string id = a.key.substr(1);
    ArticleRefs refs = RefsOf(a.rec);
    if (ArticleDamage(sc, id, refs, orphaned, dangling).empty()) continue;
    retracted.insert(id);
    a.rec = nullptr;  // dropped below
    for (RelId r : refs.typed) {
      auto it = store->NewIterator(Cf::kEvidence);
      const std::string prefix = keys::EvidenceArticlePrefix(r, keys::kEvidenceTyped, id);
      for (it->Seek(prefix); it->Valid() && it->key().substr(0, prefix.size()) == prefix; it->Next())
        b.Delete(Cf::kEvidence, it->key());
      if (auto t = sc.typed_articles.find(r); t != sc.typed_articles.end()) t->second.erase(id);
    }
    for (RelId r : refs.co) {
      if (!sc.evidence_of.count({r, keys::kEvidenceCoMention, id})) continue;
      const std::string k = keys::EncodeEvidenceKey(r, keys::kEvidenceCoMention, id, 0);
      std::string v;
      nlohmann::json j;
      if (store->Get(Cf::kEvidence, k, &v).ok() && keys::DecodeValue(v, "evidence", &j).ok() && j.is_object()) {
        auto n = j.find("n");
        auto& c = sc.co[r];
        --c.first;
        c.second -= n != j.end() && n->is_number_integer() ? n->get<int64_t>() : 0;
      }
      b.Delete(Cf::kEvidence, k);
    }
    b.Delete(Cf::kArticles, a.key);
    act("articles with damaged contributions retracted (ingest their files again)");
  }
  for (const auto& [key, ids] : sc.file_articles)
    for (const auto& id : ids)
      if (retracted.count(id)) {
        b.Delete(Cf::kArticles, key);
        act("file states of retracted articles dropped (the files are read again)");
        break;
      }
  sc.articles.erase(std::remove_if(sc.articles.begin(), sc.articles.end(),
                                   [](const ArticleRec& a) { return a.rec.is_null(); }),
                    sc.articles.end());

  // Relationships: drop those with a missing end or no support left; fix support.
  auto drop_rel = [&](RelId id) {
    b.Delete(Cf::kRels, keys::RelKey(id));
    auto it = store->NewIterator(Cf::kEvidence);
    const std::string prefix = keys::EvidencePrefix(id);
    for (it->Seek(prefix); it->Valid() && it->key().substr(0, prefix.size()) == prefix; it->Next())
      b.Delete(Cf::kEvidence, it->key());
  };
  std::vector<RelId> dropped;
  for (auto& [id, r] : sc.rels) {
    if (dangling.count(id)) {
      dropped.push_back(id);
      act("relationships with a missing end node dropped");
      continue;
    }
    if (!IngestOwned(r)) continue;
    auto [support, weight] = ExpectedSupport(sc, id, r);
    if (support == 0) {
      dropped.push_back(id);
      act("relationships without supporting evidence dropped");
      continue;
    }
    bool changed = IntProp(r.props, "support") != support;
    r.props["support"] = support;
    if (IsCoMention(r)) {
      changed |= IntProp(r.props, "weight") != weight;
      r.props["weight"] = weight;
    }
    if (changed) {
      b.Put(Cf::kRels, keys::RelKey(id),
            keys::EncodeValue({{"s", r.src}, {"d", r.dst}, {"t", r.type}, {"p", r.props}}));
      act("support or weight recomputed from the evidence");
    }
  }
  for (RelId id : dropped) {
    drop_rel(id);
    sc.rels.erase(id);
  }

  // Article counts of existing nodes.
  std::map<NodeId, uint64_t> counted;
  for (const auto& a : sc.articles)
    for (NodeId n : RefsOf(a.rec).nodes) ++counted[n];
  for (const auto& k : sc.bad_refcounts) b.Delete(Cf::kArticles, k);
  for (const auto& [node, n] : sc.refcount)
    if (sc.nodes.count(node) && counted[node] != n) {
      if (counted[node] == 0) b.Delete(Cf::kArticles, keys::RefCountKey(node));
      act("article counts of nodes recomputed");
    }
  for (const auto& [node, n] : counted)
    if (n > 0 && sc.nodes.count(node) && (!sc.refcount.count(node) || sc.refcount[node] != n))
      b.Put(Cf::kArticles, keys::RefCountKey(node), keys::U64(n));

  // Duplicate entity ids: the oldest node keeps the id.
  for (const auto& [ext, ids] : sc.ext_ids) {
    for (std::size_t i = 1; i < ids.size(); ++i) {
      std::string v;
      Node n;
      if (!store->Get(Cf::kNodes, keys::NodeKey(ids[i]), &v).ok() || !internal::DecodeNode(ids[i], v, &n).ok())
        continue;
      n.props.erase("id");
      n.props["duplicate_of"] = ext;
      b.Put(Cf::kNodes, keys::NodeKey(ids[i]), keys::EncodeValue({{"l", n.labels}, {"p", n.props}}));
      act("nodes that repeated another node's entity id renamed (property duplicate_of)");
    }
  }

  // Adjacency and name index: rebuilt from the records.
  std::map<std::pair<NodeId, std::string>, std::vector<keys::AdjItem>> lists[2];
  for (const auto& [id, r] : sc.rels) {
    lists[0][{r.src, r.type}].push_back({r.dst, id});
    lists[1][{r.dst, r.type}].push_back({r.src, id});
  }
  const Cf adj_cf[2] = {Cf::kOutAdj, Cf::kInAdj};
  for (int d = 0; d < 2; ++d) {
    std::set<std::string> want;
    std::vector<std::pair<std::string, std::string>> puts;
    for (auto& [list, items] : lists[d]) {
      std::sort(items.begin(), items.end());
      for (std::size_t i = 0; i < items.size(); i += keys::kAdjChunkMax) {
        const std::size_t n = std::min(keys::kAdjChunkMax, items.size() - i);
        const bool last = i + n == items.size();
        std::string key = last ? keys::AdjTailKey(list.first, list.second)
                               : keys::EncodeAdjKey(list.first, list.second, items[i + n - 1].other,
                                                    items[i + n - 1].rel);
        want.insert(key);
        puts.emplace_back(std::move(key), keys::EncodeAdjChunk(items.data() + i, n));
      }
    }
    bool changed = sc.adj_keys[d] != want;
    std::set<AdjEntryKey> expect;
    for (const auto& [list, items] : lists[d])
      for (const auto& e : items) expect.emplace(list.first, list.second, e.other, e.rel);
    changed |= expect != sc.adj_actual[d];
    if (!changed) continue;
    for (const auto& k : sc.adj_keys[d]) b.Delete(adj_cf[d], k);
    for (auto& [k, v] : puts) b.Put(adj_cf[d], k, v);
    act(d == 0 ? "out-adjacency rebuilt" : "in-adjacency rebuilt");
  }
  // Name index (after the duplicate renames: only the oldest node keeps 'e').
  for (const auto& k : sc.bad_name_keys) b.Delete(Cf::kNames, k);
  std::set<std::string> names_want;
  for (const auto& [k, node] : sc.names_expected) names_want.insert(k);
  if (names_want != sc.name_keys || !sc.bad_name_keys.empty()) {
    for (const auto& k : sc.name_keys)
      if (!names_want.count(k)) b.Delete(Cf::kNames, k);
    for (const auto& k : names_want)
      if (!sc.name_keys.count(k)) b.Put(Cf::kNames, k, "");
    act("name index rebuilt");
  }
  // Relationship date index (rel_date.h), and its flag.
  const std::set<std::string> dates_want = DateKeysOf(sc.rels);
  if (!sc.has_date_index || dates_want != sc.date_keys) {
    for (const auto& k : sc.date_keys)
      if (!dates_want.count(k)) b.Delete(Cf::kNames, k);
    for (const auto& k : dates_want)
      if (!sc.date_keys.count(k)) b.Put(Cf::kNames, k, "");
    b.Put(Cf::kMeta, keys::kMetaRelDateIndex, "1");
    act("date index rebuilt");
  }
  // Schema version and id counters.
  if (!sc.has_schema) {
    b.Put(Cf::kMeta, keys::kMetaSchemaVersion, std::to_string(keys::kSchemaVersion));
    act("schema version restored");
  }
  const NodeId max_node = sc.nodes.empty() ? 0 : *sc.nodes.rbegin();
  RelId max_rel = 0;
  for (const auto& [id, r] : sc.rels) max_rel = std::max(max_rel, id);
  for (RelId id : dropped) max_rel = std::max(max_rel, id);
  if (max_node > 0 && (!sc.has_next_node || sc.next_node <= max_node)) {
    b.Put(Cf::kMeta, keys::kMetaNextNodeId, keys::U64(max_node + 1));
    act("next node id raised");
  }
  if (max_rel > 0 && (!sc.has_next_rel || sc.next_rel <= max_rel)) {
    b.Put(Cf::kMeta, keys::kMetaNextRelId, keys::U64(max_rel + 1));
    act("next relationship id raised");
  }
  // Counts (schema version 3): derived from the repaired records, in the same write.
  KG_ASSIGN_OR_RETURN(bool kept, KeepsCounts(*store));
  if (kept || !sc.has_schema) {
    auto after = NewOverlayStore(store);
    KG_RETURN_IF_ERROR(after->Write(b));
    internal::CountRecords have, want;
    KG_RETURN_IF_ERROR(internal::Recount(*after, &want));
    KG_RETURN_IF_ERROR(internal::StoredCounts(*after, &have));
    WriteBatch fixes;
    internal::CountFixes(have, want, &fixes);
    if (!fixes.empty()) act("counts rebuilt");
    for (auto& op : fixes.ops) b.ops.push_back(std::move(op));
  }
  for (const auto& [what, n] : counts) out->actions.push_back(std::to_string(n) + " " + what);
  out->writes = b.ops.size();
  if (b.empty()) return Status::OK();
  return store->Write(b);
}

}  // namespace kg
