#include "graph/overlay_store.h"

#include <array>
#include <map>
#include <optional>
#include <string>

#include "graph/bytes.h"

namespace kg {

namespace {

constexpr std::size_t kNumCf = static_cast<std::size_t>(Cf::kCount);
// nullopt = deleted in the overlay.
using Pending = std::map<std::string, std::optional<std::string>, internal::BytewiseLess>;

// The base iterator and the pending writes of one column family, merged in
// key order; pending values shadow base keys, pending deletes hide them.
class MergedIterator : public Iterator {
 public:
  MergedIterator(std::unique_ptr<Iterator> base, const Pending* pending)
      : base_(std::move(base)), pending_(pending), it_(pending->end()) {}
  bool Valid() const override { return valid_; }
  void Seek(std::string_view target) override {
    base_->Seek(target);
    it_ = pending_->lower_bound(target);
    Settle();
  }
  void SeekToFirst() override {
    base_->SeekToFirst();
    it_ = pending_->begin();
    Settle();
  }
  void Next() override {
    if (from_pending_) ++it_;
    else base_->Next();
    Settle();
  }
  std::string_view key() const override { return from_pending_ ? std::string_view(it_->first) : base_->key(); }
  std::string_view value() const override {
    return from_pending_ ? std::string_view(*it_->second) : base_->value();
  }
  Status status() const override { return base_->status(); }

 private:
  // Positions on the smallest visible key of both sources.
  void Settle() {
    internal::BytewiseLess less;
    for (;;) {
      const bool b = base_->Valid(), p = it_ != pending_->end();
      if (!b && !p) {
        valid_ = false;
        return;
      }
      if (p && (!b || !less(base_->key(), it_->first))) {
        if (b && !less(it_->first, base_->key())) base_->Next();  // same key: shadowed
        if (!it_->second) {  // deleted
          ++it_;
          continue;
        }
        from_pending_ = true;
        valid_ = true;
        return;
      }
      from_pending_ = false;
      valid_ = true;
      return;
    }
  }

  std::unique_ptr<Iterator> base_;
  const Pending* pending_;
  Pending::const_iterator it_;
  bool from_pending_ = false;
  bool valid_ = false;
};

class Overlay : public OverlayStore {
 public:
  explicit Overlay(const Store* base) : base_(base) {}

  Status Write(const WriteBatch& batch) override {
    for (const auto& op : batch.ops) {
      const auto i = static_cast<std::size_t>(op.cf);
      if (i >= kNumCf) return Status::InvalidArgument("unknown column family");
    }
    for (const auto& op : batch.ops) {
      auto& m = pending_[static_cast<std::size_t>(op.cf)];
      auto [it, fresh] = m.try_emplace(op.key);
      if (fresh) bytes_ += op.key.size() + 64;
      if (it->second) bytes_ -= it->second->size();
      if (op.is_delete) {
        it->second.reset();
      } else {
        it->second = op.value;
        bytes_ += op.value.size();
      }
    }
    return Status::OK();
  }

  std::unique_ptr<ReadView> NewView() const override { return std::make_unique<View>(this); }

  Status Get(Cf cf, std::string_view key, std::string* value) const override {
    const auto& m = pending_[static_cast<std::size_t>(cf)];
    auto it = m.find(key);
    if (it == m.end()) return base_->Get(cf, key, value);
    if (!it->second) return Status::NotFound("key not found");
    *value = *it->second;
    return Status::OK();
  }

  std::unique_ptr<Iterator> NewIterator(Cf cf) const override {
    return std::make_unique<MergedIterator>(base_->NewIterator(cf),
                                            &pending_[static_cast<std::size_t>(cf)]);
  }

  std::unique_ptr<Iterator> NewPrefixIterator(Cf cf, std::string_view prefix) const override {
    return std::make_unique<MergedIterator>(base_->NewPrefixIterator(cf, prefix),
                                            &pending_[static_cast<std::size_t>(cf)]);
  }

  uint64_t ApproximateSizeBytes() const override { return base_->ApproximateSizeBytes(); }
  bool read_only() const override { return base_->read_only(); }

  WriteBatch TakeBatch() override {
    WriteBatch b;
    for (std::size_t i = 0; i < kNumCf; ++i) {
      for (auto& [k, v] : pending_[i]) {
        if (v) b.Put(static_cast<Cf>(i), k, *v);
        else b.Delete(static_cast<Cf>(i), k);
      }
      pending_[i].clear();
    }
    bytes_ = 0;
    return b;
  }

  std::size_t pending_bytes() const override { return bytes_; }

 private:
  class View : public ReadView {
   public:
    explicit View(const Overlay* o) : o_(o) {}
    Status Get(Cf cf, std::string_view key, std::string* value) const override {
      return o_->Get(cf, key, value);
    }
    std::unique_ptr<Iterator> NewIterator(Cf cf) const override { return o_->NewIterator(cf); }

   private:
    const Overlay* o_;
  };

  const Store* base_;
  std::array<Pending, kNumCf> pending_;
  std::size_t bytes_ = 0;
};

}  // namespace

std::unique_ptr<OverlayStore> NewOverlayStore(const Store* base) {
  return std::make_unique<Overlay>(base);
}

}  // namespace kg
