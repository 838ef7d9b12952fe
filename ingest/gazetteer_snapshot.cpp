#include "ingest/gazetteer_snapshot.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "ingest/artifacts.h"
#include "ingest/reader.h"

namespace kg::ingest {

namespace {

constexpr char kMagic[8] = {'K', 'G', 'G', 'A', 'Z', 0, 0, 0};

// Size and mtime of each gazetteer file (0, 0 when missing).
std::array<uint64_t, 14> Stamps(const GazetteerPaths& p) {
  std::array<uint64_t, 14> out{};
  int k = 0;
  for (const std::string* f : {&p.iso_json, &p.iso_mo_de, &p.geonames_mo_de, &p.geonames_mo_en,
                               &p.iso2_json, &p.iso2_mo_de, &p.iso2_mo_en}) {
    struct stat st;
    if (::stat(f->c_str(), &st) == 0) {
      out[k] = static_cast<uint64_t>(st.st_size);
      out[k + 1] = static_cast<uint64_t>(st.st_mtime);
    }
    k += 2;
  }
  return out;
}

class Writer {
 public:
  void U32(uint32_t v) { Raw(&v, 4); }
  void U64(uint64_t v) { Raw(&v, 8); }
  void I32(int32_t v) { Raw(&v, 4); }
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void Raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  const std::string& out() const { return out_; }

 private:
  std::string out_;
};

// Bounds-checked reads; `ok()` turns false at the first overrun.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  uint32_t U32() { return Fixed<uint32_t>(); }
  uint64_t U64() { return Fixed<uint64_t>(); }
  int32_t I32() { return Fixed<int32_t>(); }
  uint8_t U8() { return Fixed<uint8_t>(); }
  std::string_view Str() {
    const uint32_t n = U32();
    if (!ok_ || in_.size() - at_ < n) return Fail();
    std::string_view s = in_.substr(at_, n);
    at_ += n;
    return s;
  }
  // A count of items of at least `min_bytes` each that the rest can hold.
  uint32_t Count(size_t min_bytes) {
    const uint32_t n = U32();
    if (ok_ && static_cast<uint64_t>(n) * min_bytes > in_.size() - at_) Fail();
    return ok_ ? n : 0;
  }
  bool ok() const { return ok_; }
  bool done() const { return at_ == in_.size(); }

 private:
  template <typename T>
  T Fixed() {
    T v{};
    if (!ok_ || in_.size() - at_ < sizeof v) {
      Fail();
      return v;
    }
    std::memcpy(&v, in_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string_view Fail() {
    ok_ = false;
    at_ = in_.size();
    return {};
  }
  std::string_view in_;
  size_t at_ = 0;
  bool ok_ = true;
};

void PutSurfaces(Writer* w, const Catalog::SurfaceMap& m) {
  w->U32(static_cast<uint32_t>(m.size()));
  for (const auto& [key, v] : m) {
    w->Str(key);
    w->U32(static_cast<uint32_t>(v.size()));
    for (const SurfaceEntry& e : v) {
      w->I32(e.entity);
      w->U8(static_cast<uint8_t>(e.kind));
      w->Str(e.lang);
      w->U8(e.lower ? 1 : 0);
    }
  }
}

// Tables get room for the curated KB loaded on top (as LoadGazetteers
// reserves it): no rehash of ~25,000 keys at the first KB entries.
size_t WithRoom(uint32_t n) { return n + n / 2 + 4096; }

bool GetSurfaces(Reader* r, Catalog::SurfaceMap* m) {
  const uint32_t n = r->Count(8);
  m->Reserve(WithRoom(n));
  for (uint32_t i = 0; i < n && r->ok(); ++i) {
    std::vector<SurfaceEntry>& v = *m->TryEmplace(r->Str()).first;
    const uint32_t k = r->Count(10);
    v.resize(k);
    for (SurfaceEntry& e : v) {
      e.entity = r->I32();
      e.kind = static_cast<Surface>(r->U8());
      e.lang = std::string(r->Str());
      e.lower = r->U8() != 0;
    }
  }
  return r->ok();
}

template <typename V>
void PutKeys(Writer* w, const FlatMap<V>& m) {
  w->U32(static_cast<uint32_t>(m.size()));
  for (const auto& kv : m) w->Str(kv.first);
}

template <typename V>
bool GetKeys(Reader* r, FlatMap<V>* m) {
  const uint32_t n = r->Count(4);
  m->Reserve(n);
  for (uint32_t i = 0; i < n && r->ok(); ++i) m->TryEmplace(r->Str());
  return r->ok();
}

}  // namespace

// Every table of a Catalog, in one place (a friend of Catalog).
struct CatalogSnapshot {
  static void Put(const Catalog& c, Writer* w) {
    w->U32(static_cast<uint32_t>(c.entities_.capacity()));
    w->U32(static_cast<uint32_t>(c.entities_.size()));
    for (const EntityInfo& e : c.entities_) {
      w->Str(e.id);
      w->Str(e.name);
      w->Str(e.name_en);
      w->Str(e.type);
      w->U32(static_cast<uint32_t>(e.names.size()));
      for (const auto& n : e.names) w->Str(n);
      w->Str(e.country);
      w->U32(static_cast<uint32_t>(e.roles.size()));
      for (const KbRole& r : e.roles) {
        w->Str(r.role);
        w->Str(r.of);
        w->Str(r.from);
        w->Str(r.to);
      }
      w->Str(e.gender);
      w->Str(e.props.empty() ? std::string() : e.props.dump());
      w->I32(e.geonames);
      w->U8(e.from_kb ? 1 : 0);
    }
    PutSurfaces(w, c.surfaces_);
    PutSurfaces(w, c.stem_surfaces_);
    w->U32(static_cast<uint32_t>(c.first_tokens_.size()));
    for (const auto& [key, n] : c.first_tokens_) {
      w->Str(key);
      w->I32(n);
    }
    PutKeys(w, c.lower_first_);
    w->U32(static_cast<uint32_t>(c.lower_prefix_.size()));
    for (uint32_t p : c.lower_prefix_) w->U32(p);
    PutKeys(w, c.stem_first_);
    w->U32(static_cast<uint32_t>(c.with_roles_.size()));
    for (int i : c.with_roles_) w->I32(i);
    w->U32(static_cast<uint32_t>(c.capitals_.size()));
    for (int i : c.capitals_) w->I32(i);
    w->I32(c.max_tokens_);
  }

  static bool Get(Reader* r, Catalog* c) {
    const uint32_t capacity = r->U32();
    const uint32_t n = r->Count(40);
    c->entities_.reserve(std::max(capacity, n));
    c->by_id_.Reserve(std::max(capacity, n));
    for (uint32_t i = 0; i < n && r->ok(); ++i) {
      EntityInfo e;
      e.id = std::string(r->Str());
      e.name = std::string(r->Str());
      e.name_en = std::string(r->Str());
      e.type = std::string(r->Str());
      e.names.resize(r->Count(4));
      for (auto& s : e.names) s = std::string(r->Str());
      e.country = std::string(r->Str());
      e.roles.resize(r->Count(16));
      for (KbRole& role : e.roles) {
        role.role = std::string(r->Str());
        role.of = std::string(r->Str());
        role.from = std::string(r->Str());
        role.to = std::string(r->Str());
      }
      e.gender = std::string(r->Str());
      const std::string_view props = r->Str();
      if (!props.empty()) {
        e.props = nlohmann::json::parse(props, nullptr, false);
        if (e.props.is_discarded() || !e.props.is_object()) return false;
      }
      e.geonames = r->I32();
      e.from_kb = r->U8() != 0;
      auto [slot, inserted] = c->by_id_.TryEmplace(e.id);
      if (!inserted) return false;  // ids are unique
      *slot = static_cast<int>(c->entities_.size());
      c->entities_.push_back(std::move(e));
    }
    if (!GetSurfaces(r, &c->surfaces_) || !GetSurfaces(r, &c->stem_surfaces_)) return false;
    const uint32_t nf = r->Count(8);
    c->first_tokens_.Reserve(WithRoom(nf));
    for (uint32_t i = 0; i < nf && r->ok(); ++i) {
      const std::string_view key = r->Str();
      *c->first_tokens_.TryEmplace(key).first = r->I32();
      const size_t h = FlatHash(key) & Catalog::kBitsMask;  // as AddSurface sets it
      c->first_bits_[h >> 6] |= uint64_t{1} << (h & 63);
    }
    if (!GetKeys(r, &c->lower_first_)) return false;
    for (uint32_t i = 0, np = r->Count(4); i < np && r->ok(); ++i)
      c->lower_prefix_.insert(r->U32());
    if (!GetKeys(r, &c->stem_first_)) return false;
    for (uint32_t i = 0, nr = r->Count(4); i < nr && r->ok(); ++i)
      c->with_roles_.push_back(r->I32());
    for (uint32_t i = 0, nc = r->Count(4); i < nc && r->ok(); ++i) c->capitals_.insert(r->I32());
    c->max_tokens_ = r->I32();
    if (!r->ok() || !r->done()) return false;
    // Entity indexes must point into the table.
    const int size = static_cast<int>(c->entities_.size());
    for (const auto* m : {&c->surfaces_, &c->stem_surfaces_})
      for (const auto& kv : *m)
        for (const SurfaceEntry& e : kv.second)
          if (e.entity < 0 || e.entity >= size) return false;
    for (int i : c->with_roles_)
      if (i < 0 || i >= size) return false;
    return true;
  }
};

Status WriteGazetteerSnapshot(const std::string& path, const GazetteerPaths& paths,
                              const Catalog& cat) {
  Writer w;
  w.Raw(kMagic, sizeof kMagic);
  w.U32(kGazetteerSnapshotVersion);
  w.U32(0);
  for (uint64_t v : Stamps(paths)) w.U64(v);
  CatalogSnapshot::Put(cat, &w);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError(tmp + ": cannot create");
    out.write(w.out().data(), static_cast<std::streamsize>(w.out().size()));
    if (!out.flush()) return Status::IOError(tmp + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::IOError(path + ": " + std::strerror(errno));
  return Status::OK();
}

Status ReadGazetteerSnapshot(const std::string& path, const GazetteerPaths& paths, Catalog* cat) {
  auto bytes = ReadFileBytes(path);
  if (!bytes.ok()) return bytes.status();
  Reader r(*bytes);
  char magic[sizeof kMagic];
  for (char& c : magic) c = static_cast<char>(r.U8());
  const uint32_t version = r.U32();
  r.U32();
  if (!r.ok() || std::memcmp(magic, kMagic, sizeof kMagic) != 0 ||
      version != kGazetteerSnapshotVersion)
    return Status::Corruption(path + ": not a kg gazetteer snapshot of version " +
                              std::to_string(kGazetteerSnapshotVersion));
  for (uint64_t v : Stamps(paths))
    if (r.U64() != v)
      return Status::Aborted(path + ": made from other iso-codes/GeoNames files (rebuild kg)");
  if (!CatalogSnapshot::Get(&r, cat)) return Status::Corruption(path + ": truncated or damaged");
  return Status::OK();
}

std::string FindGazetteerSnapshot() {
  if (const char* e = std::getenv("KG_GAZETTEER_SNAPSHOT"); e && *e)
    return std::string(e) == "off" ? std::string() : std::string(e);
  return FindArtifact("gazetteers.kgcat");
}

}  // namespace kg::ingest
