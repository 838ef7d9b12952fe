// The statistical name tagger (ingest/ner.h) inside extraction: invented
// sentences where the shipped model (data/ner/de.model) finds or types a name
// that the rules alone miss or mistype, compared with the same extractor
// without the model (ner_model = "off").
#include <catch2/catch.hpp>

#include "ingest/ner.h"
#include "ingest/segmenter.h"
#include "tests/ingest/extract_fixture.h"

namespace kg::testing {
namespace {

const Extractor& RulesOnly() { return RulesOnlyExtractor(); }

ArticleFacts ExtractRulesOnly(const std::string& text) {
  ArticleMeta m;
  m.id = "ner-test";
  m.text = text;
  m.lang = "de";
  m.date = "2016-03-15";
  auto r = RulesOnly().Extract(m);
  REQUIRE(r.ok());
  return std::move(r).value();
}

TEST_CASE("Ner: a club name of two capitalised words is an organisation, not a person", "[ner]") {
  const std::string text = "Die Mannschaft verlor am Sonntag gegen den FC Hinterbrunn.";
  const EntityFact* rules = EntityMentioned(ExtractRulesOnly(text), "FC Hinterbrunn");
  REQUIRE(rules);
  CHECK(rules->type == "person");  // the rules' fallback for unknown multi-word names
  const auto f = Extract(text, "de");
  const EntityFact* e = EntityMentioned(f, "FC Hinterbrunn");
  REQUIRE(e);
  CHECK(e->type == "organization");
}

TEST_CASE("Ner: a sports club after 'für den' is an organisation", "[ner]") {
  const auto f = Extract("Zuletzt spielte er für den SV Obermoosach.", "de");
  const EntityFact* e = EntityMentioned(f, "SV Obermoosach");
  REQUIRE(e);
  CHECK(e->type == "organization");
}

TEST_CASE("Ner: a lone unknown surname in a coordination is found", "[ner]") {
  const std::string text = "Die Firma wurde von Zettelmann und Brühwiler gegründet.";
  CHECK(EntityMentioned(ExtractRulesOnly(text), "Brühwiler") == nullptr);
  const EntityFact* e = EntityMentioned(Extract(text, "de"), "Brühwiler");
  REQUIRE(e);
  CHECK(e->type == "person");
}

TEST_CASE("Ner: catalogue matches keep precedence over the tagger", "[ner]") {
  const auto f = Extract("Siemens meldete am Montag aus Berlin einen Gewinnsprung.", "de");
  const EntityFact* b = EntityMentioned(f, "Berlin");
  REQUIRE(b);
  CHECK(b->type == "city");
}

TEST_CASE("Ner: feature keys are stable FNV-1a hashes", "[ner]") {
  // The model file stores these keys: they must not change between builds.
  CHECK(ingest::NerFeatureHash("w", "berlin") == 0x2d7516713fefcc83ull);
  CHECK(ingest::NerLabelOf("B-ORG") == 5);
  CHECK(ingest::NerLabelOf("B-LOCderiv") == 0);
}

TEST_CASE("Ner: a model file with a bad line is refused with its line", "[ner]") {
  const std::string path = std::string(KG_SOURCE_DIR) + "/ingest/data/ner/de.model";
  auto ok = ingest::NerModel::Load(path);
  REQUIRE(ok.ok());
  CHECK(ok->size() > 1000);
  auto missing = ingest::NerModel::Load(path + ".missing");
  CHECK(!missing.ok());
}

// The sum of a token's feature weights, as the training tool sees them.
ingest::NerScores FeatureSum(const ingest::NerModel& m, const ingest::NerInputs& in, const ingest::Doc& doc,
                             int i, int sb, int se) {
  std::vector<uint64_t> feats;
  ingest::NerTokenFeatures(in, doc, i, sb, se, &feats);
  ingest::NerScores s;
  for (uint64_t f : feats) m.Accumulate(f, s.v);
  return s;
}

TEST_CASE("Ner: memoised token scores equal the sum of the feature weights", "[ner]") {
  // Repeated words at sentence starts and inside sentences, a rule mention
  // and cue values: every feature template contributes.
  const std::string text =
      "Berlin ist groß. In Berlin regnet es, sagte Anna Weber. Weber kommt aus Berlin. "
      "Die Firma Kowalczyk GmbH zahlt. Kowalczyk zahlt.";
  ingest::Segmenter seg("de", {}, {});
  ingest::Doc doc;
  doc.text = text;
  doc.lang = "de";
  doc.seg = seg.Segment(text);
  const int n = static_cast<int>(doc.seg.tokens.size());
  doc.mention_at.assign(n, -1);
  doc.cue.assign(n, 0);
  for (int i = 0; i < n; ++i) doc.cue[i] = static_cast<ingest::CueMaskT>(i % 3);
  ingest::MentionSpan m;
  for (int i = 0; i < n; ++i)
    if (doc.Tok(i) == "Anna") m.tb = i, m.te = i + 2;
  m.type = "person";
  doc.mentions.push_back(m);
  doc.mention_at[m.tb] = doc.mention_at[m.tb + 1] = 0;
  const ingest::NerInputs plain{};
  // Two models giving every feature of the text pseudo-random weights.
  ingest::NerModel models[2];
  uint32_t x = 12345;
  for (auto& model : models)
    for (const auto& sent : doc.seg.sentences)
      for (int i = sent.tok_begin; i < sent.tok_end; ++i) {
        if (!ingest::NerScored(doc, i)) continue;
        std::vector<uint64_t> feats;
        ingest::NerTokenFeatures(plain, doc, i, sent.tok_begin, sent.tok_end, &feats);
        for (uint64_t f : feats) {
          float w[ingest::kNerLabels];
          for (float& v : w) v = static_cast<float>((x = x * 1103515245u + 12345u) >> 16 & 1023) / 100.0f - 5;
          model.Set(f, w);
        }
      }
  ingest::NerCache cache;
  ingest::NerInputs in = plain;
  in.cache = &cache;
  int checked = 0;
  for (const auto& model : models)
    for (int pass = 0; pass < 2; ++pass)  // the second pass reads the memo
      for (const auto& sent : doc.seg.sentences)
        for (int i = sent.tok_begin; i < sent.tok_end; ++i) {
          if (!ingest::NerScored(doc, i)) continue;
          const auto want = FeatureSum(model, plain, doc, i, sent.tok_begin, sent.tok_end);
          const auto got = ingest::NerTokenScores(model, in, doc, i, sent.tok_begin, sent.tok_end);
          for (int l = 0; l < ingest::kNerLabels; ++l) CHECK(got.v[l] == Approx(want.v[l]).margin(1e-3));
          ++checked;
        }
  CHECK(checked > 40);
}

TEST_CASE("Ner: a dictionary word inside a sentence does not start a name", "[ner]") {
  // A model that reads "Regierung" as the start of an organisation and the
  // word after it as its continuation: without the rule, "Regierung Xyzzy"
  // would be one name.
  ingest::WordOracle oracle;
  REQUIRE(oracle.available());
  REQUIRE(oracle.Known("Regierung"));
  REQUIRE_FALSE(oracle.Known("Xyzzy"));
  ingest::NerModel model;
  auto weight = [&](uint64_t key, int label, float w) {
    float v[ingest::kNerLabels] = {};
    v[label] = w;
    model.Set(key, v);
  };
  const int b_org = ingest::NerLabelOf("B-ORG"), i_org = ingest::NerLabelOf("I-ORG");
  weight(ingest::NerFeatureHash("w", "regierung"), b_org, 10);
  weight(ingest::NerFeatureHash("w", "xyzzy"), b_org, 5);
  weight(ingest::NerFeatureHash("w-1", "regierung"), i_org, 20);
  auto run = [&](const std::string& text) {
    ingest::Segmenter seg("de", {}, {});
    ingest::Doc doc;
    doc.text = text;
    doc.lang = "de";
    doc.seg = seg.Segment(text);
    doc.mention_at.assign(doc.seg.tokens.size(), -1);
    doc.cue.assign(doc.seg.tokens.size(), 0);
    ingest::NerInputs in;
    in.oracle = &oracle;
    ingest::ApplyNer(model, in, &doc);
    std::vector<std::string> names;
    for (const auto& m : doc.mentions) names.push_back(m.surface);
    return names;
  };
  CHECK(run("Gestern lobte die Regierung Xyzzy sehr.") == std::vector<std::string>{"Xyzzy"});
  // At the start of a sentence every capitalised word is scored.
  CHECK(run("Regierung Xyzzy lobte gestern.") == std::vector<std::string>{"Regierung Xyzzy"});
}

}  // namespace
}  // namespace kg::testing
