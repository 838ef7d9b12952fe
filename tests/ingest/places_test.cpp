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
