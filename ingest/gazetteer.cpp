#include "ingest/gazetteer.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "ingest/mofile.h"
#include "ingest/reader.h"
#include "ingest/text_util.h"

namespace kg::ingest {

namespace {

void AddName(Catalog* cat, const KeyMaker& keys, int idx, std::string_view name, Surface kind) {
  if (name.empty()) return;
  int n = 0;
  std::string key = keys.key(name, &n);
  cat->AddSurface(std::move(key), SurfaceEntry{idx, kind, ""}, n);
  if (n >= 2 && keys.stem_key && kind == Surface::kName)
    cat->AddStemSurface(keys.stem_key(name), SurfaceEntry{idx, kind, ""});
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

// std::atoi for ids; short all-digit ids (all GeoNames ids) without strtol.
int AtoiDigits(std::string_view id) {
  if (id.size() > 9) return std::atoi(std::string(id).c_str());
  int v = 0;
  for (char c : id) {
    if (c < '0' || c > '9') return std::atoi(std::string(id).c_str());
    v = v * 10 + (c - '0');
  }
  return v;
}

bool IsDigitId(std::string_view id) { return !id.empty() && id[0] >= '0' && id[0] <= '9'; }

// Subdivision kinds of iso_3166-2 that news name as places of their own.
bool RegionKind(std::string_view type) {
  static constexpr std::string_view kKinds[] = {
      "State",  "Land",       "Province",      "Region",      "Autonomous region",
      "Canton", "Republic",   "Oblast",        "Governorate", "Autonomous community",
      "Territory", "Federal district", "Autonomous province", "Prefecture", "Emirate",
      "Nation", "Country",    "Autonomous republic", "Capital territory", "Federal territory",
      "Voivodship", "Regional state", "Administrative region", "Metropolitan region",
      "Autonomous city", "Federal capital territory", "Special administrative region"};
  for (std::string_view k : kKinds)
    if (type == k) return true;
  return false;
}

// Regions (a missing or malformed iso_3166-2 file only leaves them out).
void LoadRegions(const GazetteerPaths& paths, const KeyMaker& keys, Catalog* cat) {
  auto text = ReadFileBytes(paths.iso2_json);
  if (!text.ok()) return;
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.contains("3166-2") || !j["3166-2"].is_array()) return;
  std::unordered_map<std::string_view, std::string_view> de, en;
  auto mo_de = ReadMoCatalog(paths.iso2_mo_de);
  auto mo_en = ReadMoCatalog(paths.iso2_mo_en);
  if (mo_de.ok())
    for (const auto& [id, tr] : mo_de->entries) de.emplace(id, tr);
  if (mo_en.ok())
    for (const auto& [id, tr] : mo_en->entries) en.emplace(id, tr);
  for (const auto& r : j["3166-2"]) {
    if (!r.is_object() || r.contains("parent")) continue;
    const std::string code = r.value("code", ""), name = r.value("name", ""),
                      type = r.value("type", "");
    if (code.size() < 4 || code[2] != '-' || name.empty() || !RegionKind(type)) continue;
    EntityInfo e;
    e.id = "region/iso-" + Lower(code);
    e.type = "region";
    e.country = "country/" + code.substr(0, 2);
    auto tr = [](const auto& m, const std::string& k) {
      auto it = m.find(k);
      return it == m.end() ? std::string() : std::string(it->second);
    };
    const std::string n_de = tr(de, name), n_en = tr(en, name);
    e.name = !n_de.empty() ? n_de : name;
    e.name_en = !n_en.empty() ? n_en : name;
    for (const std::string* n : {&name, &n_en})
      if (!n->empty() && *n != e.name &&
          std::find(e.names.begin(), e.names.end(), *n) == e.names.end())
        e.names.push_back(*n);
    const int idx = cat->AddEntity(std::move(e));
    // Names as given: "Hauptstadt (Honiara)" has no short form to offer.
    for (const std::string* n : {&name, &n_de, &n_en})
      if (n->find('(') == std::string::npos) AddName(cat, keys, idx, *n, Surface::kName);
  }
}

}  // namespace

Status LoadGazetteers(const GazetteerPaths& paths, const KeyMaker& keys, Catalog* cat) {
  auto text = ReadFileBytes(paths.iso_json);
  if (!text.ok()) return Status::IOError("cannot read " + paths.iso_json + " (install iso-codes)");
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.contains("3166-1"))
    return Status::Corruption(paths.iso_json + ": unexpected structure");
  // German names of countries (the first translation of an msgid wins).
  std::unordered_map<std::string_view, std::string_view> de;
  auto iso_mo = ReadMoCatalog(paths.iso_mo_de);
  if (iso_mo.ok())
    for (const auto& [id, tr] : iso_mo->entries) de.emplace(id, tr);
  // The translation of `en` and whether there is one.
  auto de_of = [&](const std::string& en, std::string* out) {
    auto it = de.find(en);
    if (it == de.end()) return false;
    out->assign(it->second);
    return true;
  };
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
    if (!(!common.empty() && de_of(common, &de_name))) de_of(name, &de_name);
    e.name = !de_name.empty() ? de_name : en;
    e.name_en = en;
    if (en != e.name) e.names.push_back(en);
    e.props["alpha_3"] = c.value("alpha_3", "");
    int idx = cat->AddEntity(std::move(e));
    std::string de_official, de_plain;
    de_of(official, &de_official);
    de_of(name, &de_plain);
    for (const std::string* n : {&name, &common, &official, &de_name, &de_official, &de_plain})
      for (auto& v : NameVariants(*n)) AddName(cat, keys, idx, v, Surface::kName);
    // "Mario Seidl (AUT)": the alpha-3 code, in capitals and not sentence-initial
    // (many codes are also words: CAN, AND, PER).
    if (const std::string a3 = c.value("alpha_3", ""); a3.size() == 3)
      AddName(cat, keys, idx, a3, Surface::kAmbiguous);
  }
  // Cities: GeoNames ids -> names per language (views into the two catalogues).
  // The map's hash, bucket policy and insertion order fix the order of the
  // city entities: keep them (entity order decides ties between equal
  // surfaces). std::hash<std::string_view> equals std::hash<std::string> on
  // the same characters, so view keys iterate in the order std::string keys
  // did, without a string per id.
  auto mo_de = ReadMoCatalog(paths.geonames_mo_de);
  auto mo_en = ReadMoCatalog(paths.geonames_mo_en);
  std::unordered_map<std::string_view, std::pair<std::string_view, std::string_view>>
      cities;  // id -> (de, en)
  if (mo_de.ok())
    for (const auto& [id, tr] : mo_de->entries)
      if (IsDigitId(id)) cities[id].first = tr;
  if (mo_en.ok())
    for (const auto& [id, tr] : mo_en->entries)
      if (IsDigitId(id)) cities[id].second = tr;
  // About 1.3 surface keys per city (German and English names); room for a
  // few thousand curated KB entities after them (growing the entity vector
  // later would move all ~25,000 entities).
  cat->Reserve(cat->size() + cities.size() + 4096,
               cat->surfaces().size() + cities.size() * 4 / 3);
  for (const auto& [id, names] : cities) {
    EntityInfo e;
    e.id.reserve(7 + id.size());
    e.id.append("city/gn").append(id);
    e.type = "city";
    e.geonames = AtoiDigits(id);  // the GeoNames id (output as props.geonames_id)
    e.name = !names.first.empty() ? names.first : names.second;
    e.name_en = std::string(names.second);
    if (!names.second.empty() && names.second != e.name) e.names.emplace_back(names.second);
    int idx = cat->AddEntity(std::move(e));
    // Cities that have a German name in the catalogue are the prominent ones;
    // English-only names need a place context (many are also plain words).
    Surface k = names.first.empty() ? Surface::kWeakCity : Surface::kName;
    AddName(cat, keys, idx, names.first, k);
    AddName(cat, keys, idx, names.second, k);
  }
  LoadRegions(paths, keys, cat);
  return Status::OK();
}

}  // namespace kg::ingest
