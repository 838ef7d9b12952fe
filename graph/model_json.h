// JSON form of ArticleFacts: the `kg extract --format jsonl` contract, also
// read back by `kg load`.
//
//  {"article": {"id","title","date","source","lang","path"[,"url"]},
//   "entities": [{"id","name","type","aliases":[..],"mentions":[{"text","start","end","sentence"}]}],
//   "relations": [{"subject","predicate","object","location","date","modality","confidence",
//                  "evidence":{"sentence","start","end"[,"rule"]}}],
//   "co_mentions": [{"a","b","count"}]}
#pragma once

#include <nlohmann/json.hpp>

#include "graph/model.h"
#include "graph/status.h"

namespace kg {

// explain=true adds evidence.rule/evidence.tokens and relation.source.
nlohmann::json ArticleFactsToJson(const ArticleFacts& facts, bool explain = false);

// Parses the contract form. Entities may be omitted when relations name
// entities by id. Returns Corruption naming the offending field.
Result<ArticleFacts> ArticleFactsFromJson(const nlohmann::json& j);

}  // namespace kg
