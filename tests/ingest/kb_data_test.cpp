// Loads the shipped knowledge base (ingest/data/kb/*.jsonl) through the real
// loader (LoadKbDir) and checks that the curated facts come out as the engine
// sees them: surfaces, metonyms, demonyms, abbreviations, office holders by
// date, and that every reference resolves to a loaded entity. The format
// itself is validated by ingest/data/kb/check.py (tests/e2e/kb_check_test.sh).
//
// The KB loader (ingest/kb.h) is written in parallel with this data; until it
// is present in the tree this file compiles to no test cases.
#if __has_include("ingest/kb.h")
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "ingest/kb.h"

using kg::ingest::Catalog;
using kg::ingest::KeyMaker;
using kg::ingest::Surface;

namespace {

// Whitespace tokens, ASCII lower case: enough for these ASCII test keys; the
// same function builds the catalogue keys and the lookup keys.
std::string Low(const std::string& s) {
  std::string o;
  for (char c : s) o += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return o;
}

const Catalog& Kb() {
  static const Catalog* cat = [] {
    KeyMaker km;
    km.key = [](std::string_view s, int* n) {
      *n = 1 + static_cast<int>(std::count(s.begin(), s.end(), ' '));
      return Low(std::string(s));
    };
    km.stem_key = [](std::string_view s) { return Low(std::string(s)); };
    auto* c = new Catalog();
    kg::Status st = kg::ingest::LoadKbDir(std::string(KG_SOURCE_DIR) + "/ingest/data/kb", km, c);
    INFO(st.message());
    REQUIRE(st.ok());
    return c;
  }();
  return *cat;
}

// Ids of entities reachable from `surface` with the given kind.
std::vector<std::string> Ids(const std::string& surface, Surface kind) {
  std::vector<std::string> out;
  if (auto* v = Kb().Lookup(Low(surface)))
    for (const auto& e : *v)
      if (e.kind == kind) out.push_back(Kb().entity(e.entity).id);
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

std::vector<std::string> Holders(const std::string& of, const std::string& date,
                                 const std::vector<std::string>& roles) {
  std::vector<std::string> out;
  for (int i : Kb().Holders(roles, of, date)) out.push_back(Kb().entity(i).id);
  return out;
}

}  // namespace

TEST_CASE("KB data: loads with the engine loader and has every kind", "[kb]") {
  int countries = 0, people = 0, orgs = 0;
  for (int i = 0; i < Kb().size(); ++i) {
    const auto& t = Kb().entity(i).type;
    countries += t == "country";
    people += t == "person";
    orgs += t == "organization" || (t == "group" && Kb().entity(i).id.rfind("org/", 0) == 0);
  }
  CHECK(countries >= 100);
  CHECK(people >= 150);
  CHECK(orgs >= 50);
  for (const char* id : {"group/west", "event/munich-security-conference", "region/crimea",
                         "city/gn703448", "org/hamas"})
    CHECK(Kb().Find(id) >= 0);
  CHECK(Kb().entity(Kb().Find("org/hamas")).type == "group");
}

TEST_CASE("KB data: names, spellings and surnames reach the right entity", "[kb]") {
  CHECK(Has(Ids("Selenskyj", Surface::kName), "person/volodymyr-zelensky"));
  CHECK(Has(Ids("Zelenskyy", Surface::kName), "person/volodymyr-zelensky"));
  CHECK(Has(Ids("Wladimir Putin", Surface::kName), "person/vladimir-putin"));
  CHECK(Has(Ids("Kim Jong Un", Surface::kName), "person/kim-jong-un"));
  CHECK(Ids("Kim", Surface::kName).empty());  // never a bare shared family name
  CHECK(Has(Ids("Kyiv", Surface::kName), "city/gn703448"));
  CHECK(Has(Ids("Gaza", Surface::kName), "region/gaza-strip"));
  CHECK(Has(Ids("USA", Surface::kName), "country/US"));
  CHECK(Has(Ids("Great Britain", Surface::kName), "country/GB"));
}

TEST_CASE("KB data: metonyms, demonyms, adjectives and abbreviations", "[kb]") {
  CHECK(Has(Ids("Kreml", Surface::kMetonym), "country/RU"));
  CHECK(Has(Ids("White House", Surface::kMetonym), "country/US"));
  CHECK(Has(Ids("Downing Street", Surface::kMetonym), "country/GB"));
  CHECK(Has(Ids("Briten", Surface::kDemonym), "country/GB"));
  CHECK(Has(Ids("Ukrainer", Surface::kDemonym), "country/UA"));
  CHECK(Has(Ids("nordkoreanisch", Surface::kAdjective), "country/KP"));
  CHECK(Has(Ids("IAEA", Surface::kAbbrev), "org/iaea"));
  CHECK(Has(Ids("WHO", Surface::kAmbiguous), "org/who"));
  CHECK(Ids("Brussels", Surface::kMetonym).empty());  // Brussels is the EU's seat, not Belgium
}

TEST_CASE("KB data: office holders by date", "[kb]") {
  const std::vector<std::string> hos{"head_of_state"}, hog{"head_of_government"};
  CHECK(Holders("country/US", "2023-06-01", hos) == std::vector<std::string>{"person/joe-biden"});
  CHECK(Holders("country/US", "2025-06-01", hos) == std::vector<std::string>{"person/donald-trump"});
  CHECK(Holders("country/DE", "2019-01-01", hog) == std::vector<std::string>{"person/angela-merkel"});
  CHECK(Holders("country/DE", "2024-01-01", hog) == std::vector<std::string>{"person/olaf-scholz"});
  CHECK(Holders("country/KP", "2010-01-01", hos) == std::vector<std::string>{"person/kim-jong-il"});
  CHECK(Holders("country/KP", "2023-09-13", hos) == std::vector<std::string>{"person/kim-jong-un"});
  CHECK(Holders("country/RU", "2010-06-01", hos) == std::vector<std::string>{"person/dmitry-medvedev"});
  CHECK(Holders("country/RU", "2010-06-01", hog) == std::vector<std::string>{"person/vladimir-putin"});
  CHECK(Holders("country/GB", "2022-10-01", hog) == std::vector<std::string>{"person/liz-truss"});
  CHECK(Holders("country/UA", "2023-01-15", {"defence_minister"}) ==
        std::vector<std::string>{"person/oleksii-reznikov"});
  CHECK(Holders("org/nato", "2020-01-01", {"secretary_general"}) ==
        std::vector<std::string>{"person/jens-stoltenberg"});
  CHECK(Holders("org/un", "2023-09-13", {"secretary_general"}) ==
        std::vector<std::string>{"person/antonio-guterres"});
}

TEST_CASE("KB data: Austrian offices by date (v2 roles)", "[kb]") {
  using V = std::vector<std::string>;
  CHECK(Holders("country/AT", "2016-06-01", {"head_of_government"}) == V{"person/christian-kern"});
  CHECK(Holders("country/AT", "2016-06-01", {"deputy_head_of_government"}) ==
        V{"person/reinhold-mitterlehner"});
  CHECK(Holders("country/AT", "2010-01-01", {"head_of_state"}) == V{"person/heinz-fischer"});
  CHECK(Holders("org/at-interior-ministry", "2015-09-01", {"minister"}) ==
        V{"person/johanna-mikl-leitner"});
  CHECK(Holders("org/at-finance-ministry", "2016-03-01", {"minister"}) ==
        V{"person/hans-joerg-schelling"});
  CHECK(Holders("country/AT", "2016-03-01", {"foreign_minister"}) == V{"person/sebastian-kurz"});
  CHECK(Holders("region/iso-at-9", "2015-10-11", {"state_premier"}) == V{"person/michael-haeupl"});
  CHECK(Holders("region/iso-at-3", "2018-01-01", {"state_premier"}) ==
        V{"person/johanna-mikl-leitner"});
  CHECK(Holders("org/spoe", "2017-01-01", {"party_leader"}) == V{"person/christian-kern"});
  CHECK(Holders("org/fpoe", "2016-01-01", {"party_leader"}) == V{"person/heinz-christian-strache"});
  // A party's Land branch names its party and region.
  const int b = Kb().Find("org/spoe-vienna");
  REQUIRE(b >= 0);
  CHECK(Has(Ids("Wiener SPÖ", Surface::kName), "org/spoe-vienna"));
  CHECK(Has(Ids("Neos", Surface::kName), "org/neos"));
  CHECK(Has(Ids("VfGH", Surface::kAbbrev), "org/at-constitutional-court"));
}

TEST_CASE("KB data: German offices by date (v2 roles)", "[kb]") {
  using V = std::vector<std::string>;
  CHECK(Holders("country/DE", "2003-01-01", {"head_of_government"}) == V{"person/gerhard-schroeder"});
  CHECK(Holders("country/DE", "2016-06-01", {"deputy_head_of_government"}) == V{"person/sigmar-gabriel"});
  CHECK(Holders("org/de-interior-ministry", "2016-06-01", {"minister"}) ==
        V{"person/thomas-de-maiziere"});
  CHECK(Holders("org/de-finance-ministry", "2016-06-01", {"minister"}) ==
        V{"person/wolfgang-schaeuble"});
  CHECK(Holders("region/iso-de-by", "2015-06-01", {"state_premier"}) == V{"person/horst-seehofer"});
  CHECK(Holders("org/cdu", "2015-06-01", {"party_leader"}) == V{"person/angela-merkel"});
  CHECK(Has(Ids("hessische CDU", Surface::kName), "org/cdu-hesse"));
  // A generic name used by both countries' press names both bodies.
  const auto bundesrat = Ids("Bundesrat", Surface::kName);
  CHECK(Has(bundesrat, "org/bundesrat"));
  CHECK(Has(bundesrat, "org/at-federal-council"));
}

TEST_CASE("KB data: Swiss Bundesrat and EU offices by date", "[kb]") {
  using V = std::vector<std::string>;
  CHECK(Holders("country/CH", "2015-06-01", {"head_of_state"}) == V{"person/simonetta-sommaruga"});
  CHECK(Holders("org/eda", "2016-06-01", {"minister"}) == V{"person/didier-burkhalter"});
  CHECK(Holders("org/european-commission", "2002-01-01", {"president_of"}) == V{"person/romano-prodi"});
  CHECK(Holders("org/eurogroup", "2015-06-01", {"president_of"}) == V{"person/jeroen-dijsselbloem"});
}

TEST_CASE("KB data: every role and member refers to a loaded entity", "[kb]") {
  for (int i = 0; i < Kb().size(); ++i) {
    const auto& e = Kb().entity(i);
    for (const auto& r : e.roles) {
      INFO(e.id << " role " << r.role << " of " << r.of);
      CHECK(Kb().Find(r.of) >= 0);
    }
    if (!e.country.empty()) {
      INFO(e.id << " country/seat " << e.country);
      CHECK(Kb().Find(e.country) >= 0);
    }
    if (e.props.contains("members"))
      for (const auto& m : e.props["members"]) {
        INFO(e.id << " member " << m.dump());
        CHECK(Kb().Find(m.get<std::string>()) >= 0);
      }
  }
}

#endif  // __has_include("ingest/kb.h")
