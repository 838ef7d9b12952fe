// Counts kept as data (see counts.h).
#include "graph/counts.h"

#include <set>

#include "graph/graph_internal.h"

namespace kg::internal {

void CountDeltas::Meta(const std::string& key, int64_t delta) {
  auto [it, inserted] = meta_.try_emplace(key, delta);
  if (!inserted) it->second += delta;
}

void CountDeltas::Label(std::string_view label, int sign) {
  Meta(keys::CountKey(keys::kCountLabel, label), sign);
}

void CountDeltas::Node(const std::vector<std::string>& labels, int sign) {
  AddNodes(sign);
  if (labels.size() == 1) return Label(labels[0], sign);
  std::set<std::string_view> once(labels.begin(), labels.end());
  for (std::string_view l : once) Label(l, sign);
}

void CountDeltas::AdjEntry(Cf cf, uint64_t self, std::string_view type, uint64_t other, int sign) {
  auto& by_type = degree_[self];
  auto it = by_type.find(type);
  if (it == by_type.end()) it = by_type.emplace(std::string(type), std::array<int64_t, 2>{0, 0}).first;
  it->second[cf == Cf::kOutAdj ? 0 : 1] += sign;
  if (cf != Cf::kOutAdj) return;
  Meta(keys::CountKey(keys::kCountType, type), sign);
  if (self == other) Meta(keys::kCountLoops, sign);
}

void CountDeltas::MergeInto(CountDeltas* to) {
  if (to->empty()) {
    std::swap(meta_, to->meta_);
    std::swap(degree_, to->degree_);
    return;
  }
  for (const auto& [k, d] : meta_) to->Meta(k, d);
  for (auto& [node, types] : degree_) {
    auto& dst = to->degree_[node];
    for (auto& [type, d] : types) {
      auto [it, inserted] = dst.try_emplace(type, d);
      if (!inserted) {
        it->second[0] += d[0];
        it->second[1] += d[1];
      }
    }
  }
  Clear();
}

Status CountDeltas::Resolve(
    FunctionRef<Status(Cf, const std::string&, std::string*)> get,
    FunctionRef<void(Cf, const std::string&, std::optional<std::string>)> put) const {
  std::string v;
  for (const auto& [key, d] : meta_) {
    if (d == 0) continue;
    uint64_t have = 0;
    Status s = get(Cf::kMeta, key, &v);
    if (s.ok()) {
      KG_RETURN_IF_ERROR(keys::ReadU64(v, 0, &have).WithContext("count " + key.substr(1)));
    } else if (!s.IsNotFound()) {
      return s;
    }
    if (d < 0 && have < static_cast<uint64_t>(-d))
      return Status::Corruption("stored count " + key.substr(1) +
                                " is below what is being removed: run `kg repair`");
    const uint64_t now = have + static_cast<uint64_t>(d);
    put(Cf::kMeta, key, now == 0 ? std::nullopt : std::optional<std::string>(keys::U64(now)));
  }
  std::vector<keys::DegreeEntry> rec;
  for (const auto& [node, types] : degree_) {
    bool any = false;
    for (const auto& [type, d] : types) any |= d[0] != 0 || d[1] != 0;
    if (!any) continue;
    const std::string key = keys::DegreeKey(node);
    rec.clear();
    Status s = get(Cf::kArticles, key, &v);
    if (s.ok()) {
      KG_RETURN_IF_ERROR(keys::DecodeDegree(v, &rec).WithContext("degree of node " + std::to_string(node)));
    } else if (!s.IsNotFound()) {
      return s;
    }
    // Both lists are sorted by type: merge.
    std::vector<keys::DegreeEntry> out;
    out.reserve(rec.size() + types.size());
    auto r = rec.begin();
    const auto node_id = node;  // C++17: a lambda cannot capture a structured binding (clang)
    auto apply = [&](keys::DegreeEntry e, const std::array<int64_t, 2>& d) -> Status {
      for (int i = 0; i < 2; ++i) {
        uint64_t& c = i == 0 ? e.out : e.in;
        if (d[i] < 0 && c < static_cast<uint64_t>(-d[i]))
          return Status::Corruption("stored degree of node " + std::to_string(node_id) +
                                    " is below what is being removed: run `kg repair`");
        c += static_cast<uint64_t>(d[i]);
      }
      if (e.out || e.in) out.push_back(std::move(e));
      return Status::OK();
    };
    for (const auto& [type, d] : types) {
      while (r != rec.end() && r->type < type) out.push_back(std::move(*r++));
      keys::DegreeEntry e;
      if (r != rec.end() && r->type == type) {
        e = std::move(*r++);
      } else {
        e.type = type;
      }
      KG_RETURN_IF_ERROR(apply(std::move(e), d));
    }
    while (r != rec.end()) out.push_back(std::move(*r++));
    put(Cf::kArticles, key, out.empty() ? std::nullopt : std::optional<std::string>(keys::EncodeDegree(out)));
  }
  return Status::OK();
}

namespace {
template <typename Fn>
Status ForEachKey(const Store& store, Cf cf, std::string_view prefix, Fn fn) {
  auto it = store.NewIterator(cf);
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    const std::string_view k = it->key();
    if (k.substr(0, prefix.size()) != prefix) break;
    KG_RETURN_IF_ERROR(fn(k, it->value()));
  }
  return it->status();
}
}  // namespace

Status Recount(const Store& store, CountRecords* out) {
  out->meta.clear();
  out->degree.clear();
  std::map<std::string, uint64_t> meta;
  KG_RETURN_IF_ERROR(ForEachKey(store, Cf::kNodes, "", [&](std::string_view k, std::string_view v) {
    NodeId id = 0;
    Node n;
    // Undecodable records are kg check's other findings; count what decodes.
    if (!keys::DecodeNodeKey(k, &id).ok() || !DecodeNode(id, v, &n).ok()) return Status::OK();
    ++meta[keys::CountKey(keys::kCountNodes)];
    std::set<std::string> once(n.labels.begin(), n.labels.end());
    for (const auto& l : once) ++meta[keys::CountKey(keys::kCountLabel, l)];
    return Status::OK();
  }));
  std::map<uint64_t, std::map<std::string, std::array<uint64_t, 2>>> degree;
  for (Cf cf : {Cf::kOutAdj, Cf::kInAdj}) {
    KG_RETURN_IF_ERROR(ForEachKey(store, cf, "", [&](std::string_view k, std::string_view v) {
      keys::AdjKey ak;
      std::size_t n = 0;
      if (!keys::DecodeAdjKey(k, &ak).ok() || !keys::AdjChunkCount(v, &n).ok()) return Status::OK();
      degree[ak.self][ak.type][cf == Cf::kOutAdj ? 0 : 1] += n;
      if (cf != Cf::kOutAdj) return Status::OK();
      meta[keys::CountKey(keys::kCountType, ak.type)] += n;
      for (std::size_t i = 0; i < n; ++i)
        if (keys::AdjChunkItem(v, i).other == ak.self) ++meta[keys::CountKey(keys::kCountLoops)];
      return Status::OK();
    }));
  }
  KG_RETURN_IF_ERROR(ForEachKey(store, Cf::kEvidence, "", [&](std::string_view k, std::string_view) {
    if (k.size() > 8 && k[8] == keys::kEvidenceTyped) ++meta[keys::CountKey(keys::kCountEvidence)];
    return Status::OK();
  }));
  KG_RETURN_IF_ERROR(ForEachKey(store, Cf::kArticles, std::string(1, keys::kArticlePrefix),
                                [&](std::string_view, std::string_view) {
                                  ++meta[keys::CountKey(keys::kCountArticles)];
                                  return Status::OK();
                                }));
  for (const auto& [k, n] : meta) out->meta.emplace(k, keys::U64(n));
  std::vector<keys::DegreeEntry> rec;
  for (const auto& [node, types] : degree) {
    rec.clear();
    for (const auto& [type, c] : types) rec.push_back({type, c[0], c[1]});
    out->degree.emplace(keys::DegreeKey(node), keys::EncodeDegree(rec));
  }
  return Status::OK();
}

Status StoredCounts(const Store& store, CountRecords* out) {
  out->meta.clear();
  out->degree.clear();
  KG_RETURN_IF_ERROR(ForEachKey(store, Cf::kMeta, std::string(1, keys::kCountPrefix),
                                [&](std::string_view k, std::string_view v) {
                                  out->meta.emplace(k, v);
                                  return Status::OK();
                                }));
  return ForEachKey(store, Cf::kArticles, std::string(1, keys::kDegreePrefix),
                    [&](std::string_view k, std::string_view v) {
                      out->degree.emplace(k, v);
                      return Status::OK();
                    });
}

namespace {
template <typename Fn>
void Diff(const std::map<std::string, std::string>& have, const std::map<std::string, std::string>& want,
          Fn fn) {
  auto h = have.begin();
  auto w = want.begin();
  while (h != have.end() || w != want.end()) {
    if (w == want.end() || (h != have.end() && h->first < w->first)) {
      fn(h->first, &h->second, nullptr);
      ++h;
    } else if (h == have.end() || w->first < h->first) {
      fn(w->first, nullptr, &w->second);
      ++w;
    } else {
      if (h->second != w->second) fn(h->first, &h->second, &w->second);
      ++h;
      ++w;
    }
  }
}

std::string Describe(std::string_view key, const std::string* v) {
  if (!v) return "none";
  if (!key.empty() && key[0] == keys::kDegreePrefix) {
    std::vector<keys::DegreeEntry> rec;
    if (!keys::DecodeDegree(*v, &rec).ok()) return "undecodable";
    std::string s;
    for (const auto& e : rec)
      s += (s.empty() ? "" : " ") + e.type + ":" + std::to_string(e.out) + "/" + std::to_string(e.in);
    return s;
  }
  uint64_t n = 0;
  return keys::ReadU64(*v, 0, &n).ok() ? std::to_string(n) : "undecodable";
}

std::string Name(std::string_view key) {
  if (!key.empty() && key[0] == keys::kDegreePrefix) {
    uint64_t node = 0;
    if (keys::DecodeDegreeKey(key, &node).ok()) return "degree of node " + std::to_string(node);
  }
  if (key.size() >= 2 && key[0] == keys::kCountPrefix) {
    switch (key[1]) {
      case keys::kCountNodes: return "count of nodes";
      case keys::kCountLabel: return "count of label " + std::string(key.substr(2));
      case keys::kCountType: return "count of type " + std::string(key.substr(2));
      case keys::kCountLoops: return "count of self-loops";
      case keys::kCountArticles: return "count of articles";
      case keys::kCountEvidence: return "count of evidence records";
      default: break;
    }
  }
  return "count key " + std::string(key);
}
}  // namespace

void CountFixes(const CountRecords& have, const CountRecords& want, WriteBatch* b) {
  for (auto [cf, h, w] : {std::make_tuple(Cf::kMeta, &have.meta, &want.meta),
                          std::make_tuple(Cf::kArticles, &have.degree, &want.degree)}) {
    Diff(*h, *w, [&, cf = cf](const std::string& k, const std::string*, const std::string* wv) {
      if (wv) {
        b->Put(cf, k, *wv);
      } else {
        b->Delete(cf, k);
      }
    });
  }
}

uint64_t CountProblems(const CountRecords& have, const CountRecords& want,
                       std::vector<std::string>* lines, std::size_t max) {
  uint64_t total = 0;
  for (auto [h, w] : {std::make_pair(&have.meta, &want.meta), std::make_pair(&have.degree, &want.degree)}) {
    Diff(*h, *w, [&](const std::string& k, const std::string* hv, const std::string* wv) {
      ++total;
      if (lines->size() < max)
        lines->push_back(Name(k) + " is " + Describe(k, hv) + ", the records say " + Describe(k, wv));
    });
  }
  return total;
}

}  // namespace kg::internal
