// In-memory Store: one ordered map per column family.
//
// Snapshots are copy-on-write: views and iterators hold a shared_ptr to the
// map they read; a Write() copies a map only while someone else still holds
// it, so iterators and views never see later writes (and never dangle), and
// writes with no live readers mutate in place.
#include <array>
#include <map>
#include <mutex>

#include "graph/store.h"

namespace kg {

namespace {

using Map = std::map<std::string, std::string, std::less<>>;
using MapPtr = std::shared_ptr<Map>;
constexpr std::size_t kNumCf = static_cast<std::size_t>(Cf::kCount);

class MemIterator : public Iterator {
 public:
  explicit MemIterator(MapPtr map) : map_(std::move(map)), it_(map_->end()) {}
  bool Valid() const override { return it_ != map_->end(); }
  void Seek(std::string_view target) override { it_ = map_->lower_bound(target); }
  void SeekToFirst() override { it_ = map_->begin(); }
  void Next() override { ++it_; }
  std::string_view key() const override { return it_->first; }
  std::string_view value() const override { return it_->second; }
  Status status() const override { return Status::OK(); }

 private:
  MapPtr map_;
  Map::const_iterator it_;
};

Status GetFrom(const Map& m, std::string_view key, std::string* value) {
  auto it = m.find(key);
  if (it == m.end()) return Status::NotFound("key not found");
  *value = it->second;
  return Status::OK();
}

class MemView : public ReadView {
 public:
  explicit MemView(std::array<MapPtr, kNumCf> maps) : maps_(std::move(maps)) {}
  Status Get(Cf cf, std::string_view key, std::string* value) const override {
    return GetFrom(*maps_[static_cast<std::size_t>(cf)], key, value);
  }
  std::unique_ptr<Iterator> NewIterator(Cf cf) const override {
    return std::make_unique<MemIterator>(maps_[static_cast<std::size_t>(cf)]);
  }

 private:
  std::array<MapPtr, kNumCf> maps_;
};

class MemStore : public Store {
 public:
  MemStore() {
    for (auto& m : maps_) m = std::make_shared<Map>();
  }

  Status Write(const WriteBatch& batch) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::array<bool, kNumCf> unshared{};
    for (const auto& op : batch.ops) {
      auto i = static_cast<std::size_t>(op.cf);
      if (i >= kNumCf) return Status::InvalidArgument("unknown column family");
    }
    for (const auto& op : batch.ops) {
      auto i = static_cast<std::size_t>(op.cf);
      if (!unshared[i]) {
        // Only holders created under mu_ exist, so use_count()==1 means nobody else reads it.
        if (maps_[i].use_count() > 1) maps_[i] = std::make_shared<Map>(*maps_[i]);
        unshared[i] = true;
      }
      Map& m = *maps_[i];
      if (op.is_delete) {
        auto it = m.find(op.key);
        if (it != m.end()) m.erase(it);
      } else {
        m.insert_or_assign(op.key, op.value);
      }
    }
    return Status::OK();
  }

  std::unique_ptr<ReadView> NewView() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return std::make_unique<MemView>(maps_);
  }

  Status Get(Cf cf, std::string_view key, std::string* value) const override {
    std::lock_guard<std::mutex> lock(mu_);
    return GetFrom(*maps_[static_cast<std::size_t>(cf)], key, value);
  }

  std::unique_ptr<Iterator> NewIterator(Cf cf) const override {
    std::lock_guard<std::mutex> lock(mu_);
    return std::make_unique<MemIterator>(maps_[static_cast<std::size_t>(cf)]);
  }

  uint64_t ApproximateSizeBytes() const override { return 0; }
  bool read_only() const override { return false; }

 private:
  mutable std::mutex mu_;
  std::array<MapPtr, kNumCf> maps_;
};

}  // namespace

const char* CfName(Cf cf) {
  switch (cf) {
    case Cf::kMeta: return "default";
    case Cf::kNodes: return "nodes";
    case Cf::kOutAdj: return "out_adj";
    case Cf::kInAdj: return "in_adj";
    case Cf::kRels: return "rels";
    case Cf::kEvidence: return "evidence";
    case Cf::kNames: return "names";
    case Cf::kArticles: return "articles";
    case Cf::kCount: break;
  }
  return "?";
}

std::unique_ptr<Store> NewMemStore() { return std::make_unique<MemStore>(); }

}  // namespace kg
