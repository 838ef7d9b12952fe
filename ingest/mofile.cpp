#include "ingest/mofile.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kg::ingest {

Result<std::vector<std::pair<std::string, std::string>>> ReadMoFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  auto bad = [&](const std::string& why) { return Status::Corruption(path + ": not a valid .mo file: " + why); };
  if (data.size() < 20) return bad("too short");
  uint32_t magic;
  std::memcpy(&magic, data.data(), 4);
  bool swap;
  if (magic == 0x950412deu) swap = false;
  else if (magic == 0xde120495u) swap = true;
  else return bad("bad magic");
  auto u32 = [&](size_t off, uint32_t* v) -> bool {
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
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t ol, oo, tl, to;
    if (!u32(orig + 8ull * i, &ol) || !u32(orig + 8ull * i + 4, &oo) || !u32(trans + 8ull * i, &tl) ||
        !u32(trans + 8ull * i + 4, &to))
      return bad("truncated table");
    if (static_cast<uint64_t>(oo) + ol > data.size() || static_cast<uint64_t>(to) + tl > data.size())
      return bad("string out of range");
    if (ol == 0) continue;  // header
    std::string id(data.data() + oo, strnlen(data.data() + oo, ol));
    std::string tr(data.data() + to, strnlen(data.data() + to, tl));
    out.emplace_back(std::move(id), std::move(tr));
  }
  return out;
}

}  // namespace kg::ingest
