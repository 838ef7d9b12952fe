#include "ingest/word_index.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "ingest/text_util.h"

namespace kg::ingest {

namespace {

constexpr char kMagic[8] = {'K', 'G', 'W', 'O', 'R', 'D', 'S', '1'};
constexpr uint64_t kFnvBasis = 0xcbf29ce484222325ull, kFnvPrime = 0x100000001b3ull;

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t reserved;
  uint64_t aff_size, aff_mtime, dic_size, dic_mtime;
  uint32_t known_log2, parts_log2;  // table sizes are powers of two
  uint32_t known_n, parts_n;        // entries
};
static_assert(sizeof(Header) == 64, "header is 64 bytes");

uint64_t Mix(uint64_t h) {  // splitmix64 finaliser: good low bits for masks
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

uint32_t Fingerprint(uint64_t h) {
  uint32_t f = static_cast<uint32_t>(h >> 32);
  return f ? f : 1;
}

bool CharStart(unsigned char c) { return (c & 0xC0) != 0x80; }

uint32_t Log2For(size_t n) {  // load factor <= 0.5
  uint32_t b = 4;
  while ((size_t{1} << b) < 2 * n + 1) ++b;
  return b;
}

}  // namespace

uint64_t WordIndexHash(std::string_view s) {
  uint64_t h = kFnvBasis;
  for (unsigned char c : s) h = (h ^ c) * kFnvPrime;
  return Mix(h);
}

Result<DictStamp> StampOf(const std::string& aff, const std::string& dic) {
  struct stat a, d;
  if (::stat(aff.c_str(), &a) != 0) return Status::IOError(aff + ": " + std::strerror(errno));
  if (::stat(dic.c_str(), &d) != 0) return Status::IOError(dic + ": " + std::strerror(errno));
  DictStamp s;
  s.aff_size = static_cast<uint64_t>(a.st_size);
  s.aff_mtime = static_cast<uint64_t>(a.st_mtime);
  s.dic_size = static_cast<uint64_t>(d.st_size);
  s.dic_mtime = static_cast<uint64_t>(d.st_mtime);
  return s;
}

Result<std::unique_ptr<WordIndex>> WordIndex::Open(const std::string& path,
                                                   const DictStamp& expect) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError(path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IOError(path + ": " + std::strerror(errno));
  }
  const size_t len = static_cast<size_t>(st.st_size);
  if (len < sizeof(Header)) {
    ::close(fd);
    return Status::Corruption(path + ": not a kg word index (too short)");
  }
  void* m = ::mmap(nullptr, len, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (m == MAP_FAILED) return Status::IOError(path + ": mmap: " + std::strerror(errno));
  std::unique_ptr<WordIndex> w(new WordIndex());
  w->map_ = m;
  w->map_len_ = len;
  Header h;
  std::memcpy(&h, m, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.version != kWordIndexVersion)
    return Status::Corruption(path + ": not a kg word index of version " +
                              std::to_string(kWordIndexVersion));
  if (h.known_log2 > 40 || h.parts_log2 > 40) return Status::Corruption(path + ": bad table sizes");
  const size_t kb = (size_t{1} << h.known_log2) * 8, pb = (size_t{1} << h.parts_log2) * 4;
  if (len != sizeof(Header) + kb + pb) return Status::Corruption(path + ": truncated");
  DictStamp got{h.aff_size, h.aff_mtime, h.dic_size, h.dic_mtime};
  if (!(got == expect))
    return Status::Aborted(path + ": made from other de_DE.aff/.dic files (rebuild kg)");
  const char* base = static_cast<const char*>(m);
  w->known_ = reinterpret_cast<const uint64_t*>(base + sizeof(Header));
  w->parts_ = reinterpret_cast<const uint32_t*>(base + sizeof(Header) + kb);
  w->known_mask_ = (uint64_t{1} << h.known_log2) - 1;
  w->parts_mask_ = (uint64_t{1} << h.parts_log2) - 1;
  w->known_n_ = h.known_n;
  w->parts_n_ = h.parts_n;
  return w;
}

WordIndex::~WordIndex() {
  if (map_) ::munmap(map_, map_len_);
}

bool WordIndex::KnownHas(uint64_t h) const {
  for (uint64_t i = h & known_mask_;; i = (i + 1) & known_mask_) {
    const uint64_t v = known_[i];
    if (v == h) return true;
    if (v == 0) return false;
  }
}

bool WordIndex::PartsHas(uint64_t h) const {
  const uint32_t f = Fingerprint(h);
  for (uint64_t i = h & parts_mask_;; i = (i + 1) & parts_mask_) {
    const uint32_t v = parts_[i];
    if (v == f) return true;
    if (v == 0) return false;
  }
}

bool WordIndex::Splits(std::string_view low) const {
  const size_t n = low.size();
  bool reach[65] = {true};
  for (size_t i = 0; i < n; ++i) {
    if (!reach[i] || !CharStart(static_cast<unsigned char>(low[i]))) continue;
    uint64_t h = kFnvBasis;
    for (size_t j = i; j < n; ++j) {
      h = (h ^ static_cast<unsigned char>(low[j])) * kFnvPrime;
      const size_t e = j + 1;
      if (e < n && !CharStart(static_cast<unsigned char>(low[e]))) continue;
      // Compound pieces are >= 2 letters (COMPOUNDMIN 2); a whole word may be 1.
      if (reach[e] || (e - i < 2 && !(i == 0 && e == n))) continue;
      if (PartsHas(Mix(h))) reach[e] = true;
    }
    if (reach[n]) return true;
  }
  return reach[n];
}

WordIndex::Verdict WordIndex::Judge(std::string_view word) const {
  if (word.empty() || word.size() > 64) return Verdict::kAsk;
  // ASCII letters and Latin-1 letters (lead byte 0xC3) only: the lower-casing
  // below then matches Hunspell's for every character.
  for (size_t i = 0; i < word.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return Verdict::kAsk;
    } else if (c == 0xC3 && i + 1 < word.size()) {
      ++i;
    } else {
      return Verdict::kAsk;
    }
  }
  if (KnownHas(WordIndexHash(word))) return Verdict::kKnown;
  const std::string low = Lower(word);
  if (low.size() > 64) return Verdict::kAsk;
  return Splits(low) ? Verdict::kAsk : Verdict::kUnknown;
}

Status WriteWordIndex(const std::string& path, const DictStamp& stamp,
                      const std::vector<std::string>& known,
                      const std::vector<std::string>& parts) {
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kWordIndexVersion;
  h.aff_size = stamp.aff_size;
  h.aff_mtime = stamp.aff_mtime;
  h.dic_size = stamp.dic_size;
  h.dic_mtime = stamp.dic_mtime;
  h.known_log2 = Log2For(known.size());
  h.parts_log2 = Log2For(parts.size());
  std::vector<uint64_t> kt(size_t{1} << h.known_log2, 0);
  for (const auto& w : known) {
    const uint64_t x = WordIndexHash(w);
    uint64_t i = x & (kt.size() - 1);
    while (kt[i] != 0 && kt[i] != x) i = (i + 1) & (kt.size() - 1);
    if (kt[i] == 0) ++h.known_n;
    kt[i] = x;
  }
  std::vector<uint32_t> pt(size_t{1} << h.parts_log2, 0);
  for (const auto& w : parts) {
    const uint64_t x = WordIndexHash(w);
    const uint32_t f = Fingerprint(x);
    uint64_t i = x & (pt.size() - 1);
    while (pt[i] != 0 && pt[i] != f) i = (i + 1) & (pt.size() - 1);
    if (pt[i] == 0) ++h.parts_n;
    pt[i] = f;
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError(tmp + ": cannot create");
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    out.write(reinterpret_cast<const char*>(kt.data()),
              static_cast<std::streamsize>(kt.size() * 8));
    out.write(reinterpret_cast<const char*>(pt.data()),
              static_cast<std::streamsize>(pt.size() * 4));
    if (!out.flush()) return Status::IOError(tmp + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::IOError(path + ": " + std::strerror(errno));
  return Status::OK();
}

}  // namespace kg::ingest
