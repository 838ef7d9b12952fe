// kg_train_ner: trains the name tagger (ingest/ner.h) from a GermEval-style
// TSV and writes the model file kg loads (ingest/data/ner/de.model).
//
//   kg_train_ner [--epochs N] [--min-count K] [--data DIR] [--eval TEST.tsv] [--no-gate] TRAIN.tsv OUT.model
//
// TSV: one token per line "index<TAB>token<TAB>outer-tag[<TAB>...]", a blank
// line between sentences, '#' lines ignored; tags B-/I- PER, LOC, ORG, OTH
// (others, e.g. *deriv/*part, count as O). Each sentence is joined with
// single spaces and run through kg's own segmentation and rules
// (Extractor::TaggerFeatures), so training sees what extraction sees; kg
// tokens take the tag of the TSV token they start in.
// Training: averaged perceptron, greedy left-to-right with the predicted
// label history, sentences in a fixed pseudo-random order per epoch
// (deterministic: same input, same model). Features seen fewer than
// --min-count times are dropped; weights are written as integers (x100).
// --eval prints the tagger's own exact-span P/R/F1 (PER/LOC/ORG, typed) on
// another TSV, for cross-validation; OUT.model may be "-" (no file).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "ingest/extractor.h"
#include "ingest/ner.h"

namespace {

using kg::ingest::kNerLabels;

struct Sample {  // one kg sentence
  std::vector<std::vector<uint64_t>> feats;
  std::vector<char> plain;  // gated as at extraction (NerPlainTokens)
  std::vector<int> gold;
};

bool ReadTsv(const std::string& path, std::vector<std::vector<std::pair<std::string, std::string>>>* out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  std::vector<std::pair<std::string, std::string>> sent;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!sent.empty()) out->push_back(std::move(sent));
      sent.clear();
      continue;
    }
    if (line[0] == '#') continue;
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) continue;
    const size_t t3 = line.find('\t', t2 + 1);
    sent.emplace_back(line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1, t3 == std::string::npos ? t3 : t3 - t2 - 1));
  }
  if (!sent.empty()) out->push_back(std::move(sent));
  return true;
}

// Runs each TSV sentence through kg and labels kg's tokens.
bool gate = true;  // --no-gate: score every candidate token in training

bool Featurize(const kg::Extractor& x, const std::string& path, std::vector<Sample>* out) {
  std::vector<std::vector<std::pair<std::string, std::string>>> sents;
  if (!ReadTsv(path, &sents)) {
    std::fprintf(stderr, "kg_train_ner: %s: cannot read\n", path.c_str());
    return false;
  }
  for (const auto& s : sents) {
    kg::ArticleMeta meta;
    meta.lang = "de";
    std::vector<int> tok_of_byte;
    std::vector<size_t> tok_start;
    for (size_t k = 0; k < s.size(); ++k) {
      if (k) {
        meta.text += ' ';
        tok_of_byte.push_back(-1);
      }
      tok_start.push_back(meta.text.size());
      meta.text += s[k].first;
      tok_of_byte.resize(meta.text.size(), static_cast<int>(k));
    }
    auto r = x.TaggerFeatures(meta);
    if (!r.ok()) {
      std::fprintf(stderr, "kg_train_ner: %s\n", r.status().ToString().c_str());
      return false;
    }
    int cur = -1;
    for (auto& t : *r) {
      if (t.sentence != cur) {
        out->emplace_back();
        cur = t.sentence;
      }
      Sample& smp = out->back();
      int label = 0;
      const int g = t.start < tok_of_byte.size() ? tok_of_byte[t.start] : -1;
      if (g >= 0) {
        const std::string& tag = s[g].second;
        label = kg::ingest::NerLabelOf(tag);
        if (label != 0 && label % 2 == 1 && t.start != tok_start[g]) label += 1;  // inside a split token
      }
      if (label != 0 && label % 2 == 0 && !smp.gold.empty() && smp.gold.back() != label &&
          smp.gold.back() != label - 1)
        label -= 1;  // an I- that starts a span
      if (label != 0 && label % 2 == 0 && smp.gold.empty()) label -= 1;
      smp.gold.push_back(label);
      smp.plain.push_back(gate ? t.plain : 0);
      smp.feats.push_back(std::move(t.feats));
    }
  }
  return true;
}

struct Trainer {
  struct W {
    float w[kNerLabels] = {}, acc[kNerLabels] = {};
    int64_t stamp[kNerLabels] = {};
  };
  std::unordered_map<uint64_t, W> weights;
  int64_t step = 1;

  void Score(const std::vector<uint64_t>& f, float* s) {
    for (uint64_t k : f) {
      auto it = weights.find(k);
      if (it == weights.end()) continue;
      for (int l = 0; l < kNerLabels; ++l) s[l] += it->second.w[l];
    }
  }
  void Update(const std::vector<uint64_t>& f, int label, float d) {
    for (uint64_t k : f) {
      W& w = weights[k];
      w.acc[label] += (step - w.stamp[label]) * w.w[label];
      w.stamp[label] = step;
      w.w[label] += d;
    }
  }
  void Train(const Sample& s) {
    int prev = 0, prev2 = 0;
    std::vector<uint64_t> hist;
    for (size_t k = 0; k < s.feats.size(); ++k) {
      int pred = 0;
      const bool gated = prev == 0 && s.plain[k];
      if (!gated && (!s.feats[k].empty() || prev != 0)) {
        float sc[kNerLabels] = {};
        hist.clear();
        kg::ingest::NerHistoryFeatures(prev, prev2, &hist);
        Score(s.feats[k], sc);
        Score(hist, sc);
        for (int l = 1; l < kNerLabels; ++l)
          if (kg::ingest::NerAllowed(prev, l) && sc[l] > sc[pred]) pred = l;
        const int gold = kg::ingest::NerAllowed(prev, s.gold[k]) ? s.gold[k] : s.gold[k] - 1;
        if (pred != gold) {
          Update(s.feats[k], gold, 1);
          Update(hist, gold, 1);
          Update(s.feats[k], pred, -1);
          Update(hist, pred, -1);
        }
        ++step;
      }
      prev2 = prev;
      prev = pred;  // the predicted history, as at inference
    }
  }
  // Averaged weights, rounded to 1/100.
  std::map<uint64_t, std::vector<int>> Final() {
    std::map<uint64_t, std::vector<int>> out;
    for (auto& [k, w] : weights) {
      std::vector<int> q(kNerLabels, 0);
      bool any = false;
      for (int l = 0; l < kNerLabels; ++l) {
        const double acc = w.acc[l] + (step - w.stamp[l]) * w.w[l];
        q[l] = static_cast<int>(std::lround(100.0 * acc / step));
        any |= q[l] != 0;
      }
      if (any) out.emplace(k, std::move(q));
    }
    return out;
  }
};

void Spans(const std::vector<int>& labels, std::map<std::pair<int, int>, int>* out) {
  for (size_t k = 0; k < labels.size();) {
    const int l = labels[k];
    if (l == 0 || l % 2 == 0 || l >= 7) { ++k; continue; }
    size_t e = k + 1;
    while (e < labels.size() && labels[e] == l + 1) ++e;
    (*out)[{static_cast<int>(k), static_cast<int>(e)}] = l;
    k = e;
  }
}

}  // namespace

int main(int argc, char** argv) {
  int epochs = 10, min_count = 2;
  std::string data, eval;
  std::vector<std::string> pos;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "kg_train_ner: %s needs a value\n", a.c_str());
        std::exit(64);
      }
      return argv[++i];
    };
    if (a == "--epochs") epochs = std::atoi(next().c_str());
    else if (a == "--min-count") min_count = std::atoi(next().c_str());
    else if (a == "--data") data = next();
    else if (a == "--eval") eval = next();
    else if (a == "--no-gate") gate = false;
    else if (!a.empty() && a[0] == '-' && a != "-") {
      std::fprintf(stderr, "kg_train_ner: unknown option %s\n", a.c_str());
      return 64;
    } else pos.push_back(a);
  }
  if (pos.size() != 2 || epochs < 1) {
    std::fprintf(stderr,
                 "usage: kg_train_ner [--epochs N] [--min-count K] [--data DIR] [--eval TEST.tsv] [--no-gate] "
                 "TRAIN.tsv OUT.model|-\n");
    return 64;
  }
  kg::ExtractorOptions opts;
  opts.data_dir = data;
  opts.ner_model = "off";
  auto x = kg::Extractor::Create(opts);
  if (!x.ok()) {
    std::fprintf(stderr, "kg_train_ner: %s\n", x.status().ToString().c_str());
    return 74;
  }
  std::vector<Sample> train;
  if (!Featurize(**x, pos[0], &train)) return 65;
  std::unordered_map<uint64_t, int> count;
  for (const auto& s : train)
    for (const auto& f : s.feats)
      for (uint64_t k : f) ++count[k];
  for (auto& s : train)
    for (auto& f : s.feats) {
      std::vector<uint64_t> kept;
      for (uint64_t k : f)
        if (count[k] >= min_count) kept.push_back(k);
      if (!f.empty() && kept.empty()) kept.push_back(kg::ingest::NerFeatureHash("b", ""));
      f = std::move(kept);
    }
  Trainer t;
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  uint64_t rng = 0x9e3779b97f4a7c15ull;
  for (int ep = 0; ep < epochs; ++ep) {
    for (size_t i = order.size(); i > 1; --i) {  // Fisher-Yates with a fixed xorshift
      rng ^= rng << 13;
      rng ^= rng >> 7;
      rng ^= rng << 17;
      std::swap(order[i - 1], order[rng % i]);
    }
    for (size_t i : order) t.Train(train[i]);
  }
  const auto final_w = t.Final();
  size_t tokens = 0;
  for (const auto& s : train) tokens += s.gold.size();
  std::fprintf(stderr, "kg_train_ner: %zu sentences, %zu tokens, %zu features kept\n", train.size(),
               tokens, final_w.size());
  if (pos[1] != "-") {
    std::ofstream out(pos[1]);
    out << "# kg name tagger (ingest/ner.h), written by kg_train_ner; labels";
    for (int l = 0; l < kNerLabels; ++l) out << ' ' << l << '=' << kg::ingest::kNerLabelNames[l];
    out << "\n# trained on " << pos[0].substr(pos[0].rfind('/') + 1) << ", epochs=" << epochs
        << " min-count=" << min_count << " scale=100\n";
    char key[32];
    for (const auto& [k, q] : final_w) {
      std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(k));
      out << key << '\t';
      bool first = true;
      for (int l = 0; l < kNerLabels; ++l)
        if (q[l]) {
          out << (first ? "" : " ") << l << ':' << q[l];
          first = false;
        }
      out << '\n';
    }
    if (!out) {
      std::fprintf(stderr, "kg_train_ner: %s: write failed\n", pos[1].c_str());
      return 74;
    }
  }
  if (!eval.empty()) {
    kg::ingest::NerModel m;
    for (const auto& [k, q] : final_w) {
      float w[kNerLabels];
      for (int l = 0; l < kNerLabels; ++l) w[l] = q[l] / 100.0f;
      m.Set(k, w);
    }
    std::vector<Sample> test;
    if (!Featurize(**x, eval, &test)) return 65;
    long tp = 0, tpt = 0, np = 0, ng = 0;
    std::vector<int> labels;
    for (const auto& s : test) {
      kg::ingest::NerDecode(m, s.feats, s.plain, &labels);
      std::map<std::pair<int, int>, int> g, p;
      Spans(s.gold, &g);
      Spans(labels, &p);
      np += p.size();
      ng += g.size();
      for (const auto& [span, l] : p) {
        auto it = g.find(span);
        if (it == g.end()) continue;
        ++tp;
        tpt += it->second == l;
      }
    }
    auto f1 = [&](long hit) {
      const double P = np ? double(hit) / np : 0, R = ng ? double(hit) / ng : 0;
      std::printf("P=%.3f R=%.3f F1=%.3f", P, R, P + R > 0 ? 2 * P * R / (P + R) : 0.0);
    };
    std::printf("tagger alone, kg tokens: span ");
    f1(tp);
    std::printf("  typed ");
    f1(tpt);
    std::printf("  (gold %ld, predicted %ld)\n", ng, np);
  }
  return 0;
}
