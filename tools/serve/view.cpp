#include "tools/serve/view.h"

#include <cmath>
#include <cstdlib>

namespace kg::serve {

namespace {
void PutIfSet(nlohmann::json* j, const char* key, const std::string& v) {
  if (!v.empty()) (*j)[key] = v;
}
void PutIfFinite(nlohmann::json* j, const char* key, double v) {
  if (std::isfinite(v)) (*j)[key] = v;
}
}  // namespace

nlohmann::json NodeJson(const SnapNode& n) {
  nlohmann::json j = {{"id", n.key},
                      {"name", n.name},
                      {"type", n.type.empty() ? "other" : n.type},
                      {"label", n.labels.empty() ? "" : n.labels[0]},
                      {"aliases", n.aliases}};
  PutIfSet(&j, "country", n.country);
  PutIfFinite(&j, "latitude", n.latitude);
  PutIfFinite(&j, "longitude", n.longitude);
  return j;
}

nlohmann::json EdgeJson(const SnapRel& r, const std::string& source_key, const std::string& target_key) {
  nlohmann::json j = {{"id", EdgeKey(r.id)},
                      {"source", source_key},
                      {"target", target_key},
                      {"predicate", r.predicate},
                      {"type", r.type},
                      {"symmetric", IsSymmetricPredicate(r.predicate) || r.is_co_mention()},
                      {"support", r.support},
                      {"weight", r.weight}};
  PutIfSet(&j, "modality", r.modality);
  PutIfSet(&j, "date", r.date);
  PutIfSet(&j, "first_seen", r.first_seen);
  PutIfSet(&j, "last_seen", r.last_seen);
  PutIfSet(&j, "location", r.location);
  PutIfSet(&j, "location_name", r.location_name);
  PutIfFinite(&j, "confidence", r.confidence);
  if (r.evidence_count >= 0) j["evidence_count"] = r.evidence_count;
  return j;
}

nlohmann::json EvidenceJson(const EvidenceRecord& e, const ArticleInfo* article) {
  nlohmann::json j = {{"article", e.article_id}, {"title", e.article_title}, {"date", e.article_date},
                      {"source", e.article_source}, {"modality", e.modality},  {"rule", e.rule},
                      {"sentence", e.sentence},     {"start", e.start},        {"end", e.end},
                      {"confidence", e.confidence}, {"provenance", e.provenance.empty() ? "article" : e.provenance}};
  PutIfSet(&j, "location", e.location);
  PutIfSet(&j, "relation_date", e.date);
  if (article) PutIfSet(&j, "path", article->path);
  return j;
}

std::string EdgeKey(RelId id) { return "e" + std::to_string(id); }

std::optional<RelId> ParseEdgeKey(const std::string& key) {
  if (key.size() < 2 || key.size() > 21 || key[0] != 'e') return std::nullopt;
  RelId v = 0;
  for (std::size_t i = 1; i < key.size(); ++i) {
    if (key[i] < '0' || key[i] > '9') return std::nullopt;
    const RelId d = static_cast<RelId>(key[i] - '0');
    if (v > (UINT64_MAX - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

Result<SnapNode> ReadNode(const Graph& g, NodeId id) {
  SnapNode s;
  KG_RETURN_IF_ERROR(g.GetNodeTyped(id, &s));
  if (s.key.empty()) s.key = "n" + std::to_string(id);
  if (s.name.empty()) s.name = s.key;
  return s;
}

void FillLocationName(const Graph& g, SnapRel* r) {
  if (r->location.empty() || !r->location_name.empty()) return;
  auto id = g.LookupEntityId(r->location);
  if (!id.ok() || !id->has_value()) return;
  auto n = g.GetNode(**id);
  if (!n.ok()) return;
  if (auto it = n->props.find("name"); it != n->props.end() && it->is_string())
    r->location_name = it->get<std::string>();
}

Result<ViewRel> ReadRel(const Graph& g, RelId id) {
  ViewRel v;
  KG_RETURN_IF_ERROR(g.GetRelTyped(id, &v.src, &v.dst, &v.rel));
  FillLocationName(g, &v.rel);
  return v;
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kg::serve
