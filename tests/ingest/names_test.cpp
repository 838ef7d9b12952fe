// Names: compound prefixes, lone surnames of catalogue people, English common words.
#include "ingest/hunspell.h"
#include "ingest/mentions.h"
#include "tests/ingest/extract_fixture.h"

using namespace kg;
using namespace kg::testing;

TEST_CASE("Names: a hyphenated compound's prefix names the actor", "[extractor][names]") {
  auto f = Extract("Der Nato-Sprecher und ein US-Diplomat trafen den XYZ-Chef Karl Gruber.", "de");
  CHECK(EntityById(f, "org/nato") != nullptr);
  CHECK(EntityById(f, "country/US") != nullptr);
  const EntityFact* x = EntityMentioned(f, "XYZ");
  REQUIRE(x != nullptr);  // an unknown acronym before a role noun
  CHECK(x->type == "organization");
  for (const auto& m : x->mentions) CHECK(m.end - m.start == 3);
}

TEST_CASE("Names: compounds of places and things are no actors", "[extractor][names]") {
  auto f = Extract("Die Wien-Favoriten-Tour und das TV-Interview fanden statt.", "de");
  for (const auto& e : f.entities) {
    CHECK(e.name != "TV");
    CHECK(e.type != "city");
  }
}

TEST_CASE("Names: a lone surname that is a common word needs the full name", "[extractor][names]") {
  // "Kurz" is an ordinary German word and the surname of a catalogue person.
  auto f = Extract("Kurz vor der Abstimmung sagte die Abgeordnete Maria Berger, sie stimme zu.", "de");
  for (const auto& e : f.entities) CHECK(e.id != "person/sebastian-kurz");
}

TEST_CASE("Names: one word of another name is no catalogue person", "[extractor][names]") {
  auto f = Extract("Ex-Senator Dan Sova bestritt die Vorwürfe.", "de");
  for (const auto& e : f.entities) CHECK(e.id != "person/nicusor-dan");
  auto g = Extract("Candidates Wong Kwok-hing and Margaret Lee were elected.", "en");
  for (const auto& e : g.entities) CHECK(e.id != "person/penny-wong");
}

TEST_CASE("Names: English words capitalised alone are no names", "[extractor][names]") {
  auto f = Extract("Other candidates lost. Still, the Bay was calm and the Civic Party won.", "en");
  for (const auto& e : f.entities) {
    CHECK(e.name != "Other");
    CHECK(e.name != "Bay");
  }
  CHECK(EntityMentioned(f, "Civic Party") != nullptr);
}

TEST_CASE("Names: English organisations named with of/for", "[extractor][names]") {
  auto f = Extract("Anna Berg of the University of Westland said the Museum of Flight would reopen.", "en");
  for (const char* n : {"University of Westland", "Museum of Flight"}) {
    const EntityFact* e = EntityMentioned(f, n);
    REQUIRE(e != nullptr);
    CHECK(e->type == "organization");
  }
  auto g = Extract("The Hill Foundation for the Visual Arts and the Institute of Technology and Lake State "
                   "University signed the agreement.",
                   "en");
  CHECK(EntityMentioned(g, "Hill Foundation for the Visual Arts") != nullptr);
  CHECK(EntityMentioned(g, "Institute of Technology") != nullptr);
  CHECK(EntityMentioned(g, "Lake State University") != nullptr);
  // An institution word keeps the country's institution.
  auto h = Extract("The Government of Canada agreed.", "en");
  CHECK(EntityMentioned(h, "Government of Canada") == nullptr);
}

TEST_CASE("Names: an acronym of an organisation's initials is that organisation", "[extractor][names]") {
  auto f = Extract("Kiara Long studies at the University of Southern Westland. USW students liked the show.", "en");
  const EntityFact* u = EntityMentioned(f, "University of Southern Westland");
  REQUIRE(u != nullptr);
  CHECK(EntityMentioned(f, "USW") == u);
  // An unknown acronym after a place preposition is a body, not a town.
  auto g = Extract("Kevin Long, a professor at WXQ, liked it.", "en");
  const EntityFact* w = EntityMentioned(g, "WXQ");
  REQUIRE(w != nullptr);
  CHECK(w->type == "organization");
}

TEST_CASE("Names: initials before a surname name someone else", "[extractor][names]") {
  // "Maurer" alone would be the catalogue's Ueli Maurer; "K.C. Maurer" is not.
  auto f = Extract("K.C. Maurer, treasurer at the Hill Foundation, said so. Maurer added more.", "en");
  for (const auto& e : f.entities) CHECK(e.id != "person/ueli-maurer");
  auto g = Extract("Ueli Maurer spoke. U. Maurer said so.", "en");
  CHECK(EntityById(g, "person/ueli-maurer") != nullptr);
}

TEST_CASE("Names: saints' places and state names inside facility names", "[extractor][names]") {
  auto f = Extract("Der Bürgermeister von St. Wendelhofen, Karl Weiß, sagte das.", "de");
  const EntityFact* p = EntityMentioned(f, "St. Wendelhofen");
  REQUIRE(p != nullptr);
  CHECK(p->name == "St. Wendelhofen");
  CHECK(p->type == "city");
  auto g = Extract("Other items went to the California Science Center in Los Angeles.", "en");
  CHECK(EntityMentioned(g, "California Science Center") != nullptr);
  auto h = Extract("He flew to California on Monday.", "en");
  CHECK(EntityById(h, "region/iso-us-ca") != nullptr);
}

TEST_CASE("Names: words shaped like codes are no names", "[extractor][names]") {
  using kg::ingest::CodeLike;
  CHECK(CodeLike("H0TUOwoa0Z"));
  CHECK(CodeLike("DE000HSH5WH0"));
  CHECK(CodeLike("RqYuGKdmi2"));
  CHECK_FALSE(CodeLike("France24"));
  CHECK_FALSE(CodeLike("Print2Taste"));
  CHECK_FALSE(CodeLike("McDonald"));
  auto f = Extract("Laut Xq7TbWk9Lp kritisierte Anna Berg die Firma Holzbau scharf.", "de");
  for (const auto& e : f.entities) CHECK(e.name.find("Xq7TbWk9Lp") == std::string::npos);
}

TEST_CASE("Names: a pronoun's contraction is no name", "[extractor][names]") {
  using kg::ingest::Contraction;
  CHECK(Contraction("I'll"));
  CHECK(Contraction("I\xE2\x80\x99m"));
  CHECK(Contraction("They've"));
  CHECK_FALSE(Contraction("O'Brien"));
  CHECK_FALSE(Contraction("D'Alema"));
  auto f = Extract("He said, \"In the end I'll have one vote in each city.\"", "en");
  for (const auto& e : f.entities) CHECK(e.name != "I'll");
}

// No entity's mention contains `word`.
static void CheckNoMentionWith(const ArticleFacts& f, const std::string& word) {
  for (const auto& e : f.entities)
    for (const auto& m : e.mentions) CHECK(m.text.find(word) == std::string::npos);
}

TEST_CASE("Names: a common noun after an article stays outside the name after it", "[extractor][names]") {
  // A known noun in apposition ("seinen Freund X", "vom Berg X").
  auto f = Extract("Am Abend traf er seinen Freund Jaroslav Wendt im Hafen.", "de");
  CheckNoMentionWith(f, "Freund");
  CHECK(EntityMentioned(f, "Jaroslav Wendt") != nullptr);
  // "von" after a noun phrase joins no noble name.
  auto g = Extract("Nach einem Zuspiel von Jaroslav Wendt fiel das Tor.", "de");
  CheckNoMentionWith(g, "Zuspiel");
  CHECK(EntityMentioned(g, "Jaroslav Wendt") != nullptr);
  // A demonym before a given name is no part of the name.
  auto h = Extract("Der Wiener Alexander Brandl gewann das Turnier.", "de");
  CheckNoMentionWith(h, "Wiener");
  CHECK(EntityMentioned(h, "Alexander Brandl") != nullptr);
  // Still names: a noble name, a demonym before an abbreviation.
  auto k = Extract("Sie sprach mit Franziska von Quellenhardt. Er wechselte zum Hamburger SV.", "de");
  CHECK(EntityMentioned(k, "Franziska von Quellenhardt") != nullptr);
  CHECK(EntityMentioned(k, "Hamburger SV") != nullptr);
}

TEST_CASE("Names: a town's name with an article is a common noun", "[extractor][names]") {
  auto f = Extract("Er wartete in der Bar auf seine Schwester.", "de");
  for (const auto& e : f.entities) CHECK(e.type != "city");
  auto g = Extract("Dann fuhr er nach Bar an der Küste.", "de");
  const EntityFact* bar = EntityMentioned(g, "Bar");
  REQUIRE(bar != nullptr);
  CHECK(bar->type == "city");
}

TEST_CASE("Names: the dictionary's proper names are names", "[extractor][names]") {
  ingest::WordOracle oracle;
  REQUIRE(oracle.available());
  CHECK(oracle.Name("Stalin"));
  CHECK(oracle.Name("Stalins"));  // genitive
  CHECK(oracle.Name("Tobias"));   // no flag, ends in s
  CHECK_FALSE(oracle.Known("Stalin"));
  CHECK_FALSE(oracle.Name("Berg"));  // a common noun with plural and compound flags
  CHECK(oracle.Known("Berg"));
  CHECK_FALSE(oracle.Name("Roma"));  // no flag: plurals, peoples
  CHECK_FALSE(oracle.Name("CDs"));
  auto f = Extract("Das sagte Tobias am Montag.", "de");
  const EntityFact* t = EntityMentioned(f, "Tobias");
  REQUIRE(t != nullptr);
  CHECK(t->type == "person");
  // One of them after "im" is no town.
  auto g = Extract("Er fuhr im Mercedes vor.", "de");
  for (const auto& e : g.entities) CHECK(e.type != "city");
}

TEST_CASE("Names: a catalogue alias's description stays outside the mention", "[extractor][names]") {
  // "Nachrichtenagentur Reuters" is a KB alias; the mention is the name.
  auto f = Extract("Das meldete die Nachrichtenagentur Reuters am Abend.", "de");
  const EntityFact* r = EntityById(f, "org/reuters");
  REQUIRE(r != nullptr);
  REQUIRE(r->mentions.size() == 1);
  CHECK(r->mentions[0].text == "Reuters");
  // Not when the rest alone is another entity: "Polizei Wien" is Vienna's police.
  auto g = Extract("Das sagte ein Sprecher der Polizei Wien am Montag.", "de");
  const EntityFact* p = EntityMentioned(g, "Polizei Wien");
  REQUIRE(p != nullptr);
  CHECK(p->type == "organization");
}

TEST_CASE("Names: German organisations named with 'für'", "[extractor][names]") {
  auto f = Extract("Das Bundesamt für Gartenbau warnte. Die Stiftung für Umwelt und Entwicklung half. "
                   "Er forscht am Institut für Agrar- und Pflanzenkunde in Graz.", "de");
  for (const char* n : {"Bundesamt für Gartenbau", "Stiftung für Umwelt und Entwicklung",
                        "Institut für Agrar- und Pflanzenkunde"}) {
    const EntityFact* e = EntityMentioned(f, n);
    REQUIRE(e != nullptr);
    CHECK(e->type == "organization");
  }
  // The genitive is the same name.
  auto g = Extract("Das Institut für Bodenkunde wuchs. Die Direktorin des Instituts für Bodenkunde lobte es.", "de");
  const EntityFact* i = EntityMentioned(g, "Institut für Bodenkunde");
  REQUIRE(i != nullptr);
  CHECK(i->mentions.size() == 2);
  // A place after "für" ends nothing: the fund's loans for a city.
  auto h = Extract("Die Kredite des Währungsfonds für Athen laufen aus.", "de");
  CheckNoMentionWith(h, "für");
  // A comma list without "und" belongs to the sentence.
  auto k = Extract("Sie leitet die Klinik für Dermatologie, Kardiologie sowie die Ambulanz.", "de");
  CHECK(EntityMentioned(k, "Klinik für Dermatologie") != nullptr);
}

TEST_CASE("Names: an abbreviation the text defines beats the catalogue's", "[extractor][names]") {
  // BAG is a KB abbreviation (the Bundesarbeitsgericht).
  auto f = Extract("Das Bundesamt für Gartenbau (BAG) warnte. Das BAG rät zur Vorsicht.", "de");
  CHECK(EntityById(f, "org/bundesarbeitsgericht") == nullptr);
  const EntityFact* b = EntityMentioned(f, "Bundesamt für Gartenbau");
  REQUIRE(b != nullptr);
  CHECK(b->mentions.size() == 3);
}

TEST_CASE("Names: direction words, 'bis' and routes make places", "[extractor][names]") {
  auto type_of = [](const ArticleFacts& f, const std::string& text) {
    const EntityFact* e = EntityMentioned(f, text);
    return e ? e->type : std::string("(none)");
  };
  auto f = ExtractRules("Das Lager liegt südlich von Brzoskowo im Wald.", "de");
  CHECK(type_of(f, "Brzoskowo") == "city");
  auto g = ExtractRules("Die Armee marschierte über Wittlenau nach Paris.", "de");
  CHECK(type_of(g, "Wittlenau") == "city");
  auto h = ExtractRules("Die Strecke führt bis Wittlenau am Fluss.", "de");
  CHECK(type_of(h, "Wittlenau") == "city");
  // Dictionary words stay words: "bis Ende 2016", "Richtung Norden".
  auto k = ExtractRules("Der Vertrag läuft bis Ende 2016. Dann fuhr sie Richtung Norden.", "de");
  for (const auto& e : k.entities) CHECK(e.type != "city");
  // A person after "von" stays a person.
  auto m = ExtractRules("Das neue Buch von Jaroslav Wendt erschien gestern.", "de");
  CHECK(type_of(m, "Jaroslav Wendt") == "person");
}

TEST_CASE("Names: unknown names listed with places are places", "[extractor][names]") {
  auto f = ExtractRules("Die Partnerschaft zwischen Düren und Brzoskowo begann 1990.", "de");
  const EntityFact* b = EntityMentioned(f, "Brzoskowo");
  REQUIRE(b != nullptr);
  CHECK(b->type == "city");
  // A line-up with one town-like name stays a list of people.
  auto g = ExtractRules("Es spielten Wendtner, Brzoskowski, Paulo Miranda und Kowalczyk.", "de");
  for (const char* n : {"Wendtner", "Brzoskowski", "Kowalczyk"}) {
    const EntityFact* e = EntityMentioned(g, n);
    if (e) CHECK(e->type != "city");
  }
}

TEST_CASE("Names: English newspaper titles are organisations", "[extractor][names]") {
  auto f = Extract("The Chicago Tribune and the Irish Examiner reported it, as did the New Zealand Telegraph.", "en");
  for (const char* n : {"Chicago Tribune", "Irish Examiner", "New Zealand Telegraph"}) {
    const EntityFact* e = EntityMentioned(f, n);
    REQUIRE(e != nullptr);
    CHECK(e->type == "organization");
  }
  // "New" alone at the start of a sentence is still a word.
  auto g = Extract("New rules apply from Monday.", "en");
  for (const auto& e : g.entities) CHECK(e.name.find("New") == std::string::npos);
}

TEST_CASE("Names: German events named with their year", "[extractor][names]") {
  auto f = Extract("Vor der Bundespräsidentenwahl 2016 und nach den Landtagswahlen im Jahr 2013 sprach die "
                   "Grazer Gemeinderatswahl 2019 niemand an.", "de");
  for (const char* n : {"Bundespräsidentenwahl 2016", "Landtagswahl 2013", "Grazer Gemeinderatswahl 2019"}) {
    bool found = false;
    for (const auto& e : f.entities) found |= e.name == n && e.type == "event";
    CHECK(found);
  }
  // A bare head or a word that only ends like one names no event.
  auto g = Extract("Die Wahl 2016 war knapp, die Abwahl 2012 auch.", "de");
  for (const auto& e : g.entities) CHECK(e.type != "event");
}

TEST_CASE("Names: compass parts of countries are regions", "[extractor][names]") {
  auto f = ExtractRules("In der Ostukraine und in Südwestfrankreich regnet es. Die Wirtschaft Norddeutschlands wächst.", "de");
  for (const char* n : {"Ostukraine", "Südwestfrankreich", "Norddeutschland"}) {
    bool found = false;
    for (const auto& e : f.entities) found |= e.name == n && e.type == "region";
    CHECK(found);
  }
  // Not a compass word alone or a word that merely starts like one.
  auto g = ExtractRules("Der Osten ist weit und die Ostern sind nah.", "de");
  for (const auto& e : g.entities) CHECK(e.type != "region");
}

TEST_CASE("Names: an ampersand between capital letters stays inside a name", "[extractor][names]") {
  auto f = Extract("He studied at Texas A&M University and at Florida A&M College.", "en");
  CHECK(EntityMentioned(f, "Texas A&M University") != nullptr);
  CHECK(EntityMentioned(f, "Florida A&M College") != nullptr);
}

TEST_CASE("Names: English names ending in an event head noun are events", "[extractor][names]") {
  // A catalogue city first: "Berlin" alone and a "Music Festival" before.
  auto f = Extract("Crowds came to the Berlin Music Festival after the Rugby World Cup ended.", "en");
  for (const char* n : {"Berlin Music Festival", "Rugby World Cup"}) {
    const EntityFact* e = EntityMentioned(f, n);
    REQUIRE(e != nullptr);
    CHECK(e->type == "event");
  }
}

TEST_CASE("Names: a place in a comma list shares the list's place context", "[extractor][names]") {
  // "Victoria" alone is also an English word; after "in X," in a list it is a place.
  auto f = ExtractRules("Trials ran in Tasmania, Victoria and Queensland.", "en");
  CHECK(EntityMentioned(f, "Victoria") != nullptr);
  // A comma that ends a clause is no list.
  auto g = ExtractRules("Er lebt in Graz, Essen ist dort gut.", "de");
  CHECK(EntityMentioned(g, "Essen") == nullptr);
}
