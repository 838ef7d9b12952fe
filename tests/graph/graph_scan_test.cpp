// Graph::ScanNodesTyped / ScanRelsTyped (graph_scan.cpp) against the JSON
// scans + NodeFromGraph / RelFromGraph, on both backends: ingested data and
// Cypher-style records with every kind of property value.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <map>
#include <random>

#include "graph/export/export.h"
#include "graph/graph.h"
#include "graph/keys.h"
#include "graph/rocks_store.h"
#include "graph_backends.h"
#include "graph/snapshot.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using kg::testing::MemGraph;
using kg::testing::RocksGraph;

// One to three random byte edits (flip a byte, truncate, insert a byte, flip a bit).
std::string Mutate(std::string v, std::mt19937* rng) {
  const int edits = 1 + static_cast<int>((*rng)() % 3);
  for (int e = 0; e < edits && !v.empty(); ++e) {
    const size_t at = (*rng)() % v.size();
    switch ((*rng)() % 4) {
      case 0:
        v[at] = static_cast<char>((*rng)());
        break;
      case 1:
        v.resize(at);
        break;
      case 2:
        v.insert(at, 1, static_cast<char>((*rng)()));
        break;
      default:
        v[at] = static_cast<char>(v[at] ^ (1 << ((*rng)() % 8)));
        break;
    }
  }
  return v;
}


bool SameDouble(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void CheckSame(const kg::SnapNode& want, const kg::SnapNode& got) {
  INFO("node " << want.id);
  CHECK(got.id == want.id);
  CHECK(got.key == want.key);
  CHECK(got.labels == want.labels);
  CHECK(got.type == want.type);
  CHECK(got.name == want.name);
  CHECK(got.aliases == want.aliases);
  CHECK(got.country == want.country);
  CHECK(SameDouble(got.latitude, want.latitude));
  CHECK(SameDouble(got.longitude, want.longitude));
}

void CheckSame(const kg::SnapRel& want, const kg::SnapRel& got) {
  INFO("relationship " << want.id << " " << want.type);
  CHECK(got.id == want.id);
  CHECK(got.type == want.type);
  CHECK(got.predicate == want.predicate);
  CHECK(SameDouble(got.weight, want.weight));
  CHECK(got.support == want.support);
  CHECK(SameDouble(got.confidence, want.confidence));
  CHECK(got.modality == want.modality);
  CHECK(got.location == want.location);
  CHECK(got.date == want.date);
  CHECK(got.first_seen == want.first_seen);
  CHECK(got.last_seen == want.last_seen);
}

// Runs both scans and compares every record; returns the number of nodes and rels seen.
std::pair<size_t, size_t> CompareScans(const kg::Graph& g) {
  std::vector<kg::SnapNode> want_nodes;
  REQUIRE(g.ScanNodes("", [&](const kg::Node& n) {
             want_nodes.push_back(kg::NodeFromGraph(n));
             return true;
           }).ok());
  std::vector<kg::SnapNode> got_nodes;
  kg::Status st = g.ScanNodesTyped([&](kg::SnapNode* n) {
    got_nodes.push_back(std::move(*n));
    return true;
  });
  INFO(st.ToString());
  REQUIRE(st.ok());
  REQUIRE(got_nodes.size() == want_nodes.size());
  for (size_t i = 0; i < want_nodes.size(); ++i) CheckSame(want_nodes[i], got_nodes[i]);

  std::vector<std::tuple<kg::NodeId, kg::NodeId, kg::SnapRel>> want_rels, got_rels;
  REQUIRE(g.ScanRels([&](const kg::Rel& r) {
             want_rels.emplace_back(r.src, r.dst, kg::RelFromGraph(r));
             return true;
           }).ok());
  st = g.ScanRelsTyped([&](kg::NodeId s, kg::NodeId d, kg::SnapRel* r) {
    CHECK(r->src == 0);
    CHECK(r->dst == 0);
    got_rels.emplace_back(s, d, std::move(*r));
    return true;
  });
  INFO(st.ToString());
  REQUIRE(st.ok());
  REQUIRE(got_rels.size() == want_rels.size());
  for (size_t i = 0; i < want_rels.size(); ++i) {
    CHECK(std::get<0>(got_rels[i]) == std::get<0>(want_rels[i]));
    CHECK(std::get<1>(got_rels[i]) == std::get<1>(want_rels[i]));
    CheckSame(std::get<2>(want_rels[i]), std::get<2>(got_rels[i]));
  }
  return {want_nodes.size(), want_rels.size()};
}

kg::EntityFact Ent(const std::string& id, const std::string& name, const std::string& type,
                   std::vector<std::string> aliases = {}, json props = json::object()) {
  kg::EntityFact e;
  e.id = id;
  e.name = name;
  e.type = type;
  e.aliases = std::move(aliases);
  e.props = std::move(props);
  return e;
}

kg::RelationFact Fact(const std::string& s, const std::string& p, const std::string& o, double conf,
                      const std::string& modality, std::optional<std::string> loc) {
  kg::RelationFact r;
  r.subject = s;
  r.predicate = p;
  r.object = o;
  r.confidence = conf;
  r.modality = modality;
  r.location = std::move(loc);
  r.date = "2023-09";
  r.evidence.sentence = s + " " + p + " " + o;
  r.evidence.end = r.evidence.sentence.size();
  r.evidence.rule = "test.rule";
  return r;
}

// Ingested articles (entities with geo props and aliases, relations with and
// without location, co-mentions) plus generic records with odd property values.
void Fill(kg::Graph& g) {
  kg::ArticleFacts a;
  a.article.id = "a1";
  a.article.date = "2023-09-13";
  a.content_hash = "h1";
  a.entities = {
      Ent("person/kim", "Kim Jong Un", "person", {"Kim", "Kim Jong-un"}),
      Ent("country/RU", "Russland", "country", {"Russia"}, {{"country", "RU"}}),
      Ent("city/gn524901", "Moskau", "city", {"Moscow", "Moskva"},
          {{"country", "RU"},
           {"latitude", 55.75222},
           {"longitude", 37.61556},
           {"geonames_id", 524901}}),
      Ent("person/putin", "Wladimir Putin", "person", {"Putin", "Wladimir Wladimirowitsch Putin"})};
  a.relations = {Fact("person/kim", "visits", "country/RU", 0.9, "asserted", "city/gn524901"),
                 Fact("person/kim", "meets", "person/putin", 0.75, "reported", std::nullopt),
                 Fact("person/putin", "supplies", "person/kim", 0.5, "speculated", std::nullopt)};
  a.co_mentions = {{"country/RU", "person/kim", 3}, {"person/kim", "person/putin", 1}};
  REQUIRE(g.ApplyArticle(a).ok());
  kg::ArticleFacts b = a;
  b.article.id = "a2";
  b.article.date = "2024-01-02";
  b.content_hash = "h2";
  b.relations.resize(1);
  REQUIRE(g.ApplyArticle(b).ok());

  const std::string long_name(300, 'x');  // str16
  json many = json::object();             // map16 props
  for (int i = 0; i < 40; ++i) many["k" + std::to_string(i)] = i;
  many["name"] = long_name;
  many["aliases"] = json::array();
  for (int i = 0; i < 20; ++i) many["aliases"].push_back("alias " + std::to_string(i));  // array16
  std::vector<std::pair<std::vector<std::string>, json>> nodes = {
      {{"Thing"}, {{"color", "red"}}},
      {{}, json::object()},
      {{"Person", "Agent"}, {{"id", 42}, {"name", nullptr}, {"aliases", {"a", 3, "b", nullptr}}}},
      {{"X"}, {{"id", -7}, {"name", 1.5}, {"aliases", "not a list"}, {"country", 5}}},
      {{"X"},
       {{"id", uint64_t{9223372036854775813ull}},
        {"name", true},
        {"latitude", "52.5"},
        {"longitude", 13}}},
      {{"X"},
       {{"id", json::array({"x", 1})},
        {"name", json{{"a", json::array({1, 2.5})}}},
        {"latitude", -0.1},
        {"longitude", 0.5},
        {"country", false}}},
      {{"X"}, {{"id", "dup"}, {"name", std::string("Ünïcödé \xE2\x80\x94 name")}}},
      {{"Many"}, many},
  };
  std::vector<kg::NodeId> ids;
  for (const auto& [labels, props] : nodes) {
    auto id = g.CreateNode(labels, props);
    REQUIRE(id.ok());
    ids.push_back(*id);
  }
  std::vector<std::pair<std::string, json>> rels = {
      {"KNOWS", json::object()},
      {"MEETS", {{"support", 2.5}, {"confidence", "high"}, {"location", nullptr}, {"date", 2023}}},
      {"MEETS", {{"weight", 4}, {"first_seen", 2023.5}, {"modality", false}}},
      {"CO_MENTIONED", {{"support", 3}, {"weight", 7.25}, {"last_seen", json{{"a", {1, 2}}}}}},
      {"CO_MENTIONED", {{"support", 3}}},
      {"CO_MENTIONED", {{"support", "3"}, {"weight", nullptr}}},
      {"ATTACKS",
       {{"support", -2},
        {"weight", 1e300},
        {"confidence", 0.1f},
        {"location", "city/gn1"},
        {"date", "2023-01-02"},
        {"first_seen", "2022"},
        {"last_seen", "2024-12"},
        {"extra", json::array({1, "a", nullptr})}}},
  };
  for (size_t i = 0; i < rels.size(); ++i) {
    auto id = g.CreateRel(ids[i % ids.size()], ids[(i * 3 + 1) % ids.size()], rels[i].first,
                          rels[i].second);
    REQUIRE(id.ok());
  }
}

}  // namespace

TEMPLATE_TEST_CASE("Graph: typed scans yield the fields of NodeFromGraph/RelFromGraph",
                   "[graph][scan]", MemGraph, RocksGraph) {
  TestType backend;
  auto g = backend.Open();
  Fill(*g);
  auto [nodes, rels] = CompareScans(*g);
  CHECK(nodes == 12);
  CHECK(rels == 5 + 7);

  // Spot checks of the conversions themselves (not only "same as JSON").
  std::vector<kg::SnapNode> typed;
  REQUIRE(g->ScanNodesTyped([&](kg::SnapNode* n) {
             typed.push_back(std::move(*n));
             return true;
           }).ok());
  auto find = [&](const std::string& key) -> const kg::SnapNode& {
    for (const auto& n : typed)
      if (n.key == key) return n;
    FAIL("no node " << key);
    return typed.front();
  };
  const auto& moscow = find("city/gn524901");
  CHECK(moscow.type == "city");
  CHECK(moscow.country == "RU");
  CHECK(moscow.latitude == 55.75222);
  CHECK(moscow.aliases.size() >= 2);
  CHECK(find("42").aliases == std::vector<std::string>{"a", "b"});
  CHECK(find("-7").name == "1.5");
  // An unsigned id above INT64_MAX prints as nlohmann's get<int64_t>() wraps it.
  const std::string big = std::to_string(static_cast<int64_t>(9223372036854775813ull));
  CHECK(find(big).name == "true");
  CHECK(std::isnan(find(big).latitude));
  CHECK(find(big).longitude == 13);
  CHECK(find("[\"x\",1]").country == "false");
}

TEST_CASE("Graph: a bulk-loaded RocksDB store scans the same typed", "[graph][scan]") {
  // kg load's bulk path writes SST files from a memory store.
  auto mem = kg::Graph::Open(kg::NewMemStore());
  REQUIRE(mem.ok());
  Fill(**mem);
  RocksGraph backend;
  auto g = backend.Open();
  REQUIRE(kg::BulkLoadRocksStore(*(*mem)->store(), g->store()).ok());
  auto [nodes, rels] = CompareScans(*g);
  CHECK(nodes == 12);
  CHECK(rels == 12);
}

TEST_CASE("Graph: typed scans stop when fn returns false", "[graph][scan]") {
  auto g = MemGraph().Open();
  Fill(*g);
  int n = 0, r = 0;
  REQUIRE(g->ScanNodesTyped([&](kg::SnapNode*) { return ++n < 3; }).ok());
  REQUIRE(g->ScanRelsTyped([&](kg::NodeId, kg::NodeId, kg::SnapRel*) { return ++r < 2; }).ok());
  CHECK(n == 3);
  CHECK(r == 2);
}

TEST_CASE("Graph: typed scans report undecodable records as Corruption", "[graph][scan]") {
  const std::string good_node = kg::keys::EncodeValue(json{{"l", {"X"}}, {"p", {{"id", "a"}}}});
  const std::string good_rel =
      kg::keys::EncodeValue(json{{"s", 1}, {"d", 1}, {"t", "T"}, {"p", {{"support", 1}}}});
  const std::vector<std::string> bad_nodes = {
      good_node.substr(0, good_node.size() - 1),  // truncated
      good_node + "\x01",                         // trailing byte
      std::string("\x81\x01\xa1x", 4),            // integer map key
      std::string("\x81\xa1p\xc1", 4),            // reserved byte 0xc1
      std::string("\xa3"
                  "abc"),                      // not a map
      std::string("\xdf\xff\xff\xff\xff", 5),  // map32 header, no entries
  };
  for (const auto& v : bad_nodes) {
    INFO("node bytes size " << v.size());
    auto g = MemGraph().Open();
    kg::WriteBatch b;
    b.Put(kg::Cf::kNodes, kg::keys::NodeKey(1), v);
    REQUIRE(g->store()->Write(b).ok());
    kg::Status json_scan = g->ScanNodes("", [](const kg::Node&) { return true; });
    CHECK(json_scan.code() == kg::Status::Code::kCorruption);
    kg::Status typed = g->ScanNodesTyped([](kg::SnapNode*) { return true; });
    CHECK(typed.code() == kg::Status::Code::kCorruption);
  }
  const std::vector<std::string> bad_rels = {
      good_rel.substr(0, good_rel.size() - 2),
      kg::keys::EncodeValue(json{{"s", 1}, {"d", 1}, {"p", json::object()}}),  // no type
      kg::keys::EncodeValue(json{{"d", 1}, {"t", "T"}}),                       // no source
      std::string("\x93\x01\x01\xa1T", 5),                                     // a list
  };
  for (const auto& v : bad_rels) {
    auto g = MemGraph().Open();
    kg::WriteBatch b;
    b.Put(kg::Cf::kRels, kg::keys::RelKey(1), v);
    REQUIRE(g->store()->Write(b).ok());
    kg::Status typed = g->ScanRelsTyped([](kg::NodeId, kg::NodeId, kg::SnapRel*) { return true; });
    CHECK(typed.code() == kg::Status::Code::kCorruption);
  }
}

namespace {

// The snapshot as LoadSnapshot built it before the typed scans: JSON scans,
// NodeFromGraph/RelFromGraph, GetEvidence per relationship.
kg::GraphSnapshot JsonSnapshot(const kg::Graph& g) {
  kg::GraphSnapshot snap;
  REQUIRE(g.ScanNodes("", [&](const kg::Node& n) {
             snap.AddNode(kg::NodeFromGraph(n));
             return true;
           }).ok());
  REQUIRE(g.ScanRels([&](const kg::Rel& r) {
             kg::SnapRel s = kg::RelFromGraph(r);
             s.src = *snap.IndexOf(r.src);
             s.dst = *snap.IndexOf(r.dst);
             std::vector<kg::EvidenceRecord> ev;
             REQUIRE(g.GetEvidence(r.id, &ev).ok());
             s.evidence_count = static_cast<int32_t>(ev.size());
             snap.AddRel(std::move(s));
             return true;
           }).ok());
  for (kg::SnapRel& r : snap.mutable_rels())  // unstored location names: the node's name
    if (!r.location.empty() && r.location_name.empty()) {
      auto n = g.LookupEntityId(r.location);
      REQUIRE(n.ok());
      if (n->has_value()) r.location_name = g.GetNode(**n)->props.value("name", std::string());
    }
  return snap;
}

std::map<std::string, std::string> ExportAll(const kg::GraphSnapshot& snap) {
  const auto m = kg::exp::ComputeMetrics(snap);
  std::map<std::string, std::string> out;
  for (auto f : {kg::exp::Format::kGraphML, kg::exp::Format::kGexf, kg::exp::Format::kCytoscape,
                 kg::exp::Format::kNTriples, kg::exp::Format::kDot}) {
    std::string text;
    kg::exp::Sink sink(&text);
    REQUIRE(kg::exp::Write(f, snap, m, {}, &sink).ok());
    REQUIRE(sink.Finish().ok());
    out[kg::exp::FormatName(f)] = text;
  }
  std::string nodes, rels;
  kg::exp::Sink a(&nodes), b(&rels);
  REQUIRE(kg::exp::WriteNeo4jNodes(snap, m, &a).ok());
  REQUIRE(kg::exp::WriteNeo4jRelationships(snap, &b).ok());
  REQUIRE(a.Finish().ok());
  REQUIRE(b.Finish().ok());
  out["neo4j nodes"] = nodes;
  out["neo4j relationships"] = rels;
  return out;
}

}  // namespace

TEMPLATE_TEST_CASE("LoadSnapshot: every exporter writes the same bytes as from the JSON scans",
                   "[export][scan]", MemGraph, RocksGraph) {
  TestType backend;
  auto g = backend.Open();
  Fill(*g);
  auto typed = kg::LoadSnapshot(*g);
  REQUIRE(typed.ok());
  // A location that is an entity of the graph comes with its name; others without.
  const auto& rels = typed->rels();
  CHECK(std::any_of(rels.begin(), rels.end(), [](const kg::SnapRel& r) {
    return r.location == "city/gn524901" && r.location_name == "Moskau";
  }));
  CHECK(std::all_of(rels.begin(), rels.end(), [](const kg::SnapRel& r) {
    return r.location != "city/gn1" || r.location_name.empty();
  }));
  const auto want = ExportAll(JsonSnapshot(*g));
  const auto got = ExportAll(*typed);
  REQUIRE(got.size() == want.size());
  for (const auto& [format, text] : want) {
    INFO(format);
    CHECK(text.size() > 100);
    CHECK(got.at(format) == text);
  }
}

TEST_CASE("Graph: typed node scan agrees with the JSON scan on mutated records", "[graph][scan]") {
  // Byte flips, truncations and insertions of valid node records: whenever the
  // JSON decoder accepts a record the typed scan yields the same fields, and
  // whenever it rejects one the typed scan reports Corruption (never a crash).
  const std::vector<json> seeds = {
      {{"l", {"Person"}},
       {"p", {{"id", "person/kim"}, {"name", "Kim"}, {"aliases", {"K", "Kim Jong Un"}}}}},
      {{"l", {"City", "Place"}},
       {"p",
        {{"id", "city/gn1"},
         {"name", "Moskau"},
         {"country", "RU"},
         {"latitude", 55.75},
         {"longitude", 37.6f},
         {"n", -3},
         {"x", nullptr},
         {"b", true}}}},
      {{"l", json::array()}, {"p", {{"id", 7}, {"name", json{{"k", {1, 2}}}}}}},
  };
  std::mt19937 rng(12345);
  int accepted = 0, rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string v = kg::keys::EncodeValue(seeds[round % seeds.size()]);
    v = Mutate(std::move(v), &rng);
    auto g = MemGraph().Open();
    kg::WriteBatch b;
    b.Put(kg::Cf::kNodes, kg::keys::NodeKey(1), v);
    REQUIRE(g->store()->Write(b).ok());
    std::vector<kg::SnapNode> want, got;
    kg::Status js = g->ScanNodes("", [&](const kg::Node& n) {
      want.push_back(kg::NodeFromGraph(n));
      return true;
    });
    kg::Status ts = g->ScanNodesTyped([&](kg::SnapNode* n) {
      got.push_back(std::move(*n));
      return true;
    });
    INFO("round " << round << " json: " << js.ToString() << " typed: " << ts.ToString());
    REQUIRE(js.ok() == ts.ok());
    if (!js.ok()) {
      CHECK(ts.code() == kg::Status::Code::kCorruption);
      ++rejected;
      continue;
    }
    ++accepted;
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < want.size(); ++i) CheckSame(want[i], got[i]);
  }
  CHECK(accepted > 100);
  CHECK(rejected > 100);
}

TEST_CASE("Graph: typed relationship scan agrees with the JSON scan on mutated records",
          "[graph][scan]") {
  const std::vector<json> seeds = {
      {{"s", 1},
       {"d", 2},
       {"t", "MEETS"},
       {"p",
        {{"support", 2},
         {"confidence", 0.9},
         {"modality", "asserted"},
         {"location", nullptr},
         {"date", "2023-09"},
         {"first_seen", "2023-09-13"},
         {"last_seen", "2024-01-02"},
         {"provenance", "article"}}}},
      {{"s", 300},
       {"d", 70000},
       {"t", "CO_MENTIONED"},
       {"p", {{"support", 3}, {"weight", 7.5}, {"location", "city/gn1"}, {"confidence", 0.5f}}}},
  };
  std::mt19937 rng(2024);
  int accepted = 0, rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string v = kg::keys::EncodeValue(seeds[round % seeds.size()]);
    v = Mutate(std::move(v), &rng);
    auto g = MemGraph().Open();
    kg::WriteBatch b;
    b.Put(kg::Cf::kRels, kg::keys::RelKey(5), v);
    REQUIRE(g->store()->Write(b).ok());
    std::vector<std::tuple<kg::NodeId, kg::NodeId, kg::SnapRel>> want, got;
    bool json_ok;
    try {  // the JSON decoder throws on ids/types of the wrong JSON type
      json_ok = g->ScanRels([&](const kg::Rel& r) {
                   want.emplace_back(r.src, r.dst, kg::RelFromGraph(r));
                   return true;
                 }).ok();
    } catch (const std::exception&) {
      json_ok = false;
    }
    kg::Status ts = g->ScanRelsTyped([&](kg::NodeId s, kg::NodeId d, kg::SnapRel* r) {
      got.emplace_back(s, d, std::move(*r));
      return true;
    });
    INFO("round " << round << " typed: " << ts.ToString());
    REQUIRE(json_ok == ts.ok());
    if (!json_ok) {
      CHECK(ts.code() == kg::Status::Code::kCorruption);
      ++rejected;
      continue;
    }
    ++accepted;
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      CHECK(std::get<0>(got[i]) == std::get<0>(want[i]));
      CHECK(std::get<1>(got[i]) == std::get<1>(want[i]));
      CheckSame(std::get<2>(want[i]), std::get<2>(got[i]));
    }
  }
  CHECK(accepted > 100);
  CHECK(rejected > 100);
}
