// Shared by the extraction mechanism tests: one Extractor over the shipped
// data, and lookups into its output. Each test states invented sentences of
// one construction and what kg must (and must not) make of them.
#pragma once

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "ingest/extractor.h"

namespace kg::testing {

// An extractor over the source tree's data; `ner_model` as ExtractorOptions.
inline std::unique_ptr<Extractor> MakeTestExtractor(const std::string& ner_model) {
  ExtractorOptions o;
  o.data_dir = std::string(KG_SOURCE_DIR) + "/ingest/data";
  o.ner_model = ner_model;
  auto r = Extractor::Create(o);
  REQUIRE(r.ok());
  return std::move(r).value();
}

inline const Extractor& SharedExtractor() {
  static std::unique_ptr<Extractor> ex = MakeTestExtractor("");
  return *ex;
}

// The rules alone (no name tagger): for tests of a rule the tagger might
// otherwise cover.
inline const Extractor& RulesOnlyExtractor() {
  static std::unique_ptr<Extractor> ex = MakeTestExtractor("off");
  return *ex;
}

inline ArticleFacts ExtractRules(const std::string& text, const std::string& lang) {
  ArticleMeta m;
  m.id = "mechanism-test";
  m.text = text;
  m.lang = lang;
  m.date = "2016-03-15";
  auto r = RulesOnlyExtractor().Extract(m);
  REQUIRE(r.ok());
  return std::move(r).value();
}

// `date` empty: an undated article (as every 10kGNAD text).
inline ArticleFacts Extract(const std::string& text, const std::string& lang,
                            const std::string& date = "2016-03-15") {
  ArticleMeta m;
  m.id = "mechanism-test";
  m.text = text;
  m.lang = lang;
  m.date = date;
  auto r = SharedExtractor().Extract(m);
  REQUIRE(r.ok());
  return std::move(r).value();
}

inline const EntityFact* EntityById(const ArticleFacts& f, const std::string& id) {
  for (const auto& e : f.entities)
    if (e.id == id) return &e;
  return nullptr;
}

inline const EntityFact* EntityNamed(const ArticleFacts& f, const std::string& name) {
  for (const auto& e : f.entities)
    if (e.name == name) return &e;
  return nullptr;
}

// The entity one of whose mentions reads `text`.
inline const EntityFact* EntityMentioned(const ArticleFacts& f, const std::string& text) {
  for (const auto& e : f.entities)
    for (const auto& m : e.mentions)
      if (m.text == text) return &e;
  return nullptr;
}

// A relation between the entities named `s` and `o` (names or ids; either
// order for symmetric predicates).
inline const RelationFact* Relation(const ArticleFacts& f, const std::string& s, const std::string& p,
                                    const std::string& o) {
  auto id_of = [&](const std::string& n) {
    for (const auto& e : f.entities)
      if (e.name == n || e.id == n) return e.id;
    return std::string("?");
  };
  const std::string si = id_of(s), oi = id_of(o);
  for (const auto& r : f.relations) {
    if (r.predicate != p) continue;
    if (r.subject == si && r.object == oi) return &r;
    if (IsSymmetricPredicate(p) && r.subject == oi && r.object == si) return &r;
  }
  return nullptr;
}

}  // namespace kg::testing
