#include "tools/serve/api.h"

#include <algorithm>
#include <unordered_map>

#include "tools/serve/api_call.h"

namespace kg::serve {

namespace {

const std::vector<std::string>& Modalities() {
  static const std::vector<std::string> k = {"asserted", "reported", "speculated"};
  return k;
}

std::string JoinWords(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A relationship seen while walking the neighbourhood (its record is read
// again for the answer only when both ends are kept: a hub's 10,000 records
// are decoded for ranking, 1,000 of them kept).
struct Seen {
  RelId rel = 0;
  NodeId src = 0, dst = 0;
};

}  // namespace

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kInvalidArgument:
    case Status::Code::kNotSupported: return 400;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kTimeout:
    case Status::Code::kAborted: return 422;
    case Status::Code::kBusy: return 503;
    default: return 500;
  }
}

bool ViewFilter::PassesType(const std::string& rel_type) const {
  const bool co = rel_type == "CO_MENTIONED";
  if (co && f.no_co_mentions) return false;
  return preds.empty() || preds.count(PredicateForRelType(rel_type));
}

bool ViewFilter::PassesRel(const SnapRel& r) const {
  if (!PassesRelFilter(r, f, preds, since, until)) return false;
  // Modality belongs to typed relations; co-mentions have none and pass.
  if (!modalities.empty() && !r.is_co_mention() && !modalities.count(r.modality.empty() ? "asserted" : r.modality))
    return false;
  return true;
}

Api::Api(LiveGraph* live, ApiOptions options) : live_(live), opt_(std::move(options)) {}

ApiResponse Api::Error(int status, const std::string& message) {
  ApiResponse r;
  r.status = status;
  r.body = Dump({{"error", message}, {"status", status}});
  return r;
}

ApiResponse Api::Handle(const ApiRequest& req) const {
  try {
    Call call(*this, req);
    return call.Run();
  } catch (const std::exception& e) {  // a bug, not a bad request: say so, stay up
    return Error(500, std::string("internal error: ") + e.what());
  }
}

Api::Call::Call(const Api& api, const ApiRequest& req)
    : api_(api), opt_(api.opt_), req_(req), reader_(api.live_->Read()), g_(reader_.graph()), params_(req.params) {}

Status Api::Call::Fail(int http_status, Status s, nlohmann::json extra) {
  fail_status_ = http_status;
  fail_extra_ = std::move(extra);
  return s;
}

ApiResponse Api::Call::Run() {
  const std::string& p = req_.path;
  const bool post = p == "/api/query" || p == "/api/export";
  static const std::vector<std::string> kGet = {"/api/stats",     "/api/search",   "/api/suggest", "/api/entity",
                                                "/api/neighbors", "/api/evidence", "/api/path"};
  const bool get = std::find(kGet.begin(), kGet.end(), p) != kGet.end();
  if (!post && !get)
    return Error(404, "no API endpoint " + p + " (stats, search, suggest, entity, neighbors, evidence, path, query, export)");
  if (post && req_.method != "POST") return Error(405, p + " takes POST with a JSON body");
  if (get && req_.method != "GET" && req_.method != "HEAD") return Error(405, p + " takes GET");

  Result<nlohmann::json> out = Status::NotFound("");
  if (p == "/api/export") {
    auto r = Export();
    if (r.ok()) return *r;
    out = r.status();
  } else if (p == "/api/stats") out = Stats();
  else if (p == "/api/search") out = Search();
  else if (p == "/api/suggest") out = Suggest();
  else if (p == "/api/entity") out = Entity();
  else if (p == "/api/neighbors") out = Neighbors();
  else if (p == "/api/evidence") out = Evidence();
  else if (p == "/api/path") out = Path();
  else if (p == "/api/query") out = Query();
  if (!out.ok()) {
    const int status = fail_status_ ? fail_status_ : HttpStatusFor(out.status());
    ApiResponse r;
    r.status = status;
    nlohmann::json j = {{"error", out.status().message()}, {"status", status}};
    for (auto& [k, v] : fail_extra_.items()) j[k] = v;
    r.body = Dump(j);
    return r;
  }
  ApiResponse r;
  r.body = Dump(*out);
  return r;
}

// ---- helpers ----------------------------------------------------------------

Result<NodeId> Api::Call::NodeByKey(const std::string& key) {
  auto id = g_.LookupEntityId(key);
  if (!id.ok()) return id.status();
  if (id->has_value()) return **id;
  if (key.size() > 1 && key[0] == 'n' && key.find_first_not_of("0123456789", 1) == std::string::npos &&
      key.size() < 21) {
    const NodeId n = std::stoull(key.substr(1));
    if (g_.GetNode(n).ok()) return n;
  }
  return Fail(404, Status::NotFound("no entity with id \"" + key + "\""));
}

Result<NodeId> Api::Call::NodeByName(const std::string& name) {
  auto m = opt_.match_name(g_, name);
  if (!m.ok()) return m.status();
  if (m->resolved) return *m->resolved;
  nlohmann::json cands = nlohmann::json::array();
  std::string list;
  for (NodeId id : m->candidates) {
    auto n = ReadNode(g_, id);
    if (!n.ok()) continue;
    cands.push_back(NodeJson(*n));
    if (cands.size() <= 10) list += (list.empty() ? " " : ", ") + n->name + " (" + n->key + ")";
  }
  return Fail(409, Status::InvalidArgument("\"" + name + "\" is ambiguous, candidates:" + list),
              {{"candidates", cands}});
}

Result<NodeId> Api::Call::NodeParam(const char* id_param, const char* name_param) {
  KG_ASSIGN_OR_RETURN(std::string key, params_.Str(id_param));
  KG_ASSIGN_OR_RETURN(std::string name, params_.Str(name_param));
  if (!key.empty() && !name.empty())
    return Status::InvalidArgument(std::string("give either '") + id_param + "' or '" + name_param + "', not both");
  if (!key.empty()) return NodeByKey(key);
  if (!name.empty()) return NodeByName(name);
  return Status::InvalidArgument(std::string("missing parameter '") + id_param + "' (an entity id) or '" +
                                 name_param + "' (a name)");
}

Result<ViewFilter> Api::Call::FilterParams() {
  ViewFilter v;
  for (const auto& p : params_.List("predicate")) {
    const std::string low = Lower(p);
    if (!IsKnownPredicate(low))
      return Status::InvalidArgument("unknown predicate \"" + p + "\"; the predicates are: " + JoinWords(Predicates()));
    v.f.predicates.push_back(low);
    v.preds.insert(low);
  }
  KG_ASSIGN_OR_RETURN(bool co, params_.Bool("co_mentions", false));
  v.f.no_co_mentions = !co && !v.preds.count("co_mentioned");
  KG_ASSIGN_OR_RETURN(v.f.min_support, params_.Int("min_support", 0, 0, INT64_MAX));
  for (const auto& t : params_.List("type")) {
    const std::string low = Lower(t);
    if (std::find(EntityTypes().begin(), EntityTypes().end(), low) == EntityTypes().end())
      return Status::InvalidArgument("unknown entity type \"" + t + "\"; the types are: " + JoinWords(EntityTypes()));
    v.types.insert(low);
  }
  for (const auto& m : params_.List("modality")) {
    const std::string low = Lower(m);
    if (std::find(Modalities().begin(), Modalities().end(), low) == Modalities().end())
      return Status::InvalidArgument("unknown modality \"" + m + "\"; the modalities are: " + JoinWords(Modalities()));
    v.modalities.insert(low);
  }
  KG_ASSIGN_OR_RETURN(v.f.since, params_.Str("since"));
  KG_ASSIGN_OR_RETURN(v.f.until, params_.Str("until"));
  if (!v.f.since.empty()) {
    auto lo = DateLowerBound(v.f.since);
    if (!lo) return Status::InvalidArgument("parameter 'since': '" + v.f.since + "' is not YYYY[-MM[-DD]]");
    v.since = *lo;
  }
  if (!v.f.until.empty()) {
    auto hi = DateUpperBound(v.f.until);
    if (!hi) return Status::InvalidArgument("parameter 'until': '" + v.f.until + "' is not YYYY[-MM[-DD]]");
    v.until = *hi;
  }
  return v;
}

Result<nlohmann::json> Api::Call::JsonBody() {
  if (req_.body.empty()) return Status::InvalidArgument("missing JSON body");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(req_.body);
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 9: ..."
    std::string what = e.what();
    const std::size_t at = what.find("] ");
    return Status::InvalidArgument("malformed JSON body: " + (at == std::string::npos ? what : what.substr(at + 2)));
  }
  if (!j.is_object()) return Status::InvalidArgument("the JSON body must be an object");
  return j;
}

// ---- endpoints --------------------------------------------------------------

Result<nlohmann::json> Api::Call::Stats() {
  KG_RETURN_IF_ERROR(params_.OnlyKnown({}));
  KG_ASSIGN_OR_RETURN(nlohmann::json j, api_.live_->Summary(reader_));
  j["generation"] = reader_.generation();
  j["all_predicates"] = Predicates();
  j["all_types"] = EntityTypes();
  j["modalities"] = Modalities();
  j["limits"] = {{"max_rows", opt_.max_rows},     {"timeout_seconds", opt_.timeout_seconds},
                 {"max_hops", opt_.max_hops},     {"max_query_bytes", opt_.max_query_bytes},
                 {"default_limit", opt_.default_limit}, {"max_limit", opt_.max_limit},
                 {"max_depth", opt_.max_depth}};
  return j;
}

Result<nlohmann::json> Api::Call::Search() {
  KG_RETURN_IF_ERROR(params_.OnlyKnown({"q"}));
  KG_ASSIGN_OR_RETURN(std::string q, params_.Str("q"));
  if (q.empty()) return Status::InvalidArgument("missing parameter 'q' (a name, alias or entity id)");
  auto m = opt_.match_name(g_, q);
  if (!m.ok()) return m.status();  // NotFound carries "did you mean"
  nlohmann::json results = nlohmann::json::array();
  std::vector<NodeId> order = m->candidates;
  if (m->resolved) {  // the entity the CLI would pick comes first
    order.erase(std::remove(order.begin(), order.end(), *m->resolved), order.end());
    order.insert(order.begin(), *m->resolved);
  }
  for (NodeId id : order) {
    KG_ASSIGN_OR_RETURN(SnapNode n, ReadNode(g_, id));
    results.push_back(NodeJson(n));
  }
  nlohmann::json j = {{"query", q}, {"results", results}};
  j["resolved"] = m->resolved ? results[0]["id"] : nlohmann::json();
  return j;
}

Result<nlohmann::json> Api::Call::Suggest() {
  KG_RETURN_IF_ERROR(params_.OnlyKnown({"q", "limit"}));
  KG_ASSIGN_OR_RETURN(std::string q, params_.Str("q"));
  KG_ASSIGN_OR_RETURN(int64_t limit, params_.Int("limit", 10, 1, 100));
  nlohmann::json results = nlohmann::json::array();
  const std::string norm = NormalizeName(q);
  if (norm.size() >= 2) {
    KG_ASSIGN_OR_RETURN(std::vector<NodeId> ids, g_.LookupNamePrefix(norm, static_cast<std::size_t>(limit) * 4));
    std::unordered_set<NodeId> seen;
    for (NodeId id : ids) {
      if (!seen.insert(id).second) continue;
      auto n = ReadNode(g_, id);
      if (!n.ok()) continue;
      results.push_back(NodeJson(*n));
      if (results.size() >= static_cast<std::size_t>(limit)) break;
    }
  }
  return nlohmann::json{{"query", q}, {"results", results}};
}

Result<nlohmann::json> Api::Call::Entity() {
  KG_RETURN_IF_ERROR(params_.OnlyKnown({"id", "name"}));
  KG_ASSIGN_OR_RETURN(NodeId id, NodeParam("id", "name"));
  KG_ASSIGN_OR_RETURN(SnapNode n, ReadNode(g_, id));
  std::vector<AdjEntry> adj;
  KG_RETURN_IF_ERROR(g_.Adjacent(id, Direction::kBoth, "", &adj));
  std::map<std::string, std::pair<uint64_t, uint64_t>> counts;  // predicate -> (out, in)
  uint64_t typed = 0;
  for (const auto& a : adj) {
    auto& c = counts[PredicateForRelType(a.type)];
    (a.outgoing ? c.first : c.second)++;
    if (a.type != "CO_MENTIONED") ++typed;
  }
  nlohmann::json rels = nlohmann::json::object();
  for (const auto& [p, c] : counts) rels[p] = {{"out", c.first}, {"in", c.second}};
  nlohmann::json j = NodeJson(n);
  j["degree"] = adj.size();
  j["typed_degree"] = typed;
  j["relations"] = rels;
  return j;
}

Result<nlohmann::json> Api::Call::Neighbors() {
  KG_RETURN_IF_ERROR(params_.OnlyKnown({"id", "name", "depth", "limit", "connect", "predicate", "co_mentions",
                                        "type", "modality", "min_support", "since", "until"}));
  KG_ASSIGN_OR_RETURN(NodeId centre, NodeParam("id", "name"));
  KG_ASSIGN_OR_RETURN(int64_t depth, params_.Int("depth", 1, 1, opt_.max_depth));
  KG_ASSIGN_OR_RETURN(int64_t limit, params_.Int("limit", static_cast<int64_t>(opt_.default_limit), 1,
                                                 static_cast<int64_t>(opt_.max_limit)));
  KG_ASSIGN_OR_RETURN(bool connect, params_.Bool("connect", true));
  KG_ASSIGN_OR_RETURN(ViewFilter vf, FilterParams());

  std::unordered_map<NodeId, SnapNode> visible;  // selected nodes
  std::vector<NodeId> order;                      // in selection order (centre first)
  KG_ASSIGN_OR_RETURN(SnapNode c, ReadNode(g_, centre));
  visible.emplace(centre, c);
  order.push_back(centre);
  std::vector<Seen> seen;                         // relationships passing the filters
  std::unordered_set<RelId> seen_ids;
  std::vector<NodeId> frontier = {centre};
  std::size_t total = 0;
  bool truncated = false, connected = true;
  std::vector<AdjEntry> adj, wanted;
  std::vector<RelId> rel_ids;

  // Scans the adjacency of `frontier`; returns the candidate new nodes with
  // their strongest relationship weight. The relationship records of one
  // node are read in one batch (a hub's 10,000 in one MultiGet).
  auto scan = [&](const std::vector<NodeId>& from_nodes, bool allow_new,
                  std::unordered_map<NodeId, double>* fresh) -> Status {
    for (NodeId from : from_nodes) {
      adj.clear();
      wanted.clear();
      rel_ids.clear();
      KG_RETURN_IF_ERROR(g_.Adjacent(from, Direction::kBoth, "", &adj));
      for (const auto& a : adj) {
        if (!vf.PassesType(a.type) || seen_ids.count(a.rel)) continue;
        if (!allow_new && !visible.count(a.other)) continue;
        wanted.push_back(a);
        rel_ids.push_back(a.rel);
      }
      // Removed meanwhile: skipped.
      KG_RETURN_IF_ERROR(g_.GetRelsTyped(rel_ids, [&](std::size_t i, NodeId src, NodeId dst, SnapRel* rel) {
        const AdjEntry& a = wanted[i];
        if (!vf.PassesRel(*rel) || !seen_ids.insert(a.rel).second) return;  // a self-loop comes twice
        if (!visible.count(a.other)) {
          double& best = (*fresh)[a.other];
          best = std::max(best, rel->weight);
        }
        seen.push_back(Seen{a.rel, src, dst});
      }));
    }
    return Status::OK();
  };

  for (int64_t hop = 1; hop <= depth && !frontier.empty(); ++hop) {
    std::unordered_map<NodeId, double> fresh;
    KG_RETURN_IF_ERROR(scan(frontier, true, &fresh));
    std::vector<std::pair<double, NodeId>> ranked;
    ranked.reserve(fresh.size());
    std::unordered_map<NodeId, SnapNode> read;
    for (const auto& [id, w] : fresh) {
      if (!vf.types.empty()) {  // the type filter needs the node itself
        auto n = ReadNode(g_, id);
        if (!n.ok() || !vf.PassesNode(*n)) continue;
        read.emplace(id, std::move(n).value());
      }
      ranked.emplace_back(w, id);
    }
    total += ranked.size();
    // Strongest relations first (support; co-mention weight), then node id.
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    const std::size_t room = static_cast<std::size_t>(limit) > visible.size() - 1
                                 ? static_cast<std::size_t>(limit) - (visible.size() - 1)
                                 : 0;
    if (ranked.size() > room) {
      ranked.resize(room);
      truncated = true;
    }
    frontier.clear();
    for (const auto& [w, id] : ranked) {
      auto it = read.find(id);
      if (it != read.end()) {
        visible.emplace(id, std::move(it->second));
      } else {
        KG_ASSIGN_OR_RETURN(SnapNode n, ReadNode(g_, id));
        visible.emplace(id, std::move(n));
      }
      order.push_back(id);
      frontier.push_back(id);
    }
    if (truncated) break;
  }
  // Relationships among the outermost nodes (and back to earlier ones).
  if (connect && !frontier.empty()) {
    if (visible.size() <= opt_.connect_max_nodes) {
      std::unordered_map<NodeId, double> none;
      KG_RETURN_IF_ERROR(scan(frontier, false, &none));
    } else {
      connected = false;
    }
  }

  nlohmann::json nodes = nlohmann::json::array(), edges = nlohmann::json::array();
  for (NodeId id : order) nodes.push_back(NodeJson(visible.at(id)));
  std::vector<RelId> kept;
  for (const auto& s : seen)
    if (visible.count(s.src) && visible.count(s.dst)) kept.push_back(s.rel);
  KG_RETURN_IF_ERROR(g_.GetRelsTyped(kept, [&](std::size_t, NodeId src, NodeId dst, SnapRel* rel) {
    auto a = visible.find(src), b = visible.find(dst);
    if (a == visible.end() || b == visible.end()) return;
    FillLocationName(g_, rel);
    edges.push_back(EdgeJson(*rel, a->second.key, b->second.key));
  }));
  return nlohmann::json{{"center", c.key},       {"nodes", nodes},         {"edges", edges},
                        {"total", total},        {"truncated", truncated}, {"connected", connected},
                        {"limit", limit},        {"generation", reader_.generation()}};
}

Result<nlohmann::json> Api::Call::Evidence() {
  KG_RETURN_IF_ERROR(params_.OnlyKnown({"edge"}));
  KG_ASSIGN_OR_RETURN(std::string key, params_.Str("edge"));
  if (key.empty()) return Status::InvalidArgument("missing parameter 'edge' (a relationship id such as e12)");
  auto id = ParseEdgeKey(key);
  if (!id) return Status::InvalidArgument("parameter 'edge' must be a relationship id such as e12, not '" + key + "'");
  auto rel = ReadRel(g_, *id);
  if (!rel.ok()) {
    if (rel.status().IsNotFound()) return Fail(404, Status::NotFound("no relationship " + key));
    return rel.status();
  }
  KG_ASSIGN_OR_RETURN(SnapNode src, ReadNode(g_, rel->src));
  KG_ASSIGN_OR_RETURN(SnapNode dst, ReadNode(g_, rel->dst));
  std::vector<EvidenceRecord> ev;
  if (Status s = g_.GetEvidence(*id, &ev); !s.ok() && !s.IsNotFound()) return s;
  nlohmann::json items = nlohmann::json::array();
  std::unordered_map<std::string, std::optional<ArticleInfo>> articles;
  for (const auto& e : ev) {
    auto it = articles.find(e.article_id);
    if (it == articles.end()) {
      auto a = g_.GetArticle(e.article_id);
      it = articles.emplace(e.article_id, a.ok() ? *a : std::nullopt).first;
    }
    items.push_back(EvidenceJson(e, it->second ? &*it->second : nullptr));
  }
  nlohmann::json edge = EdgeJson(rel->rel, src.key, dst.key);
  edge["source_name"] = src.name;
  edge["target_name"] = dst.name;
  return nlohmann::json{{"edge", edge}, {"evidence", items}};
}

}  // namespace kg::serve
