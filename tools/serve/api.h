// The JSON API of `kg serve` (documented in README.md, "Browser explorer"):
//
//   GET  /api/stats                       counts, date span, predicates and types present
//   GET  /api/search?q=NAME               the CLI's name lookup (aliases, KB aliases,
//                                         surnames, diacritics, ids): candidates
//   GET  /api/suggest?q=PREFIX            names starting with PREFIX (autocomplete)
//   GET  /api/entity?id=KEY|name=NAME     one entity and its relationship counts
//   GET  /api/neighbors?id=KEY|name=NAME  the filtered k-hop neighbourhood as nodes + edges
//   GET  /api/evidence?edge=eID           the sentences behind one relationship
//   GET  /api/path?from=A&to=B            shortest chain(s) of relations
//   POST /api/query  {"query", "params"}  read-only Cypher: columns, rows and the subgraph
//   POST /api/export {"format", "nodes", "edges"}   the view as GraphML/GEXF/Cytoscape JSON
//
// Every answer is JSON (exports: the file). Errors are 4xx with
// {"error": "...", "status": N}: 400 malformed request (bad parameter, bad
// JSON, malformed Cypher with line/column), 403 a query that writes, 404
// unknown entity/relationship/endpoint, 405 wrong method, 409 an ambiguous
// name (with "candidates"), 413 a query or body over the size limit, 422 a
// query stopped by the row or time guard (the same as `kg query`); 500 only
// for a damaged database.
//
// The API never writes: Cypher runs with read_only, and nothing else writes.
//
// Thread safety: Handle() may be called from many threads at once; each call
// reads one consistent state of the LiveGraph.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "graph/graph.h"
#include "query/traverse.h"
#include "tools/serve/live_graph.h"

namespace kg::serve {

struct ApiRequest {
  std::string method = "GET";  // "GET", "POST", ...
  std::string path;            // "/api/neighbors"
  std::multimap<std::string, std::string> params;  // decoded query string
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string filename;  // set for downloads (Content-Disposition: attachment)
};

// The name lookup the API uses: the CLI's (cli::MatchName: stored names and
// aliases, the knowledge base's aliases, surnames, ids), injected so that the
// API does not depend on the kg executable.
using NameMatcher = std::function<Result<EntityMatch>(const Graph&, const std::string&)>;

struct ApiOptions {
  NameMatcher match_name;            // REQUIRED
  // Cypher guards, the same defaults as `kg query`.
  uint64_t max_rows = 100000;        // rows before a query stops (422)
  double timeout_seconds = 30;       // wall clock per query (422)
  int max_hops = 10;                 // bound of unbounded `*`
  uint64_t max_memory_bytes = uint64_t{2} << 30;  // resident memory of kg serve (422); 0 = none
  std::size_t max_query_bytes = 64 << 10;  // longer Cypher text: 413
  // Neighbourhoods.
  std::size_t default_limit = 1000;  // nodes per /api/neighbors answer unless `limit`
  std::size_t max_limit = 20000;     // largest `limit` accepted
  int max_depth = 3;                 // largest `depth` accepted
  std::size_t connect_max_nodes = 500;  // relationships among the neighbours: only up to this many
  std::size_t max_export_elements = 200000;  // nodes + edges of one /api/export
};

class Api {
 public:
  // REQUIRES: live outlives the Api; options.match_name is set.
  Api(LiveGraph* live, ApiOptions options);
  ApiResponse Handle(const ApiRequest& req) const;

  // An error answer: {"error": message, "status": status}.
  static ApiResponse Error(int status, const std::string& message);

 private:
  class Call;  // one request (api.cpp)
  LiveGraph* live_;
  ApiOptions opt_;
};

}  // namespace kg::serve
