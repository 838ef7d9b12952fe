// kg serve's JSON API (tools/serve/api.h) on a memory graph: search, the
// filtered neighbourhood, evidence, Cypher with its guards, paths, exports and
// the errors every endpoint gives for bad requests.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "graph/graph.h"
#include "query/traverse.h"
#include "tools/serve/api.h"
#include "tools/serve/live_graph.h"

namespace {

using nlohmann::json;

kg::EntityFact Entity(const std::string& id, const std::string& name, const std::string& type,
                      std::vector<std::string> aliases = {}) {
  kg::EntityFact e;
  e.id = id;
  e.name = name;
  e.type = type;
  e.aliases = std::move(aliases);
  return e;
}

kg::RelationFact Rel(const std::string& s, const std::string& p, const std::string& o, const std::string& date,
                     const std::string& sentence, const std::string& modality = "asserted") {
  kg::RelationFact r;
  r.subject = s;
  r.predicate = p;
  r.object = o;
  r.date = date;
  r.modality = modality;
  r.evidence.sentence = sentence;
  r.evidence.rule = "test.rule";
  return r;
}

kg::ArticleFacts Article(const std::string& id, const std::string& date, const std::string& title) {
  kg::ArticleFacts a;
  a.article.id = id;
  a.article.date = date;
  a.article.title = title;
  a.article.source = "test desk";
  a.article.path = id + ".txt";
  a.content_hash = "hash-" + id;
  return a;
}

// Three articles written for this test: two meetings of Putin and Kim (2023,
// 2024), an attack in 2022, co-mentions and a speculated threat.
std::unique_ptr<kg::Graph> DemoGraph() {
  auto g = std::move(kg::Graph::Open(kg::NewMemStore())).value();
  const auto putin = Entity("person/vladimir-putin", "Wladimir Putin", "person", {"Vladimir Putin", "Putin"});
  const auto kim = Entity("person/kim-jong-un", "Kim Jong Un", "person", {"Kim Jong-un"});
  const auto ru = Entity("country/RU", "Russland", "country", {"Russia"});
  const auto ua = Entity("country/UA", "Ukraine", "country");
  const auto kp = Entity("country/KP", "Nordkorea", "country", {"North Korea"});
  const auto shoigu = Entity("person/sergei-shoigu", "Sergej Schoigu", "person");
  const auto zel = Entity("person/volodymyr-zelensky", "Wolodymyr Selenskyj", "person", {"Selenskyj"});

  auto a1 = Article("a1", "2023-09-13", "Kim reist nach Russland");
  a1.entities = {putin, kim, ru, shoigu};
  a1.relations = {Rel(kim.id, "meets", putin.id, "2023-09-13", "Kim und Putin trafen sich im Osten Russlands."),
                  Rel(kim.id, "visits", ru.id, "2023-09-12", "Kim reiste mit dem Zug nach Russland.")};
  a1.co_mentions = {{putin.id, shoigu.id, 2}};
  auto a2 = Article("a2", "2024-06-19", "Putin in Pyongyang");
  a2.entities = {putin, kim, kp};
  a2.relations = {Rel(putin.id, "meets", kim.id, "2024-06-19", "Putin met Kim in Pyongyang.", "reported"),
                  Rel(putin.id, "visits", kp.id, "2024-06-19", "Putin arrived in North Korea.")};
  auto a3 = Article("a3", "2022-02-24", "Angriff");
  a3.entities = {putin, ru, ua, zel};
  a3.relations = {Rel(ru.id, "attacks", ua.id, "2022-02-24", "Russland griff die Ukraine an."),
                  Rel(putin.id, "leader_of", ru.id, "2022-02-24", "Putin fuehrt Russland."),
                  Rel(putin.id, "threatens", ua.id, "2022-02-24", "Putin koennte drohen.", "speculated")};
  a3.co_mentions = {{putin.id, zel.id, 1}};
  for (const auto* a : {&a1, &a2, &a3}) REQUIRE(g->ApplyArticle(*a).ok());
  return g;
}

struct Fixture {
  kg::serve::LiveGraph live{DemoGraph()};
  kg::serve::ApiOptions opt = [] {
    kg::serve::ApiOptions o;
    o.match_name = [](const kg::Graph& g, const std::string& n) { return kg::MatchEntity(g, n); };
    return o;
  }();
  std::unique_ptr<kg::serve::Api> api = std::make_unique<kg::serve::Api>(&live, opt);

  void Reset() { api = std::make_unique<kg::serve::Api>(&live, opt); }
  kg::serve::ApiResponse Call(const std::string& path, std::multimap<std::string, std::string> params = {},
                              const std::string& method = "GET", const std::string& body = "") {
    kg::serve::ApiRequest r;
    r.method = method;
    r.path = path;
    r.params = std::move(params);
    r.body = body;
    return api->Handle(r);
  }
  json Get(const std::string& path, std::multimap<std::string, std::string> params = {}) {
    auto r = Call(path, std::move(params));
    INFO(r.body);
    REQUIRE(r.status == 200);
    return json::parse(r.body);
  }
  json Post(const std::string& path, const json& body) {
    auto r = Call(path, {}, "POST", body.dump());
    INFO(r.body);
    REQUIRE(r.status == 200);
    return json::parse(r.body);
  }
  // The error answer: status and message.
  std::pair<int, std::string> Error(const kg::serve::ApiResponse& r) {
    INFO(r.body);
    auto j = json::parse(r.body);
    CHECK(j["status"] == r.status);
    return {r.status, j["error"].get<std::string>()};
  }
};

std::set<std::string> Names(const json& nodes) {
  std::set<std::string> out;
  for (const auto& n : nodes) out.insert(n["name"].get<std::string>());
  return out;
}

std::set<std::string> Preds(const json& edges) {
  std::set<std::string> out;
  for (const auto& e : edges) out.insert(e["predicate"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("Serve API: search uses the CLI lookup (aliases, case, diacritics, surnames, ids)", "[serve]") {
  Fixture f;
  for (const char* q : {"Putin", "vladimir putin", "WLADIMIR PUTIN", "person/vladimir-putin"}) {
    auto j = f.Get("/api/search", {{"q", q}});
    INFO(q);
    CHECK(j["resolved"] == "person/vladimir-putin");
    CHECK(j["results"][0]["name"] == "Wladimir Putin");
  }
  CHECK(f.Get("/api/search", {{"q", "selenskyj"}})["resolved"] == "person/volodymyr-zelensky");
  auto [status, msg] = f.Error(f.Call("/api/search", {{"q", "Putni"}}));
  CHECK(status == 404);
  CHECK_THAT(msg, Catch::Contains("no entity named") && Catch::Contains("did you mean"));
  CHECK(f.Error(f.Call("/api/search")).first == 400);
  auto sug = f.Get("/api/suggest", {{"q", "wla"}});
  CHECK(Names(sug["results"]) == std::set<std::string>{"Wladimir Putin"});
}

TEST_CASE("Serve API: neighbours without co-mentions unless asked, with every relation per pair", "[serve]") {
  Fixture f;
  auto j = f.Get("/api/neighbors", {{"name", "Putin"}});
  CHECK(j["center"] == "person/vladimir-putin");
  CHECK(Names(j["nodes"]) ==
        std::set<std::string>{"Wladimir Putin", "Kim Jong Un", "Russland", "Nordkorea", "Ukraine"});
  CHECK(Preds(j["edges"]).count("co_mentioned") == 0);
  // Both meetings are one relationship (support 2); relations among the
  // neighbours are included (Kim visits Russland, Russland attacks Ukraine).
  int meets = 0;
  for (const auto& e : j["edges"])
    if (e["predicate"] == "meets") {
      ++meets;
      CHECK(e["support"] == 2);
      CHECK(e["symmetric"] == true);
    }
  CHECK(meets == 1);
  CHECK(Preds(j["edges"]).count("attacks") == 1);
  CHECK(j["edges"].size() == 6);
  auto co = f.Get("/api/neighbors", {{"name", "Putin"}, {"co_mentions", "1"}});
  CHECK(Names(co["nodes"]).count("Sergej Schoigu") == 1);
  CHECK(co["edges"].size() == j["edges"].size() + 2);
  auto no_connect = f.Get("/api/neighbors", {{"name", "Putin"}, {"connect", "0"}});
  CHECK(no_connect["edges"].size() == 4);  // the star only
}

TEST_CASE("Serve API: filters by predicate, date, modality, support and type", "[serve]") {
  Fixture f;
  auto count = [&](std::multimap<std::string, std::string> p) {
    p.emplace("id", "person/vladimir-putin");
    return f.Get("/api/neighbors", p)["edges"].size();
  };
  const auto all = count({});
  CHECK(count({{"predicate", "meets"}}) == 1);
  CHECK(count({{"predicate", "MEETS,visits"}}) == 2);  // Russland is no neighbour then
  CHECK(count({{"since", "2024"}}) == 2);              // meets (last seen 2024) and the visit of Nordkorea
  CHECK(count({{"since", "2022-01"}, {"until", "2022-12"}}) == 3);
  CHECK(count({{"since", "2022-01"}, {"until", "2022-12"}}) < all);
  CHECK(count({{"modality", "speculated"}}) == 1);
  CHECK(count({{"min_support", "2"}}) == 1);
  auto persons = f.Get("/api/neighbors", {{"id", "person/vladimir-putin"}, {"type", "person"}});
  CHECK(Names(persons["nodes"]) == std::set<std::string>{"Wladimir Putin", "Kim Jong Un"});
  auto deep = f.Get("/api/neighbors", {{"id", "person/kim-jong-un"}, {"depth", "2"}});
  CHECK(Names(deep["nodes"]).count("Ukraine") == 1);
}

TEST_CASE("Serve API: a hub's neighbourhood keeps the strongest relations up to the limit", "[serve]") {
  Fixture f;
  auto j = f.Get("/api/neighbors", {{"id", "person/vladimir-putin"}, {"limit", "1"}});
  CHECK(j["truncated"] == true);
  CHECK(j["total"] == 4);
  REQUIRE(j["nodes"].size() == 2);
  CHECK(j["nodes"][1]["name"] == "Kim Jong Un");  // support 2 beats support 1
}

TEST_CASE("Serve API: evidence lists the sentences with their articles", "[serve]") {
  Fixture f;
  auto n = f.Get("/api/neighbors", {{"id", "person/vladimir-putin"}, {"predicate", "meets"}});
  const std::string edge = n["edges"][0]["id"];
  auto j = f.Get("/api/evidence", {{"edge", edge}});
  CHECK(j["edge"]["predicate"] == "meets");
  REQUIRE(j["evidence"].size() == 2);
  std::set<std::string> titles, sentences;
  for (const auto& e : j["evidence"]) {
    titles.insert(e["title"].get<std::string>());
    sentences.insert(e["sentence"].get<std::string>());
    CHECK(e["path"] == e["article"].get<std::string>() + ".txt");
  }
  CHECK(titles == std::set<std::string>{"Kim reist nach Russland", "Putin in Pyongyang"});
  CHECK(sentences.count("Putin met Kim in Pyongyang.") == 1);
  CHECK(f.Error(f.Call("/api/evidence", {{"edge", "e999999"}})).first == 404);
  CHECK(f.Error(f.Call("/api/evidence", {{"edge", "../../etc/passwd"}})).first == 400);
  CHECK(f.Error(f.Call("/api/evidence", {{"edge", "e99999999999999999999999"}})).first == 400);
}

TEST_CASE("Serve API: Cypher rows and the subgraph they name, read-only, with kg query's guards", "[serve]") {
  Fixture f;
  auto j = f.Post("/api/query", {{"query", "MATCH (a)-[r:MEETS]->(b) WHERE a.name < b.name RETURN a.name AS who, "
                                            "b.name AS whom, r"}});
  CHECK(j["columns"] == json({"who", "whom", "r"}));
  REQUIRE(j["rows"].size() == 1);
  CHECK(j["rows"][0][0] == "Kim Jong Un");
  CHECK(j["graph"]["edges"].size() == 1);
  CHECK(j["graph"]["nodes"].size() == 2);
  auto p = f.Post("/api/query", {{"query", "MATCH (n {name: $name}) RETURN n.id"}, {"params", {{"name", "Ukraine"}}}});
  CHECK(p["rows"][0][0] == "country/UA");

  auto [s1, m1] = f.Error(f.Call("/api/query", {}, "POST", "{\"query\": \"MATCH (n RETURN n\"}"));
  CHECK(s1 == 400);
  CHECK_THAT(m1, Catch::Contains("line 1, column"));
  auto [s2, m2] = f.Error(f.Call("/api/query", {}, "POST", "{\"query\": "));
  CHECK(s2 == 400);
  CHECK_THAT(m2, Catch::Contains("malformed JSON"));
  CHECK(f.Error(f.Call("/api/query", {}, "POST", "[1, 2]")).first == 400);
  CHECK(f.Error(f.Call("/api/query", {}, "POST", "{\"q\": \"x\"}")).first == 400);
  CHECK(f.Error(f.Call("/api/query", {}, "POST", json({{"query", "CREATE (n:Person {name: 'x'})"}}).dump())).first ==
        403);
  CHECK(f.live.Read().graph().LookupName("x")->empty());  // nothing written
  const std::string big = "RETURN '" + std::string(70000, 'a') + "'";
  CHECK(f.Error(f.Call("/api/query", {}, "POST", json({{"query", big}}).dump())).first == 413);
  CHECK(f.Error(f.Call("/api/query")).first == 405);  // GET

  f.opt.max_rows = 3;
  f.Reset();
  auto [s3, m3] = f.Error(f.Call("/api/query", {}, "POST", json({{"query", "UNWIND range(1, 10) AS x RETURN x"}}).dump()));
  CHECK(s3 == 422);
  CHECK_THAT(m3, Catch::Contains("more than 3"));
}

TEST_CASE("Serve API: path between two entities", "[serve]") {
  Fixture f;
  auto j = f.Get("/api/path", {{"from", "Kim Jong Un"}, {"to", "Ukraine"}});
  REQUIRE(j["paths"].size() == 1);
  CHECK(j["hops"] == 2);
  CHECK(j["paths"][0]["nodes"].front() == "person/kim-jong-un");
  CHECK(j["paths"][0]["nodes"].back() == "country/UA");
  auto none = f.Get("/api/path", {{"from", "Kim Jong Un"}, {"to", "Sergej Schoigu"}});
  CHECK(none["paths"].empty());
  CHECK_THAT(none["message"].get<std::string>(), Catch::Contains("co-mentions"));
  auto co = f.Get("/api/path", {{"from", "Kim Jong Un"}, {"to", "Sergej Schoigu"}, {"co_mentions", "1"}});
  CHECK(co["hops"] == 2);
}

TEST_CASE("Serve API: the view exports as GraphML and GEXF", "[serve]") {
  Fixture f;
  auto n = f.Get("/api/neighbors", {{"id", "person/kim-jong-un"}});
  json nodes = json::array(), edges = json::array();
  for (const auto& x : n["nodes"]) nodes.push_back(x["id"]);
  for (const auto& x : n["edges"]) edges.push_back(x["id"]);
  auto r = f.Call("/api/export", {}, "POST", json({{"format", "graphml"}, {"nodes", nodes}, {"edges", edges}}).dump());
  REQUIRE(r.status == 200);
  CHECK(r.filename == "kg-view.graphml");
  CHECK_THAT(r.body, Catch::Contains("<graphml") && Catch::Contains("Kim Jong Un") && Catch::Contains("Russland"));
  auto g = f.Call("/api/export", {}, "POST", json({{"format", "gexf"}, {"nodes", nodes}, {"edges", edges}}).dump());
  REQUIRE(g.status == 200);
  CHECK_THAT(g.body, Catch::Contains("<gexf"));
  CHECK(f.Error(f.Call("/api/export", {}, "POST", json({{"format", "neo4j"}}).dump())).first == 400);
  CHECK(f.Error(f.Call("/api/export", {}, "POST", json({{"nodes", {"person/nobody"}}}).dump())).first == 404);
}

TEST_CASE("Serve API: clear 4xx errors for bad requests", "[serve]") {
  Fixture f;
  CHECK(f.Error(f.Call("/api/nope")).first == 404);
  CHECK(f.Error(f.Call("/api/../etc/passwd")).first == 404);
  CHECK(f.Error(f.Call("/api/stats", {}, "DELETE")).first == 405);
  CHECK(f.Error(f.Call("/api/neighbors", {{"id", "person/nobody"}})).first == 404);
  CHECK(f.Error(f.Call("/api/neighbors", {{"name", "Nobody Atall"}})).first == 404);
  CHECK(f.Error(f.Call("/api/neighbors")).first == 400);
  auto [s, m] = f.Error(f.Call("/api/neighbors", {{"name", "Putin"}, {"depth", "9"}}));
  CHECK(s == 400);
  CHECK_THAT(m, Catch::Contains("depth"));
  CHECK(f.Error(f.Call("/api/neighbors", {{"name", "Putin"}, {"depht", "2"}})).first == 400);
  CHECK(f.Error(f.Call("/api/neighbors", {{"name", "Putin"}, {"predicate", "meet"}})).first == 400);
  CHECK(f.Error(f.Call("/api/neighbors", {{"name", "Putin"}, {"since", "June"}})).first == 400);
  CHECK(f.Error(f.Call("/api/neighbors", {{"name", "Putin"}, {"limit", "x"}})).first == 400);
  CHECK(f.Error(f.Call("/api/neighbors", {{"name", "Putin"}, {"id", "x"}})).first == 400);
  // Several entities share a surname: 409 listing them.
  REQUIRE(f.live.Read().mutable_graph()->CreateNode({"Person"}, {{"id", "person/anna-putin"}, {"name", "Anna Putin"}}).ok());
  auto amb = f.Call("/api/neighbors", {{"name", "Putin"}});
  auto [sa, ma] = f.Error(amb);
  CHECK(sa == 409);
  CHECK_THAT(ma, Catch::Contains("ambiguous"));
  CHECK(json::parse(amb.body)["candidates"].size() == 2);
  auto stats = f.Get("/api/stats");
  CHECK(stats["entities"] == 8);
  CHECK(stats["date_min"] == "2022-02-24");
  CHECK(stats["date_max"] == "2024-06-19");
}
