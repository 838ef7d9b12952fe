#include "graph/snapshot_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "graph/rocks_store.h"

namespace kg {

namespace {

constexpr char kMagic[8] = {'K', 'G', 'S', 'N', 'A', 'P', '0', '1'};
constexpr uint32_t kFormat = 1;

class Writer {
 public:
  void U32(uint32_t v) { Raw(&v, sizeof v); }
  void U64(uint64_t v) { Raw(&v, sizeof v); }
  void F64(double v) { Raw(&v, sizeof v); }
  void Str(const std::string& s) {
    U32(static_cast<uint32_t>(s.size()));
    buf_.append(s);
  }
  void Strs(const std::vector<std::string>& v) {
    U32(static_cast<uint32_t>(v.size()));
    for (const auto& s : v) Str(s);
  }
  void Raw(const void* p, size_t n) { buf_.append(static_cast<const char*>(p), n); }
  const std::string& buf() const { return buf_; }

 private:
  std::string buf_;
};

// Bounds-checked reads over the mapped file; any overrun sets !ok().
class Reader {
 public:
  Reader(const char* p, size_t n) : p_(p), end_(p + n) {}
  bool ok() const { return ok_; }
  template <typename T>
  T Num() {
    T v{};
    if (!Need(sizeof v)) return v;
    std::memcpy(&v, p_, sizeof v);
    p_ += sizeof v;
    return v;
  }
  void Str(std::string* s) {
    const uint32_t n = Num<uint32_t>();
    if (!Need(n)) return;
    s->assign(p_, n);
    p_ += n;
  }
  void Strs(std::vector<std::string>* v) {
    const uint32_t n = Num<uint32_t>();
    if (!ok_ || n > static_cast<size_t>(end_ - p_) / 4) {
      ok_ = false;
      return;
    }
    v->resize(n);
    for (auto& s : *v) Str(&s);
  }
  bool Bytes(const char* want, size_t n) {
    if (!Need(n) || std::memcmp(p_, want, n) != 0) return ok_ = false;
    p_ += n;
    return true;
  }

 private:
  bool Need(size_t n) {
    if (!ok_ || static_cast<size_t>(end_ - p_) < n) ok_ = false;
    return ok_;
  }
  const char* p_;
  const char* end_;
  bool ok_ = true;
};

}  // namespace

Status WriteSnapshotFile(const std::string& path, const GraphSnapshot& snap, uint64_t version,
                         bool evidence_counts) {
  Writer w;
  w.Raw(kMagic, sizeof kMagic);
  w.U32(kFormat);
  w.U64(version);
  w.U32(evidence_counts ? 1 : 0);
  w.U64(snap.nodes().size());
  w.U64(snap.rels().size());
  for (const SnapNode& n : snap.nodes()) {
    w.U64(n.id);
    w.Str(n.key);
    w.Strs(n.labels);
    w.Str(n.type);
    w.Str(n.name);
    w.Strs(n.aliases);
    w.Str(n.country);
    w.F64(n.latitude);
    w.F64(n.longitude);
  }
  for (const SnapRel& r : snap.rels()) {
    w.U64(r.id);
    w.U32(r.src);
    w.U32(r.dst);
    w.Str(r.type);
    w.Str(r.predicate);
    w.F64(r.weight);
    w.U64(static_cast<uint64_t>(r.support));
    w.F64(r.confidence);
    w.Str(r.modality);
    w.Str(r.location);
    w.Str(r.location_name);
    w.Str(r.date);
    w.Str(r.first_seen);
    w.Str(r.last_seen);
    w.U32(static_cast<uint32_t>(r.evidence_count));
  }
  w.Raw(kMagic, sizeof kMagic);  // trailer: a file cut short is never read
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IOError("cannot write " + tmp + ": " + std::strerror(errno));
  const bool written = std::fwrite(w.buf().data(), 1, w.buf().size(), f) == w.buf().size();
  if (std::fclose(f) != 0 || !written) {
    std::remove(tmp.c_str());
    return Status::IOError("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IOError("cannot rename " + tmp + " to " + path);
  }
  return Status::OK();
}

std::optional<GraphSnapshot> ReadSnapshotFile(const std::string& path, uint64_t version, bool need_evidence) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st;
  if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(2 * sizeof kMagic)) {
    ::close(fd);
    return std::nullopt;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return std::nullopt;
  ::madvise(map, size, MADV_SEQUENTIAL);
  struct Unmap {
    void* p;
    size_t n;
    ~Unmap() { ::munmap(p, n); }
  } unmap{map, size};
  const char* base = static_cast<const char*>(map);
  if (std::memcmp(base + size - sizeof kMagic, kMagic, sizeof kMagic) != 0) return std::nullopt;
  Reader in(base, size - sizeof kMagic);
  if (!in.Bytes(kMagic, sizeof kMagic) || in.Num<uint32_t>() != kFormat || in.Num<uint64_t>() != version)
    return std::nullopt;
  const bool has_evidence = in.Num<uint32_t>() == 1;
  if (need_evidence && !has_evidence) return std::nullopt;
  const uint64_t nodes = in.Num<uint64_t>();
  const uint64_t rels = in.Num<uint64_t>();
  if (!in.ok() || nodes > size || rels > size) return std::nullopt;
  GraphSnapshot snap;
  snap.Reserve(nodes, rels);
  for (uint64_t i = 0; i < nodes && in.ok(); ++i) {
    SnapNode n;
    n.id = in.Num<uint64_t>();
    in.Str(&n.key);
    in.Strs(&n.labels);
    in.Str(&n.type);
    in.Str(&n.name);
    in.Strs(&n.aliases);
    in.Str(&n.country);
    n.latitude = in.Num<double>();
    n.longitude = in.Num<double>();
    if (in.ok()) snap.AddNode(std::move(n));
  }
  for (uint64_t i = 0; i < rels && in.ok(); ++i) {
    SnapRel r;
    r.id = in.Num<uint64_t>();
    r.src = in.Num<uint32_t>();
    r.dst = in.Num<uint32_t>();
    in.Str(&r.type);
    in.Str(&r.predicate);
    r.weight = in.Num<double>();
    r.support = static_cast<int64_t>(in.Num<uint64_t>());
    r.confidence = in.Num<double>();
    in.Str(&r.modality);
    in.Str(&r.location);
    in.Str(&r.location_name);
    in.Str(&r.date);
    in.Str(&r.first_seen);
    in.Str(&r.last_seen);
    r.evidence_count = static_cast<int32_t>(in.Num<uint32_t>());
    if (!need_evidence) r.evidence_count = -1;  // as LoadSnapshot without them
    if (!in.ok() || r.src >= snap.nodes().size() || r.dst >= snap.nodes().size()) return std::nullopt;
    snap.AddRel(std::move(r));
  }
  if (!in.ok()) return std::nullopt;
  return snap;
}

Result<GraphSnapshot> LoadSnapshotCached(const Graph& graph, const std::string& db_dir,
                                         const SnapshotLoadOptions& options) {
  const uint64_t version = StoreVersion(*graph.store());
  if (version == 0 || db_dir.empty() || !std::filesystem::is_directory(db_dir)) return LoadSnapshot(graph, options);
  const std::string path = (std::filesystem::path(db_dir) / kSnapshotFile).string();
  if (auto snap = ReadSnapshotFile(path, version, options.evidence_counts)) return std::move(*snap);
  // Stale or absent: load from the store, with evidence counts (one more
  // scan, on a second thread) so that every later command can use the file.
  SnapshotLoadOptions full = options;
  full.evidence_counts = true;
  KG_ASSIGN_OR_RETURN(GraphSnapshot snap, LoadSnapshot(graph, full));
  (void)WriteSnapshotFile(path, snap, version, true);  // best effort: only speed is lost
  if (!options.evidence_counts)
    for (SnapRel& r : snap.mutable_rels()) r.evidence_count = -1;
  return snap;
}

}  // namespace kg
