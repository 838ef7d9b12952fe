// Graph: knowledge-graph writes (ApplyArticle, ForgetArticle) and evidence reads.
//
// Bookkeeping, all inside the one WriteBatch of an article:
//  - the article record (Cf::kArticles 'a' + id) lists the content hash, the
//    entity nodes, typed relationships and co-mention relationships the
//    article contributed, so a changed or forgotten article is retracted
//    exactly;
//  - each entity node carries a reference count ('r' + node) of the articles
//    that mention it; a node whose count reaches zero and that has no
//    relationship left is deleted (so `kg forget` leaves no orphans);
//  - typed relationships keep one evidence record per (rel, article, n);
//    co-mention relationships keep one contribution record per (rel, article)
//    with the count, so weight, support, first_seen/last_seen can be
//    recomputed when an article is retracted.
// Relationship properties are order independent: the "strongest" evidence
// (confidence, then modality asserted > reported > speculated, then having a
// location, then date) decides location/date/modality/confidence.
// `location_name` (the location entity's name) follows `location`: written
// with it, kept while it does not change, removed with it.
#include <algorithm>
#include <map>
#include <tuple>

#include "graph/graph.h"
#include "graph/graph_internal.h"
#include "graph/keys.h"
#include "graph/model_json.h"
#include "graph/rel_date.h"
#include "graph/rel_record.h"

namespace kg {

using internal::PropMap;
using internal::PropValue;
using internal::RelRecord;
using internal::Txn;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxAliases = 64;

int ModalityRank(const std::string& m) {
  if (m == "asserted") return 3;
  if (m == "reported") return 2;
  if (m == "speculated") return 1;
  return 0;
}

struct Best {
  double confidence = 0;
  std::string modality;
  std::string location;  // empty = none
  std::string date;
};

bool Stronger(const Best& a, const Best& b) {
  auto key = [](const Best& x) {
    return std::make_tuple(x.confidence, ModalityRank(x.modality), !x.location.empty(), x.date,
                           x.location);
  };
  return key(a) > key(b);
}

Best BestFromProps(const PropMap& p) {
  Best b;
  b.confidence = p.Num("confidence", 0.0);
  b.modality = p.Str("modality");
  if (const PropValue* v = p.Find("location"); v && v->kind == PropValue::kString) b.location = v->s;
  b.date = p.Str("date");
  return b;
}

void ApplyBest(PropMap* p, const Best& b) {
  p->Set("confidence", PropValue::Double(b.confidence));
  p->Set("modality", PropValue::Str(b.modality));
  p->Set("location", b.location.empty() ? PropValue::Null() : PropValue::Str(b.location));
  p->Set("date", PropValue::Str(b.date));
}

std::string MinDate(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return std::min(a, b);
}
std::string MaxDate(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return std::max(a, b);
}

PropMap MakeProps(std::initializer_list<std::pair<const char*, PropValue>> items) {
  PropMap m;
  for (const auto& [k, v] : items) m.Set(k, v);
  return m;
}

const PropMap& NeutralTypedProps() {
  static const PropMap k = MakeProps(
      {{"location", PropValue::Null()}, {"date", PropValue::Str("")},
       {"modality", PropValue::Str("")}, {"confidence", PropValue::Double(0.0)},
       {"support", PropValue::Int(0)}, {"first_seen", PropValue::Str("")},
       {"last_seen", PropValue::Str("")}, {"provenance", PropValue::Str("")}});
  return k;
}

const PropMap& NeutralCoProps() {
  static const PropMap k = MakeProps(
      {{"location", PropValue::Null()}, {"date", PropValue::Str("")},
       {"modality", PropValue::Str("asserted")}, {"confidence", PropValue::Double(1.0)},
       {"support", PropValue::Int(0)}, {"weight", PropValue::Int(0)},
       {"first_seen", PropValue::Str("")}, {"last_seen", PropValue::Str("")}});
  return k;
}

std::string TypeFromEntityId(const std::string& id) {
  std::string head = id.substr(0, id.find('/'));
  if (head == "org") return "organization";
  for (const auto& t : EntityTypes())
    if (t == head) return t;
  return "other";
}

std::string NameFromEntityId(const std::string& id) {
  auto slash = id.find('/');
  std::string n = slash == std::string::npos ? id : id.substr(slash + 1);
  for (char& c : n)
    if (c == '-' || c == '_') c = ' ';
  return n;
}

uint64_t Fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// The parts of an EntityFact that Enrich merges into a node.
std::string EntityFingerprint(const EntityFact& f) {
  std::string k = f.name;
  for (const auto& a : f.aliases) {
    k.push_back('\0');
    k += a;
  }
  if (f.props.is_object() && !f.props.empty()) {
    k.push_back('\1');
    k += f.props.dump();
  }
  return k;
}

// False when Ingester::Enrich would certainly leave the node record `rec`
// unchanged (no missing name, alias or prop to add), decided without
// nlohmann::json; true when it would change it, or when the record holds
// something unusual (then Enrich decides the slow way).
bool EnrichMayChange(std::string_view rec, const EntityFact& fact) {
  PropMap p;
  if (!internal::DecodeNodeProps(rec, &p).ok()) return true;
  std::string_view name;
  if (const PropValue* v = p.Find("name")) {
    if (v->kind != PropValue::kString) return true;
    name = v->s;
  }
  if (name.empty() && !fact.name.empty()) return true;
  std::vector<std::string_view> aliases;
  if (const PropValue* v = p.Find("aliases")) {
    if (v->kind != PropValue::kRaw || !internal::DecodeStringArray(v->s, &aliases)) return true;
  }
  auto adds = [&](const std::string& a) {
    return !a.empty() && a != name && aliases.size() < kMaxAliases &&
           std::find(aliases.begin(), aliases.end(), a) == aliases.end();
  };
  if (adds(fact.name)) return true;
  for (const auto& a : fact.aliases)
    if (adds(a)) return true;
  if (fact.props.is_object())
    for (auto it = fact.props.begin(); it != fact.props.end(); ++it)
      if (!p.Has(it.key())) return true;
  return false;
}

class Ingester {
 public:
  // `first_new_node`: the next free node id when the article started; nodes
  // at or above it are created by this article.
  Ingester(Txn* t, const std::string& article_id, NodeId first_new_node)
      : t_(t), article_(article_id), first_new_node_(first_new_node) {}

  // ---- retraction ----
  Status Retract(const json& rec) {
    if (auto it = rec.find("r"); it != rec.end())
      for (const auto& r : *it) KG_RETURN_IF_ERROR(RetractTyped(r.get<RelId>()));
    if (auto it = rec.find("c"); it != rec.end())
      for (const auto& c : *it) KG_RETURN_IF_ERROR(RetractCo(c.at(0).get<RelId>()));
    if (auto it = rec.find("e"); it != rec.end())
      for (const auto& e : *it) KG_RETURN_IF_ERROR(AddRef(e.get<NodeId>(), -1));
    return Status::OK();
  }

  // Deletes relationships left without support and entity nodes left without
  // articles and relationships.
  Status Cleanup() {
    for (RelId id : zero_rels_) {
      RelRecord r;
      Status s = internal::LoadRelRecord(*t_, id, &r);
      if (s.IsNotFound()) continue;
      KG_RETURN_IF_ERROR(s);
      if (r.props.Int("support", 0) > 0) continue;
      Rel gone;
      gone.id = r.id;
      gone.src = r.src;
      gone.dst = r.dst;
      gone.type = r.type;
      KG_RETURN_IF_ERROR(internal::DeleteRelRecord(t_, gone));
    }
    for (NodeId id : zero_nodes_) {
      std::string v;
      Status s = t_->Get(Cf::kArticles, keys::RefCountKey(id), &v);
      if (s.ok()) continue;  // mentioned again by the new version
      if (!s.IsNotFound()) return s;
      std::vector<RelId> rels;
      KG_RETURN_IF_ERROR(internal::RelsOf(*t_, id, &rels));
      if (!rels.empty()) continue;
      Node n;
      s = internal::LoadNode(*t_, id, &n);
      if (s.IsNotFound()) continue;
      KG_RETURN_IF_ERROR(s);
      internal::DeleteNodeRecord(t_, n);
    }
    return Status::OK();
  }

  // ---- contribution ----
  Result<json> Contribute(const ArticleFacts& f, const std::string& hash) {
    json rec = {{"h", hash},
                {"d", f.article.date},
                {"s", f.article.source},
                {"t", f.article.title},
                {"p", f.article.path}};
    for (const auto& e : f.entities) {
      if (e.id.empty()) return Status::InvalidArgument("entity without id");
      auto it = facts_.find(e.id);
      if (it == facts_.end()) facts_.emplace(e.id, &e);
    }
    for (const auto& e : f.entities) {
      auto node = Entity(e.id);
      if (!node.ok()) return node.status();
    }

    // Typed relations, grouped by canonical (subject, predicate, object).
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<const RelationFact*>> g;
    for (const auto& r : f.relations) {
      if (!IsKnownPredicate(r.predicate) || r.predicate == "co_mentioned")
        return Status::InvalidArgument("unknown predicate \"" + r.predicate + "\"");
      if (r.subject.empty() || r.object.empty())
        return Status::InvalidArgument("relation without subject or object");
      std::string s = r.subject, o = r.object;
      if (IsSymmetricPredicate(r.predicate) && o < s) std::swap(s, o);
      g[{s, r.predicate, o}].push_back(&r);
    }
    json typed = json::array();
    for (const auto& [key, rfs] : g) {
      KG_ASSIGN_OR_RETURN(RelId id, AddTyped(std::get<0>(key), std::get<1>(key), std::get<2>(key),
                                             rfs, f.article.date));
      typed.push_back(id);
    }
    // Co-mentions, merged per unordered pair.
    std::map<std::pair<std::string, std::string>, int> co;
    for (const auto& c : f.co_mentions) {
      if (c.a.empty() || c.b.empty() || c.a == c.b) continue;
      auto k = c.a < c.b ? std::make_pair(c.a, c.b) : std::make_pair(c.b, c.a);
      co[k] += std::max(c.count, 1);
    }
    json cos = json::array();
    for (const auto& [pair, count] : co) {
      KG_ASSIGN_OR_RETURN(RelId id, AddCo(pair.first, pair.second, count, f.article.date));
      cos.push_back(json::array({id, count}));
    }
    json ents = json::array();
    for (const auto& [ext, node] : nodes_) {
      KG_RETURN_IF_ERROR(AddRef(node, +1));
      ents.push_back(node);
    }
    rec["e"] = std::move(ents);
    rec["r"] = std::move(typed);
    rec["c"] = std::move(cos);
    return rec;
  }

 private:
  // The node of an external entity id in the store, if any.
  Result<std::optional<NodeId>> FindNode(const std::string& ext) {
    std::optional<NodeId> found;
    Status bad;
    // The whole (normally one-key) range, so a session remembers it as complete.
    KG_RETURN_IF_ERROR(t_->ScanPrefix(Cf::kNames, keys::ExternalIdPrefix(ext),
                                      [&](std::string_view k, std::string_view) {
                                        if (found) return true;
                                        NodeId id;
                                        bad = keys::DecodeIndexKey(k, nullptr, &id);
                                        if (bad.ok()) found = id;
                                        return bad.ok();
                                      }));
    KG_RETURN_IF_ERROR(bad);
    return found;
  }

  // The node of an external entity id, created (or enriched from the article's
  // EntityFact) as needed.
  Result<NodeId> Entity(const std::string& ext) {
    if (auto it = nodes_.find(ext); it != nodes_.end()) return it->second;
    const EntityFact* fact = nullptr;
    if (auto it = facts_.find(ext); it != facts_.end()) fact = it->second;
    KG_ASSIGN_OR_RETURN(std::optional<NodeId> found, FindNode(ext));
    if (found) {
      if (fact) {
        // Enrich only adds (a missing name, new aliases, missing props), so a
        // fact merged into this node once changes nothing the next time.
        std::string memo = "enrich:" + keys::U64(*found) + EntityFingerprint(*fact);
        if (!t_->Memoized(memo)) {
          KG_RETURN_IF_ERROR(Enrich(*found, *fact));
          t_->AddMemo(std::move(memo));
        }
      }
      nodes_[ext] = *found;
      return *found;
    }
    // A new node: {"l": [label], "p": {"id", "name", "aliases", fact props}},
    // encoded directly (same bytes as PutNode of that Node).
    const NodeId id = t_->NewNodeId();
    const std::string type = fact && !fact->type.empty() ? fact->type : TypeFromEntityId(ext);
    const std::string name = fact && !fact->name.empty() ? fact->name : NameFromEntityId(ext);
    std::vector<const std::string*> aliases;
    if (fact)
      for (const auto& a : fact->aliases)
        if (a != name && aliases.size() < kMaxAliases &&
            std::find_if(aliases.begin(), aliases.end(),
                         [&](const std::string* x) { return *x == a; }) == aliases.end())
          aliases.push_back(&a);
    static const json kNoProps;
    internal::PutNewEntityNode(t_, id, LabelForType(type), ext, name, aliases,
                               fact ? fact->props : kNoProps);
    nodes_[ext] = id;
    return id;
  }

  // The name of entity `ext` as its node shows it: for a node this article
  // created, the name from the article's entity list (what the node was
  // created with); else the node record's; "" when there is no such node.
  // (An existing node keeps its name when an article spells it otherwise,
  // see Enrich, so the node's name is the one to repeat.)
  Result<std::string> EntityName(const std::string& ext) {
    std::optional<NodeId> id;
    if (auto it = nodes_.find(ext); it != nodes_.end()) {
      id = it->second;
      if (*id >= first_new_node_) {  // as Entity() named it
        auto f = facts_.find(ext);
        return f != facts_.end() && !f->second->name.empty() ? f->second->name
                                                             : NameFromEntityId(ext);
      }
    } else {
      KG_ASSIGN_OR_RETURN(id, FindNode(ext));
    }
    if (!id) return std::string();
    std::string rec;
    Status s = t_->Get(Cf::kNodes, keys::NodeKey(*id), &rec);
    if (s.IsNotFound()) return std::string();
    KG_RETURN_IF_ERROR(s);
    PropMap p;
    KG_RETURN_IF_ERROR(internal::DecodeNodeProps(rec, &p));
    return p.Str("name");
  }

  // Keeps "location_name" of `p` in step with its "location" (just decided;
  // `old_location`/`old_name` are the record's values before): unchanged
  // while the location is, else the location entity's name (EntityName);
  // absent when there is no location or the name is unknown.
  Status SyncLocationName(const std::string& old_location, const std::string& old_name,
                          PropMap* p) {
    const PropValue* loc = p->Find("location");
    if (!loc || loc->kind != PropValue::kString || loc->s.empty()) {
      p->Erase("location_name");
      return Status::OK();
    }
    std::string name;
    if (loc->s == old_location && !old_name.empty()) {
      name = old_name;
    } else {
      KG_ASSIGN_OR_RETURN(name, EntityName(loc->s));
    }
    if (name.empty()) {
      p->Erase("location_name");
    } else {
      p->Set("location_name", PropValue::Str(std::move(name)));
    }
    return Status::OK();
  }

  static std::string StringOrEmpty(const PropMap& p, std::string_view key) {
    const PropValue* v = p.Find(key);
    return v && v->kind == PropValue::kString ? v->s : std::string();
  }

  Status Enrich(NodeId id, const EntityFact& fact) {
    std::string rec;
    Status s = t_->Get(Cf::kNodes, keys::NodeKey(id), &rec);
    if (s.IsNotFound()) return Status::NotFound("node " + std::to_string(id) + " does not exist");
    KG_RETURN_IF_ERROR(s);
    if (!EnrichMayChange(rec, fact)) return Status::OK();
    Node old;
    KG_RETURN_IF_ERROR(internal::DecodeNode(id, rec, &old));
    Node n = old;
    bool changed = false;
    std::string name = n.props.value("name", std::string());
    if (name.empty() && !fact.name.empty()) {
      n.props["name"] = name = fact.name;
      changed = true;
    }
    json& aliases = n.props["aliases"];
    if (!aliases.is_array()) aliases = json::array();
    auto add = [&](const std::string& a) {
      if (a.empty() || a == name || aliases.size() >= kMaxAliases) return;
      if (std::find(aliases.begin(), aliases.end(), a) != aliases.end()) return;
      aliases.push_back(a);
      changed = true;
    };
    add(fact.name);
    for (const auto& a : fact.aliases) add(a);
    if (fact.props.is_object())
      for (const auto& [k, v] : fact.props.items())
        if (!n.props.contains(k)) {
          n.props[k] = v;
          changed = true;
        }
    if (changed) internal::PutNode(t_, n, &old);
    return Status::OK();
  }

  Status AddRef(NodeId node, int delta) {
    std::string key = keys::RefCountKey(node), v;
    uint64_t count = 0;
    // A node this article created has no count yet (Contribute counts each
    // node once).
    Status s = delta > 0 && node >= first_new_node_ ? Status::NotFound("new node")
                                                    : t_->Get(Cf::kArticles, key, &v);
    if (s.ok()) {
      KG_RETURN_IF_ERROR(keys::ReadU64(v, 0, &count));
    } else if (!s.IsNotFound()) {
      return s;
    }
    if (delta < 0) {
      count = count > 0 ? count - 1 : 0;
      if (count == 0) zero_nodes_.push_back(node);
    } else {
      ++count;
    }
    if (count == 0) {
      t_->Delete(Cf::kArticles, key);
    } else {
      t_->Put(Cf::kArticles, key, keys::U64(count));
    }
    return Status::OK();
  }

  // The ingest-owned relationship (has "support") of (src, type, dst), if any.
  Result<std::optional<RelRecord>> FindRel(NodeId src, const std::string& type, NodeId dst) {
    std::vector<RelId> ids;
    if (src >= first_new_node_ || dst >= first_new_node_) {
      // A node this article created has only the relationships it created:
      // no adjacency scan needed.
      auto it = created_.find(std::make_tuple(src, dst, type));
      if (it != created_.end()) ids.push_back(it->second);
    } else {
      KG_RETURN_IF_ERROR(internal::AdjFind(*t_, Cf::kOutAdj, src, type, dst, &ids));
    }
    for (RelId id : ids) {
      RelRecord r;
      KG_RETURN_IF_ERROR(internal::LoadRelRecord(*t_, id, &r));
      if (r.props.Has("support")) return std::optional<RelRecord>(std::move(r));
    }
    return std::optional<RelRecord>();
  }

  // Records a relationship this article created (see FindRel).
  void Created(NodeId src, const std::string& type, NodeId dst, RelId id) {
    if (src >= first_new_node_ || dst >= first_new_node_)
      created_.emplace(std::make_tuple(src, dst, type), id);
  }

  Result<RelId> AddTyped(const std::string& s, const std::string& p, const std::string& o,
                         const std::vector<const RelationFact*>& rfs,
                         const std::string& article_date) {
    KG_ASSIGN_OR_RETURN(NodeId sn, Entity(s));
    KG_ASSIGN_OR_RETURN(NodeId on, Entity(o));
    const std::string type = RelTypeForPredicate(p);
    KG_ASSIGN_OR_RETURN(auto existing, FindRel(sn, type, on));
    bool is_new = !existing;
    RelRecord r;
    if (existing) {
      r = std::move(*existing);
    } else {
      r.id = t_->NewRelId();
      r.src = sn;
      r.dst = on;
      r.type = type;
      r.props = NeutralTypedProps();
      Created(sn, type, on, r.id);
    }
    int64_t support = r.props.Int("support", 0);
    const std::string old_location = StringOrEmpty(r.props, "location");
    const std::string old_location_name = StringOrEmpty(r.props, "location_name");
    std::optional<Best> best;
    if (support > 0) best = BestFromProps(r.props);
    std::string first = support > 0 ? r.props.Str("first_seen") : "";
    std::string last = support > 0 ? r.props.Str("last_seen") : "";
    bool any_article = support > 0 && r.props.Str("provenance") != "kb";
    uint32_t n = 0;
    std::string ev;
    for (const RelationFact* f : rfs) {
      Best b{f->confidence, f->modality, f->location.value_or(""), f->date};
      if (!best || Stronger(b, *best)) best = b;
      std::string seen = article_date.empty() ? f->date : article_date;
      first = MinDate(first, seen);
      last = MaxDate(last, seen);
      if (f->source != "kb") any_article = true;
      // {"a", "ad", "b", "c", "d", "l", "m", "r", "se", "src"} in key order.
      ev.clear();
      ev.reserve(96 + seen.size() + f->date.size() + f->modality.size() + f->evidence.rule.size() +
                 f->evidence.sentence.size() + (f->location ? f->location->size() : 0));
      internal::MsgWriter w(&ev);
      w.Map(10);
      w.Str("a");
      w.Uint(f->evidence.start);
      w.Str("ad");
      w.Str(seen);
      w.Str("b");
      w.Uint(f->evidence.end);
      w.Str("c");
      w.Double(f->confidence);
      w.Str("d");
      w.Str(f->date);
      w.Str("l");
      w.Str(f->location.value_or(""));
      w.Str("m");
      w.Str(f->modality);
      w.Str("r");
      w.Str(f->evidence.rule);
      w.Str("se");
      w.Str(f->evidence.sentence);
      w.Str("src");
      w.Str(f->source == "kb" ? "kb" : "article");
      t_->PutMove(Cf::kEvidence, keys::EncodeEvidenceKey(r.id, keys::kEvidenceTyped, article_, n++),
                   std::move(ev));
      if (internal::CountDeltas* c = t_->counts()) c->Meta(keys::kCountEvidence, +1);
    }
    ApplyBest(&r.props, *best);
    KG_RETURN_IF_ERROR(SyncLocationName(old_location, old_location_name, &r.props));
    r.props.Set("support", PropValue::Int(support + 1));
    r.props.Set("first_seen", PropValue::Str(first));
    r.props.Set("last_seen", PropValue::Str(last));
    r.props.Set("provenance", PropValue::Str(any_article ? "article" : "kb"));
    KG_RETURN_IF_ERROR(internal::PutRelRecord(t_, r, is_new));
    return r.id;
  }

  Result<RelId> AddCo(const std::string& a, const std::string& b, int count,
                      const std::string& article_date) {
    KG_ASSIGN_OR_RETURN(NodeId an, Entity(a));
    KG_ASSIGN_OR_RETURN(NodeId bn, Entity(b));
    static const std::string type = RelTypeForPredicate("co_mentioned");
    KG_ASSIGN_OR_RETURN(auto existing, FindRel(an, type, bn));
    std::string ev;  // {"ad", "n"} in key order
    internal::MsgWriter w(&ev);
    w.Map(2);
    w.Str("ad");
    w.Str(article_date);
    w.Str("n");
    w.Int(count);
    if (!existing) {
      // A new relationship: its record is NeutralCoProps() updated as below,
      // encoded directly.
      const RelId id = t_->NewRelId();
      Created(an, type, bn, id);
      t_->PutMove(Cf::kEvidence, keys::EncodeEvidenceKey(id, keys::kEvidenceCoMention, article_, 0),
                  std::move(ev));
      t_->PutMove(Cf::kRels, keys::RelKey(id),
                  internal::EncodeNewCoMentionRecord(an, bn, type, article_date, count));
      internal::IndexRelDate(t_, id, std::nullopt, IndexedRelDayOfText(article_date));
      KG_RETURN_IF_ERROR(internal::AdjInsert(t_, Cf::kOutAdj, an, type, bn, id));
      KG_RETURN_IF_ERROR(internal::AdjInsert(t_, Cf::kInAdj, bn, type, an, id));
      return id;
    }
    RelRecord r = std::move(*existing);
    const int64_t support = r.props.Int("support", 0);
    const int64_t weight = r.props.Int("weight", 0);
    r.props.Set("support", PropValue::Int(support + 1));
    r.props.Set("weight", PropValue::Int(weight + count));
    const std::string first = MinDate(r.props.Str("first_seen"), article_date);
    r.props.Set("first_seen", PropValue::Str(first));
    r.props.Set("last_seen", PropValue::Str(MaxDate(r.props.Str("last_seen"), article_date)));
    r.props.Set("date", PropValue::Str(first));
    t_->PutMove(Cf::kEvidence, keys::EncodeEvidenceKey(r.id, keys::kEvidenceCoMention, article_, 0),
                std::move(ev));
    KG_RETURN_IF_ERROR(internal::PutRelRecord(t_, r, false));
    return r.id;
  }

  // Deletes this article's records of `kind` under rel; returns the records left.
  Status DropEvidence(RelId rel, char kind, std::vector<PropMap>* remaining) {
    std::vector<std::string> mine;
    std::string prefix = keys::EvidencePrefix(rel) + kind;
    std::string own = keys::EvidenceArticlePrefix(rel, kind, article_);
    Status bad;
    KG_RETURN_IF_ERROR(t_->ScanPrefix(
        Cf::kEvidence, prefix, [&](std::string_view k, std::string_view v) {
          if (k.substr(0, own.size()) == own) {
            mine.emplace_back(k);
            return true;
          }
          PropMap m;
          bad = internal::DecodePropMap(v, "evidence", &m);
          if (!bad.ok()) return false;
          remaining->push_back(std::move(m));
          return true;
        }));
    KG_RETURN_IF_ERROR(bad);
    for (const auto& k : mine) t_->Delete(Cf::kEvidence, k);
    if (internal::CountDeltas* c = t_->counts(); c && kind == keys::kEvidenceTyped)
      c->Meta(keys::kCountEvidence, -static_cast<int64_t>(mine.size()));
    return Status::OK();
  }

  // Keeps properties set by others (Cypher SET) that `p` does not define.
  static void KeepOthers(const PropMap& old, PropMap* p) {
    for (const auto& [k, v] : old.items())
      if (!p->Has(k)) p->Set(k, v);
  }

  Status RetractTyped(RelId id) {
    RelRecord r;
    Status s = internal::LoadRelRecord(*t_, id, &r);
    if (s.IsNotFound()) return Status::OK();
    KG_RETURN_IF_ERROR(s);
    std::vector<PropMap> left;
    KG_RETURN_IF_ERROR(DropEvidence(id, keys::kEvidenceTyped, &left));
    int64_t support = std::max<int64_t>(0, r.props.Int("support", 0) - 1);
    PropMap p = NeutralTypedProps();
    if (support > 0) {
      std::optional<Best> best;
      std::string first, last;
      bool any_article = false;
      for (const auto& ev : left) {
        Best b{ev.Num("c", 1.0), ev.Str("m"), ev.Str("l"), ev.Str("d")};
        if (!best || Stronger(b, *best)) best = b;
        first = MinDate(first, ev.Str("ad"));
        last = MaxDate(last, ev.Str("ad"));
        if (ev.Str("src") != "kb") any_article = true;
      }
      if (best) ApplyBest(&p, *best);
      p.Set("support", PropValue::Int(support));
      p.Set("first_seen", PropValue::Str(first));
      p.Set("last_seen", PropValue::Str(last));
      p.Set("provenance", PropValue::Str(any_article ? "article" : "kb"));
    } else {
      zero_rels_.push_back(id);
    }
    KG_RETURN_IF_ERROR(SyncLocationName(StringOrEmpty(r.props, "location"),
                                        StringOrEmpty(r.props, "location_name"), &p));
    r.props.Erase("location_name");  // p decides it (KeepOthers must not bring it back)
    KeepOthers(r.props, &p);
    r.props = std::move(p);
    return internal::PutRelRecord(t_, r, false);
  }

  Status RetractCo(RelId id) {
    RelRecord r;
    Status s = internal::LoadRelRecord(*t_, id, &r);
    if (s.IsNotFound()) return Status::OK();
    KG_RETURN_IF_ERROR(s);
    std::vector<PropMap> left;
    KG_RETURN_IF_ERROR(DropEvidence(id, keys::kEvidenceCoMention, &left));
    PropMap p = NeutralCoProps();
    int64_t weight = 0;
    std::string first, last;
    for (const auto& ev : left) {
      weight += ev.Int("n", 0);
      first = MinDate(first, ev.Str("ad"));
      last = MaxDate(last, ev.Str("ad"));
    }
    p.Set("support", PropValue::Int(static_cast<int64_t>(left.size())));
    p.Set("weight", PropValue::Int(weight));
    p.Set("first_seen", PropValue::Str(first));
    p.Set("last_seen", PropValue::Str(last));
    p.Set("date", PropValue::Str(first));
    if (left.empty()) zero_rels_.push_back(id);
    KeepOthers(r.props, &p);
    r.props = std::move(p);
    return internal::PutRelRecord(t_, r, false);
  }

  Txn* t_;
  std::string article_;
  NodeId first_new_node_;
  // Relationships this article created that touch a node it created.
  std::map<std::tuple<NodeId, NodeId, std::string>, RelId> created_;
  std::map<std::string, const EntityFact*> facts_;
  std::map<std::string, NodeId> nodes_;  // external id -> node, for this article
  std::vector<RelId> zero_rels_;
  std::vector<NodeId> zero_nodes_;
};

Status LoadArticle(const Txn& t, const std::string& id, std::optional<json>* out) {
  std::string v;
  Status s = t.Get(Cf::kArticles, keys::ArticleKey(id), &v);
  if (s.IsNotFound()) {
    out->reset();
    return Status::OK();
  }
  KG_RETURN_IF_ERROR(s);
  json j;
  KG_RETURN_IF_ERROR(keys::DecodeValue(v, "article", &j));
  *out = std::move(j);
  return Status::OK();
}

}  // namespace

namespace internal {

Result<IngestOutcome> ApplyArticleIn(WriteSession* session, const ArticleFacts& facts) {
  const std::string& id = facts.article.id;
  if (id.empty()) return Status::InvalidArgument("article without id");
  std::string hash = facts.content_hash;
  if (hash.empty()) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx",
                  static_cast<unsigned long long>(Fnv1a(ArticleFactsToJson(facts, true).dump())));
    hash = buf;
  }
  Txn t(session);
  std::optional<json> old;
  KG_RETURN_IF_ERROR(LoadArticle(t, id, &old));
  if (old && old->value("h", std::string()) == hash) return IngestOutcome::kUnchanged;
  Ingester in(&t, id, session->next_node_id());
  Status s;
  if (old) {
    s = in.Retract(*old);
    if (!s.ok()) return s.WithContext("article " + id);
  }
  auto rec = in.Contribute(facts, hash);
  if (!rec.ok()) return rec.status().WithContext("article " + id);
  s = in.Cleanup();
  if (!s.ok()) return s.WithContext("article " + id);
  t.PutMove(Cf::kArticles, keys::ArticleKey(id), keys::EncodeValue(*rec));
  if (CountDeltas* c = t.counts(); c && !old) c->Meta(keys::kCountArticles, +1);
  session->Absorb(&t);
  return old ? IngestOutcome::kUpdated : IngestOutcome::kNew;
}

Status ForgetArticleIn(WriteSession* session, const std::string& article_id) {
  Txn t(session);
  std::optional<json> old;
  KG_RETURN_IF_ERROR(LoadArticle(t, article_id, &old));
  if (!old) return Status::NotFound("article \"" + article_id + "\" is not in the database");
  Ingester in(&t, article_id, session->next_node_id());
  KG_RETURN_IF_ERROR(in.Retract(*old));
  KG_RETURN_IF_ERROR(in.Cleanup());
  t.Delete(Cf::kArticles, keys::ArticleKey(article_id));
  if (CountDeltas* c = t.counts()) c->Meta(keys::kCountArticles, -1);
  session->Absorb(&t);
  return Status::OK();
}

Result<std::optional<std::string>> ArticleHashIn(const Txn& t, const std::string& article_id) {
  std::optional<json> rec;
  KG_RETURN_IF_ERROR(LoadArticle(t, article_id, &rec));
  if (!rec) return std::optional<std::string>();
  return std::optional<std::string>(rec->value("h", std::string()));
}

}  // namespace internal

Result<IngestOutcome> Graph::ApplyArticle(const ArticleFacts& facts) {
  if (store_->read_only()) return Status::InvalidArgument("database is open read-only");
  internal::WriteSession session(store_.get(), &impl_->ids, 0);
  auto r = internal::ApplyArticleIn(&session, facts);
  if (!r.ok()) return r;
  KG_RETURN_IF_ERROR(session.Commit());
  return r;
}

Status Graph::ForgetArticle(const std::string& article_id) {
  internal::WriteSession session(store_.get(), &impl_->ids, 0);
  KG_RETURN_IF_ERROR(internal::ForgetArticleIn(&session, article_id));
  return session.Commit();
}

Status Graph::GetEvidence(RelId rel, std::vector<EvidenceRecord>* out) const {
  out->clear();
  Txn t(store_.get(), &impl_->ids);
  std::map<std::string, json> articles;
  std::vector<std::pair<std::string, json>> raw;
  Status bad;
  KG_RETURN_IF_ERROR(t.ScanPrefix(Cf::kEvidence, keys::EvidencePrefix(rel) + keys::kEvidenceTyped,
                                  [&](std::string_view k, std::string_view v) {
                                    keys::EvidenceKey ek;
                                    bad = keys::DecodeEvidenceKey(k, &ek);
                                    if (!bad.ok()) return false;
                                    json j;
                                    bad = keys::DecodeValue(v, "evidence", &j);
                                    if (!bad.ok()) return false;
                                    raw.emplace_back(ek.article, std::move(j));
                                    return true;
                                  }));
  KG_RETURN_IF_ERROR(bad);
  for (auto& [article, j] : raw) {
    auto it = articles.find(article);
    if (it == articles.end()) {
      std::optional<json> a;
      KG_RETURN_IF_ERROR(LoadArticle(t, article, &a));
      it = articles.emplace(article, a ? *a : json::object()).first;
    }
    EvidenceRecord e;
    e.article_id = article;
    e.article_date = it->second.value("d", std::string());
    e.article_source = it->second.value("s", std::string());
    e.article_title = it->second.value("t", std::string());
    e.sentence = j.value("se", std::string());
    e.start = j.value("a", std::size_t{0});
    e.end = j.value("b", std::size_t{0});
    e.rule = j.value("r", std::string());
    e.modality = j.value("m", std::string());
    e.confidence = j.value("c", 1.0);
    e.location = j.value("l", std::string());
    e.date = j.value("d", std::string());
    e.provenance = j.value("src", std::string("article"));
    out->push_back(std::move(e));
  }
  return Status::OK();
}

}  // namespace kg

namespace kg {

namespace internal {

Status DecodeFileState(std::string_view bytes, FileState* st) {
  nlohmann::json j;
  KG_RETURN_IF_ERROR(keys::DecodeValue(bytes, "file state", &j));
  auto size = j.find("size"), mtime = j.find("mtime_ns"), hash = j.find("hash");
  if (!j.is_object() || size == j.end() || !size->is_number_unsigned() || mtime == j.end() ||
      !mtime->is_number_integer() || hash == j.end() || !hash->is_string())
    return Status::Corruption("undecodable file state record");
  st->size = size->get<uint64_t>();
  st->mtime_ns = mtime->get<int64_t>();
  st->hash = hash->get<std::string>();
  st->articles.clear();
  if (auto it = j.find("articles"); it != j.end() && it->is_array())
    for (const auto& a : *it)
      if (a.is_string()) st->articles.push_back(a.get<std::string>());
  return Status::OK();
}

std::string EncodeFileState(const FileState& st) {
  nlohmann::json j = {{"size", st.size},
                      {"mtime_ns", st.mtime_ns},
                      {"hash", st.hash},
                      {"articles", st.articles}};
  return keys::EncodeValue(j);
}

}  // namespace internal

Result<std::optional<FileState>> Graph::GetFileState(const std::string& path) const {
  std::string v;
  Status s = store_->Get(Cf::kArticles, keys::FileKey(path), &v);
  if (s.IsNotFound()) return std::optional<FileState>();
  KG_RETURN_IF_ERROR(s);
  FileState st;
  KG_RETURN_IF_ERROR(internal::DecodeFileState(v, &st));
  return std::optional<FileState>(std::move(st));
}

Status Graph::ScanFileStates(
    const std::string& prefix,
    const std::function<bool(const std::string& path, const FileState&)>& fn) const {
  const std::string start = keys::FileKey(prefix);
  auto it = store_->NewIterator(Cf::kArticles);
  for (it->Seek(start); it->Valid(); it->Next()) {
    std::string_view k = it->key();
    if (k.substr(0, start.size()) != start) break;
    FileState st;
    KG_RETURN_IF_ERROR(internal::DecodeFileState(it->value(), &st));
    if (!fn(std::string(k.substr(1)), st)) break;
  }
  return it->status();
}

namespace {
ArticleInfo ArticleInfoFromRecord(std::string id, const nlohmann::json& j) {
  ArticleInfo a;
  a.id = std::move(id);
  a.date = j.value("d", std::string());
  a.source = j.value("s", std::string());
  a.title = j.value("t", std::string());
  a.path = j.value("p", std::string());
  auto count = [&](const char* k) -> uint64_t {
    auto f = j.find(k);
    return f != j.end() && f->is_array() ? f->size() : 0;
  };
  a.entities = count("e");
  a.relations = count("r");
  a.co_mentions = count("c");
  return a;
}
}  // namespace

Result<std::optional<ArticleInfo>> Graph::GetArticle(const std::string& article_id) const {
  std::string v;
  Status s = store_->Get(Cf::kArticles, keys::ArticleKey(article_id), &v);
  if (s.IsNotFound()) return std::optional<ArticleInfo>();
  KG_RETURN_IF_ERROR(s);
  nlohmann::json j;
  KG_RETURN_IF_ERROR(keys::DecodeValue(v, "article", &j));
  return std::optional<ArticleInfo>(ArticleInfoFromRecord(article_id, j));
}

Status Graph::ScanArticles(const std::function<bool(const ArticleInfo&)>& fn) const {
  const std::string start(1, keys::kArticlePrefix);
  auto it = store_->NewIterator(Cf::kArticles);
  for (it->Seek(start); it->Valid(); it->Next()) {
    std::string_view k = it->key();
    if (k.empty() || k[0] != keys::kArticlePrefix) break;
    nlohmann::json j;
    KG_RETURN_IF_ERROR(keys::DecodeValue(it->value(), "article", &j));
    if (!fn(ArticleInfoFromRecord(std::string(k.substr(1)), j))) break;
  }
  return it->status();
}

Status Graph::PutFileState(const std::string& path, const FileState& st) {
  WriteBatch b;
  b.Put(Cf::kArticles, keys::FileKey(path), internal::EncodeFileState(st));
  ++impl_->ids.epoch;
  return store_->Write(b);
}

}  // namespace kg
