#include "ingest/ner.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "ingest/mentions.h"
#include "ingest/text_util.h"

namespace kg::ingest {

int NerLabelOf(std::string_view tag) {
  for (int k = 0; k < kNerLabels; ++k)
    if (kNerLabelNames[k] == tag) return k;
  return 0;
}

namespace {

// Incremental FNV-1a 64 over "template \x1f value [\x1f value ...]".
struct FeatureHasher {
  uint64_t h = 0xcbf29ce484222325ull;
  explicit FeatureHasher(std::string_view tmpl) { Add(tmpl); }
  FeatureHasher& Add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
    return *this;
  }
  FeatureHasher& Sep() { return Add("\x1f"); }
  uint64_t Done() const { return h ? h : 1; }  // 0 marks an empty slot
};

// The hasher's state after "template \x1f", computed at compile time for
// the scoring hot path (same keys as Feat/Feat2).
struct Tmpl {
  uint64_t h = 0xcbf29ce484222325ull;
  constexpr explicit Tmpl(std::string_view t) {
    for (char c : t) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    h = (h ^ 0x1fu) * 0x100000001b3ull;
  }
};
uint64_t Feat(Tmpl t, std::string_view v) {
  FeatureHasher f("");
  f.h = t.h;
  return f.Add(v).Done();
}
uint64_t Feat2(Tmpl t, std::string_view a, std::string_view b) {
  FeatureHasher f("");
  f.h = t.h;
  return f.Add(a).Sep().Add(b).Done();
}
constexpr Tmpl kTw1{"w-1"}, kTw2{"w-2"}, kTwp1{"w+1"}, kTwp2{"w+2"}, kTs31{"s3-1"}, kTw1w{"w-1w"},
    kTsh1{"sh-1"}, kTshp1{"sh+1"}, kTr{"r"}, kTr1{"r-1"}, kTrp1{"r+1"}, kTc1{"c-1"}, kTc{"c"}, kTcp1{"c+1"};

uint64_t Feat(std::string_view tmpl, std::string_view v) { return FeatureHasher(tmpl).Sep().Add(v).Done(); }
uint64_t Feat2(std::string_view tmpl, std::string_view a, std::string_view b) {
  return FeatureHasher(tmpl).Sep().Add(a).Sep().Add(b).Done();
}

// A short string without heap allocation (feature values).
struct SmallStr {
  char buf[40];
  size_t n = 0;
  void Add(std::string_view v) {
    for (char c : v)
      if (n < sizeof buf) buf[n++] = c;
  }
  void Push(char c) {
    if (n < sizeof buf) buf[n++] = c;
  }
  std::string_view view() const { return std::string_view(buf, n); }
};

SmallStr Decimal(uint64_t v) {
  char tmp[24];
  int k = 0;
  do {
    tmp[k++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  SmallStr out;
  while (k) out.Push(tmp[--k]);
  return out;
}

// Word shape: X upper, x lower, d digit, other bytes as they are; runs collapsed, <= 8 chars.
SmallStr Shape(const Doc& doc, int i) {
  const Token& t = doc.seg.tokens[i];
  std::string_view s = doc.Tok(i);
  SmallStr out;
  bool first = true;
  for (size_t k = 0; k < s.size() && out.n < 8; ++k) {
    const unsigned char c = static_cast<unsigned char>(s[k]);
    if ((c & 0xC0) == 0x80) continue;
    char ch;
    if (c >= 'A' && c <= 'Z') ch = 'X';
    else if (c >= 'a' && c <= 'z') ch = 'x';
    else if (c >= '0' && c <= '9') ch = 'd';
    else if (c >= 0xC0) ch = (t.Is(kAllCaps) || (first && t.Is(kUpper))) ? 'X' : 'x';
    else ch = static_cast<char>(c);
    first = false;
    if (out.n == 0 || out.buf[out.n - 1] != ch) out.Push(ch);
  }
  return out;
}

// The last `n` characters of a lower-case word (UTF-8 aware).
std::string_view Suffix(const std::string& low, int n) {
  size_t p = low.size();
  for (int k = 0; k < n && p > 0; ++k) {
    --p;
    while (p > 0 && (static_cast<unsigned char>(low[p]) & 0xC0) == 0x80) --p;
  }
  return std::string_view(low).substr(p);
}
std::string_view Prefix(const std::string& low, int n) {
  size_t p = 0;
  for (int k = 0; k < n && p < low.size(); ++k) {
    ++p;
    while (p < low.size() && (static_cast<unsigned char>(low[p]) & 0xC0) == 0x80) ++p;
  }
  return std::string_view(low).substr(0, p);
}

// What the rules made of token k: "O", or B/I, the type, k(atalogue)/u(nknown).
SmallStr RuleTag(const Doc& doc, int k, int sb, int se) {
  SmallStr s;
  if (k < sb || k >= se) {
    s.Push('_');
    return s;
  }
  const int m = doc.mention_at[k];
  if (m < 0) {
    s.Push('O');
    return s;
  }
  const MentionSpan& ms = doc.mentions[m];
  s.Push(ms.tb == k ? 'B' : 'I');
  s.Add(ms.type);
  s.Push(ms.cat >= 0 ? 'k' : 'u');
  return s;
}

const char* LabelType(int label) {  // "PER" for B-PER/I-PER, "" for O
  return label == 0 ? "" : kNerLabelNames[label].data() + 2;
}

}  // namespace

uint64_t NerFeatureHash(std::string_view tmpl, std::string_view value) { return Feat(tmpl, value); }

// ---- model ----

namespace {
constexpr size_t kFilterBits = size_t{1} << 16;
size_t FilterBit(uint64_t key) { return (key >> 40) & (kFilterBits - 1); }
}  // namespace

void NerModel::Rehash(size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot());
  for (const Slot& o : old) {
    if (!o.key) continue;
    size_t s = o.key & (slots - 1);
    while (slots_[s].key) s = (s + 1) & (slots - 1);
    slots_[s] = o;
  }
}

void NerModel::Set(uint64_t key, const float* w) {
  if (key == 0) key = 1;
  if ((size_ + 1) * 2 > slots_.size()) Rehash(std::max<size_t>(1024, slots_.size() * 2));
  if (filter_.empty()) filter_.assign(kFilterBits / 64, 0);
  const size_t mask = slots_.size() - 1;
  size_t s = key & mask;
  while (slots_[s].key && slots_[s].key != key) s = (s + 1) & mask;
  if (!slots_[s].key) {
    slots_[s].key = key;
    slots_[s].row = static_cast<uint32_t>(size_);
    weights_.resize(weights_.size() + kNerLanes, 0.0f);
    ++size_;
    filter_[FilterBit(key) >> 6] |= uint64_t{1} << (FilterBit(key) & 63);
  }
  float* row = &weights_[size_t{slots_[s].row} * kNerLanes];
  for (int l = 0; l < kNerLabels; ++l) row[l] += w[l];
}

void NerModel::Accumulate(uint64_t key, float* scores) const {
  if (slots_.empty() || !((filter_[FilterBit(key) >> 6] >> (FilterBit(key) & 63)) & 1)) return;
  const size_t mask = slots_.size() - 1;
  for (size_t s = key & mask; slots_[s].key; s = (s + 1) & mask)
    if (slots_[s].key == key) {
      const float* row = &weights_[size_t{slots_[s].row} * kNerLanes];
      for (int l = 0; l < kNerLabels; ++l) scores[l] += row[l];
      return;
    }
}

void NerModel::Accumulate(uint64_t key, NerScores* scores) const {
  if (slots_.empty() || !((filter_[FilterBit(key) >> 6] >> (FilterBit(key) & 63)) & 1)) return;
  const size_t mask = slots_.size() - 1;
  for (size_t s = key & mask; slots_[s].key; s = (s + 1) & mask)
    if (slots_[s].key == key) {
      scores->AddRow(&weights_[size_t{slots_[s].row} * kNerLanes]);
      return;
    }
}

Result<NerModel> NerModel::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IOError(path + ": cannot open the name-tagger model");
  NerModel m;
  std::string line;
  int lineno = 0;
  double scale = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty()) continue;
    if (line[0] == '#') {
      const size_t p = line.find("scale=");
      if (p != std::string::npos) scale = std::atof(line.c_str() + p + 6);
      continue;
    }
    auto bad = [&](const std::string& why) {
      return Status::Corruption(path + ":" + std::to_string(lineno) + ": " + why);
    };
    if (scale <= 0) return bad("weights before the '# ... scale=N' header");
    // <16 hex digits> <TAB> label:weight label:weight ...
    const size_t tab = line.find('\t');
    if (tab != 16) return bad("expected a 16-digit hex feature key and a TAB");
    char* end = nullptr;
    const std::string hex = line.substr(0, 16);  // `end` points into it: keep it alive
    const uint64_t key = std::strtoull(hex.c_str(), &end, 16);
    if (!end || *end) return bad("bad feature key");
    float w[kNerLabels] = {};
    std::istringstream ws(line.substr(tab + 1));
    std::string item;
    while (ws >> item) {
      const size_t colon = item.find(':');
      if (colon == std::string::npos || colon == 0) return bad("expected label:weight, got '" + item + "'");
      const int l = std::atoi(item.c_str());
      if (l < 0 || l >= kNerLabels) return bad("label out of range in '" + item + "'");
      w[l] = static_cast<float>(std::atof(item.c_str() + colon + 1) / scale);
    }
    m.Set(key, w);
  }
  if (m.size() == 0) return Status::Corruption(path + ": no weights");
  return m;
}

// ---- features ----

bool NerScored(const Doc& doc, int i) {
  const Token& t = doc.seg.tokens[i];
  return t.Is(kWord) && (t.Is(kUpper) || t.Is(kAllCaps));
}

// The "kn" feature's value: "0" unknown, "1" a dictionary word, "2" one of
// the dictionary's proper names (WordOracle::Name).
static std::string_view KnownValue(bool known, bool name) { return name ? "2" : known ? "1" : "0"; }

void NerTokenFeatures(const NerInputs& in, const Doc& doc, int i, int sb, int se,
                      std::vector<uint64_t>* out) {
  const auto& toks = doc.seg.tokens;
  const std::string& low = toks[i].low;
  auto word = [&](int k) -> std::string_view {
    if (k < sb) return "<s>";
    if (k >= se) return "</s>";
    return toks[k].low;
  };
  const SmallStr shape = Shape(doc, i);
  const std::string_view sh = shape.view();
  SmallStr shape_p, shape_n;
  if (i > sb) shape_p = Shape(doc, i - 1); else shape_p.Add("<s>");
  if (i + 1 < se) shape_n = Shape(doc, i + 1); else shape_n.Add("</s>");
  const std::string_view shp = shape_p.view(), shn = shape_n.view();
  out->push_back(Feat("b", ""));
  out->push_back(Feat("w", low));
  out->push_back(Feat("sh", sh));
  out->push_back(Feat("s2", Suffix(low, 2)));
  out->push_back(Feat("s3", Suffix(low, 3)));
  out->push_back(Feat("s4", Suffix(low, 4)));
  out->push_back(Feat("p3", Prefix(low, 3)));
  out->push_back(Feat2("fst", i == sb ? "1" : "0", sh));
  out->push_back(Feat("w-1", word(i - 1)));
  out->push_back(Feat("w-2", word(i - 2)));
  out->push_back(Feat("w+1", word(i + 1)));
  out->push_back(Feat("w+2", word(i + 2)));
  out->push_back(Feat2("w-1w", word(i - 1), low));
  out->push_back(Feat2("sh-1", shp, sh));
  out->push_back(Feat2("sh+1", sh, shn));
  if (i > sb) out->push_back(Feat("s3-1", Suffix(toks[i - 1].low, 3)));
  const SmallStr rule = RuleTag(doc, i, sb, se);
  const std::string_view r = rule.view();
  out->push_back(Feat("r", r));
  out->push_back(Feat2("r-1", RuleTag(doc, i - 1, sb, se).view(), r));
  out->push_back(Feat2("r+1", r, RuleTag(doc, i + 1, sb, se).view()));
  if (in.oracle && NerScored(doc, i)) {
    // As the rules: a long word counts as a compound without asking
    // Hunspell (whose compound analysis is the slow path).
    const bool known = (low.size() >= 12 && !toks[i].Is(kAllCaps)) || in.oracle->Known(doc.Tok(i));
    out->push_back(Feat2("kn", KnownValue(known, in.oracle->Name(doc.Tok(i))), i == sb ? "1" : "0"));
  }
  if (in.cat && NerScored(doc, i)) {
    std::string stripped;
    const std::vector<SurfaceEntry>* v = in.cat->Lookup(low);
    if (!v && StripPossessive(low, doc.lang, &stripped)) v = in.cat->Lookup(stripped);
    if (v) {
      for (const SurfaceEntry& e : *v)
        out->push_back(Feat2("gz", in.cat->entity(e.entity).type, Decimal(static_cast<int>(e.kind)).view()));
    } else if (in.cat->MaybeFirst(low) && in.cat->MaxTokensFrom(low) > 1) {
      out->push_back(Feat("gzfirst", "1"));
    }
  }
  out->push_back(Feat("c-1", i > sb ? Decimal(doc.cue[i - 1]).view() : "<s>"));
  out->push_back(Feat("c", Decimal(doc.cue[i]).view()));
  out->push_back(Feat("c+1", i + 1 < se ? Decimal(doc.cue[i + 1]).view() : "</s>"));
}

void NerHistoryFeatures(int prev, int prev2, std::vector<uint64_t>* out) {
  out->push_back(Feat("p1", kNerLabelNames[prev]));
  out->push_back(Feat2("p2", kNerLabelNames[prev2], kNerLabelNames[prev]));
}

void NerDecode(const NerModel& model, const std::vector<std::vector<uint64_t>>& feats,
               const std::vector<char>& plain, std::vector<int>* labels) {
  const int n = static_cast<int>(feats.size());
  labels->assign(n, 0);
  std::vector<uint64_t> hist;
  int prev = 0, prev2 = 0;
  for (int k = 0; k < n; ++k) {
    const bool gated = prev == 0 && k < static_cast<int>(plain.size()) && plain[k];
    if (!gated && (!feats[k].empty() || prev != 0)) {
      float s[kNerLabels] = {};
      for (uint64_t f : feats[k]) model.Accumulate(f, s);
      hist.clear();
      NerHistoryFeatures(prev, prev2, &hist);
      for (uint64_t f : hist) model.Accumulate(f, s);
      int best = 0;
      for (int l = 1; l < kNerLabels; ++l)
        if (NerAllowed(prev, l) && s[l] > s[best]) best = l;
      (*labels)[k] = best;
    }
    prev2 = prev;
    prev = (*labels)[k];
  }
}

// ---- scoring with the memo ----

void NerCache::Bind(const NerModel* model) {
  if (model_ == model) return;
  model_ = model;
  self_.Clear();
  cue_.Clear();
  auto set = [&](NerScores* s, std::initializer_list<uint64_t> keys) {
    *s = NerScores();
    for (uint64_t k : keys) model->Accumulate(k, s);
  };
  set(&bias_, {Feat("b", "")});
  set(&edge_[0], {Feat("w-1", "<s>")});
  set(&edge_[1], {Feat("w-2", "<s>")});
  set(&edge_[2], {Feat("w+1", "</s>")});
  set(&edge_[3], {Feat("w+2", "</s>")});
  std::vector<uint64_t> h;
  for (int p2 = 0; p2 < kNerLabels; ++p2)
    for (int p1 = 0; p1 < kNerLabels; ++p1) {
      h.clear();
      NerHistoryFeatures(p1, p2, &h);
      hist_[p2][p1] = NerScores();
      for (uint64_t k : h) model->Accumulate(k, &hist_[p2][p1]);
    }
}

// The static scores of one sentence's tokens: the sum of NerTokenFeatures'
// weights, word-level groups taken from the NerCache.
class NerScorer {
 public:
  NerScorer(const NerModel& model, const NerInputs& in, NerCache* cache, const Doc& doc)
      : model_(model), in_(in), c_(*cache), doc_(doc) {}

  // REQUIRES: NerScored(doc, i); i in [sb, se).
  NerScores Token(int i, int sb, int se) {
    const auto& toks = doc_.seg.tokens;
    const std::string& low = toks[i].low;
    NerScores s = c_.bias_;
    s.Add(Self(i, i == sb));
    AddAround(i - 1, sb, se, 0, &s);
    AddAround(i - 2, sb, se, 1, &s);
    AddAround(i + 1, sb, se, 2, &s);
    AddAround(i + 2, sb, se, 3, &s);
    const SmallStr& sh = ShapeAt(i);
    static const SmallStr kStart = Literal("<s>"), kEnd = Literal("</s>");
    const SmallStr& shp = i > sb ? ShapeAt(i - 1) : kStart;
    const SmallStr& shn = i + 1 < se ? ShapeAt(i + 1) : kEnd;
    Acc(Feat2(kTw1w, i > sb ? std::string_view(toks[i - 1].low) : "<s>", low), &s);
    Acc(Feat2(kTsh1, shp.view(), sh.view()), &s);
    Acc(Feat2(kTshp1, sh.view(), shn.view()), &s);
    const SmallStr r = RuleTag(doc_, i, sb, se);
    Acc(Feat(kTr, r.view()), &s);
    Acc(Feat2(kTr1, RuleTag(doc_, i - 1, sb, se).view(), r.view()), &s);
    Acc(Feat2(kTrp1, r.view(), RuleTag(doc_, i + 1, sb, se).view()), &s);
    if (i > sb) s.Add(Cue(doc_.cue[i - 1])[0]); else Acc(Feat("c-1", "<s>"), &s);
    s.Add(Cue(doc_.cue[i])[1]);
    if (i + 1 < se) s.Add(Cue(doc_.cue[i + 1])[2]); else Acc(Feat("c+1", "</s>"), &s);
    return s;
  }
  const NerScores& History(int prev2, int prev) const { return c_.hist_[prev2][prev]; }
  // A capitalised dictionary word inside a sentence that no rule and no
  // catalogue surface marks ("Regierung", "Montag"): after an O it is
  // read as O without scoring (see ApplyNer).
  bool Plain(int i, int sb) {
    return i > sb && doc_.mention_at[i] < 0 && WordOf(i).plain;
  }
  // Starts a document: forgets the shapes of the previous one.
  void Reset() { shapes_.assign(doc_.seg.tokens.size(), SmallStr()); }

 private:
  void Acc(uint64_t key, NerScores* s) const { model_.Accumulate(key, s); }

  // w, sh, affixes, fst, kn, gz: the features of the token's own word.
  NerScores Self(int i, bool first) { return WordOf(i).s[first]; }

  // The memo entry of token i's word (a copy: the next insertion may move entries).
  NerCache::Word WordOf(int i) {
    const std::string_view surf = doc_.Tok(i);
    const uint64_t h = FlatHash(surf);
    if (const auto* v = c_.self_.Find(surf, h)) return *v;
    std::vector<uint64_t> keys;
    const std::string& low = doc_.seg.tokens[i].low;
    const SmallStr shape = Shape(doc_, i);
    const std::string_view sh = shape.view();
    keys = {Feat("w", low),          Feat("sh", sh),          Feat("s2", Suffix(low, 2)),
            Feat("s3", Suffix(low, 3)), Feat("s4", Suffix(low, 4)), Feat("p3", Prefix(low, 3))};
    bool in_catalogue = false;
    if (in_.cat) {
      std::string stripped;
      const std::vector<SurfaceEntry>* v = in_.cat->Lookup(low);
      if (!v && StripPossessive(low, doc_.lang, &stripped)) v = in_.cat->Lookup(stripped);
      if (v) {
        in_catalogue = true;
        for (const SurfaceEntry& e : *v)
          keys.push_back(Feat2("gz", in_.cat->entity(e.entity).type, Decimal(static_cast<int>(e.kind)).view()));
      } else if (in_.cat->MaybeFirst(low) && in_.cat->MaxTokensFrom(low) > 1) {
        in_catalogue = true;
        keys.push_back(Feat("gzfirst", "1"));
      }
    }
    NerCache::Word e;
    for (uint64_t k : keys) Acc(k, &e.s[0]);
    e.s[1] = e.s[0];
    Acc(Feat2("fst", "0", sh), &e.s[0]);
    Acc(Feat2("fst", "1", sh), &e.s[1]);
    if (in_.oracle) {
      const bool known =
          (low.size() >= 12 && !doc_.seg.tokens[i].Is(kAllCaps)) || in_.oracle->Known(surf);
      const bool name = in_.oracle->Name(surf);
      Acc(Feat2("kn", KnownValue(known, name), "0"), &e.s[0]);
      Acc(Feat2("kn", KnownValue(known, name), "1"), &e.s[1]);
      // Plain: known to the dictionary as written, without the long-word
      // shortcut above (long town names are no dictionary words) and
      // without a hyphen ("Carl-Ludwig" counts its last part).
      e.plain = !in_catalogue && !name && surf.find('-') == std::string_view::npos &&
                !doc_.seg.tokens[i].Is(kAllCaps) && in_.oracle->Known(surf);
    }
    if (c_.self_.size() > 200000) c_.self_.Clear();
    *c_.self_.TryEmplace(surf, h).first = e;
    return e;
  }


  static SmallStr Literal(std::string_view v) {
    SmallStr s;
    s.Add(v);
    return s;
  }
  // Shapes are asked for up to three times per token: memoised per position.
  const SmallStr& ShapeAt(int k) {
    if (shapes_.size() != doc_.seg.tokens.size()) Reset();
    if (shapes_[k].n == 0) shapes_[k] = Shape(doc_, k);
    return shapes_[k];
  }
  // The cue features of one cue mask as token i-1, i and i+1.
  const std::array<NerScores, 3>& Cue(CueMaskT mask) {
    const std::string_view key(reinterpret_cast<const char*>(&mask), sizeof mask);
    const uint64_t h = FlatHash(key);
    if (const auto* v = c_.cue_.Find(key, h)) return *v;
    if (c_.cue_.size() > 4096) c_.cue_.Clear();
    auto* e = c_.cue_.TryEmplace(key, h).first;
    const SmallStr d = Decimal(mask);
    Acc(Feat(kTc1, d.view()), &(*e)[0]);
    Acc(Feat(kTc, d.view()), &(*e)[1]);
    Acc(Feat(kTcp1, d.view()), &(*e)[2]);
    return *e;
  }

  // Token k's word as the neighbour `slot` (0: i-1, 1: i-2, 2: i+1, 3: i+2).
  // Not memoised: few neighbour words are model features, so the model's
  // filter rejects most of these keys at the cost of the hash.
  void AddAround(int k, int sb, int se, int slot, NerScores* s) {
    if (k < sb || k >= se) {
      s->Add(c_.edge_[slot]);
      return;
    }
    const std::string& low = doc_.seg.tokens[k].low;
    static constexpr Tmpl kTemplates[4] = {kTw1, kTw2, kTwp1, kTwp2};
    Acc(Feat(kTemplates[slot], low), s);
    if (slot == 0) Acc(Feat(kTs31, Suffix(low, 3)), s);
  }

  const NerModel& model_;
  const NerInputs& in_;
  NerCache& c_;
  const Doc& doc_;
  std::vector<SmallStr> shapes_;  // per token; n == 0: not computed (a shape is never empty)
};

std::vector<char> NerPlainTokens(const NerInputs& in, const Doc& doc) {
  static const NerModel kEmpty;  // Plain() needs the word memo, not weights
  NerCache cache;
  cache.Bind(&kEmpty);
  NerScorer scorer(kEmpty, in, &cache, doc);
  scorer.Reset();
  std::vector<char> out(doc.seg.tokens.size(), 0);
  for (const Sentence& s : doc.seg.sentences)
    for (int i = s.tok_begin; i < s.tok_end; ++i)
      out[i] = NerScored(doc, i) && scorer.Plain(i, s.tok_begin);
  return out;
}

NerScores NerTokenScores(const NerModel& model, const NerInputs& in, const Doc& doc, int i, int sb, int se) {
  NerCache local;
  NerCache* cache = in.cache ? in.cache : &local;
  cache->Bind(&model);
  return NerScorer(model, in, cache, doc).Token(i, sb, se);
}

// ---- merging into the rules' mentions ----

namespace {

// A rule mention the tagger may replace: an unknown name of the rules'
// unknown-name pass (no catalogue entry, no role phrase, no institution).
// Only names the rules could not type: a type from context (a place
// preposition, a role noun) stays the rules' call.
bool Replaceable(const MentionSpan& m) {
  return m.cat < 0 && !m.partial && !m.from_role && m.fixed_id.empty() && m.inst_kind.empty() &&
         (m.type.empty() || m.type == "other" || m.weak_type);
}

// A word that does not make a one-word name on the tagger's word alone: a
// dictionary word (as written), a role noun, a month, weekday or stopword,
// a compound with a lower-case part after a hyphen.
bool CommonAlone(const NerInputs& in, const Doc& doc, int i) {
  const std::string& low = doc.seg.tokens[i].low;
  if (in.lex && (in.lex->roles.Contains(low) || in.lex->role_parts.Contains(low) ||
                 in.lex->months.Contains(low) || in.lex->weekdays.Contains(low) ||
                 in.lex->stopwords.Contains(low)))
    return true;
  // "Know-how", "No-go": a hyphen before a lower-case part makes a common compound.
  const std::string_view tok = doc.Tok(i);
  for (size_t k = 0; k + 1 < tok.size(); ++k)
    if (tok[k] == '-' && tok[k + 1] >= 'a' && tok[k + 1] <= 'z') return true;
  return in.oracle && in.oracle->Known(tok) && !in.oracle->Name(tok);
}

}  // namespace

void ApplyNer(const NerModel& model, const NerInputs& in, Doc* doc) {
  const auto& toks = doc->seg.tokens;
  std::vector<char> partial(toks.size(), 0);
  for (const MentionSpan& m : doc->mentions)
    if (m.partial) partial[m.tb] = 1;
  NerCache local;
  NerCache* cache = in.cache ? in.cache : &local;
  cache->Bind(&model);
  NerScorer scorer(model, in, cache, *doc);
  std::vector<int> labels;
  std::vector<char> dropped(doc->mentions.size(), 0);
  std::vector<MentionSpan> added;
  for (size_t s = 0; s < doc->seg.sentences.size(); ++s) {
    const Sentence& sent = doc->seg.sentences[s];
    const int sb = sent.tok_begin, se = sent.tok_end;
    // Greedy decode as NerDecode, from the memoised scores.
    labels.assign(se - sb, 0);
    // A plain dictionary word after an O stays O unscored (about 40 % of
    // the capitalised words of German news; GermEval-2014 dev, which the
    // model is trained on: span F1 0.749 -> 0.744, and role nouns no longer
    // start names: "Polizeisprecher X" gives X).
    for (int k = 0, prev = 0, prev2 = 0; k < se - sb; ++k) {
      const bool scored = NerScored(*doc, sb + k);
      const bool plain = scored && prev == 0 && scorer.Plain(sb + k, sb);
      if (!plain && (scored || prev != 0)) {
        NerScores sc = scored ? scorer.Token(sb + k, sb, se) : NerScores();
        sc.Add(scorer.History(prev2, prev));
        int best = 0;
        for (int l = 1; l < kNerLabels; ++l)
          if (NerAllowed(prev, l) && sc.v[l] > sc.v[best]) best = l;
        labels[k] = best;
      }
      prev2 = prev;
      prev = labels[k];
    }
    // Unknown rule names the tagger reads as no name at all are dropped.
    for (int i = sb; i < se; ++i) {
      const int m = doc->mention_at[i];
      if (m < 0 || doc->mentions[m].tb != i || !Replaceable(doc->mentions[m])) continue;
      bool all_o = true;
      for (int j = doc->mentions[m].tb; j < doc->mentions[m].te; ++j) all_o &= labels[j - sb] == 0;
      if (all_o) dropped[m] = 1;
    }
    for (int k = 0; k < se - sb;) {
      const int l = labels[k];
      if (l == 0 || l % 2 == 0) { ++k; continue; }
      int e = k + 1;
      while (e < se - sb && labels[e] == l + 1) ++e;
      const int tb = sb + k, te = sb + e;
      k = e;
      const std::string_view t = LabelType(l);
      if (t == "OTH") continue;
      const std::string type = t == "PER" ? "person" : t == "ORG" ? "organization" : "";
      // Rule mentions under the span: the tagger's span replaces unknown ones
      // and yields to any other; partial (prefix) mentions block it.
      bool blocked = false;
      std::vector<int> under;
      for (int j = tb; j < te; ++j) {
        if (partial[j]) blocked = true;
        const int m = doc->mention_at[j];
        if (m < 0 || (!under.empty() && under.back() == m)) continue;
        under.push_back(m);
        if (!Replaceable(doc->mentions[m])) blocked = true;
      }
      // ... and must cover them whole.
      for (int m : under)
        if (doc->mentions[m].tb < tb || doc->mentions[m].te > te) blocked = true;
      if (blocked) continue;
      MentionSpan m;
      m.tb = tb;
      m.te = te;
      m.sentence = static_cast<int>(s);
      m.surface = std::string(doc->text.substr(toks[tb].start, toks[te - 1].end - toks[tb].start));
      for (int j = tb; j < te; ++j) m.key += (j > tb ? " " : "") + toks[j].low;
      // A catalogue entry of the same surface and a fitting type links it.
      std::string stripped;
      const std::vector<SurfaceEntry>* v = in.cat ? in.cat->Lookup(m.key) : nullptr;
      if (!v && in.cat && te - tb == 1 && StripPossessive(m.key, doc->lang, &stripped)) {
        v = in.cat->Lookup(stripped);
        if (v) m.possessive = true;
      }
      if (v) {
        for (const SurfaceEntry& e2 : *v) {
          if (e2.kind == Surface::kAdjective || e2.kind == Surface::kDemonym) continue;
          const std::string& ty = in.cat->entity(e2.entity).type;
          const bool place = ty == "city" || ty == "country" || ty == "region";
          if ((type.empty() && place) || (!type.empty() && ty == type)) {
            m.cands.push_back(e2.entity);
            m.cand_kinds.push_back(e2.kind);
            if (m.cat < 0) {
              m.cat = e2.entity;
              m.kind = e2.kind;
              m.type = ty;
            }
          }
        }
      }
      // A lone dictionary word is no name; nor a catalogue one after an
      // article ("in der Bar").
      if (te - tb == 1 && CommonAlone(in, *doc, tb) &&
          (m.cat < 0 || (tb > sb && doc->CueAt(tb - 1, CueId::kDet))))
        continue;
      if (m.cat < 0) {
        m.possessive = false;
        m.type = type.empty() ? (te - tb == 1 ? "city" : "region") : type;
      }
      for (int u : under) dropped[u] = 1;
      added.push_back(std::move(m));
    }
  }
  if (added.empty() && std::find(dropped.begin(), dropped.end(), 1) == dropped.end()) return;
  std::vector<MentionSpan> kept;
  kept.reserve(doc->mentions.size() + added.size());
  for (size_t m = 0; m < doc->mentions.size(); ++m)
    if (!dropped[m]) kept.push_back(std::move(doc->mentions[m]));
  for (auto& m : added) kept.push_back(std::move(m));
  doc->mentions = std::move(kept);
  std::stable_sort(doc->mentions.begin(), doc->mentions.end(),
                   [](const MentionSpan& a, const MentionSpan& b) { return a.tb < b.tb; });
  doc->mention_at.assign(toks.size(), -1);
  for (size_t m = 0; m < doc->mentions.size(); ++m)
    if (!doc->mentions[m].partial)
      for (int k = doc->mentions[m].tb; k < doc->mentions[m].te; ++k)
        doc->mention_at[k] = static_cast<int>(m);
}

}  // namespace kg::ingest
