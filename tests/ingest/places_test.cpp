// Places: capitals as cities or governments, datelines, iso-3166-2 regions.
#include "tests/ingest/extract_fixture.h"

using namespace kg;
using namespace kg::testing;

TEST_CASE("Places: a capital is the city unless it acts", "[extractor][places]") {
  auto f = Extract("Der Bürgermeister von Rom eröffnete die neue Brücke. Roms Straßen waren voll.", "de");
  CHECK(EntityMentioned(f, "Rom") != nullptr);
  CHECK(EntityMentioned(f, "Rom")->type == "city");
  CHECK(EntityById(f, "country/IT") == nullptr);

  auto g = Extract("Moskau kritisierte die neuen Sanktionen. Washington warned of consequences.", "de");
  CHECK(EntityById(g, "country/RU") != nullptr);
  auto h = Extract("Washington warned Moscow of consequences on Monday.", "en");
  CHECK(EntityById(h, "country/US") != nullptr);
}

TEST_CASE("Places: a dateline names the city", "[extractor][places]") {
  auto f = Extract("Streit um die Reform.\n\nWien – Die Gewerkschaft lehnt den Entwurf ab.", "de");
  const EntityFact* e = EntityMentioned(f, "Wien");
  REQUIRE(e != nullptr);
  CHECK(e->type == "city");
}

TEST_CASE("Places: first-level subdivisions are regions with their country", "[extractor][places]") {
  auto f = Extract("In Kärnten und in der Lombardei schneite es am Wochenende.", "de");
  const EntityFact* k = EntityMentioned(f, "Kärnten");
  REQUIRE(k != nullptr);
  CHECK(k->type == "region");
  CHECK(k->props.value("country", "") == "country/AT");
  CHECK(EntityMentioned(f, "Lombardei") != nullptr);
  auto g = Extract("Officials in Queensland and New South Wales issued warnings.", "en");
  CHECK(EntityMentioned(g, "Queensland") != nullptr);
  CHECK(EntityMentioned(g, "New South Wales") != nullptr);
}

TEST_CASE("Places: a subdivision's name inside a person's name is no place", "[extractor][places]") {
  auto f = Extract("Der Stürmer Paulo Miranda traf zweimal.", "de");
  for (const auto& e : f.entities) CHECK(e.type != "region");
}

TEST_CASE("Places: an organisation in a place lies there", "[extractor][places]") {
  auto f = Extract("Die Universität Wien in Österreich meldete einen Rekord an Studierenden.", "de");
  const EntityFact* u = EntityMentioned(f, "Universität Wien");
  REQUIRE(u != nullptr);
  CHECK(Relation(f, u->id, "located_in", "country/AT") != nullptr);

  auto g = Extract("The Brookfield Institute, based in Toronto, published a survey on Monday.", "en");
  const EntityFact* b = EntityMentioned(g, "Brookfield Institute");
  const EntityFact* t = EntityMentioned(g, "Toronto");
  REQUIRE(b != nullptr);
  REQUIRE(t != nullptr);
  CHECK(Relation(g, b->id, "located_in", t->id) != nullptr);
}

TEST_CASE("Places: a city before its state lies in it", "[extractor][places]") {
  auto f = Extract("The storm reached Tampa, Florida, on Tuesday night.", "en");
  const EntityFact* c = EntityMentioned(f, "Tampa");
  const EntityFact* s = EntityMentioned(f, "Florida");
  REQUIRE(c != nullptr);
  REQUIRE(s != nullptr);
  CHECK(c->type == "city");
  CHECK(Relation(f, c->id, "located_in", s->id) != nullptr);
}

TEST_CASE("Places: a place noun types the name after it", "[extractor][places]") {
  auto f = Extract("Kämpfe wurden aus der nordirakischen Stadt Telkaif gemeldet.", "de");
  const EntityFact* c = EntityMentioned(f, "Telkaif");
  REQUIRE(c != nullptr);
  CHECK(c->type == "city");
}

namespace {
bool LocatedIn(const ArticleFacts& f, const std::string& inner, const std::string& outer) {
  const EntityFact* a = EntityMentioned(f, inner);
  const EntityFact* b = EntityMentioned(f, outer);
  return a && b && Relation(f, a->id, "located_in", b->id) != nullptr;
}
}  // namespace

TEST_CASE("Places: facilities lie in cities", "[extractor][places]") {
  CHECK(LocatedIn(Extract("In the opener, Brazil faced Chile at the Volga Stadium in Kazan.", "en"),
                  "Volga Stadium", "Kazan"));
  CHECK(LocatedIn(Extract("The launch took place at the Polar Space Center (PSC) in Fairbanks.", "en"),
                  "Polar Space Center", "Fairbanks"));
  CHECK(LocatedIn(Extract("A crane fell into Riyadh's Old Mosque on Friday.", "en"), "Old Mosque", "Riyadh's"));
  // A country's possessive before an institution is no siting.
  auto f = Extract("Chinas Regierung und Chinas Verkehrsministerium schwiegen.", "de");
  for (const auto& r : f.relations) CHECK(r.predicate != "located_in");
}

TEST_CASE("Places: place nouns and country adjectives", "[extractor][places]") {
  CHECK(LocatedIn(Extract("Das Haus stand in Scarsdale im Bundesstaat New York.", "de"), "Scarsdale", "New York"));
  CHECK(LocatedIn(Extract("Ägypten meldet einen Anschlag im Norden der ägyptischen Sinai-Halbinsel.", "de"),
                  "Sinai-Halbinsel", "Ägypten"));
}

TEST_CASE("Places: a town, a comma and its state", "[extractor][places]") {
  // "Washington" after a town and a comma is the state, not the capital.
  auto f = Extract("He flew to Tacoma, Washington on Monday.", "en");
  CHECK(EntityById(f, "region/iso-us-wa") != nullptr);
  CHECK(EntityById(f, "city/gn4140963") == nullptr);
  CHECK(LocatedIn(f, "Tacoma", "Washington"));
  // An area the catalogue does not hold, before a state it does.
  CHECK(LocatedIn(Extract("The launch site at Cape Westhaven, Florida was closed.", "en"), "Cape Westhaven",
                  "Florida"));
}
