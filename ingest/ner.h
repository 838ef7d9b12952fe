// Statistical name tagger: a greedy left-to-right averaged-perceptron BIO
// tagger (PER, LOC, ORG, OTH) over kg's own tokens, stacked on the rules: its
// features include what the rules found (catalogue match and its type,
// unknown-name run), Hunspell's common-word verdict, catalogue surfaces,
// cue words, word shape, affixes and neighbours. It runs after
// DetectMentions on German articles and adds the names the rules miss (lone
// surnames, single-word companies, cities outside a place phrase) and types
// unknown names the rules could not type; catalogue matches keep precedence.
//
// The model is a data file (ingest/data/ner/de.model; format in
// ingest/data/README.md) written by `kg_train_ner` (ingest/nertrain/) from
// a GermEval-style TSV. Features are 64-bit FNV-1a hashes of
// "template\x1fvalue" strings, so the file stays stable across builds.
//
// Thread safety: a loaded NerModel is immutable and may be shared; the
// functions take the caller's WordOracle (not thread-safe).
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"
#include "ingest/doc.h"
#include "ingest/flat_map.h"
#include "ingest/hunspell.h"
#include "ingest/kb.h"
#include "ingest/lexicon.h"

namespace kg::ingest {

// Labels in model order.
inline constexpr int kNerLabels = 9;
inline constexpr std::string_view kNerLabelNames[kNerLabels] = {
    "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-OTH", "I-OTH"};
// Scores are kept in rows of kNerLanes floats (the labels, then zeros) so
// that adding a row is whole vector operations.
inline constexpr int kNerLanes = 12;  // a multiple of 4, >= kNerLabels
// Label index of a GermEval tag; *deriv / *part tags and unknown ones are O.
int NerLabelOf(std::string_view tag);

// Stable 64-bit FNV-1a hash of `template` and `value` (the persisted feature key).
uint64_t NerFeatureHash(std::string_view tmpl, std::string_view value);

// Per-label scores of a group of features.
struct NerScores {
  float v[kNerLanes] = {};  // [kNerLabels, kNerLanes) stay 0
  void Add(const NerScores& o) { AddRow(o.v); }
  // Adds kNerLanes floats, four at a time (GCC/Clang vector extension).
  void AddRow(const float* row) {
    typedef float V4 __attribute__((vector_size(16)));
    for (int l = 0; l < kNerLanes; l += 4) {
      V4 a, b;
      std::memcpy(&a, v + l, sizeof a);
      std::memcpy(&b, row + l, sizeof b);
      a += b;
      std::memcpy(v + l, &a, sizeof a);
    }
  }
};

class NerModel {
 public:
  // Reads a model file. Corruption naming the file and line on a bad line.
  static Result<NerModel> Load(const std::string& path);
  // Adds `w` (one weight per label) for feature `key` (training tool, tests).
  void Set(uint64_t key, const float* w);
  // Adds the weights of `key` to `scores` (no-op for unknown features).
  void Accumulate(uint64_t key, float* scores) const;
  void Accumulate(uint64_t key, NerScores* scores) const;
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t key = 0;  // 0 = empty
    uint32_t row = 0;  // weights_[row * kNerLanes ...]
  };
  void Rehash(size_t slots);
  // Open addressing, load <= 1/2; 16-byte slots and the weights apart, so
  // the table and the weights of the features in use stay in cache.
  std::vector<Slot> slots_;
  std::vector<float> weights_;
  std::vector<uint64_t> filter_;  // bitset over key bits: most feature keys are not in the model
  size_t size_ = 0;
};

// ApplyNer's memo of word-level partial scores: the features of a token's
// own word (the word, its shape, affixes, dictionary and catalogue verdicts)
// are summed once per distinct word, so a word seen before costs one table
// lookup instead of ten feature lookups and a dictionary check.
// ApplyNer's scores then equal the sum over NerTokenFeatures and
// NerHistoryFeatures up to float rounding (a test checks this).
// Contract: valid for one model and one set of NerInputs (catalogue, lexicon,
// oracle); Bind() empties it when the model changes. Bounded: emptied past
// ~200,000 words. Thread safety: none (one per extraction workspace).
class NerCache {
 public:
  void Bind(const NerModel* model);

 private:
  friend class NerScorer;
  const NerModel* model_ = nullptr;
  struct Word {
    NerScores s[2];       // [not first, first in sentence]
    bool plain = false;   // a dictionary word with no catalogue surface
  };
  FlatMap<Word> self_;    // token as written
  FlatMap<std::array<NerScores, 3>> cue_;    // cue mask (raw bytes) -> as token i-1, i, i+1
  NerScores edge_[4];              // "<s>"/"</s>" in those places
  NerScores bias_;                 // the constant feature
  NerScores hist_[kNerLabels][kNerLabels];  // [prev2][prev]
};

struct NerInputs {
  const Catalog* cat = nullptr;
  const Lexicon* lex = nullptr;  // may be null (then no lexicon filter on new names)
  WordOracle* oracle = nullptr;  // may be null
  NerCache* cache = nullptr;     // may be null (then a memo per call)
};

// Static features of token i (sentence [sb, se)); REQUIRES: doc->mentions
// and mention_at filled by DetectMentions.
void NerTokenFeatures(const NerInputs& in, const Doc& doc, int i, int sb, int se,
                      std::vector<uint64_t>* out);
// Whether the tagger scores token i at all (else it is O unless the
// previous label continues): capitalised words, words with digits after a name.
bool NerScored(const Doc& doc, int i);
// The label history features of a token given the two previous labels.
void NerHistoryFeatures(int prev, int prev2, std::vector<uint64_t>* out);
// Whether `label` may follow `prev` (I-X only after B-X or I-X).
inline bool NerAllowed(int prev, int label) {
  return label == 0 || (label % 2) == 1 || prev == label || prev == label - 1;
}
// Greedy left-to-right decode of one sentence from its static features
// (an empty list: a token the tagger skips, O unless a name continues);
// `plain` (may be shorter, then false) marks tokens read as O after an O
// without scoring, as ApplyNer does (NerPlainTokens).
void NerDecode(const NerModel& model, const std::vector<std::vector<uint64_t>>& feats,
               const std::vector<char>& plain, std::vector<int>* labels);

// Per token of `doc`: whether ApplyNer's gate reads it as O after an O
// unscored (a plain dictionary word; see ApplyNer), so that training and
// evaluation decode as extraction does. REQUIRES: as NerTokenFeatures.
std::vector<char> NerPlainTokens(const NerInputs& in, const Doc& doc);

// The static scores of token i (sentence [sb, se)) as ApplyNer computes them
// (through in.cache when set): the sum of the weights of
// NerTokenFeatures(in, doc, i, sb, se) up to float rounding.
// REQUIRES: NerScored(doc, i); doc as for NerTokenFeatures.
NerScores NerTokenScores(const NerModel& model, const NerInputs& in, const Doc& doc, int i, int sb, int se);

// Runs the tagger on every sentence and merges its spans into doc->mentions
// (see the header comment). A capitalised dictionary word inside a sentence
// that no rule mention and no catalogue surface covers is not scored after
// an O label (it stays O): names start at words the dictionary does not know. REQUIRES: DetectMentions ran on `doc`.
void ApplyNer(const NerModel& model, const NerInputs& in, Doc* doc);

}  // namespace kg::ingest
