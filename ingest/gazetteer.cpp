#include "ingest/gazetteer.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "ingest/mofile.h"
#include "ingest/text_util.h"

namespace kg::ingest {

namespace {

void AddName(Catalog* cat, const KeyMaker& keys, int idx, const std::string& name, Surface kind,
             const std::string& lang = "") {
  if (name.empty()) return;
  int n = 0;
  std::string key = keys.key(name, &n);
  cat->AddSurface(key, SurfaceEntry{idx, kind, lang}, n);
  if (n >= 2 && keys.stem_key && kind == Surface::kName)
    cat->AddStemSurface(keys.stem_key(name), SurfaceEntry{idx, kind, lang});
}

// "Korea, Republic of" -> "Republic of Korea"; "Bolivia, Plurinational State of"
// keeps only "Bolivia" as an extra alias.
std::vector<std::string> NameVariants(const std::string& n) {
  std::vector<std::string> out{n};
  auto c = n.find(", ");
  if (c != std::string::npos) {
    out.push_back(n.substr(0, c));
  }
  auto p = n.find(" (");
  if (p != std::string::npos) out.push_back(n.substr(0, p));
  return out;
}

}  // namespace

Status LoadGazetteers(const GazetteerPaths& paths, const KeyMaker& keys, Catalog* cat) {
  std::ifstream in(paths.iso_json);
  if (!in) return Status::IOError("cannot read " + paths.iso_json + " (install iso-codes)");
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.contains("3166-1"))
    return Status::Corruption(paths.iso_json + ": unexpected structure");
  std::unordered_map<std::string, std::string> de;
  if (auto mo = ReadMoFile(paths.iso_mo_de); mo.ok())
    for (auto& [id, tr] : *mo) de.emplace(id, tr);
  for (auto& c : j["3166-1"]) {
    std::string code = c.value("alpha_2", "");
    if (code.size() != 2) continue;
    std::string name = c.value("name", ""), common = c.value("common_name", ""),
                official = c.value("official_name", "");
    EntityInfo e;
    e.id = "country/" + code;
    e.type = "country";
    std::string en = !common.empty() ? common : name;
    std::string de_name;
    if (!common.empty() && de.count(common)) de_name = de[common];
    else if (de.count(name)) de_name = de[name];
    e.name = !de_name.empty() ? de_name : en;
    if (en != e.name) e.names.push_back(en);
    e.props["alpha_3"] = c.value("alpha_3", "");
    int idx = cat->AddEntity(e);
    for (const std::string& n : {name, common, official, de_name,
                                 de.count(official) ? de[official] : std::string(),
                                 de.count(name) ? de[name] : std::string()})
      for (auto& v : NameVariants(n)) AddName(cat, keys, idx, v, Surface::kName);
  }
  // Cities: GeoNames ids -> names per language.
  std::unordered_map<std::string, std::pair<std::string, std::string>> cities;  // id -> (de, en)
  if (auto mo = ReadMoFile(paths.geonames_mo_de); mo.ok())
    for (auto& [id, tr] : *mo)
      if (!id.empty() && std::isdigit(static_cast<unsigned char>(id[0]))) cities[id].first = tr;
  if (auto mo = ReadMoFile(paths.geonames_mo_en); mo.ok())
    for (auto& [id, tr] : *mo)
      if (!id.empty() && std::isdigit(static_cast<unsigned char>(id[0]))) cities[id].second = tr;
  for (auto& [id, names] : cities) {
    EntityInfo e;
    e.id = "city/gn" + id;
    e.type = "city";
    e.geonames = std::atoi(id.c_str());
    e.name = !names.first.empty() ? names.first : names.second;
    if (!names.second.empty() && names.second != e.name) e.names.push_back(names.second);
    e.props["geonames_id"] = e.geonames;
    int idx = cat->AddEntity(e);
    // Cities that have a German name in the catalogue are the prominent ones;
    // English-only names need a place context (many are also plain words).
    Surface k = names.first.empty() ? Surface::kWeakCity : Surface::kName;
    AddName(cat, keys, idx, names.first, k, "");
    AddName(cat, keys, idx, names.second, k, "");
  }
  return Status::OK();
}

}  // namespace kg::ingest
