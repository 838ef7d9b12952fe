#include "ingest/roles.h"

#include <algorithm>

#include "ingest/mentions.h"
#include "ingest/text_util.h"

namespace kg::ingest {

int RoleFinder::AdjectiveEntity(const Doc& doc, int k, int sb, int* first) const {
  const auto& toks = doc.seg.tokens;
  if (k < sb || !toks[k].Is(kWord)) return -1;
  auto try_key = [&](const std::string& key) -> int {
    const auto* v = cat_.Lookup(key);
    if (!v) return -1;
    for (const auto& e : *v)
      if (e.kind == Surface::kAdjective) return e.entity;
    return -1;
  };
  const bool de = IsGerman(lex_.lang);
  const std::string& low = toks[k].low;
  int e = try_key(low);
  if (e < 0 && de) e = try_key(AdjectiveBase(low));
  if (e >= 0) {
    *first = k;
    return e;
  }
  if (k - 1 >= sb) {
    e = try_key(toks[k - 1].low + " " + low);
    if (e < 0 && de) e = try_key(toks[k - 1].low + " " + AdjectiveBase(low));
    if (e >= 0) {
      *first = k - 1;
      return e;
    }
  }
  return -1;
}

const Portfolio* RoleFinder::PortfolioOf(std::string_view part) const {
  if (part.empty()) return nullptr;
  if (!IsGerman(lex_.lang)) return lex_.portfolios.Find(part);
  // "bundesjustiz" -> "justiz", "landesverteidigungs" -> "verteidigungs".
  const size_t p0 = part.size() > lex_.max_portfolio ? part.size() - lex_.max_portfolio : 0;
  for (size_t p = p0; p + 3 <= part.size(); ++p) {
    if ((static_cast<unsigned char>(part[p]) & 0xC0) == 0x80) continue;
    if (const Portfolio* f = lex_.portfolios.Find(part.substr(p))) return f;
  }
  return nullptr;
}

const RoleNoun* RoleFinder::MultiRoleAt(const Doc& doc, int k, int sb, int* start) const {
  const auto& toks = doc.seg.tokens;
  // Every word of a multi-word role form is in role_parts.
  if (!lex_.role_parts.count(toks[k].low)) return nullptr;
  std::string key = toks[k].low;
  const RoleNoun* best = nullptr;
  for (int j = k - 1; j >= sb && j >= k - 3; --j) {
    if (!lex_.role_parts.count(toks[j].low)) break;
    key = toks[j].low + " " + key;
    if (const RoleNoun* r = lex_.roles.Find(key)) {
      best = r;
      *start = j;
    }
  }
  return best;
}

bool RoleFinder::CompoundAt(const Doc& doc, int k, RoleMatch* out) const {
  const auto& toks = doc.seg.tokens;
  const std::string& w = toks[k].low;
  if (!toks[k].Is(kUpper) || w.size() < 6 || !MayEndRole(w)) return false;
  // Compound tails no longer than the longest role form.
  const size_t p0 = std::max<size_t>(2, w.size() > lex_.max_role ? w.size() - lex_.max_role : 0);
  for (size_t p = p0; p + 3 <= w.size(); ++p) {
    if ((static_cast<unsigned char>(w[p]) & 0xC0) == 0x80) continue;
    const RoleNoun* r = lex_.roles.Find(std::string_view(w).substr(p));
    if (!r || r->title) continue;
    std::string prefix = w.substr(0, p);
    if (!prefix.empty() && prefix.back() == '-') prefix.pop_back();
    // "Altkanzler", "Ex-Präsident", "Vizekanzler", "Ehrenpräsident", "Ex-ÖVP-Chef".
    for (std::string_view mark : {"ex-", "alt-", "vize-"})
      if (prefix.rfind(mark, 0) == 0) {
        (mark == "vize-" ? out->deputy : out->former) = true;
        prefix = prefix.substr(mark.size());
      }
    if (prefix == "alt" || prefix == "ex") out->former = true;
    if (prefix == "vize" || prefix == "stellvertretende") out->deputy = true;
    if (prefix == "ehren") out->honorary = true;
    if (out->former || out->deputy || out->honorary) {
      if (prefix == "alt" || prefix == "ex" || prefix == "vize" || prefix == "ehren") prefix.clear();
    }
    out->role = r;
    out->start = k;
    out->end = k + 1;
    out->prefix = prefix;
    if (!prefix.empty()) {
      const auto* v = cat_.Lookup(prefix);
      if (!v && prefix.size() > 3 && prefix.back() == 's') v = cat_.Lookup(prefix.substr(0, prefix.size() - 1));
      if (!v && prefix.size() > 4 && prefix.back() == 'n') v = cat_.Lookup(prefix.substr(0, prefix.size() - 1));
      if (v)
        for (const auto& e : *v) {
          if (e.kind == Surface::kAdjective || e.kind == Surface::kSurname) continue;
          const std::string& t = cat_.entity(e.entity).type;
          if (t == "country" || t == "organization" || t == "group") {
            out->prefix_ent = e.entity;
            break;
          }
        }
      if (r->target == RoleTarget::kMinistry && !out->portfolio) out->portfolio = PortfolioOf(prefix);
    }
    return true;
  }
  return false;
}

bool RoleFinder::At(const Doc& doc, int k, int sb, RoleMatch* out, bool titles) const {
  *out = RoleMatch();
  const auto& toks = doc.seg.tokens;
  if (!toks[k].Is(kWord)) return false;
  int start = k;
  const RoleNoun* r = MultiRoleAt(doc, k, sb, &start);
  if (!r) r = lex_.roles.Find(toks[k].low);
  if (r) {
    out->role = r;
    out->start = start;
    out->end = k + 1;
  } else if (!CompoundAt(doc, k, out)) {
    return false;
  }
  if (out->role->title && !titles) return false;
  if (out->role->deputy) out->deputy = true;
  if (!out->portfolio && !out->role->portfolio.empty()) {
    for (const auto& [key, p] : lex_.portfolios)
      if (p.id == out->role->portfolio) {
        out->portfolio = &p;
        break;
      }
  }
  return true;
}

}  // namespace kg::ingest
