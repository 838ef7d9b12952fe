#include "ingest/mofile.h"

#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

namespace kg::ingest {

namespace {

// Reads the whole file with one fread (size from fstat; falls back to reading
// in chunks when the size is unknown, e.g. for a pipe).
bool ReadAll(const std::string& path, std::vector<char>* out) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return false;
  struct stat st;
  size_t want = 0;
  if (fstat(fileno(f.get()), &st) == 0 && S_ISREG(st.st_mode))
    want = static_cast<size_t>(st.st_size);
  out->resize(want + 1);  // +1: a short read at EOF proves we got everything
  size_t got = 0;
  for (;;) {
    got += std::fread(out->data() + got, 1, out->size() - got, f.get());
    if (got < out->size()) break;
    out->resize(out->size() * 2 + 4096);
  }
  if (std::ferror(f.get())) return false;
  out->resize(got);
  return true;
}

}  // namespace

Result<MoCatalog> ReadMoCatalog(const std::string& path) {
  MoCatalog cat;
  if (!ReadAll(path, &cat.data)) return Status::IOError("cannot open " + path);
  const std::vector<char>& data = cat.data;
  auto bad = [&](const std::string& why) { return Status::Corruption(path + ": not a valid .mo file: " + why); };
  if (data.size() < 20) return bad("too short");
  uint32_t magic;
  std::memcpy(&magic, data.data(), 4);
  bool swap;
  if (magic == 0x950412deu) swap = false;
  else if (magic == 0xde120495u) swap = true;
  else return bad("bad magic");
  auto u32 = [&](uint64_t off, uint32_t* v) -> bool {
    if (off + 4 > data.size()) return false;
    uint32_t x;
    std::memcpy(&x, data.data() + off, 4);
    if (swap) x = __builtin_bswap32(x);
    *v = x;
    return true;
  };
  uint32_t n, orig, trans;
  if (!u32(8, &n) || !u32(12, &orig) || !u32(16, &trans)) return bad("truncated header");
  if (n > data.size() / 8) return bad("entry count too large");
  cat.entries.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t ol, oo, tl, to;
    if (!u32(orig + 8ull * i, &ol) || !u32(orig + 8ull * i + 4, &oo) || !u32(trans + 8ull * i, &tl) ||
        !u32(trans + 8ull * i + 4, &to))
      return bad("truncated table");
    if (static_cast<uint64_t>(oo) + ol > data.size() || static_cast<uint64_t>(to) + tl > data.size())
      return bad("string out of range");
    if (ol == 0) continue;  // header
    std::string_view id(data.data() + oo, strnlen(data.data() + oo, ol));
    std::string_view tr(data.data() + to, strnlen(data.data() + to, tl));
    cat.entries.emplace_back(id, tr);
  }
  return Result<MoCatalog>(std::move(cat));
}

Result<std::vector<std::pair<std::string, std::string>>> ReadMoFile(const std::string& path) {
  auto cat = ReadMoCatalog(path);
  if (!cat.ok()) return cat.status();
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(cat->entries.size());
  for (const auto& [id, tr] : cat->entries) out.emplace_back(std::string(id), std::string(tr));
  return out;
}

}  // namespace kg::ingest
