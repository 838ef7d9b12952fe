// Reading `kg load` input: JSON Lines whose every line is either
//  - a `kg extract` contract object ({"article": {...}, "entities", "relations",
//    "co_mentions"}, model_json.h), or
//  - a minimal triple {"subject", "predicate", "object"} naming entities by
//    name (or by entity id "type/slug"), with optional "subject_type",
//    "object_type", "date", "location", "modality", "confidence", "weight"
//    (co_mentioned only), "sentence", "source" and "article" (an article id:
//    minimal lines with the same article id form one article; other minimal
//    lines are one article each, id "<source>#<line>").
// Names become entity ids "<type or other>/<slug>".
//
// Every line is checked on its own: a bad line (malformed JSON, a NUL byte,
// an unknown predicate, entity type or modality, a date that is not a real
// YYYY[-MM[-DD]], a weight or count outside [1, 2^31-1], a confidence outside
// [0, 1], an article id that an earlier line of the same load already used
// for a different article) is rejected with the reason and the lines around
// it are still read.
//
// Thread safety: none. Not tied to RocksDB (fuzzed in tests/fuzz).
#pragma once

#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "graph/model.h"
#include "graph/status.h"

namespace kg {

class FactLineReader {
 public:
  // `source` names the input in article ids ("<source>#<line>"); one reader
  // may read several inputs (SetSource between them), and article ids must
  // then be unique across all of them.
  explicit FactLineReader(std::string source) : source_(std::move(source)) {}
  void SetSource(std::string source) { source_ = std::move(source); }

  // One line without its line end (a trailing '\r' is ignored); `lineno` is
  // 1-based. Blank lines are OK and ignored. Corruption with the reason for a
  // bad line, which adds nothing.
  Status AddLine(std::string_view line, long lineno);

  // Reads every line of `in` (any length, NUL bytes included) and calls
  // on_bad(lineno, status) for each bad line. IOError when reading fails.
  Status AddStream(FILE* in, const std::function<void(long, const Status&)>& on_bad);

  std::vector<ArticleFacts>& articles() { return articles_; }
  long lines() const { return lines_; }  // non-blank lines seen

 private:
  Status AddContract(std::string_view line, long lineno, const nlohmann::json& j);
  Status AddMinimal(std::string_view line, long lineno, const nlohmann::json& j);

  std::string source_;
  std::vector<ArticleFacts> articles_;
  // Article id -> (index in articles_, first line, from minimal lines).
  struct Seen {
    std::size_t index;
    long line;
    bool minimal;
  };
  std::map<std::string, Seen> ids_;
  long lines_ = 0;
};

}  // namespace kg
