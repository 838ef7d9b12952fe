#include "ingest/kb.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>

#include "ingest/flat_json.h"
#include "ingest/reader.h"
#include "ingest/text_util.h"

namespace kg::ingest {

using kg::JsonTree;

int Catalog::AddEntity(EntityInfo&& info) {
  auto [slot, inserted] = by_id_.TryEmplace(info.id);
  if (!inserted) {
    const int at = *slot;
    EntityInfo& e = entities_[at];
    if (info.from_kb) {
      if (!info.name.empty()) e.name = info.name;
      if (!info.type.empty()) e.type = info.type;
      if (!info.country.empty()) e.country = info.country;
      if (!info.gender.empty()) e.gender = info.gender;
      if (e.roles.empty() && !info.roles.empty()) with_roles_.push_back(at);
      for (auto& r : info.roles) e.roles.push_back(r);
      for (auto& [k, v] : info.props.items()) e.props[k] = v;
      if (info.geonames) e.geonames = info.geonames;
      for (auto [to, from] : {std::pair{&e.kind, &info.kind}, {&e.portfolio, &info.portfolio},
                              {&e.name_en, &info.name_en},
                              {&e.scope, &info.scope}, {&e.parent, &info.parent}, {&e.adj_de, &info.adj_de},
                              {&e.adj_en, &info.adj_en}})
        if (!from->empty()) *to = *from;
      e.from_kb = true;
    }
    for (auto& n : info.names)
      if (std::find(e.names.begin(), e.names.end(), n) == e.names.end()) e.names.push_back(n);
    return at;
  }
  const int idx = static_cast<int>(entities_.size());
  *slot = idx;
  if (!info.roles.empty()) with_roles_.push_back(idx);
  entities_.push_back(std::move(info));
  return idx;
}

int Catalog::Find(const std::string& id) const {
  const int* i = by_id_.Find(id);
  return i ? *i : -1;
}

void Catalog::Reserve(size_t entities, size_t surfaces) {
  entities_.reserve(entities);
  by_id_.Reserve(entities);
  if (surfaces) {
    surfaces_.Reserve(surfaces);
    first_tokens_.Reserve(surfaces);
  }
}

void Catalog::AddSurface(std::string key, SurfaceEntry e, int ntokens) {
  if (key.empty()) return;
  std::vector<SurfaceEntry>& v = *surfaces_.TryEmplace(key).first;
  const std::string_view first = std::string_view(key).substr(0, key.find(' '));
  if (e.lower) AddLowerFirst(std::string(first));
  for (auto& x : v)
    if (x.entity == e.entity && x.kind == e.kind) {
      x.lower |= e.lower;
      return;
    }
  v.push_back(std::move(e));
  max_tokens_ = std::max(max_tokens_, ntokens);
  const size_t h = FlatHash(first) & kBitsMask;  // as in MaybeFirst
  first_bits_[h >> 6] |= uint64_t{1} << (h & 63);
  auto [n, inserted] = first_tokens_.TryEmplace(first);
  *n = inserted ? std::max(0, ntokens) : std::max(*n, ntokens);
}

void Catalog::AddLowerFirst(const std::string& tok) {
  lower_first_.TryEmplace(tok);
  if (tok.size() >= 4) lower_prefix_.insert(Prefix4(tok));
}

void Catalog::AddStemSurface(const std::string& stem_key, SurfaceEntry e) {
  if (stem_key.empty()) return;
  auto& v = *stem_surfaces_.TryEmplace(stem_key).first;
  for (auto& x : v)
    if (x.entity == e.entity) {
      x.lower |= e.lower;
      return;
    }
  v.push_back(std::move(e));
  stem_first_.TryEmplace(std::string_view(stem_key).substr(0, stem_key.find(' ')));
}

namespace {

// "2023-09" -> "2023-09-15", "2023" -> "2023-07-01" (mid-period).
std::string PadDate(const std::string& d, bool is_end) {
  if (d.size() >= 10) return d.substr(0, 10);
  if (d.size() == 7) return d + (is_end ? "-31" : "-01");
  if (d.size() == 4) return d + (is_end ? "-12-31" : "-01-01");
  return d;
}

std::string Mid(const std::string& d) {
  if (d.size() >= 10) return d.substr(0, 10);
  if (d.size() == 7) return d + "-15";
  if (d.size() == 4) return d + "-07-01";
  return d;
}

}  // namespace

bool DateInRange(const std::string& d, const std::string& from, const std::string& to) {
  if (d.empty()) return to.empty();  // unknown date: current office holders
  std::string m = Mid(d);
  if (!from.empty() && m < PadDate(from, false)) return false;
  if (!to.empty() && m > PadDate(to, true)) return false;
  return true;
}

std::vector<int> Catalog::Holders(const std::vector<std::string>& roles, const std::string& of,
                                  const std::string& date) const {
  std::vector<int> out;
  for (int i : with_roles_) {
    const auto& e = entities_[i];
    for (const auto& r : e.roles) {
      if (r.of != of) continue;
      if (std::find(roles.begin(), roles.end(), r.role) == roles.end()) continue;
      if (date != "*" && !DateInRange(date, r.from, r.to)) continue;
      out.push_back(i);
      break;
    }
  }
  return out;
}

namespace {

// Trim() without the copy.
std::string_view TrimView(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n'))
    --b;
  return s.substr(a, b - a);
}

// Accepts a list of strings, a string, or a per-language map of lists.
void Strings(const JsonTree& j, int node, std::vector<std::pair<std::string, std::string>>* out,
             std::string_view lang = "") {
  const JsonTree::Node& n = j.node(node);
  if (n.kind == JsonTree::kString) {
    out->emplace_back(n.text, lang);
  } else if (n.kind == JsonTree::kArray) {
    for (int c = n.first; c >= 0; c = j.node(c).next) Strings(j, c, out, lang);
  } else if (n.kind == JsonTree::kObject) {
    for (int c : j.SortedMembers(node)) Strings(j, c, out, j.node(c).key);
  }
}

// The string member `key` of object node `obj`, or "".
std::string Str(const JsonTree& j, int obj, const char* key) {
  const int it = j.Find(obj, key);
  if (it < 0 || j.node(it).kind != JsonTree::kString) return "";
  return std::string(j.node(it).text);
}

// The value nlohmann::json builds for node `i` (numbers keep nlohmann's
// integer/unsigned/float choice and value).
nlohmann::json ToJson(const JsonTree& j, int i) {
  const JsonTree::Node& n = j.node(i);
  if (n.kind == JsonTree::kString) return std::string(n.text);
  return nlohmann::json::parse(n.text);
}

void AddForms(Catalog* cat, const KeyMaker& keys, int idx, Surface kind,
              const std::vector<std::pair<std::string, std::string>>& forms) {
  for (const auto& [form, lang] : forms) {
    const std::string_view t = TrimView(form);
    if (t.empty()) continue;
    int n = 0;
    std::string key = keys.key(form, &n);
    SurfaceEntry se{idx, kind, lang};
    // Lower-case multi-word forms are phrases ("internationale Gemeinschaft") that
    // match lower case in the text too; one-word forms stay names.
    se.lower = n >= 2 && kind == Surface::kName && t[0] >= 'a' && t[0] <= 'z';
    cat->AddSurface(std::move(key), se, n);
    if (n >= 2 && keys.stem_key && kind == Surface::kName) cat->AddStemSurface(keys.stem_key(form), se);
  }
}

std::string TypeFromFile(const std::string& stem) {
  if (stem == "countries") return "country";
  if (stem == "people") return "person";
  if (stem == "organizations") return "organization";
  if (stem == "groups") return "group";
  if (stem == "events") return "event";
  return "";
}

std::string TypeFromId(const std::string& id) {
  auto p = id.find('/');
  std::string pre = p == std::string::npos ? "" : id.substr(0, p);
  if (pre == "country") return "country";
  if (pre == "person") return "person";
  if (pre == "org") return "organization";
  if (pre == "group") return "group";
  if (pre == "event") return "event";
  if (pre == "city") return "city";
  if (pre == "region") return "region";
  return "";
}

Status LoadLine(const JsonTree& j, const std::string& file_type, const KeyMaker& keys,
                Catalog* cat) {
  constexpr int kRoot = 0;
  EntityInfo e;
  e.from_kb = true;
  std::string code = Str(j, kRoot, "code");
  e.id = Str(j, kRoot, "id");
  if (e.id.empty() && !code.empty()) e.id = "country/" + code;
  if (e.id.empty()) return Status::Corruption("missing \"id\" (or \"code\" for countries)");
  e.type = Str(j, kRoot, "type");
  if (e.type == "org") e.type = "organization";
  if (e.type.empty() || (file_type == "country" && e.type != "country")) {
    std::string t = TypeFromId(e.id);
    e.type = !t.empty() ? t : (!file_type.empty() ? file_type : "other");
  }
  e.name = Str(j, kRoot, "name");
  std::string name_de = Str(j, kRoot, "name_de"), name_en = Str(j, kRoot, "name_en");
  if (!name_de.empty()) e.name = name_de;
  if (e.name.empty()) e.name = name_en;
  if (!name_en.empty() && name_en != e.name) e.names.push_back(name_en);
  e.name_en = name_en;
  if (e.name_en.empty())
    if (int it = j.Find(kRoot, "aliases"); it >= 0 && j.node(it).kind == JsonTree::kObject)
      if (int en = j.Find(it, "en"); en >= 0) {
        std::vector<std::pair<std::string, std::string>> f;
        Strings(j, en, &f);
        if (!f.empty()) e.name_en = f.front().first;
      }
  e.gender = Str(j, kRoot, "gender");
  e.country = Str(j, kRoot, "country");
  if (e.country.empty()) e.country = Str(j, kRoot, "seat");
  if (int it = j.Find(kRoot, "roles"); it >= 0 && j.node(it).kind == JsonTree::kArray) {
    for (int r = j.node(it).first; r >= 0; r = j.node(r).next) {
      if (j.node(r).kind != JsonTree::kObject) continue;
      KbRole role{Str(j, r, "role"), Str(j, r, "of"), Str(j, r, "from"), Str(j, r, "to")};
      if (!role.role.empty()) e.roles.push_back(role);
    }
  }
  int capital = 0;
  if (int it = j.Find(kRoot, "capital_geonames"); it >= 0 && j.node(it).kind == JsonTree::kNumber) {
    const nlohmann::json v = ToJson(j, it);
    if (v.is_number_integer()) {
      e.props["capital_geonames"] = v.get<long>();
      capital = v.get<int>();
    }
  }
  e.kind = Str(j, kRoot, "kind");
  e.portfolio = Str(j, kRoot, "portfolio");
  e.parent = Str(j, kRoot, "parent");
  for (const char* k : {"city", "region"})
    if (e.scope.empty()) e.scope = Str(j, kRoot, k);
  if (e.scope.empty() && !e.kind.empty()) e.scope = e.country;
  if (int it = j.Find(kRoot, "adjectives"); it >= 0) {
    std::vector<std::pair<std::string, std::string>> adj;
    Strings(j, it, &adj);
    for (const auto& [form, lang] : adj) {
      if (lang == "de" && e.adj_de.empty()) e.adj_de = form;
      if (lang == "en" && e.adj_en.empty()) e.adj_en = form;
    }
  }
  if (int it = j.Find(kRoot, "members"); it >= 0 && j.node(it).kind == JsonTree::kArray)
    e.props["members"] = ToJson(j, it);
  if (int it = j.Find(kRoot, "location"); it >= 0 && j.node(it).kind == JsonTree::kString)
    e.props["location"] = ToJson(j, it);
  if (e.id.rfind("city/gn", 0) == 0) e.geonames = std::atoi(e.id.c_str() + 7);
  for (const char* k : {"latitude", "longitude"})
    if (int it = j.Find(kRoot, k); it >= 0 && j.node(it).kind == JsonTree::kNumber)
      e.props[k] = ToJson(j, it);
  int idx = cat->AddEntity(std::move(e));
  if (capital) cat->AddCapital(capital, idx);
  cat->AddInstitution(idx);
  const EntityInfo& stored = cat->entity(idx);
  std::vector<std::pair<std::string, std::string>> names{{stored.name, ""}};
  if (!name_de.empty()) names.emplace_back(name_de, "");
  if (!name_en.empty()) names.emplace_back(name_en, "");
  if (int it = j.Find(kRoot, "aliases"); it >= 0) Strings(j, it, &names);
  AddForms(cat, keys, idx, Surface::kName, names);
  auto add = [&](const char* field, Surface kind) {
    const int it = j.Find(kRoot, field);
    if (it < 0) return;
    std::vector<std::pair<std::string, std::string>> f;
    Strings(j, it, &f);
    AddForms(cat, keys, idx, kind, f);
  };
  add("abbrev", Surface::kAbbrev);
  add("ambiguous_abbrev", Surface::kAmbiguous);
  // German papers name themselves and each other in capitals ("sagte er dem
  // STANDARD", "im SPIEGEL"): a medium named "Der/Die/Das X" (one ASCII
  // word) is also "X" written in capitals.
  if (stored.kind == "media") {
    const auto parts = SplitWs(stored.name);
    if (parts.size() == 2 && (parts[0] == "Der" || parts[0] == "Die" || parts[0] == "Das") &&
        parts[1].size() >= 4) {
      std::string caps = parts[1];
      bool ascii = true;
      for (char& c : caps) {
        if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      if (ascii) AddForms(cat, keys, idx, Surface::kAbbrev, {{caps, ""}});
    }
  }
  add("metonyms", Surface::kMetonym);
  add("demonyms", Surface::kDemonym);
  add("adjectives", Surface::kAdjective);
  // Derived surname for people ("Olaf Scholz" -> "Scholz").
  if (stored.type == "person") {
    auto parts = SplitWs(stored.name);
    if (parts.size() >= 2 && parts.back().size() >= 3 && StartsUpper(parts.back()))
      AddForms(cat, keys, idx, Surface::kSurname, {{parts.back(), ""}});
  }
  return Status::OK();
}

}  // namespace

Status LoadKbDir(const std::string& dir, const KeyMaker& keys, Catalog* cat) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::OK();
  std::vector<fs::path> files;
  for (auto& de : fs::directory_iterator(dir, ec))
    if (de.path().extension() == ".jsonl" && !de.is_directory(ec)) files.push_back(de.path());
  std::sort(files.begin(), files.end());
  // Countries first so that people/orgs can refer to them.
  std::stable_sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return (a.stem() == "countries") > (b.stem() == "countries");
  });
  for (const auto& f : files) {
    auto content = ReadFileBytes(f.string());
    if (!content.ok()) return Status::IOError("cannot read " + f.string());
    std::string file_type = TypeFromFile(f.stem().string());
    const std::string_view text = *content;
    int n = 0;
    JsonTree tree;
    // Lines as std::getline splits them: a final line without '\n' counts.
    for (size_t pos = 0; pos < text.size();) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      const std::string_view line = text.substr(pos, nl - pos);
      pos = nl + 1;
      ++n;
      const std::string_view t = TrimView(line);
      if (t.empty() || t[0] == '#') continue;
      // The common case without building an nlohmann::json document; the
      // rest (and every error) exactly as nlohmann::json parses it.
      if (!tree.Parse(t)) {
        nlohmann::json j = nlohmann::json::parse(t, nullptr, /*allow_exceptions=*/false);
        if (j.is_discarded())
          return Status::Corruption(f.string() + ":" + std::to_string(n) + ": not a JSON object");
        tree.FromJson(j);
      }
      if (tree.root().kind != JsonTree::kObject)
        return Status::Corruption(f.string() + ":" + std::to_string(n) + ": not a JSON object");
      Status s = LoadLine(tree, file_type, keys, cat);
      if (!s.ok()) return Status::Corruption(f.string() + ":" + std::to_string(n) + ": " + s.message());
    }
  }
  return Status::OK();
}

}  // namespace kg::ingest
