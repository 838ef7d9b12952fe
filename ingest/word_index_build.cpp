#include "ingest/word_index_build.h"

#include <fstream>
#include <sstream>

#include "ingest/text_util.h"

namespace kg::ingest {

namespace {

size_t CharLen(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

// UTF-8 characters of `w`.
std::vector<std::string_view> Chars(std::string_view w) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < w.size();) {
    size_t n = std::min(CharLen(static_cast<unsigned char>(w[i])), w.size() - i);
    out.push_back(w.substr(i, n));
    i += n;
  }
  return out;
}

std::string Field(const std::string& s) { return s == "0" ? std::string() : s; }

}  // namespace

bool AffixRules::ParseCond(std::string_view s, std::vector<Cond>* out) {
  out->clear();
  if (s == ".") return true;
  for (size_t i = 0; i < s.size();) {
    Cond c;
    if (s[i] == '[') {
      size_t e = s.find(']', i);
      if (e == std::string_view::npos) return false;
      std::string_view body = s.substr(i + 1, e - i - 1);
      if (!body.empty() && body[0] == '^') {
        c.negated = true;
        body.remove_prefix(1);
      }
      for (auto ch : Chars(body)) c.chars.emplace_back(ch);
      i = e + 1;
    } else if (s[i] == '.') {
      c.any = true;
      ++i;
    } else {
      size_t n = std::min(CharLen(static_cast<unsigned char>(s[i])), s.size() - i);
      c.chars.emplace_back(s.substr(i, n));
      i += n;
    }
    out->push_back(std::move(c));
  }
  return true;
}

namespace {
template <typename C>
bool Matches(const C& c, std::string_view ch) {
  if (c.any) return true;
  bool in = false;
  for (const auto& x : c.chars) in = in || x == ch;
  return in != c.negated;
}
}  // namespace

bool AffixRules::CondAtEnd(const std::vector<Cond>& c, std::string_view w) {
  if (c.empty()) return true;
  auto ch = Chars(w);
  if (ch.size() < c.size()) return false;
  const size_t off = ch.size() - c.size();
  for (size_t k = 0; k < c.size(); ++k)
    if (!Matches(c[k], ch[off + k])) return false;
  return true;
}

bool AffixRules::CondAtStart(const std::vector<Cond>& c, std::string_view w) {
  if (c.empty()) return true;
  auto ch = Chars(w);
  if (ch.size() < c.size()) return false;
  for (size_t k = 0; k < c.size(); ++k)
    if (!Matches(c[k], ch[k])) return false;
  return true;
}

Status AffixRules::Load(const std::string& aff_path) {
  std::ifstream in(aff_path);
  if (!in) return Status::IOError(aff_path + ": cannot open");
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.rfind("FLAG", 0) == 0)
      return Status::NotSupported(aff_path + ":" + std::to_string(lineno) +
                                  ": FLAG types other than single characters");
    if (line.rfind("PFX", 0) != 0 && line.rfind("SFX", 0) != 0) continue;
    std::istringstream ls(line);
    std::string kind, flag, a, b, cond;
    ls >> kind >> flag >> a >> b >> cond;
    if (flag.size() != 1 || a.empty() || b.empty())
      return Status::Corruption(aff_path + ":" + std::to_string(lineno) + ": bad affix line");
    Class& cl = classes_[flag[0]];
    cl.prefix = kind == "PFX";
    if ((a == "Y" || a == "N") && cond.empty()) {  // header: PFX f Y count
      cl.cross = a == "Y";
      continue;
    }
    Entry e;
    e.strip = Field(a);
    std::string add = b;
    if (size_t slash = add.find('/'); slash != std::string::npos) {
      e.cont = add.substr(slash + 1);
      add.resize(slash);
    }
    e.add = Field(add);
    if (!ParseCond(cond.empty() ? "." : cond, &e.cond))
      return Status::Corruption(aff_path + ":" + std::to_string(lineno) + ": bad condition");
    cl.entries.push_back(std::move(e));
  }
  return Status::OK();
}

void AffixRules::Suffixes(const std::string& w, std::string_view flags, bool only_cross, int depth,
                          const Derivation& base, const Emit& emit) const {
  for (char f : flags) {
    auto it = classes_.find(f);
    if (it == classes_.end() || it->second.prefix) continue;
    if (only_cross && !it->second.cross) continue;
    for (const Entry& e : it->second.entries) {
      if (w.size() < e.strip.size() ||
          w.compare(w.size() - e.strip.size(), e.strip.size(), e.strip))
        continue;
      if (!CondAtEnd(e.cond, w)) continue;
      std::string s = w.substr(0, w.size() - e.strip.size()) + e.add;
      Derivation d = base;
      d.suffixes += f;
      d.cont += e.cont;
      emit(s, d);
      if (depth > 0 && !e.cont.empty()) Suffixes(s, e.cont, false, depth - 1, d, emit);
    }
  }
}

void AffixRules::Expand(const std::string& root, std::string_view flags, const Emit& emit) const {
  Derivation bare;
  bare.root_flags = std::string(flags);
  emit(root, bare);
  Suffixes(root, flags, false, 1, bare, emit);
  for (char f : flags) {
    auto it = classes_.find(f);
    if (it == classes_.end() || !it->second.prefix) continue;
    for (const Entry& e : it->second.entries) {
      if (root.compare(0, e.strip.size(), e.strip) != 0 || !CondAtStart(e.cond, root)) continue;
      Derivation pd = bare;
      pd.prefix = f;
      pd.cont = e.cont;
      pd.prefix_cont = e.cont;
      auto prefixed = [&](const std::string& w, const Derivation& d) {
        if (w.compare(0, e.strip.size(), e.strip) != 0) return;
        Derivation x = d;
        x.prefix = f;
        x.prefix_cont = e.cont;
        if (x.cont.find(e.cont) == std::string::npos) x.cont += e.cont;
        emit(e.add + w.substr(e.strip.size()), x);
      };
      prefixed(root, pd);
      // Cross products: suffixes of cross-product classes on the prefixed word.
      if (it->second.cross) Suffixes(root, flags, true, 1, bare, prefixed);
      // The prefix's own continuation classes.
      if (!e.cont.empty()) Suffixes(root, e.cont, false, 1, bare, prefixed);
    }
  }
}

Status ReadDic(const std::string& dic_path,
               const std::function<void(const std::string&, std::string_view)>& entry) {
  std::ifstream in(dic_path);
  if (!in) return Status::IOError(dic_path + ": cannot open");
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {  // the entry count
      first = false;
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Morphological fields follow a tab or a space.
    size_t end = line.find_first_of("\t ");
    std::string_view w(line.data(), end == std::string::npos ? line.size() : end);
    if (w.empty()) continue;
    std::string root;
    std::string_view flags;
    for (size_t i = 0; i < w.size(); ++i) {
      if (w[i] == '\\' && i + 1 < w.size() && w[i + 1] == '/') {
        root.push_back('/');
        ++i;
      } else if (w[i] == '/') {
        flags = w.substr(i + 1);
        break;
      } else {
        root.push_back(w[i]);
      }
    }
    entry(root, flags);
  }
  return Status::OK();
}

std::string CapFirst(std::string_view w) {
  std::string out(w);
  if (out.empty()) return out;
  const unsigned char c = static_cast<unsigned char>(out[0]);
  if (c >= 'a' && c <= 'z') {
    out[0] = static_cast<char>(c - 32);
  } else if (c == 0xC3 && out.size() > 1) {
    const unsigned char d = static_cast<unsigned char>(out[1]);
    if (d >= 0xA0 && d <= 0xBE && d != 0xB7) out[1] = static_cast<char>(d - 0x20);
  }
  return out;
}

}  // namespace kg::ingest
