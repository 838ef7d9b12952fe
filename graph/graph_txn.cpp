// Txn overlay and record codecs (see graph_internal.h).
#include <algorithm>

#include "graph/graph_internal.h"
#include "graph/rel_date.h"

namespace kg::internal {

namespace {
bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}
}  // namespace

Txn::Txn(WriteSession* session) : store_(session->store_), ids_(session->ids_), session_(session) {
  undo_.reserve(128);  // an article writes ~80 keys on average
}

Status Txn::Get(Cf cf, std::string_view key, std::string* value) const {
  const auto& ov = pending_[static_cast<std::size_t>(cf)];
  if (auto it = ov.find(key); it != ov.end()) {
    if (!it->second) return Status::NotFound("key not found");
    *value = *it->second;
    return Status::OK();
  }
  if (session_) return session_->Get(cf, key, value);
  return store_->Get(cf, key, value);
}

void Txn::Put(Cf cf, std::string_view key, std::string_view value) {
  if (session_) return SessionWrite(cf, key, std::string(value));
  pending_[static_cast<std::size_t>(cf)].insert_or_assign(std::string(key), std::string(value));
}

void Txn::PutMove(Cf cf, std::string_view key, std::string&& value) {
  if (session_) return SessionWrite(cf, key, std::move(value));
  pending_[static_cast<std::size_t>(cf)].insert_or_assign(std::string(key), std::move(value));
}

void Txn::Delete(Cf cf, std::string_view key) {
  if (session_) return SessionWrite(cf, key, std::nullopt);
  pending_[static_cast<std::size_t>(cf)].insert_or_assign(std::string(key), std::nullopt);
}

void Txn::SessionWrite(Cf cf, std::string_view key, std::optional<std::string> value) {
  auto& group = session_->group_[static_cast<std::size_t>(cf)];
  const std::size_t add = key.size() + (value ? value->size() : 0) + WriteSession::kEntryOverhead;
  // One descent: lower_bound finds the key or the hint for inserting it. Keys
  // under new ids (nodes, relationships, evidence, reference counts) usually
  // sort after everything in the group: then the end is the hint, no descent.
  const std::size_t ci = static_cast<std::size_t>(cf);
  Overlay::iterator it;
  if (session_->hint_ok_[ci] && std::string_view(session_->hint_[ci]->first) == key) {
    it = group.erase(session_->hint_[ci], session_->hint_[ci]);  // the same entry, non-const
  } else if (!group.empty() && BytewiseLess()(group.rbegin()->first, key)) {
    it = group.end();
  } else {
    it = group.lower_bound(key);
  }
  if (it != group.end() && std::string_view(it->first) == key) {
    const std::size_t old =
        it->first.size() + (it->second ? it->second->size() : 0) + WriteSession::kEntryOverhead;
    undo_.push_back({it, cf, true, std::move(it->second)});
    it->second = std::move(value);
    session_->group_bytes_ += add;
    session_->group_bytes_ -= std::min(session_->group_bytes_, old);
  } else {
    it = group.emplace_hint(it, std::piecewise_construct, std::forward_as_tuple(key),
                            std::forward_as_tuple(std::move(value)));
    undo_.push_back({it, cf, false, std::nullopt});
    session_->group_bytes_ += add;
  }
}

Txn::~Txn() {
  if (!session_ || undo_.empty()) return;
  // Not absorbed: the article failed. Restore the group as it was (newest
  // write first, so a key written twice ends with its value from before).
  session_->hint_ok_.fill(false);  // entries may be erased
  for (auto u = undo_.rbegin(); u != undo_.rend(); ++u) {
    auto& group = session_->group_[static_cast<std::size_t>(u->cf)];
    auto it = u->it;
    const std::size_t cur =
        it->first.size() + (it->second ? it->second->size() : 0) + WriteSession::kEntryOverhead;
    session_->group_bytes_ -= std::min(session_->group_bytes_, cur);
    if (u->existed) {
      it->second = std::move(u->value);
      session_->group_bytes_ +=
          it->first.size() + (it->second ? it->second->size() : 0) + WriteSession::kEntryOverhead;
    } else {
      group.erase(it);
    }
  }
}

Status Txn::ScanPrefix(Cf cf, std::string_view prefix, ScanFn fn) const {
  return ScanFrom(cf, prefix, prefix, fn);
}

Status Txn::ScanFrom(Cf cf, std::string_view prefix, std::string_view start, ScanFn fn) const {
  const std::size_t ci = static_cast<std::size_t>(cf);
  // Sorted sources, highest priority first: own writes, then (with a session)
  // the pending group and the session cache; then maybe the store.
  struct Src {
    Overlay::const_iterator it, end;
  };
  std::array<Src, 3> src;
  std::size_t n_src = 0;
  auto add = [&](const Overlay& ov) {
    if (!ov.empty()) src[n_src++] = {ov.lower_bound(start), ov.end()};
  };
  add(pending_[ci]);
  bool need_store = true, memo = false;
  std::size_t group_src = src.size();  // index of the group's source, if any
  if (session_) {
    if (!session_->group_[ci].empty()) group_src = n_src;
    add(session_->group_[ci]);
    add(session_->clean_[ci]);
    need_store = session_->StoreMayHave(cf, prefix, true);
    memo = need_store && start == prefix;
  }
  std::unique_ptr<Iterator> it;
  if (need_store) {
    it = store_->NewPrefixIterator(cf, prefix);
    it->Seek(start);
  }
  std::vector<std::pair<std::string, std::string>> seen;  // store entries, for the memo
  for (;;) {
    std::string_view min;
    bool any = false;
    for (std::size_t i = 0; i < n_src; ++i) {
      if (src[i].it == src[i].end || !StartsWith(src[i].it->first, prefix)) continue;
      if (!any || src[i].it->first < min) min = src[i].it->first;
      any = true;
    }
    bool sv = it && it->Valid() && StartsWith(it->key(), prefix);
    if (sv && (!any || it->key() < min)) {
      min = it->key();
      any = true;
    }
    if (!any) break;
    // The value of `min`: from the highest-priority source that has it.
    const std::optional<std::string>* ov_value = nullptr;
    bool from_store = false;
    for (std::size_t i = 0; i < n_src; ++i) {
      if (src[i].it != src[i].end && src[i].it->first == min) {
        ov_value = &src[i].it->second;
        break;
      }
    }
    const bool store_has = sv && it->key() == min;
    if (!ov_value) from_store = true;
    if (group_src < n_src && src[group_src].it != src[group_src].end &&
        src[group_src].it->first == min)
      session_->Hint(cf, src[group_src].it);
    if (memo && store_has) seen.emplace_back(it->key(), it->value());
    bool go_on = true;
    if (from_store) {
      go_on = fn(it->key(), it->value());
    } else if (*ov_value) {
      go_on = fn(min, **ov_value);
    }
    if (!go_on) return Status::OK();  // stopped early: nothing to memoise
    // Advance every source positioned at `min`. min may point into a map key
    // (nodes stay alive when an iterator moves on) or into the store
    // iterator's key (moved last).
    for (std::size_t i = 0; i < n_src; ++i)
      if (src[i].it != src[i].end && src[i].it->first == min) ++src[i].it;
    if (store_has) it->Next();
  }
  if (it) KG_RETURN_IF_ERROR(it->status());
  if (memo) {
    for (auto& [k, v] : seen) session_->Memo(cf, k, std::move(v));
    session_->complete_[ci].emplace(prefix);
  }
  return Status::OK();
}

bool Txn::HasPrefix(Cf cf, std::string_view prefix, Status* s) const {
  bool found = false;
  *s = ScanPrefix(cf, prefix, [&](std::string_view, std::string_view) {
    found = true;
    return false;
  });
  return found;
}

bool Txn::Memoized(std::string_view key) const {
  return session_ && session_->memo_.count(std::string(key)) > 0;
}

void Txn::AddMemo(std::string key) {
  if (session_) memo_.push_back(std::move(key));
}

uint64_t Txn::NewNodeId() {
  ids_moved_ = true;
  return ids_->next_node++;
}

uint64_t Txn::NewRelId() {
  ids_moved_ = true;
  return ids_->next_rel++;
}

bool Txn::empty() const {
  return !ids_moved_ &&
         std::all_of(pending_.begin(), pending_.end(), [](const Overlay& o) { return o.empty(); });
}

void AppendOverlay(Cf cf, const Overlay& ov, WriteBatch* b) {
  for (const auto& [k, v] : ov) {
    if (v) {
      b->Put(cf, k, *v);
    } else {
      b->Delete(cf, k);
    }
  }
}

WriteBatch Txn::Batch() const {
  ++ids_->epoch;
  WriteBatch b;
  for (std::size_t i = 0; i < pending_.size(); ++i) AppendOverlay(static_cast<Cf>(i), pending_[i], &b);
  if (ids_moved_) {
    b.Put(Cf::kMeta, keys::kMetaNextNodeId, keys::U64(ids_->next_node));
    b.Put(Cf::kMeta, keys::kMetaNextRelId, keys::U64(ids_->next_rel));
  }
  return b;
}

Status Txn::AppendCounts(WriteBatch* b) const {
  if (counts_.empty()) return Status::OK();
  return counts_.Resolve(
      [&](Cf cf, const std::string& key, std::string* v) { return store_->Get(cf, key, v); },
      [&](Cf cf, const std::string& key, std::optional<std::string> v) {
        if (v) {
          b->Put(cf, key, *v);
        } else {
          b->Delete(cf, key);
        }
      });
}

// ---- records ----

Status DecodeNode(NodeId id, std::string_view bytes, Node* out) {
  nlohmann::json j;
  KG_RETURN_IF_ERROR(keys::DecodeValue(bytes, "node", &j));
  if (!j.is_object()) return Status::Corruption("node record is not a map");
  out->id = id;
  out->labels.clear();
  if (auto l = j.find("l"); l != j.end() && l->is_array())
    for (const auto& s : *l)
      if (s.is_string()) out->labels.push_back(s.get<std::string>());
  auto p = j.find("p");
  out->props = (p != j.end() && p->is_object()) ? *p : nlohmann::json::object();
  return Status::OK();
}

Status DecodeRel(RelId id, std::string_view bytes, Rel* out) {
  nlohmann::json j;
  KG_RETURN_IF_ERROR(keys::DecodeValue(bytes, "relationship", &j));
  if (!j.is_object() || !j.contains("s") || !j.contains("d") || !j.contains("t") ||
      !j["s"].is_number() || !j["d"].is_number() || !j["t"].is_string())
    return Status::Corruption("relationship record " + std::to_string(id) + " lacks src/dst/type");
  out->id = id;
  out->src = j["s"].get<uint64_t>();
  out->dst = j["d"].get<uint64_t>();
  out->type = j["t"].get<std::string>();
  auto p = j.find("p");
  out->props = (p != j.end() && p->is_object()) ? *p : nlohmann::json::object();
  return Status::OK();
}

Status LoadNode(const Txn& t, NodeId id, Node* out) {
  std::string v;
  Status s = t.Get(Cf::kNodes, keys::NodeKey(id), &v);
  if (s.IsNotFound()) return Status::NotFound("node " + std::to_string(id) + " does not exist");
  KG_RETURN_IF_ERROR(s);
  return DecodeNode(id, v, out);
}

Status LoadRel(const Txn& t, RelId id, Rel* out) {
  std::string v;
  Status s = t.Get(Cf::kRels, keys::RelKey(id), &v);
  if (s.IsNotFound())
    return Status::NotFound("relationship " + std::to_string(id) + " does not exist");
  KG_RETURN_IF_ERROR(s);
  return DecodeRel(id, v, out);
}

std::set<std::string> NameTerms(const nlohmann::json& props) {
  std::set<std::string> out;
  auto add = [&](const nlohmann::json& v) {
    if (!v.is_string()) return;
    std::string n = NormalizeName(v.get<std::string>());
    if (!n.empty()) out.insert(std::move(n));
  };
  if (auto it = props.find("name"); it != props.end()) add(*it);
  if (auto it = props.find("aliases"); it != props.end() && it->is_array())
    for (const auto& a : *it) add(a);
  return out;
}

std::optional<std::string> ExternalId(const nlohmann::json& props) {
  auto it = props.find("id");
  if (it != props.end() && it->is_string() && !it->get<std::string>().empty())
    return it->get<std::string>();
  return std::nullopt;
}

void PutNode(Txn* t, const Node& n, const Node* old) {
  // {"l": labels, "p": props} as keys::EncodeValue writes it, without copying props.
  std::string rec;
  MsgWriter w(&rec);
  w.Map(2);
  w.Str("l");
  w.Array(n.labels.size());
  for (const auto& l : n.labels) w.Str(l);
  w.Str("p");
  w.Raw(keys::EncodeValue(n.props));
  t->PutMove(Cf::kNodes, keys::NodeKey(n.id), std::move(rec));
  if (CountDeltas* c = t->counts()) {
    if (!old) {
      c->Node(n.labels, +1);
    } else if (old->labels != n.labels) {
      std::set<std::string> was(old->labels.begin(), old->labels.end());
      std::set<std::string> is(n.labels.begin(), n.labels.end());
      for (const auto& l : was)
        if (!is.count(l)) c->Label(l, -1);
      for (const auto& l : is)
        if (!was.count(l)) c->Label(l, +1);
    }
  }
  std::set<std::string> now = NameTerms(n.props);
  std::set<std::string> before = old ? NameTerms(old->props) : std::set<std::string>{};
  for (const auto& term : before)
    if (!now.count(term)) t->Delete(Cf::kNames, keys::NameKey(term, n.id));
  for (const auto& term : now)
    if (!before.count(term)) t->Put(Cf::kNames, keys::NameKey(term, n.id), "");
  auto ext_now = ExternalId(n.props);
  auto ext_before = old ? ExternalId(old->props) : std::nullopt;
  if (ext_before != ext_now) {
    if (ext_before) t->Delete(Cf::kNames, keys::ExternalIdKey(*ext_before, n.id));
    if (ext_now) t->Put(Cf::kNames, keys::ExternalIdKey(*ext_now, n.id), "");
  }
}

void PutNewEntityNode(Txn* t, NodeId id, std::string_view label, const std::string& ext,
                      const std::string& name, const std::vector<const std::string*>& aliases,
                      const nlohmann::json& extra) {
  // The props map in key order, as nlohmann's std::map holds it: the three
  // fixed keys merged with the extra keys they do not shadow.
  static const std::string kAliases = "aliases", kId = "id", kName = "name";
  struct Entry {
    const std::string* key;
    const nlohmann::json* extra;  // nullptr: one of the fixed keys
  };
  std::vector<Entry> entries = {{&kAliases, nullptr}, {&kId, nullptr}, {&kName, nullptr}};
  if (extra.is_object())
    for (auto it = extra.begin(); it != extra.end(); ++it)
      if (it.key() != kAliases && it.key() != kId && it.key() != kName)
        entries.push_back({&it.key(), &it.value()});
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return *a.key < *b.key; });
  std::string rec;
  rec.reserve(64 + ext.size() + name.size() + 16 * aliases.size());
  MsgWriter w(&rec);
  w.Map(2);
  w.Str("l");
  w.Array(1);
  w.Str(label);
  w.Str("p");
  w.Map(entries.size());
  for (const auto& e : entries) {
    w.Str(*e.key);
    if (e.extra) {
      w.Raw(keys::EncodeValue(*e.extra));
    } else if (e.key == &kAliases) {
      w.Array(aliases.size());
      for (const std::string* a : aliases) w.Str(*a);
    } else {
      w.Str(e.key == &kId ? ext : name);
    }
  }
  t->PutMove(Cf::kNodes, keys::NodeKey(id), std::move(rec));
  if (CountDeltas* c = t->counts()) {
    c->AddNodes(+1);
    c->Label(label, +1);
  }
  // NameTerms of those props: normalised name and aliases, sorted, no empties.
  std::vector<std::string> terms;
  terms.reserve(1 + aliases.size());
  terms.push_back(NormalizeName(name));
  for (const std::string* a : aliases) terms.push_back(NormalizeName(*a));
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  for (const auto& term : terms)
    if (!term.empty()) t->Put(Cf::kNames, keys::NameKey(term, id), "");
  if (!ext.empty()) t->Put(Cf::kNames, keys::ExternalIdKey(ext, id), "");
}

void DeleteNodeRecord(Txn* t, const Node& n) {
  t->Delete(Cf::kNodes, keys::NodeKey(n.id));
  if (CountDeltas* c = t->counts()) c->Node(n.labels, -1);
  for (const auto& term : NameTerms(n.props)) t->Delete(Cf::kNames, keys::NameKey(term, n.id));
  if (auto ext = ExternalId(n.props)) t->Delete(Cf::kNames, keys::ExternalIdKey(*ext, n.id));
  t->Delete(Cf::kArticles, keys::RefCountKey(n.id));
}

void IndexRelDate(Txn* t, RelId rel, std::optional<int64_t> old_day,
                  std::optional<int64_t> new_day) {
  if (old_day == new_day) return;
  if (old_day) t->Delete(Cf::kNames, keys::RelDateKey(*old_day, rel));
  if (new_day) t->Put(Cf::kNames, keys::RelDateKey(*new_day, rel), "");
}

std::optional<int64_t> RelDayOf(const PropMap& props) {
  const PropValue* v = props.Find("date");
  if (!v) return std::nullopt;
  if (v->kind == PropValue::kString) return IndexedRelDayOfText(v->s);
  if (v->kind != PropValue::kRaw) return std::nullopt;
  nlohmann::json j;
  if (!keys::DecodeValue(v->s, "date", &j).ok()) return std::nullopt;
  return IndexedRelDay(j);
}

namespace {
// The day the index holds the stored record of `id` under (before a write).
std::optional<int64_t> StoredRelDay(const Txn& t, RelId id) {
  std::string v;
  if (!t.Get(Cf::kRels, keys::RelKey(id), &v).ok()) return std::nullopt;
  RelRecord old;
  if (!DecodeRelRecord(id, v, &old).ok()) return std::nullopt;
  return RelDayOf(old.props);
}

std::optional<int64_t> JsonRelDay(const nlohmann::json& props) {
  auto it = props.find("date");
  return it == props.end() ? std::nullopt : IndexedRelDay(*it);
}
}  // namespace

Status BuildRelDateIndex(Store* store) {
  WriteBatch b;
  auto it = store->NewIterator(Cf::kRels);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    uint64_t id = 0;
    KG_RETURN_IF_ERROR(keys::DecodeRelKey(it->key(), &id));
    RelRecord r;
    KG_RETURN_IF_ERROR(DecodeRelRecord(id, it->value(), &r));
    if (auto day = RelDayOf(r.props)) b.Put(Cf::kNames, keys::RelDateKey(*day, id), "");
    if (b.ops.size() >= 100000) {
      KG_RETURN_IF_ERROR(store->Write(b));
      b = WriteBatch();
    }
  }
  KG_RETURN_IF_ERROR(it->status());
  b.Put(Cf::kMeta, keys::kMetaRelDateIndex, "1");
  return store->Write(b);
}

Status PutRel(Txn* t, const Rel& r, bool is_new) {
  IndexRelDate(t, r.id, is_new ? std::nullopt : StoredRelDay(*t, r.id), JsonRelDay(r.props));
  nlohmann::json rec = {{"s", r.src}, {"d", r.dst}, {"t", r.type}, {"p", r.props}};
  t->PutMove(Cf::kRels, keys::RelKey(r.id), keys::EncodeValue(rec));
  if (is_new) {
    KG_RETURN_IF_ERROR(AdjInsert(t, Cf::kOutAdj, r.src, r.type, r.dst, r.id));
    KG_RETURN_IF_ERROR(AdjInsert(t, Cf::kInAdj, r.dst, r.type, r.src, r.id));
  }
  return Status::OK();
}

Status LoadRelRecord(const Txn& t, RelId id, RelRecord* out) {
  std::string v;
  Status s = t.Get(Cf::kRels, keys::RelKey(id), &v);
  if (s.IsNotFound())
    return Status::NotFound("relationship " + std::to_string(id) + " does not exist");
  KG_RETURN_IF_ERROR(s);
  KG_RETURN_IF_ERROR(DecodeRelRecord(id, v, out));
  out->indexed_day = RelDayOf(out->props);
  return Status::OK();
}

Status PutRelRecord(Txn* t, const RelRecord& r, bool is_new) {
  IndexRelDate(t, r.id, is_new ? std::nullopt : r.indexed_day, RelDayOf(r.props));
  t->PutMove(Cf::kRels, keys::RelKey(r.id), EncodeRelRecord(r));
  if (is_new) {
    KG_RETURN_IF_ERROR(AdjInsert(t, Cf::kOutAdj, r.src, r.type, r.dst, r.id));
    KG_RETURN_IF_ERROR(AdjInsert(t, Cf::kInAdj, r.dst, r.type, r.src, r.id));
  }
  return Status::OK();
}

Status DeleteRelRecord(Txn* t, const Rel& r) {
  IndexRelDate(t, r.id, StoredRelDay(*t, r.id), std::nullopt);
  t->Delete(Cf::kRels, keys::RelKey(r.id));
  KG_RETURN_IF_ERROR(AdjErase(t, Cf::kOutAdj, r.src, r.type, r.dst, r.id));
  KG_RETURN_IF_ERROR(AdjErase(t, Cf::kInAdj, r.dst, r.type, r.src, r.id));
  std::vector<std::string> ev;
  KG_RETURN_IF_ERROR(t->ScanPrefix(Cf::kEvidence, keys::EvidencePrefix(r.id),
                                   [&](std::string_view k, std::string_view) {
                                     ev.emplace_back(k);
                                     return true;
                                   }));
  for (const auto& k : ev) {
    t->Delete(Cf::kEvidence, k);
    if (CountDeltas* c = t->counts(); c && k.size() > 8 && k[8] == keys::kEvidenceTyped)
      c->Meta(keys::kCountEvidence, -1);
  }
  return Status::OK();
}

Status RelsOf(const Txn& t, NodeId id, std::vector<RelId>* out) {
  out->clear();
  auto collect = [&](std::string_view, const keys::AdjItem& e) {
    out->push_back(e.rel);
    return true;
  };
  KG_RETURN_IF_ERROR(AdjScan(t, Cf::kOutAdj, keys::AdjPrefix(id), collect));
  KG_RETURN_IF_ERROR(AdjScan(t, Cf::kInAdj, keys::AdjPrefix(id), collect));
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
  return Status::OK();
}

// ---- packed adjacency ----

namespace {
// The chunk that holds (or would hold) entry (other, rel) of the (self, type)
// list: the first chunk whose bound is >= the entry. *found false: no such
// chunk (the entry belongs in a new tail chunk).
Status FindChunk(const Txn& t, Cf cf, NodeId self, std::string_view type, NodeId other, RelId rel,
                 std::string* key, std::string* value, bool* found) {
  *found = false;
  const std::string seek = keys::EncodeAdjKey(self, type, other, rel);
  const std::string_view prefix = std::string_view(seek).substr(0, seek.size() - 16);
  return t.ScanFrom(cf, prefix, seek, [&](std::string_view k, std::string_view v) {
    key->assign(k);
    value->assign(v);
    *found = true;
    return false;
  });
}

// Index of the first entry of a chunk that is >= the 16-byte entry `ek`
// (bytewise order is entry order). REQUIRES: value holds n entries.
std::size_t ChunkLowerBound(std::string_view value, std::size_t n, std::string_view ek) {
  std::size_t lo = 0, hi = n;
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (value.compare(mid * keys::kAdjItemBytes, keys::kAdjItemBytes, ek) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
}  // namespace

Status AdjInsert(Txn* t, Cf cf, NodeId self, std::string_view type, NodeId other, RelId rel) {
  // The seek key of the entry is the list prefix followed by the 16 entry bytes.
  const std::string seek = keys::EncodeAdjKey(self, type, other, rel);
  const std::string_view prefix = std::string_view(seek).substr(0, seek.size() - 16);
  const std::string_view ek = std::string_view(seek).substr(seek.size() - 16);
  std::string key, value;
  bool found = false, present = false, spliced = false;
  Status bad;
  KG_RETURN_IF_ERROR(t->ScanFrom(cf, prefix, seek, [&](std::string_view k, std::string_view v) {
    found = true;
    key.assign(k);
    std::size_t n = 0;
    bad = keys::AdjChunkCount(v, &n);
    if (!bad.ok()) return false;
    if (n < keys::kAdjChunkMax) {
      // Fast path: entries are fixed-width big-endian (other, rel), so
      // bytewise order is entry order; splice the 16 bytes in while copying
      // the chunk once (no decode/encode unless it splits).
      const std::size_t lo = ChunkLowerBound(v, n, ek);
      if (lo < n && v.compare(lo * keys::kAdjItemBytes, keys::kAdjItemBytes, ek) == 0) {
        present = true;
        return false;
      }
      value.reserve(v.size() + keys::kAdjItemBytes);
      value.append(v.substr(0, lo * keys::kAdjItemBytes));
      value.append(ek);
      value.append(v.substr(lo * keys::kAdjItemBytes));
      spliced = true;
    } else {
      value.assign(v);
    }
    return false;
  }));
  KG_RETURN_IF_ERROR(bad);
  if (present) return Status::OK();
  if (spliced) {
    if (CountDeltas* c = t->counts()) c->AdjEntry(cf, self, type, other, +1);
    t->PutMove(cf, key, std::move(value));
    return Status::OK();
  }
  const keys::AdjItem e{other, rel};
  std::vector<keys::AdjItem> items;
  if (found) {
    KG_RETURN_IF_ERROR(keys::DecodeAdjChunk(value, &items));
  } else {
    key = keys::AdjTailKey(self, type);
  }
  auto pos = std::lower_bound(items.begin(), items.end(), e);
  if (pos != items.end() && *pos == e) return Status::OK();
  if (CountDeltas* c = t->counts()) c->AdjEntry(cf, self, type, other, +1);
  const std::size_t at = static_cast<std::size_t>(pos - items.begin());
  items.insert(pos, e);
  if (items.size() <= keys::kAdjChunkMax) {
    t->PutMove(cf, key, keys::EncodeAdjChunk(items.data(), items.size()));
    return Status::OK();
  }
  // Split. Appending at the end (ids grow, so the usual case) keeps the full
  // chunk and starts a new one; an insert inside splits in halves. The lower
  // part gets its last entry as bound, which lies strictly between the
  // previous chunk's bound and this chunk's key, so it is a new key.
  const std::size_t cut = at + 1 == items.size() ? items.size() - 1 : items.size() / 2;
  const keys::AdjItem& last_low = items[cut - 1];
  t->PutMove(cf, keys::EncodeAdjKey(self, type, last_low.other, last_low.rel),
             keys::EncodeAdjChunk(items.data(), cut));
  t->PutMove(cf, key, keys::EncodeAdjChunk(items.data() + cut, items.size() - cut));
  return Status::OK();
}

Status AdjErase(Txn* t, Cf cf, NodeId self, std::string_view type, NodeId other, RelId rel) {
  std::string key, value;
  bool found = false;
  KG_RETURN_IF_ERROR(FindChunk(*t, cf, self, type, other, rel, &key, &value, &found));
  if (!found) return Status::OK();
  std::vector<keys::AdjItem> items;
  KG_RETURN_IF_ERROR(keys::DecodeAdjChunk(value, &items));
  const keys::AdjItem e{other, rel};
  auto pos = std::lower_bound(items.begin(), items.end(), e);
  if (pos == items.end() || !(*pos == e)) return Status::OK();
  items.erase(pos);
  if (CountDeltas* c = t->counts()) c->AdjEntry(cf, self, type, other, -1);
  if (items.empty()) {
    t->Delete(cf, key);  // later entries fall to the next chunk (or a new tail)
  } else {
    t->Put(cf, key, keys::EncodeAdjChunk(items.data(), items.size()));
  }
  return Status::OK();
}

Status AdjFind(const Txn& t, Cf cf, NodeId self, std::string_view type, NodeId other,
               std::vector<RelId>* out) {
  out->clear();
  Status bad;
  const std::string start = keys::AdjTypeOtherPrefix(self, type, other);
  const std::string_view prefix = std::string_view(start).substr(0, start.size() - 8);
  const std::string_view other_bytes = std::string_view(start).substr(start.size() - 8);
  KG_RETURN_IF_ERROR(t.ScanFrom(cf, prefix, start, [&](std::string_view k, std::string_view v) {
    std::string_view ktype;
    std::size_t n = 0;
    bad = keys::DecodeAdjKeyType(k, &ktype);
    if (bad.ok()) bad = keys::AdjChunkCount(v, &n);
    if (!bad.ok()) return false;
    // First entry whose `other` is >= the wanted one (entries ascend), then
    // every entry with exactly that `other`.
    std::size_t lo = 0, hi = n;
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (v.compare(mid * keys::kAdjItemBytes, 8, other_bytes) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (std::size_t i = lo; i < n; ++i) {
      const keys::AdjItem e = keys::AdjChunkItem(v, i);
      if (e.other != other) break;
      out->push_back(e.rel);
    }
    // Later chunks hold entries above this chunk's bound.
    const uint64_t bound_other = LoadBigEndian64(k.data() + k.size() - 16);
    return bound_other <= other;
  }));
  return bad;
}

Status AdjScan(const Txn& t, Cf cf, std::string_view prefix,
               FunctionRef<bool(std::string_view, const keys::AdjItem&)> fn) {
  Status bad;
  KG_RETURN_IF_ERROR(t.ScanPrefix(cf, prefix, [&](std::string_view k, std::string_view v) {
    std::string_view type;
    std::size_t n = 0;
    bad = keys::DecodeAdjKeyType(k, &type);
    if (bad.ok()) bad = keys::AdjChunkCount(v, &n);
    if (!bad.ok()) return false;
    for (std::size_t i = 0; i < n; ++i)
      if (!fn(type, keys::AdjChunkItem(v, i))) return false;
    return true;
  }));
  return bad;
}

}  // namespace kg::internal
