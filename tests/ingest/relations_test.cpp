// Relation constructions: owners of plans and policies, agents of nominal
// triggers, sides in sport, office holders at the article's date.
#include "tests/ingest/extract_fixture.h"

using namespace kg;
using namespace kg::testing;

TEST_CASE("Relations: a verb aimed at a plan is aimed at its owner", "[extractor][relations]") {
  auto f = Extract("Die Grünen kritisierten am Montag die Pläne von Bundeskanzler Olaf Scholz scharf.", "de");
  const EntityFact* g = EntityMentioned(f, "Die Grünen");
  const EntityFact* s = EntityMentioned(f, "Olaf Scholz");
  REQUIRE(g != nullptr);
  REQUIRE(s != nullptr);
  CHECK(Relation(f, g->id, "opposes", s->id) != nullptr);

  auto e = Extract("Amnesty International criticised the policy of the Brazilian government on Tuesday.", "en");
  const EntityFact* gp = EntityMentioned(e, "Amnesty International");
  REQUIRE(gp != nullptr);
  bool aimed = false;
  for (const auto& r : e.relations)
    if (r.subject == gp->id && r.predicate == "opposes") aimed = true;
  CHECK(aimed);
}

TEST_CASE("Relations: the agent of a visit after the noun", "[extractor][relations]") {
  auto f = Extract("Vor dem Besuch von Präsident Emmanuel Macron in Marokko wurden zwei Journalisten freigelassen.",
                   "de");
  const EntityFact* m = EntityMentioned(f, "Emmanuel Macron");
  REQUIRE(m != nullptr);
  CHECK(Relation(f, m->id, "visits", "country/MA") != nullptr);
}

TEST_CASE("Relations: players belong to their side", "[extractor][relations]") {
  auto f = Extract("Norway's goalkeeper Lars Eikrem saved two penalties in the final.", "en");
  const EntityFact* p = EntityMentioned(f, "Lars Eikrem");
  REQUIRE(p != nullptr);
  CHECK(Relation(f, p->id, "member_of", "country/NO") != nullptr);
  auto g = Extract("Der dänische Stürmer Mads Kjeldsen traf in der 80. Minute.", "de");
  const EntityFact* q = EntityMentioned(g, "Mads Kjeldsen");
  REQUIRE(q != nullptr);
  CHECK(Relation(g, q->id, "member_of", "country/DK") != nullptr);
}

TEST_CASE("Relations: an undated role resolves to a holder the article names", "[extractor][relations]") {
  // The KB has had several US presidents; an undated article that names one
  // of them means that one, and one naming none resolves to nobody.
  auto f = Extract("Barack Obama sprach in Berlin. Der US-Präsident kritisierte Moskau.", "de", "");
  CHECK(EntityById(f, "person/donald-trump") == nullptr);
  CHECK(EntityById(f, "person/joe-biden") == nullptr);
  auto g = Extract("Der US-Präsident kritisierte Moskau.", "de", "");
  for (const auto& e : g.entities) CHECK(e.type != "person");
  auto h = Extract("Der US-Präsident kritisierte im Jahr 2014 Moskau.", "de", "");
  const EntityFact* o = EntityMentioned(h, "US-Präsident");
  REQUIRE(o != nullptr);
  CHECK(o->id == "person/barack-obama");
}

TEST_CASE("Relations: result lists and fixtures are no parties and no meetings", "[extractor][relations]") {
  auto f = Extract("Im Finale siegte Paul Hendry (SCO) vor Tom Baxter (ENG) und Ian Crowe (WAL).", "de");
  for (const auto& r : f.relations) CHECK(r.predicate != "member_of");
  auto g = Extract("Im Viertelfinale trifft Lars Eikrem auf den Spanier Pablo Ortega.", "de");
  for (const auto& r : g.relations) CHECK(r.predicate != "meets");
  auto h = Extract("Ministerpräsident Lars Eikrem traf am Montag in Oslo Pablo Ortega.", "de");
  CHECK(Relation(h, "Lars Eikrem", "meets", "Pablo Ortega") != nullptr);
}
