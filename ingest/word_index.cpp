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
#include "ingest/word_index_build.h"

namespace kg::ingest {

namespace {

constexpr char kMagic[8] = {'K', 'G', 'W', 'O', 'R', 'D', 'S', '2'};
constexpr uint64_t kFnvBasis = 0xcbf29ce484222325ull, kFnvPrime = 0x100000001b3ull;
constexpr int kTables = static_cast<int>(WordTable::kCount);

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t tables;
  uint64_t aff_size, aff_mtime, dic_size, dic_mtime;
};
static_assert(sizeof(Header) == 48, "header is 48 bytes");

struct TableDesc {
  uint32_t log2;   // slot count is 1 << log2
  uint32_t n;      // entries
  uint32_t width;  // bytes per slot: 8 (hash) or 4 (fingerprint)
  uint32_t reserved;
};
static_assert(sizeof(TableDesc) == 16, "descriptor is 16 bytes");

uint32_t WidthOf(WordTable t) {
  return t == WordTable::kParts || t == WordTable::kBeginAny || t == WordTable::kMiddleAny ||
                 t == WordTable::kEndAny
             ? 4
             : 8;
}

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

uint32_t Log2For(size_t n) {  // load factor <= 0.6: short probes, small file
  uint32_t b = 4;
  while ((size_t{1} << b) * 3 < n * 5 + 1) ++b;
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
  const size_t head = sizeof(Header) + kTables * sizeof(TableDesc);
  if (len < head) {
    ::close(fd);
    return Status::Corruption(path + ": not a kg word index (too short)");
  }
  // Not populated up front: a cron run of a few articles touches a few dozen
  // of the ~2,900 pages.
  void* m = ::mmap(nullptr, len, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (m == MAP_FAILED) return Status::IOError(path + ": mmap: " + std::strerror(errno));
  std::unique_ptr<WordIndex> w(new WordIndex());
  w->map_ = m;
  w->map_len_ = len;
  const char* base = static_cast<const char*>(m);
  Header h;
  std::memcpy(&h, base, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.version != kWordIndexVersion ||
      h.tables != kTables)
    return Status::Corruption(path + ": not a kg word index of version " +
                              std::to_string(kWordIndexVersion));
  size_t off = head;
  for (int t = 0; t < kTables; ++t) {
    TableDesc d;
    std::memcpy(&d, base + sizeof(Header) + t * sizeof(TableDesc), sizeof d);
    if (d.log2 > 40 || d.width != WidthOf(static_cast<WordTable>(t)))
      return Status::Corruption(path + ": bad table descriptor");
    const size_t bytes = (size_t{1} << d.log2) * d.width;
    if (off + bytes > len) return Status::Corruption(path + ": truncated");
    w->tables_[t] = Table{base + off, (uint64_t{1} << d.log2) - 1, d.n, d.width};
    off += bytes;
  }
  if (off != len) return Status::Corruption(path + ": trailing bytes");
  DictStamp got{h.aff_size, h.aff_mtime, h.dic_size, h.dic_mtime};
  if (!(got == expect))
    return Status::Aborted(path + ": made from other de_DE.aff/.dic files (rebuild kg)");
  return w;
}

WordIndex::~WordIndex() {
  if (map_) ::munmap(map_, map_len_);
}

bool WordIndex::Has(WordTable t, uint64_t h) const {
  const Table& tb = tables_[static_cast<int>(t)];
  if (tb.width == 4) {
    const uint32_t f = Fingerprint(h);
    const uint32_t* slots = static_cast<const uint32_t*>(tb.slots);
    for (uint64_t i = h & tb.mask;; i = (i + 1) & tb.mask) {
      if (slots[i] == f) return true;
      if (slots[i] == 0) return false;
    }
  }
  const uint64_t* slots = static_cast<const uint64_t*>(tb.slots);
  for (uint64_t i = h & tb.mask;; i = (i + 1) & tb.mask) {
    if (slots[i] == h) return true;
    if (slots[i] == 0) return false;
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
      if (Has(WordTable::kParts, Mix(h))) reach[e] = true;
    }
    if (reach[n]) return true;
  }
  return reach[n];
}

// Each piece >= 2 letters (COMPOUNDMIN 2).
bool WordIndex::Chain(std::string_view w, WordTable begin, WordTable middle, WordTable end) const {
  const size_t n = w.size();
  // Letter count before each byte offset (Latin-1 letters are 2 bytes).
  uint8_t letters[66] = {0};
  for (size_t i = 0; i < n; ++i)
    letters[i + 1] = letters[i] + (CharStart(static_cast<unsigned char>(w[i])) ? 1 : 0);
  auto boundary = [&](size_t i) { return i == n || CharStart(static_cast<unsigned char>(w[i])); };
  bool reach[65] = {false};
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t p = 0; p < n; ++p) {
      if (pass == 0 ? p != 0 : !reach[p]) continue;
      uint64_t h = kFnvBasis;
      for (size_t j = p; j < n; ++j) {
        h = (h ^ static_cast<unsigned char>(w[j])) * kFnvPrime;
        const size_t e = j + 1;
        if (!boundary(e) || letters[e] - letters[p] < 2) continue;
        const uint64_t x = Mix(h);
        if (e == n) {
          if (p > 0 && Has(end, x)) return true;
        } else if (letters[n] - letters[e] >= 2 && !reach[e]) {
          if (Has(pass == 0 ? begin : middle, x)) reach[e] = true;
        }
      }
      if (pass == 0) break;
    }
  }
  return false;
}

// Hunspell looks compound pieces up where the word or an earlier piece
// starts (begin + middle* pieces, as written, >= 2 letters each): a
// forbidden form starting at such a place may make it give up.
bool WordIndex::ForbiddenPiece(std::string_view w, std::string_view low) const {
  if (tables_[static_cast<int>(WordTable::kForbidden)].n == 0) return false;
  const size_t n = w.size();
  bool reach[65] = {true};
  for (size_t p = 0; p < n; ++p) {
    if (!reach[p] || !CharStart(static_cast<unsigned char>(w[p]))) continue;
    uint64_t hw = kFnvBasis, hl = kFnvBasis;
    int chars = 0;
    for (size_t j = p; j < n; ++j) {
      hw = (hw ^ static_cast<unsigned char>(w[j])) * kFnvPrime;
      hl = (hl ^ static_cast<unsigned char>(low[j])) * kFnvPrime;
      const size_t e = j + 1;
      if (e < n && !CharStart(static_cast<unsigned char>(w[e]))) continue;
      if (Has(WordTable::kForbidden, Mix(hl))) return true;
      if (++chars < 2 || e == n || reach[e]) continue;
      if (Has(p == 0 ? WordTable::kBeginAny : WordTable::kMiddleAny, Mix(hw))) reach[e] = true;
    }
  }
  return false;
}

// Hunspell accepts numbers with single separators ("17", "1.000", "2023-09").
static bool HunspellNumber(std::string_view w) {
  bool digit_last = false;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if (c >= '0' && c <= '9') {
      digit_last = true;
    } else if (c == ',' || c == '.' || c == '-') {
      if (!digit_last || i == 0) return false;
      digit_last = false;
    } else {
      return false;
    }
  }
  return digit_last;
}

// Classifies the characters of `w` and computes Hunspell's case type
// (get_captype_utf8: a character is a capital when its lower case differs,
// neutral when its upper and lower case agree). False for a character whose
// case handling by Hunspell and by Lower() is not known to agree: only ASCII
// (letters; digits and punctuation are neutral), Latin-1 (ß × ÷ neutral),
// Latin Extended-A but İ ı ĸ ŉ ſ, ‘ ’ (neutral), and ı ș ț (lower case)
// after the first character are accepted.
bool WordIndex::ShapeOf(std::string_view w, Shape* s) {
  int caps = 0, neutral = 0, chars = 0;
  bool first_cap = false;
  for (size_t i = 0; i < w.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(w[i]);
    int kind = 2;  // 0 lower, 1 capital, 2 neutral
    if (c < 0x80) {
      if (c <= ' ' || c == 0x7F) return false;
      if (c >= 'A' && c <= 'Z') {
        kind = 1;
      } else if (c >= 'a' && c <= 'z') {
        kind = 0;
      } else {
        s->hyphen |= c == '-';
        s->dot |= c == '.';
        s->apos |= c == '\'';
      }
    } else if ((c >= 0xC3 && c <= 0xC5) || c == 0xC8) {
      if (i + 1 >= w.size()) return false;
      const uint32_t cp = (uint32_t{c} & 0x1F) << 6 | (static_cast<unsigned char>(w[++i]) & 0x3F);
      if (cp == 0x131 || cp == 0x219 || cp == 0x21B) {  // ı ș ț
        if (chars == 0) return false;                   // Hunspell would capitalise it
        kind = 0;
        s->ext = true;
      } else if (cp >= 0xC0 && cp <= 0xFF) {
        if (cp != 0xD7 && cp != 0xF7 && cp != 0xDF) kind = cp < 0xDF ? 1 : 0;
      } else if (cp >= 0x100 && cp <= 0x17F) {
        if (cp == 0x130 || cp == 0x138 || cp == 0x149 || cp == 0x17F) return false;
        kind = LowerCodePoint(cp) != cp ? 1 : 0;
        s->ext = true;
      } else {
        return false;
      }
    } else if (c == 0xE2 && i + 2 < w.size() && static_cast<unsigned char>(w[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(w[i + 2]) == 0x98 ||
                static_cast<unsigned char>(w[i + 2]) == 0x99)) {
      i += 2;  // ‘ ’
    } else {
      return false;
    }
    if (chars == 0) first_cap = kind == 1;
    ++chars;
    caps += kind == 1;
    neutral += kind == 2;
  }
  if (caps == 0)
    s->cap = Cap::kNo;
  else if (caps == 1 && first_cap)
    s->cap = Cap::kInit;
  else if (caps + neutral == chars)
    s->cap = Cap::kAll;
  else
    s->cap = Cap::kHuh;  // HUHCAP or HUHINITCAP: checked as written only
  return true;
}

WordIndex::Verdict WordIndex::Judge(std::string_view word) const {
  if (word.empty() || word.size() > 64) return Verdict::kAsk;
  if (HunspellNumber(word)) return Verdict::kKnown;
  Shape s;
  if (!ShapeOf(word, &s)) return Verdict::kAsk;
  // Trailing dots: Hunspell strips them and tries the word with one dot.
  if (word.back() == '.') return Verdict::kAsk;
  if (s.cap == Cap::kAll && s.apos) return Verdict::kAsk;  // SANT'ELIA -> Sant'Elia
  if ((s.hyphen || s.dot) && s.ext) return Verdict::kAsk;
  // Hunspell's own verdict on this very string, recorded at build time.
  const uint64_t h = WordIndexHash(word);
  if (Has(WordTable::kKnown, h)) return Verdict::kKnown;
  if (Has(WordTable::kRejected, h)) return Verdict::kUnknown;
  const std::string low = Lower(word);
  if (low.size() > 64) return Verdict::kAsk;
  // CHECKSHARPS: Hunspell also reads an all-caps "SS" as ß ("STRASSE").
  if (s.cap == Cap::kAll && word.find("SS") != std::string_view::npos &&
      (s.ext || SharpsMayPass(low)))
    return Verdict::kAsk;
  return s.hyphen || s.dot ? JudgeBreak(word, low, s) : JudgePlain(word, low, s);
}

bool WordIndex::MayCompound(std::string_view w) const {
  return Chain(w, WordTable::kBeginAny, WordTable::kMiddleAny, WordTable::kEndAny);
}

// Could Hunspell's checkword() accept `w` (as written)? `known` and
// `rejected` hold every form as written; otherwise only as a compound.
bool WordIndex::MayForm(std::string_view w) const {
  const uint64_t h = WordIndexHash(w);
  return Has(WordTable::kKnown, h) || Has(WordTable::kRejected, h) || MayCompound(w);
}

// What spell() checks before breaking a word: the word as written; a
// capitalised word also in lower case; an all-caps word also capitalised.
bool WordIndex::MayPassCases(std::string_view word, const std::string& low, Cap cap) const {
  // REQUIRES (Judge): `word` itself is in neither `known` nor `rejected`.
  if (MayCompound(word)) return true;
  if (cap != Cap::kInit && cap != Cap::kAll) return false;
  return MayForm(low) || (cap == Cap::kAll && MayForm(CapFirst(low)));
}

// spellsharps(): every combination of ß for the first five "ss" (at least
// one ß), in the lower-cased word and in its capitalised form.
bool WordIndex::SharpsMayPass(const std::string& low) const {
  for (int cap = 0; cap < 2; ++cap) {
    const std::string base = cap ? CapFirst(low) : low;
    size_t at[5];
    int n = 0;
    for (size_t p = base.find("ss"); p != std::string::npos && n < 5; p = base.find("ss", p + 2))
      at[n++] = p;
    for (int mask = 1; mask < (1 << n); ++mask) {
      std::string v = base;
      for (int k = 0; k < n; ++k)
        if (mask >> k & 1) v.replace(at[k], 2, "\xC3\x9F");  // same length
      if (MayForm(v)) return true;
    }
  }
  return false;
}

WordIndex::Verdict WordIndex::JudgePlain(std::string_view word, const std::string& low,
                                         const Shape& s) const {
  if (!Splits(low)) return Verdict::kUnknown;
  if (Chain(word, WordTable::kBegin, WordTable::kMiddle, WordTable::kEnd) &&
      !ForbiddenPiece(word, low))
    return Verdict::kKnown;
  return MayPassCases(word, low, s.cap) ? Verdict::kAsk : Verdict::kUnknown;
}

// Hunspell::spell() of a word with '-' or '.' (de_DE: BREAK - and .): the
// word itself (as a form or a compound, in its case variants), then the
// breaks: for each pattern in turn at its second occurrence if there is
// one, else its first; then for each pattern at its first occurrence. A
// side split off is spelled the same way (recursively).
WordIndex::Verdict WordIndex::JudgeBreak(std::string_view word, const std::string& low,
                                         const Shape& s) const {
  if (MayPassCases(word, low, s.cap)) return Verdict::kAsk;
  size_t breaks = 0;
  for (char c : word) breaks += c == '-' || c == '.';
  if (breaks >= 10) return Verdict::kUnknown;
  // Hunspell breaks the word as its case handling left it: an all-caps word
  // ("USB-C") as its capitalised lower case ("Usb-c").
  std::string cap;
  if (s.cap == Cap::kAll) {
    cap = CapFirst(low);
    word = cap;
  }
  const size_t wl = word.size();
  for (int pass = 0; pass < 2; ++pass) {
    for (char pattern : {'-', '.'}) {
      size_t found = word.find(pattern);
      if (found == std::string_view::npos || found == 0 || found >= wl - 1) continue;
      if (pass == 0) {
        const size_t found2 = word.find(pattern, found + 1);
        if (found2 != std::string_view::npos && found2 < wl - 1) found = found2;
      }
      const Verdict right = Judge(word.substr(found + 1));
      if (right == Verdict::kAsk) return Verdict::kAsk;
      if (right == Verdict::kUnknown) continue;
      const Verdict left = Judge(word.substr(0, found));
      if (left != Verdict::kUnknown) return left;
    }
  }
  return Verdict::kUnknown;
}

Status WriteWordIndex(const std::string& path, const DictStamp& stamp, const WordSets& sets) {
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kWordIndexVersion;
  h.tables = kTables;
  h.aff_size = stamp.aff_size;
  h.aff_mtime = stamp.aff_mtime;
  h.dic_size = stamp.dic_size;
  h.dic_mtime = stamp.dic_mtime;
  TableDesc desc[kTables] = {};
  std::vector<std::vector<uint64_t>> wide(kTables);
  std::vector<std::vector<uint32_t>> narrow(kTables);
  for (int t = 0; t < kTables; ++t) {
    const auto& words = sets[static_cast<WordTable>(t)];
    TableDesc& d = desc[t];
    d.log2 = Log2For(words.size());
    d.width = WidthOf(static_cast<WordTable>(t));
    const uint64_t mask = (uint64_t{1} << d.log2) - 1;
    if (d.width == 8) {
      auto& slots = wide[t];
      slots.assign(mask + 1, 0);
      for (const auto& w : words) {
        const uint64_t x = WordIndexHash(w);
        uint64_t i = x & mask;
        while (slots[i] != 0 && slots[i] != x) i = (i + 1) & mask;
        if (slots[i] == 0) ++d.n;
        slots[i] = x;
      }
    } else {
      auto& slots = narrow[t];
      slots.assign(mask + 1, 0);
      for (const auto& w : words) {
        const uint64_t x = WordIndexHash(w);
        const uint32_t f = Fingerprint(x);
        uint64_t i = x & mask;
        while (slots[i] != 0 && slots[i] != f) i = (i + 1) & mask;
        if (slots[i] == 0) ++d.n;
        slots[i] = f;
      }
    }
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError(tmp + ": cannot create");
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    out.write(reinterpret_cast<const char*>(desc), sizeof desc);
    for (int t = 0; t < kTables; ++t) {
      if (desc[t].width == 8)
        out.write(reinterpret_cast<const char*>(wide[t].data()),
                  static_cast<std::streamsize>(wide[t].size() * 8));
      else
        out.write(reinterpret_cast<const char*>(narrow[t].data()),
                  static_cast<std::streamsize>(narrow[t].size() * 4));
    }
    if (!out.flush()) return Status::IOError(tmp + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::IOError(path + ": " + std::strerror(errno));
  return Status::OK();
}

}  // namespace kg::ingest
