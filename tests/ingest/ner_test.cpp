// The statistical name tagger (ingest/ner.h) inside extraction: invented
// sentences where the shipped model (data/ner/de.model) finds or types a name
// that the rules alone miss or mistype, compared with the same extractor
// without the model (ner_model = "off").
#include <catch2/catch.hpp>

#include "ingest/ner.h"
#include "tests/ingest/extract_fixture.h"

namespace kg::testing {
namespace {

const Extractor& RulesOnly() {
  static std::unique_ptr<Extractor> ex;
  if (!ex) {
    ExtractorOptions o;
    o.data_dir = std::string(KG_SOURCE_DIR) + "/ingest/data";
    o.ner_model = "off";
    auto r = Extractor::Create(o);
    REQUIRE(r.ok());
    ex = std::move(r).value();
  }
  return *ex;
}

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

}  // namespace
}  // namespace kg::testing
