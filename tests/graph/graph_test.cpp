// Generic property-graph operations and the key layout, on the memory store.
#include <catch2/catch.hpp>

#include "graph/graph.h"
#include "graph/keys.h"

namespace {

std::unique_ptr<kg::Graph> NewGraph() {
  auto g = kg::Graph::Open(kg::NewMemStore());
  REQUIRE(g.ok());
  return std::move(g).value();
}

}  // namespace

TEST_CASE("Keys: adjacency keys round-trip and sort by type then other", "[keys]") {
  std::string k1 = kg::keys::EncodeAdjKey(7, "MEETS", 3, 100);
  std::string k2 = kg::keys::EncodeAdjKey(7, "MEETS", 20, 1);
  std::string k3 = kg::keys::EncodeAdjKey(7, "VISITS", 1, 2);
  CHECK(k1 < k2);
  CHECK(k2 < k3);
  CHECK(k1.substr(0, 8) == kg::keys::U64(7));
  kg::keys::AdjKey a;
  REQUIRE(kg::keys::DecodeAdjKey(k1, &a).ok());
  CHECK(a.self == 7);
  CHECK(a.type == "MEETS");
  CHECK(a.other == 3);
  CHECK(a.rel == 100);
  CHECK(kg::keys::DecodeAdjKey("short", &a).code() == kg::Status::Code::kCorruption);
}

TEST_CASE("Keys: big-endian ids order numerically", "[keys]") {
  CHECK(kg::keys::U64(255) < kg::keys::U64(256));
  CHECK(kg::keys::U64(1) < kg::keys::U64(1ull << 40));
  uint64_t v;
  REQUIRE(kg::keys::ReadU64(kg::keys::U64(0x0102030405060708ull), 0, &v).ok());
  CHECK(v == 0x0102030405060708ull);
}

TEST_CASE("Keys: evidence and index keys round-trip", "[keys]") {
  kg::keys::EvidenceKey e;
  REQUIRE(kg::keys::DecodeEvidenceKey(kg::keys::EncodeEvidenceKey(5, 'e', "art/1", 3), &e).ok());
  CHECK(e.rel == 5);
  CHECK(e.article == "art/1");
  CHECK(e.n == 3);
  std::string text;
  uint64_t node;
  REQUIRE(kg::keys::DecodeIndexKey(kg::keys::NameKey("putin", 9), &text, &node).ok());
  CHECK(text == "putin");
  CHECK(node == 9);
  nlohmann::json j;
  CHECK(kg::keys::DecodeValue("\xc1", "node", &j).code() == kg::Status::Code::kCorruption);
}

TEST_CASE("NormalizeName: case, diacritics, punctuation", "[names]") {
  CHECK(kg::NormalizeName("Wladimir  Putin") == "wladimir putin");
  CHECK(kg::NormalizeName("Südkorea") == "sudkorea");
  CHECK(kg::NormalizeName("Straße") == "strasse");
  CHECK(kg::NormalizeName("Kim Jong-un") == "kim jong un");
  CHECK(kg::NormalizeName("  Łódź, Polen. ") == "lodz polen");
  CHECK(kg::NormalizeName("O'Brien") == "obrien");
  CHECK(kg::NormalizeName("ÆRØ") == "aero");
  CHECK(kg::NormalizeName("МОСКВА") == "москва");
  CHECK(kg::NormalizeName("") == "");
}

TEST_CASE("Graph: create and read nodes and relationships", "[graph]") {
  auto g = NewGraph();
  auto a = g->CreateNode({"Person"}, {{"name", "Wladimir Putin"}, {"aliases", {"Putin"}}});
  auto b = g->CreateNode({"Person"}, {{"name", "Kim Jong Un"}});
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(*a != *b);
  auto r = g->CreateRel(*a, *b, "MEETS", {{"date", "2023-09-13"}});
  REQUIRE(r.ok());
  auto n = g->GetNode(*a);
  REQUIRE(n.ok());
  CHECK(n->labels == std::vector<std::string>{"Person"});
  CHECK(n->props["name"] == "Wladimir Putin");
  auto rel = g->GetRel(*r);
  REQUIRE(rel.ok());
  CHECK(rel->src == *a);
  CHECK(rel->dst == *b);
  CHECK(rel->type == "MEETS");
  CHECK(rel->props["date"] == "2023-09-13");
  CHECK(g->GetNode(999).status().IsNotFound());
  CHECK(g->GetRel(999).status().IsNotFound());
  CHECK(g->CreateRel(*a, 999, "X", nlohmann::json::object()).status().IsNotFound());
  CHECK(g->CreateRel(*a, *b, "", nlohmann::json::object()).status().code() ==
        kg::Status::Code::kInvalidArgument);
}

TEST_CASE("Graph: adjacency in both directions", "[graph]") {
  auto g = NewGraph();
  auto a = *g->CreateNode({"A"}, nlohmann::json::object());
  auto b = *g->CreateNode({"B"}, nlohmann::json::object());
  auto c = *g->CreateNode({"C"}, nlohmann::json::object());
  auto r1 = *g->CreateRel(a, b, "KNOWS", nlohmann::json::object());
  auto r2 = *g->CreateRel(c, a, "KNOWS", nlohmann::json::object());
  auto r3 = *g->CreateRel(a, c, "LIKES", nlohmann::json::object());
  auto loop = *g->CreateRel(a, a, "SELF", nlohmann::json::object());
  std::vector<kg::AdjEntry> out;
  REQUIRE(g->Adjacent(a, kg::Direction::kOut, "", &out).ok());
  REQUIRE(out.size() == 3);
  CHECK(out[0].type == "KNOWS");
  CHECK(out[0].rel == r1);
  CHECK(out[1].rel == r3);
  CHECK(out[2].rel == loop);
  REQUIRE(g->Adjacent(a, kg::Direction::kIn, "KNOWS", &out).ok());
  REQUIRE(out.size() == 1);
  CHECK(out[0].rel == r2);
  CHECK(out[0].other == c);
  CHECK_FALSE(out[0].outgoing);
  REQUIRE(g->Adjacent(a, kg::Direction::kBoth, "", &out).ok());
  CHECK(out.size() == 4);  // the self-loop once
  REQUIRE(g->Adjacent(b, kg::Direction::kBoth, "LIKES", &out).ok());
  CHECK(out.empty());
}

TEST_CASE("Graph: name index follows SET and DELETE", "[graph]") {
  auto g = NewGraph();
  auto a = *g->CreateNode({"Country"}, {{"id", "country/KR"}, {"name", "Südkorea"},
                                        {"aliases", {"South Korea", "Republik Korea"}}});
  CHECK(*g->LookupName("sudkorea") == std::vector<kg::NodeId>{a});
  CHECK(*g->LookupName("SOUTH KOREA") == std::vector<kg::NodeId>{a});
  CHECK(*g->LookupName("country/KR") == std::vector<kg::NodeId>{a});
  CHECK(g->LookupEntityId("country/KR")->value() == a);
  CHECK(g->LookupNamePrefix("Süd", 10)->size() == 1);
  CHECK(g->LookupNamePrefix("Republik", 10)->size() == 1);
  CHECK(g->LookupNamePrefix("x", 10)->empty());

  REQUIRE(g->SetNodeProps(a, {{"name", "Korea"}}).ok());
  CHECK(g->LookupName("Südkorea")->empty());
  CHECK(g->LookupName("South Korea")->empty());
  CHECK(g->LookupName("korea")->size() == 1);
  CHECK_FALSE(g->LookupEntityId("country/KR")->has_value());

  REQUIRE(g->DeleteNode(a, false).ok());
  CHECK(g->LookupName("korea")->empty());
  CHECK(g->GetNode(a).status().IsNotFound());
}

TEST_CASE("Graph: delete needs detach when relationships remain", "[graph]") {
  auto g = NewGraph();
  auto a = *g->CreateNode({"A"}, nlohmann::json::object());
  auto b = *g->CreateNode({"B"}, nlohmann::json::object());
  auto r = *g->CreateRel(a, b, "T", nlohmann::json::object());
  CHECK(g->DeleteNode(a, false).code() == kg::Status::Code::kInvalidArgument);
  REQUIRE(g->DeleteNode(a, true).ok());
  CHECK(g->GetRel(r).status().IsNotFound());
  std::vector<kg::AdjEntry> out;
  REQUIRE(g->Adjacent(b, kg::Direction::kBoth, "", &out).ok());
  CHECK(out.empty());
  CHECK(g->DeleteRel(r).IsNotFound());
}

TEST_CASE("Graph: labels, props and scans", "[graph]") {
  auto g = NewGraph();
  auto a = *g->CreateNode({"Person"}, {{"name", "A"}});
  auto b = *g->CreateNode({"Country"}, {{"name", "B"}});
  REQUIRE(g->SetNodeLabels(b, {"Country", "Place"}).ok());
  auto r = *g->CreateRel(a, b, "VISITS", {{"n", 1}});
  REQUIRE(g->SetRelProps(r, {{"n", 2}}).ok());
  CHECK(g->GetRel(r)->props["n"] == 2);
  std::vector<kg::NodeId> seen;
  REQUIRE(g->ScanNodes("Place", [&](const kg::Node& n) {
               seen.push_back(n.id);
               return true;
             }).ok());
  CHECK(seen == std::vector<kg::NodeId>{b});
  int rels = 0;
  REQUIRE(g->ScanRels([&](const kg::Rel&) { return ++rels, true; }).ok());
  CHECK(rels == 1);
  CHECK(g->CreateNode({}, nlohmann::json::array()).status().code() ==
        kg::Status::Code::kInvalidArgument);
}

TEST_CASE("Graph: schema version mismatch is a clear error", "[graph]") {
  auto store = kg::NewMemStore();
  kg::WriteBatch wb;
  wb.Put(kg::Cf::kMeta, kg::keys::kMetaSchemaVersion, "999");
  REQUIRE(store->Write(wb).ok());
  auto g = kg::Graph::Open(std::move(store));
  REQUIRE_FALSE(g.ok());
  CHECK(g.status().code() == kg::Status::Code::kCorruption);
  CHECK(g.status().message().find("schema version 999") != std::string::npos);
}
