// /api/path, /api/query and /api/export.
#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "graph/algo/algo.h"
#include "graph/export/export.h"
#include "query/cypher/engine.h"
#include "query/cypher/format.h"
#include "tools/serve/api_call.h"

namespace kg::serve {

namespace {

// The node and relationship ids a Cypher value refers to (nodes, relationships,
// paths, and those inside lists and maps).
void CollectIds(const cypher::Value& v, std::vector<NodeId>* nodes, std::vector<RelId>* rels) {
  using T = cypher::Value::Type;
  switch (v.type()) {
    case T::kNode: nodes->push_back(v.node_id()); break;
    case T::kRel: rels->push_back(v.rel_id()); break;
    case T::kPath:
      nodes->insert(nodes->end(), v.as_path().nodes.begin(), v.as_path().nodes.end());
      rels->insert(rels->end(), v.as_path().rels.begin(), v.as_path().rels.end());
      break;
    case T::kList:
      for (const auto& x : v.as_list()) CollectIds(x, nodes, rels);
      break;
    case T::kMap:
      for (const auto& [k, x] : v.as_map()) CollectIds(x, nodes, rels);
      break;
    default: break;
  }
}

// Nodes and edges (JSON) of the given ids: each relationship brings its two
// endpoints. At most `cap` elements; *truncated tells whether some were left out.
Status SubgraphJson(const Graph& g, std::vector<NodeId> node_ids, std::vector<RelId> rel_ids, std::size_t cap,
                    nlohmann::json* out, bool* truncated) {
  std::sort(rel_ids.begin(), rel_ids.end());
  rel_ids.erase(std::unique(rel_ids.begin(), rel_ids.end()), rel_ids.end());
  std::vector<ViewRel> rels;
  for (RelId id : rel_ids) {
    if (rels.size() >= cap) {
      *truncated = true;
      break;
    }
    auto r = ReadRel(g, id);
    if (!r.ok()) {
      if (r.status().IsNotFound()) continue;
      return r.status();
    }
    node_ids.push_back(r->src);
    node_ids.push_back(r->dst);
    rels.push_back(std::move(r).value());
  }
  std::unordered_map<NodeId, std::string> keys;
  nlohmann::json nodes = nlohmann::json::array(), edges = nlohmann::json::array();
  for (NodeId id : node_ids) {
    if (keys.count(id)) continue;
    if (keys.size() >= cap) {
      *truncated = true;
      break;
    }
    auto n = ReadNode(g, id);
    if (!n.ok()) {
      if (n.status().IsNotFound()) continue;
      return n.status();
    }
    keys.emplace(id, n->key);
    nodes.push_back(NodeJson(*n));
  }
  for (const auto& r : rels) {
    auto a = keys.find(r.src), b = keys.find(r.dst);
    if (a != keys.end() && b != keys.end()) edges.push_back(EdgeJson(r.rel, a->second, b->second));
  }
  *out = {{"nodes", nodes}, {"edges", edges}};
  return Status::OK();
}

}  // namespace

Result<nlohmann::json> Api::Call::Path() {
  KG_RETURN_IF_ERROR(params_.OnlyKnown({"from", "to", "all", "max_hops", "predicate", "co_mentions", "type",
                                        "modality", "min_support", "since", "until"}));
  KG_ASSIGN_OR_RETURN(std::string from, params_.Str("from"));
  KG_ASSIGN_OR_RETURN(std::string to, params_.Str("to"));
  if (from.empty() || to.empty()) return Status::InvalidArgument("give both 'from' and 'to' (names or entity ids)");
  KG_ASSIGN_OR_RETURN(bool all, params_.Bool("all", false));
  KG_ASSIGN_OR_RETURN(int64_t max_hops, params_.Int("max_hops", 6, 1, 20));
  KG_ASSIGN_OR_RETURN(ViewFilter vf, FilterParams());
  auto by_key_or_name = [&](const std::string& s) -> Result<NodeId> {
    auto k = g_.LookupEntityId(s);
    if (k.ok() && k->has_value()) return **k;
    return NodeByName(s);
  };
  KG_ASSIGN_OR_RETURN(NodeId a, by_key_or_name(from));
  KG_ASSIGN_OR_RETURN(NodeId b, by_key_or_name(to));
  KG_ASSIGN_OR_RETURN(std::shared_ptr<const GraphSnapshot> snap, api_.live_->Snapshot(reader_));
  auto ia = snap->IndexOf(a), ib = snap->IndexOf(b);
  if (!ia || !ib) return Status::NotFound("entity not in the graph snapshot (removed meanwhile)");
  algo::PathOptions po;
  po.admit = [&](const SnapRel& r) {
    return vf.PassesType(r.type) && vf.PassesRel(r) &&
           (vf.types.empty() || (vf.PassesNode(snap->nodes()[r.src]) && vf.PassesNode(snap->nodes()[r.dst])));
  };
  po.max_depth = static_cast<int>(max_hops);
  po.all_shortest = all;
  po.max_paths = 100;
  const auto paths = algo::ShortestPaths(*snap, *ia, *ib, po);
  const auto& nodes = snap->nodes();
  nlohmann::json jpaths = nlohmann::json::array(), jnodes = nlohmann::json::array(),
                 jedges = nlohmann::json::array();
  std::unordered_set<uint32_t> node_done;
  std::unordered_set<RelId> rel_done;
  for (const auto& p : paths) {
    nlohmann::json pn = nlohmann::json::array(), pe = nlohmann::json::array();
    for (uint32_t i : p.nodes) {
      pn.push_back(nodes[i].key);
      if (node_done.insert(i).second) {
        SnapNode n = nodes[i];
        if (n.name.empty()) n.name = n.key;
        jnodes.push_back(NodeJson(n));
      }
    }
    for (const auto& hop : p.hop_rels)
      for (uint32_t ri : hop) {
        SnapRel r = snap->rels()[ri];
        pe.push_back(EdgeKey(r.id));
        if (!rel_done.insert(r.id).second) continue;
        FillLocationName(g_, &r);
        jedges.push_back(EdgeJson(r, nodes[r.src].key, nodes[r.dst].key));
      }
    jpaths.push_back({{"nodes", pn}, {"edges", pe}});
  }
  nlohmann::json j = {{"from", nodes[*ia].key}, {"to", nodes[*ib].key}, {"paths", jpaths},
                      {"nodes", jnodes},        {"edges", jedges}};
  j["hops"] = paths.empty() ? nlohmann::json() : nlohmann::json(paths[0].nodes.size() - 1);
  if (paths.empty())
    j["message"] = "no path between " + nodes[*ia].name + " and " + nodes[*ib].name + " within " +
                   std::to_string(max_hops) + " hops" +
                   (vf.f.no_co_mentions ? " (typed relations only; allow co-mentions to widen the search)" : "");
  return j;
}

Result<nlohmann::json> Api::Call::Query() {
  KG_RETURN_IF_ERROR(params_.OnlyKnown({}));
  if (req_.body.size() > opt_.max_query_bytes + 4096)
    return Fail(413, Status::InvalidArgument("request body of " + std::to_string(req_.body.size()) +
                                             " bytes is over the limit of " +
                                             std::to_string(opt_.max_query_bytes) + " bytes of query text"));
  KG_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody());
  for (auto& [k, v] : body.items())
    if (k != "query" && k != "params")
      return Status::InvalidArgument("unknown field '" + k + "' in the body (known: query, params)");
  auto q = body.find("query");
  if (q == body.end() || !q->is_string()) return Status::InvalidArgument("the body needs \"query\": a Cypher string");
  std::string text = q->get<std::string>();
  if (text.size() > opt_.max_query_bytes)
    return Fail(413, Status::InvalidArgument("query of " + std::to_string(text.size()) +
                                             " bytes is over the limit of " + std::to_string(opt_.max_query_bytes) +
                                             " bytes"));
  cypher::Map params;
  if (auto p = body.find("params"); p != body.end() && !p->is_null()) {
    if (!p->is_object()) return Status::InvalidArgument("\"params\" must be an object of name: value");
    for (auto& [k, v] : p->items()) params[k] = cypher::ParseParamValue(v.dump());
  }
  const cypher::PlanMode mode = cypher::StripPlanKeyword(&text);
  auto plan_json = [](const std::vector<cypher::PlanStep>& plan, bool rows) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : plan) {
      nlohmann::json x = {{"operator", s.op}, {"details", s.details}};
      if (rows) x["rows"] = s.rows;
      out.push_back(x);
    }
    return out;
  };
  if (mode == cypher::PlanMode::kExplain) {
    KG_ASSIGN_OR_RETURN(std::vector<cypher::PlanStep> plan, cypher::ExplainQuery(text));
    return nlohmann::json{{"columns", nlohmann::json::array()}, {"rows", nlohmann::json::array()},
                          {"plan", plan_json(plan, false)}};
  }
  KG_ASSIGN_OR_RETURN(bool writes, cypher::QueryWrites(text));
  if (writes)
    return Fail(403, Status::InvalidArgument("kg serve is read-only: CREATE, MERGE, SET, REMOVE and DELETE are not "
                                             "allowed here (use kg query on the command line)"));
  cypher::QueryOptions qo;
  qo.read_only = true;
  qo.max_rows = opt_.max_rows;
  qo.timeout_seconds = opt_.timeout_seconds;
  qo.max_var_length = opt_.max_hops;
  qo.max_memory_bytes = opt_.max_memory_bytes;
  std::vector<std::string> columns, warnings;
  nlohmann::json rows = nlohmann::json::array();
  std::vector<NodeId> node_ids;
  std::vector<RelId> rel_ids;
  std::vector<cypher::PlanStep> profile;
  Status row_error;
  const auto t0 = std::chrono::steady_clock::now();
  Status s = cypher::RunQueryStreaming(
      reader_.mutable_graph(), text, qo, params, [&](const std::vector<std::string>& c) { columns = c; },
      [&](const std::vector<cypher::Value>& row) {
        nlohmann::json r = nlohmann::json::array();
        for (const auto& v : row) {
          auto j = cypher::ValueToJson(g_, v);
          if (!j.ok()) {
            row_error = j.status();
            return false;
          }
          r.push_back(std::move(j).value());
          CollectIds(v, &node_ids, &rel_ids);
        }
        rows.push_back(std::move(r));
        return true;
      },
      nullptr, &warnings, mode == cypher::PlanMode::kProfile ? &profile : nullptr);
  KG_RETURN_IF_ERROR(s);
  KG_RETURN_IF_ERROR(row_error);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  nlohmann::json graph;
  bool truncated = false;
  KG_RETURN_IF_ERROR(SubgraphJson(g_, std::move(node_ids), std::move(rel_ids), 5000, &graph, &truncated));
  nlohmann::json j = {{"columns", columns}, {"rows", rows},         {"graph", graph},
                      {"graph_truncated", truncated}, {"warnings", warnings}, {"elapsed_ms", ms}};
  if (mode == cypher::PlanMode::kProfile) j["plan"] = plan_json(profile, true);
  return j;
}

Result<ApiResponse> Api::Call::Export() {
  KG_RETURN_IF_ERROR(params_.OnlyKnown({}));
  KG_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody());
  for (auto& [k, v] : body.items())
    if (k != "format" && k != "nodes" && k != "edges")
      return Status::InvalidArgument("unknown field '" + k + "' in the body (known: format, nodes, edges)");
  const std::string fmt = body.value("format", std::string("graphml"));
  auto format = exp::ParseFormat(fmt);
  if (!format.ok() || *format == exp::Format::kNeo4j)
    return Status::InvalidArgument("unknown export format '" + fmt + "' (graphml, gexf, cytoscape, dot, ntriples)");
  auto list = [&](const char* key) -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    auto it = body.find(key);
    if (it == body.end()) return out;
    if (!it->is_array()) return Status::InvalidArgument(std::string("\"") + key + "\" must be an array of ids");
    for (const auto& x : *it) {
      if (!x.is_string()) return Status::InvalidArgument(std::string("\"") + key + "\" must be an array of ids");
      out.push_back(x.get<std::string>());
    }
    return out;
  };
  KG_ASSIGN_OR_RETURN(std::vector<std::string> node_keys, list("nodes"));
  KG_ASSIGN_OR_RETURN(std::vector<std::string> edge_keys, list("edges"));
  if (node_keys.size() + edge_keys.size() > opt_.max_export_elements)
    return Fail(413, Status::InvalidArgument("more than " + std::to_string(opt_.max_export_elements) +
                                             " elements to export"));
  GraphSnapshot snap;
  std::unordered_map<NodeId, uint32_t> index;
  auto add_node = [&](NodeId id) -> Result<uint32_t> {
    if (auto it = index.find(id); it != index.end()) return it->second;
    KG_ASSIGN_OR_RETURN(SnapNode n, ReadNode(g_, id));
    n.id = id;
    const uint32_t i = snap.AddNode(std::move(n));
    index.emplace(id, i);
    return i;
  };
  for (const auto& k : node_keys) {
    KG_ASSIGN_OR_RETURN(NodeId id, NodeByKey(k));
    KG_RETURN_IF_ERROR(add_node(id).status());
  }
  std::vector<EvidenceRecord> ev;
  for (const auto& k : edge_keys) {
    auto rid = ParseEdgeKey(k);
    if (!rid) return Status::InvalidArgument("\"" + k + "\" is no relationship id (e12)");
    auto r = ReadRel(g_, *rid);
    if (!r.ok()) {
      if (r.status().IsNotFound()) return Fail(404, Status::NotFound("no relationship " + k));
      return r.status();
    }
    KG_ASSIGN_OR_RETURN(uint32_t a, add_node(r->src));
    KG_ASSIGN_OR_RETURN(uint32_t b, add_node(r->dst));
    SnapRel rel = r->rel;
    rel.src = a;
    rel.dst = b;
    ev.clear();
    if (Status s = g_.GetEvidence(*rid, &ev); s.ok()) rel.evidence_count = static_cast<int32_t>(ev.size());
    snap.AddRel(std::move(rel));
  }
  const exp::NodeMetrics metrics = exp::ComputeMetrics(snap);
  ApiResponse resp;
  exp::Sink sink(&resp.body);
  KG_RETURN_IF_ERROR(exp::Write(*format, snap, metrics, exp::ExportOptions(), &sink));
  KG_RETURN_IF_ERROR(sink.Finish());
  switch (*format) {
    case exp::Format::kGraphML: resp.content_type = "application/graphml+xml"; resp.filename = "kg-view.graphml"; break;
    case exp::Format::kGexf: resp.content_type = "application/gexf+xml"; resp.filename = "kg-view.gexf"; break;
    case exp::Format::kCytoscape: resp.content_type = "application/json"; resp.filename = "kg-view.cyjs"; break;
    case exp::Format::kDot: resp.content_type = "text/vnd.graphviz"; resp.filename = "kg-view.dot"; break;
    default: resp.content_type = "application/n-triples"; resp.filename = "kg-view.nt"; break;
  }
  return resp;
}

}  // namespace kg::serve
