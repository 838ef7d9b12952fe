// Name boundaries, typing and resolution rules on invented sentences.
#include <algorithm>
#include <catch2/catch.hpp>

#include "ingest/extractor.h"
#include "tests/ingest/extract_fixture.h"

using namespace kg;

namespace {

// The shared extractor of extract_fixture.h, on an article dated 2024-03-15.
ArticleFacts Run(const std::string& text, const std::string& lang) {
  return testing::Extract(text, lang, "2024-03-15");
}

const EntityFact* ByName(const ArticleFacts& f, const std::string& name) {
  for (const auto& e : f.entities)
    if (e.name == name) return &e;
  return nullptr;
}

bool Has(const ArticleFacts& f, const std::string& s, const std::string& p, const std::string& o) {
  return std::any_of(f.relations.begin(), f.relations.end(), [&](const RelationFact& r) {
    return r.predicate == p &&
           ((r.subject == s && r.object == o) || (r.subject == o && r.object == s));
  });
}

}  // namespace

TEST_CASE("Extractor names: a country's own name beats a same-named city", "[extractor]") {
  auto f = Run("Troops from Armenia crossed the border, officials in Yerevan said.", "en");
  CHECK(std::any_of(f.entities.begin(), f.entities.end(),
                    [](const EntityFact& e) { return e.id == "country/AM"; }));
  for (const auto& e : f.entities)
    CHECK(!(e.name == "Armenia" && e.type == "city"));  // not the Colombian city
}

TEST_CASE("Extractor names: GeoNames words used as nouns are no places", "[extractor]") {
  auto f = Run("Im Norden der Region kam es Ende September zu Kämpfen. Am Ende blieb alles offen.",
               "de");
  for (const auto& e : f.entities) {
    CHECK(e.name != "Norden");
    CHECK(e.name != "Ende");
  }
}

TEST_CASE("Extractor names: titles and apposition heads stay out of names and type them",
          "[extractor]") {
  auto f =
      Run("Das sagte der Politologe Tarek Vollmannsberger am Montag dem Fernsehsender Kvartovia.",
          "de");
  const EntityFact* p = ByName(f, "Tarek Vollmannsberger");
  REQUIRE(p);
  CHECK(p->type == "person");
  const EntityFact* o = ByName(f, "Kvartovia");
  REQUIRE(o);
  CHECK(o->type == "organization");
  auto g = Run(
      "Home Secretary Maribel Quenton met officials of the Supreme Court and the Harwick Board.",
      "en");
  CHECK(ByName(g, "Maribel Quenton"));
  CHECK_FALSE(ByName(g, "Home Secretary Maribel Quenton"));
  const EntityFact* court = ByName(g, "Harwick Board");
  REQUIRE(court);
  CHECK(court->type == "organization");
}

TEST_CASE("Extractor names: an abbreviation after a person is not the person's alias",
          "[extractor]") {
  auto f =
      Run("Der Ausschuss hat Ministerin Johanna Quellbach (ÖVP) eine Liste übermittelt.", "de");
  CHECK(ByName(f, "Johanna Quellbach"));
  CHECK(ByName(f, "ÖVP"));
}

TEST_CASE("Extractor names: lower-case KB phrases match inflected in the text", "[extractor]") {
  auto f = Run("Russland droht den westlichen Staaten mit Konsequenzen.", "de");
  CHECK(Has(f, "country/RU", "threatens", "group/west"));
}

TEST_CASE("Extractor relations: a weekday before the object and a shared subject after 'and'",
          "[extractor]") {
  auto f = Run("Olaf Scholz traf am Mittwoch Emmanuel Macron in Paris.", "de");
  CHECK(Has(f, "person/olaf-scholz", "meets", "person/emmanuel-macron"));
  auto g = Run("Antony Blinken visited Saudi Arabia and met Mohammed bin Salman.", "en");
  CHECK(Has(g, "person/antony-blinken", "meets", "person/mohammed-bin-salman"));
  CHECK_FALSE(Has(g, "country/SA", "meets", "person/mohammed-bin-salman"));
}

TEST_CASE("Extractor names: English names that end in a head noun keep their inner words", "[extractor]") {
  struct Case {
    const char* text;
    const char* name;
  };
  const Case cases[] = {
      {"The visitors went to the Harbor Lights & Maritime Museum in Dover.", "Harbor Lights & Maritime Museum"},
      {"She landed at Boston Logan International Airport on Monday.", "Boston Logan International Airport"},
      {"The U.S. Fish and Wildlife Agency said the lake was safe.", "U.S. Fish and Wildlife Agency"},
      {"Fans met at the Metro Calgary Convention Centre.", "Metro Calgary Convention Centre"},
      {"The Anna & Paul Stern Museum of Modern Art opened.", "Anna & Paul Stern Museum of Modern Art"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto f = testing::Extract(c.text, "en");
    const EntityFact* e = testing::EntityMentioned(f, c.name);
    REQUIRE(e);
    CHECK(e->type == "organization");
  }
  // A place's possessive and a place after "of" stay places; a second name with its own head is apart.
  auto g = testing::Extract("A crane fell into Dover's Grand Hall. The Harbor Lights & Maritime Museum of Dover reopened. "
                   "The Westfield Institute of Technology and Dover State University agreed.", "en");
  CHECK(testing::EntityMentioned(g, "Grand Hall"));
  CHECK(testing::EntityMentioned(g, "Harbor Lights & Maritime Museum"));
  CHECK(testing::EntityMentioned(g, "Westfield Institute of Technology"));
  CHECK(testing::EntityMentioned(g, "Dover State University"));
}

TEST_CASE("Extractor names: a paper named 'Die X' is also X in capitals", "[extractor]") {
  auto f = testing::Extract("Der Minister sagte der PRESSE, er bleibe im Amt.", "de");
  const EntityFact* p = testing::EntityMentioned(f, "PRESSE");
  REQUIRE(p);
  CHECK(p->name == "Die Presse");
  // Only in capitals: the common noun stays a word.
  auto g = testing::Extract("Er sprach am Montag vor der versammelten Presse in Graz.", "de");
  for (const auto& e : g.entities) CHECK(e.id != p->id);
}

TEST_CASE("Extractor names: a role compound or plural before a name stays outside it", "[extractor]") {
  auto f = testing::Extract("Der Messechef Paul Steinhauer eröffnete die Schau. Der Mafiaboss Ettore Vallone "
                            "wurde verhaftet.", "de");
  CHECK(testing::EntityMentioned(f, "Paul Steinhauer"));
  CHECK(testing::EntityMentioned(f, "Ettore Vallone"));
  for (const auto& e : f.entities) CHECK(e.name.find("chef") == std::string::npos);
}

TEST_CASE("Relations: two subjects meeting a third person do not meet each other", "[extractor]") {
  auto f = testing::Extract("Anna Berg und Paul Stein trafen den Papst in Rom.", "de");
  for (const auto& r : f.relations) CHECK(r.predicate != "meets");
  auto g = testing::Extract("Anna Berg und Paul Stein trafen sich in Rom.", "de");
  bool met = false;
  for (const auto& r : g.relations) met |= r.predicate == "meets";
  CHECK(met);
}

TEST_CASE("Extractor names: a state institution without a place is the article's state's", "[extractor]") {
  auto f = testing::Extract("In Tirol wird gewählt. Tirol hat Probleme. In den Umfragen hat die Landesregierung "
                            "keine Mehrheit mehr.", "de");
  const EntityFact* g = testing::EntityMentioned(f, "Landesregierung");
  REQUIRE(g);
  CHECK(g->name == "Tiroler Landesregierung");
  // No state named: no institution.
  auto h = testing::Extract("Die Landesregierung tagte am Montag.", "de");
  CHECK(testing::EntityMentioned(h, "Landesregierung") == nullptr);
  // A state's party branch places the article in that state.
  auto k = testing::Extract("Die Tiroler ÖVP verliert Mandate. Im Landtag fehlt der Koalition nun eine Stimme.", "de");
  const EntityFact* l = testing::EntityMentioned(k, "Landtag");
  REQUIRE(l);
  CHECK(l->name == "Tiroler Landtag");
}

TEST_CASE("Extractor names: German organisation names around a head noun", "[extractor]") {
  auto f = testing::Extract("Der Verband Bayerischer Bäcker klagte. Der Evangelische Jugendverband Kroatiens "
                            "protestierte. Die Jihadistenmiliz Islamischer Staat griff an.", "de");
  CHECK(testing::EntityMentioned(f, "Verband Bayerischer Bäcker"));
  CHECK(testing::EntityMentioned(f, "Evangelische Jugendverband Kroatiens"));
  // An appositive head before a known name stays outside it.
  const EntityFact* is = testing::EntityMentioned(f, "Islamischer Staat");
  REQUIRE(is);
  // A noun in -er is no adjective.
  auto g = testing::Extract("Vor Gericht Ex-Werber Gernot Huber sagte aus.", "de");
  for (const auto& e : g.entities) CHECK(e.name.find("Gericht") == std::string::npos);
}

TEST_CASE("Extractor names: a town's adjective before a party names its branch", "[extractor]") {
  auto f = testing::Extract("Die Linzer FPÖ und die Grazer ÖVP stritten im Gemeinderat.", "de");
  const EntityFact* l = testing::EntityMentioned(f, "Linzer FPÖ");
  REQUIRE(l);
  CHECK(l->type == "organization");
  CHECK(testing::EntityMentioned(f, "Grazer ÖVP"));
  for (const auto& e : f.entities) CHECK(e.name != "Linzer");
}

TEST_CASE("Extractor names: a name right after a company is its product", "[extractor]") {
  auto f = testing::Extract("Samsung stellte das neue Samsung Galaxy vor, Microsoft den Browser Microsoft Edge.", "de");
  CHECK(testing::EntityMentioned(f, "Samsung"));
  for (const auto& e : f.entities) {
    CHECK(e.name != "Galaxy");
    CHECK(e.name != "Edge");
  }
}

TEST_CASE("Extractor names: a party name of several countries is the article's country's", "[extractor]") {
  auto f = testing::Extract("Der Grünen-Experte Paul Stein kritisierte die FDP und die Linke.", "de");
  bool de = false;
  for (const auto& e : f.entities) de |= e.id == "org/greens-de";
  CHECK(de);
  auto g = testing::Extract("Die Grünen kritisierten die ÖVP und die SPÖ. Er fuhr mit dem Zug nach Wien.", "de");
  bool at = false;
  for (const auto& e : g.entities) at |= e.id == "org/greens-at";
  CHECK(at);
}

TEST_CASE("Extractor names: the Austrian short party forms are German-only abbreviations", "[extractor]") {
  auto f = testing::Extract("Bürgermeister Paul Stein (VP) und Stadtrat Jan Kolbeck (SP) stritten.", "de");
  bool oevp = false, spoe = false;
  for (const auto& e : f.entities) {
    oevp |= e.id == "org/oevp";
    spoe |= e.id == "org/spoe";
  }
  CHECK(oevp);
  CHECK(spoe);
  auto g = testing::Extract("The company's VP said the plan was sound.", "en");
  for (const auto& e : g.entities) CHECK(e.id != "org/oevp");
}
