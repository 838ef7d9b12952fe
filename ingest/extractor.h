// Extractor: one article in, its entities, typed relations and co-mentions out.
//
// Pipeline (one stage per file in ingest/): language id (CLD2; the article's
// lang field overrides) -> ICU sentence/word segmentation -> gazetteer and
// lexicon matching (iso-codes countries, GeoNames cities, the curated KB in
// data/kb/, users' --lexicon dirs) -> unknown-name detection (Hunspell de_DE) ->
// resolution to stable entity ids -> relation rules (data/lexicon/) with
// modality, negation, location and date -> co-mentions.
//
// Thread safety: Extract() may be called from several threads at once on one
// Extractor. The loaded data is shared read-only; each concurrent call borrows
// its own workspace (ICU iterators, Snowball, a Hunspell handle; a new one costs
// ~40 ms on first use and is kept for later calls), and common-word verdicts
// are shared between workspaces.
// Lifetime: everything loaded at Create() stays in memory until destruction.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "graph/model.h"
#include "graph/status.h"

namespace kg {

struct ExtractorOptions {
  // Directory with the shipped data (kb/, lexicon/). Empty = search, in order:
  // $KG_DATA, <exe dir>/../share/kg/data, the source tree's ingest/data.
  std::string data_dir;
  // Users' extra lexicon/KB directories (`--lexicon DIR`), applied after the shipped data.
  std::vector<std::string> lexicon_dirs;
  // Emit co_mentioned pairs (sentence-level co-occurrence).
  bool co_mentions = true;
  // Fill ArticleFacts::content_hash. Off for callers that hash the input
  // themselves (kg ingest hashes each article as read, before extraction).
  bool content_hash = true;
  // The name tagger's model (ingest/ner.h): "" = $KG_NER_MODEL, else the data
  // directory's ner/de.model when present; "off" = rules only.
  std::string ner_model;
};

// One token of an article as the name tagger sees it (for kg_train_ner).
struct TaggerToken {
  uint32_t start = 0, end = 0;  // byte offsets into the text
  int sentence = 0;
  std::vector<uint64_t> feats;  // static features; empty when the tagger skips the token
  bool plain = false;           // read as O after an O without scoring (NerPlainTokens)
};

// The shipped data directory (kb/, lexicon/): `given` when not empty, else
// $KG_DATA, <exe dir>/../share/kg/data, the install prefix, the source tree.
std::string FindDataDir(const std::string& given);

class Extractor {
 public:
  virtual ~Extractor() = default;
  // Loads gazetteers and lexicons. InvalidArgument/Corruption naming the file
  // and line of a bad data file; IOError when a required system file is missing.
  static Result<std::unique_ptr<Extractor>> Create(const ExtractorOptions& options);

  // REQUIRES: meta.text is valid UTF-8 (readers repair it).
  // Fills facts.article (lang detected when empty), entities, relations,
  // co_mentions and (unless turned off) content_hash.
  virtual Result<ArticleFacts> Extract(const ArticleMeta& meta) const = 0;

  // The name tagger's view of a German text (rules applied, tagger not):
  // every token with its static features (training tool; see ingest/ner.h).
  virtual Result<std::vector<TaggerToken>> TaggerFeatures(const ArticleMeta& meta) const = 0;
};

}  // namespace kg
