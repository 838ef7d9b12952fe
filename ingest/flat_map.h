// FlatMap: a string-keyed open-addressing hash table for the extraction hot
// path (catalogue surfaces, lexicon words, per-thread verdict/stem caches).
//
// Layout: a power-of-two array of 8-byte slots (32 bits of the hash and the
// entry index), linear probing, load factor <= 1/2; entries (key, value) in a
// vector in insertion order. A miss usually touches one slot cache line and no
// entry; a hit touches the slot and the entry (short keys are stored inline
// by std::string, next to the value). Lookups take a
// std::string_view (no temporary std::string) and optionally a precomputed
// FlatHash() so that callers looking one word up in several tables hash it
// once.
//
// Contracts:
// - No erase; Clear() drops everything. Iteration (begin/end) visits entries
//   in insertion order, so it is deterministic.
// - Pointers/references to entries and values are invalidated by the next
//   insertion or Clear().
// - REQUIRES: fewer than 2^31 entries; V default-constructible.
// - Thread safety: const member functions may run concurrently; anything that
//   inserts or clears needs exclusive access (like the standard containers).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kg::ingest {

// 64-bit hash of `s` (wyhash-style multiply-fold; not std::hash, and not
// stable across versions: never persist it). Good low bits (masks are taken
// of it) and cheap for the short words that dominate lookups.
inline uint64_t FlatHash(std::string_view s) {
  constexpr uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull,
                     k2 = 0x8ebc6af09c88c6e3ull;
  auto mix = [](uint64_t a, uint64_t b) {
    const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
    return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
  };
  auto load64 = [](const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  };
  auto load32 = [](const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return uint64_t{v};
  };
  const char* p = s.data();
  size_t n = s.size();
  uint64_t seed = k0 ^ n;
  uint64_t a = 0, b = 0;
  if (n <= 16) {
    if (n >= 8) {
      a = load64(p);
      b = load64(p + n - 8);
    } else if (n >= 4) {
      a = load32(p);
      b = load32(p + n - 4);
    } else if (n > 0) {
      a = uint64_t{static_cast<unsigned char>(p[0])} << 16 |
          uint64_t{static_cast<unsigned char>(p[n >> 1])} << 8 |
          static_cast<unsigned char>(p[n - 1]);
    }
  } else {
    size_t i = n;
    while (i > 16) {
      seed = mix(load64(p) ^ k1, load64(p + 8) ^ seed);
      p += 16;
      i -= 16;
    }
    a = load64(p + i - 16);
    b = load64(p + i - 8);
  }
  return mix(k1 ^ n, mix(a ^ k1, b ^ seed) ^ k2);
}

template <typename V>
class FlatMap {
 public:
  using value_type = std::pair<std::string, V>;
  using const_iterator = typename std::vector<value_type>::const_iterator;

  FlatMap() = default;

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  // Capacity for `n` entries without rehashing.
  void Reserve(size_t n) {
    size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    if (cap > slots_.size()) Rehash(cap);
    entries_.reserve(n);
  }

  // The value of `key`, or nullptr. `h` must be FlatHash(key).
  const V* Find(std::string_view key, uint64_t h) const {
    const int32_t i = FindIndex(key, h);
    return i < 0 ? nullptr : &entries_[i].second;
  }
  V* Find(std::string_view key, uint64_t h) {
    const int32_t i = FindIndex(key, h);
    return i < 0 ? nullptr : &entries_[i].second;
  }
  const V* Find(std::string_view key) const { return Find(key, FlatHash(key)); }
  V* Find(std::string_view key) { return Find(key, FlatHash(key)); }
  bool Contains(std::string_view key) const { return FindIndex(key, FlatHash(key)) >= 0; }
  bool Contains(std::string_view key, uint64_t h) const { return FindIndex(key, h) >= 0; }
  // std-style membership count (0 or 1).
  size_t count(std::string_view key) const { return Contains(key) ? 1 : 0; }

  // Inserts `key` with a value-initialised V unless present. Returns the
  // value and whether it was inserted.
  std::pair<V*, bool> TryEmplace(std::string_view key) { return TryEmplace(key, FlatHash(key)); }
  std::pair<V*, bool> TryEmplace(std::string_view key, uint64_t h) {
    if (const int32_t i = FindIndex(key, h); i >= 0) return {&entries_[i].second, false};
    if (2 * (entries_.size() + 1) > slots_.size()) Rehash(slots_.empty() ? 16 : 2 * slots_.size());
    const uint32_t idx = static_cast<uint32_t>(entries_.size());
    entries_.emplace_back(std::string(key), V());
    Place(Slot{Tag(h), idx + 1}, h);
    return {&entries_.back().second, true};
  }
  V& operator[](std::string_view key) { return *TryEmplace(key).first; }

  // Drops all entries (keeps the slot array's capacity).
  void Clear() {
    std::fill(slots_.begin(), slots_.end(), Slot{});
    entries_.clear();
  }

  // Insertion order.
  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }

 private:
  struct Slot {
    uint32_t tag = 0;   // high 32 bits of the hash
    uint32_t idx1 = 0;  // entry index + 1; 0 = empty
  };
  static uint32_t Tag(uint64_t h) { return static_cast<uint32_t>(h >> 32); }

  int32_t FindIndex(std::string_view key, uint64_t h) const {
    if (slots_.empty()) return -1;
    const size_t mask = slots_.size() - 1;
    const uint32_t tag = Tag(h);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot s = slots_[i];
      if (s.idx1 == 0) return -1;
      if (s.tag == tag && entries_[s.idx1 - 1].first == key)
        return static_cast<int32_t>(s.idx1 - 1);
    }
  }

  void Place(const Slot& slot, uint64_t h) {
    const size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    while (slots_[i].idx1 != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }

  void Rehash(size_t cap) {
    std::vector<Slot> fresh(cap);
    fresh.swap(slots_);
    for (uint32_t i = 0; i < entries_.size(); ++i) {
      const uint64_t h = FlatHash(entries_[i].first);
      Place(Slot{Tag(h), i + 1}, h);
    }
  }

  std::vector<Slot> slots_;  // size 0 or a power of two
  std::vector<value_type> entries_;
};

}  // namespace kg::ingest
