// Internal to the API (api.cpp, api_query.cpp): one request being answered.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "graph/snapshot.h"
#include "tools/serve/api.h"
#include "tools/serve/params.h"
#include "tools/serve/view.h"

namespace kg::serve {

// The relationship and entity filters of the view (neighbors, path).
struct ViewFilter {
  SnapshotFilter f;                    // predicates, no_co_mentions, min_support, since/until
  std::unordered_set<std::string> preds;
  std::string since, until;            // widened full dates, "" = open
  std::set<std::string> modalities;    // empty = any
  std::set<std::string> types;         // entity types; empty = any
  bool PassesRel(const SnapRel& r) const;
  bool PassesNode(const SnapNode& n) const { return types.empty() || types.count(n.type.empty() ? "other" : n.type); }
  // Cheap pre-check on the relationship type alone (adjacency entries).
  bool PassesType(const std::string& rel_type) const;
};

class Api::Call {
 public:
  Call(const Api& api, const ApiRequest& req);
  ApiResponse Run();

 private:
  // Endpoints (api.cpp).
  Result<nlohmann::json> Stats();
  Result<nlohmann::json> Search();
  Result<nlohmann::json> Suggest();
  Result<nlohmann::json> Entity();
  Result<nlohmann::json> Neighbors();
  Result<nlohmann::json> Evidence();
  // Endpoints (api_query.cpp).
  Result<nlohmann::json> Path();
  Result<nlohmann::json> Query();
  Result<ApiResponse> Export();

  // The node named by `id=KEY` or `name=NAME` (one of them required).
  Result<NodeId> NodeParam(const char* id_param, const char* name_param);
  // An entity id ("person/x") or "n<internal id>"; NotFound otherwise.
  Result<NodeId> NodeByKey(const std::string& key);
  // The CLI's name lookup; an ambiguous name is a 409 listing the candidates.
  Result<NodeId> NodeByName(const std::string& name);
  Result<ViewFilter> FilterParams();
  // The JSON request body as an object (400 for malformed JSON).
  Result<nlohmann::json> JsonBody();
  // Remembers an HTTP status and extra fields for the error answer of the
  // Status returned next.
  Status Fail(int http_status, Status s, nlohmann::json extra = nlohmann::json::object());

  const Api& api_;
  const ApiOptions& opt_;
  const ApiRequest& req_;
  LiveGraph::Reader reader_;
  const Graph& g_;
  Params params_;
  int fail_status_ = 0;
  nlohmann::json fail_extra_ = nlohmann::json::object();
};

// HTTP status for an error Status: 400 invalid argument / not supported,
// 404 not found, 422 a guard (timeout, row limit, aborted), 503 busy, 500 else.
int HttpStatusFor(const Status& s);

}  // namespace kg::serve
