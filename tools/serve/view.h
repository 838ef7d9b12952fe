// The JSON shapes of entities and relationships that the browser view reads,
// shared by `kg serve`'s API (api.h) and `kg export --format html`
// (html_export.h), so both pages get the same elements:
//
//   node: {"id": entity id ("person/vladimir-putin"; "n<internal id>" for
//          nodes without one), "name", "type" ("person"), "label" ("Person"),
//          "aliases": [...], optional "country", "latitude", "longitude"}
//   edge: {"id": "e<relationship id>", "source", "target" (node ids),
//          "predicate" ("meets"), "type" ("MEETS"), "symmetric", "support",
//          "weight", optional "modality", "date", "first_seen", "last_seen",
//          "location", "location_name", "confidence", "evidence_count"}
//   evidence: {"article", "title", "date", "source", "path", "modality",
//              "rule", "sentence", "start", "end", "confidence", "location",
//              "provenance"}
//
// Thread safety: stateless functions; graph reads as safe as Graph's.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "graph/graph.h"
#include "graph/snapshot.h"

namespace kg::serve {

nlohmann::json NodeJson(const SnapNode& n);
nlohmann::json EdgeJson(const SnapRel& r, const std::string& source_key, const std::string& target_key);
// `article` (may be null) adds the article's input path.
nlohmann::json EvidenceJson(const EvidenceRecord& e, const ArticleInfo* article);

// "e123" <-> 123; nullopt for anything else.
std::string EdgeKey(RelId id);
std::optional<RelId> ParseEdgeKey(const std::string& key);

// A node of the graph as the view sees it (NodeFromGraph); NotFound when gone.
Result<SnapNode> ReadNode(const Graph& g, NodeId id);
// A relationship with its endpoints' keys; location_name is filled from the
// place's node when the record lacks it (relationships stored before kg kept
// the name).
struct ViewRel {
  SnapRel rel;
  NodeId src = 0, dst = 0;
};
Result<ViewRel> ReadRel(const Graph& g, RelId id);
void FillLocationName(const Graph& g, SnapRel* r);

// JSON text with invalid UTF-8 replaced (U+FFFD), compact.
std::string Dump(const nlohmann::json& j);

}  // namespace kg::serve
