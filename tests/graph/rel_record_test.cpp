// Direct MessagePack codecs (graph/rel_record.h) must write exactly the bytes
// nlohmann::json's to_msgpack writes (keys::EncodeValue), so databases stay
// byte-identical to the JSON path.
#include "graph/rel_record.h"

#include <catch2/catch.hpp>
#include <limits>

#include "graph/graph.h"
#include "graph/keys.h"

namespace {

using kg::internal::PropMap;
using kg::internal::PropValue;
using kg::internal::RelRecord;
using nlohmann::json;

json RelJson(uint64_t src, uint64_t dst, const std::string& type, const json& props) {
  return {{"s", src}, {"d", dst}, {"t", type}, {"p", props}};
}

}  // namespace

TEST_CASE("RelRecord: decode + encode reproduces nlohmann's bytes", "[graph][codec]") {
  const std::string long_str(300, 'x');
  const std::vector<json> props = {
      json::object(),
      {{"support", 3},
       {"weight", 200},
       {"confidence", 0.9},
       {"modality", "asserted"},
       {"location", nullptr},
       {"date", "2024-01-02"},
       {"first_seen", ""},
       {"last_seen", "2024"}},
      {{"confidence", 1.0},
       {"neg", -5},
       {"neg8", -100},
       {"neg16", -1000},
       {"neg32", -100000},
       {"neg64", std::numeric_limits<int64_t>::min()},
       {"big", std::numeric_limits<uint64_t>::max()},
       {"u16", 65535},
       {"u32", 70000},
       {"flag", true},
       {"off", false},
       {"half", 0.5},
       {"tiny", 1e-300},
       {"huge", 1e300}},
      {{"list", json::array({1, "a", json::array({2.5, nullptr})})},
       {"map", {{"k", "v"}, {"n", {{"deep", 1}}}}},
       {"long", long_str},
       {"mid", std::string(40, 'y')}},
  };
  for (const auto& p : props) {
    const json rec = RelJson(7, 1ull << 40, "CO_MENTIONED", p);
    const std::string want = kg::keys::EncodeValue(rec);
    RelRecord r;
    REQUIRE(kg::internal::DecodeRelRecord(42, want, &r).ok());
    CHECK(r.src == 7);
    CHECK(r.dst == (1ull << 40));
    CHECK(r.type == "CO_MENTIONED");
    CHECK(kg::internal::EncodeRelRecord(r) == want);
  }
}

TEST_CASE("RelRecord: records built field by field equal the JSON encoding", "[graph][codec]") {
  RelRecord r;
  r.id = 1;
  r.src = 300;
  r.dst = 5;
  r.type = "MEETS";
  r.props.Set("support", PropValue::Int(1));
  r.props.Set("confidence", PropValue::Double(0.75));
  r.props.Set("location", PropValue::Null());
  r.props.Set("date", PropValue::Str("2023-09-13"));
  r.props.Set("support", PropValue::Int(2));  // overwrite keeps one key
  const json want = RelJson(
      300, 5, "MEETS",
      {{"support", 2}, {"confidence", 0.75}, {"location", nullptr}, {"date", "2023-09-13"}});
  CHECK(kg::internal::EncodeRelRecord(r) == kg::keys::EncodeValue(want));
  CHECK(r.props.Int("support", 0) == 2);
  CHECK(r.props.Num("confidence", 0) == 0.75);
  CHECK(r.props.Str("date") == "2023-09-13");
  CHECK(r.props.Str("location", "none") == "none");  // null is not a string
  CHECK(r.props.Int("missing", -1) == -1);
}

TEST_CASE("RelRecord: malformed bytes are Corruption, not a crash", "[graph][codec]") {
  const std::string good = kg::keys::EncodeValue(RelJson(1, 2, "T", {{"a", 1}}));
  RelRecord r;
  for (std::size_t cut = 0; cut < good.size(); ++cut)
    CHECK(kg::internal::DecodeRelRecord(1, good.substr(0, cut), &r).code() ==
          kg::Status::Code::kCorruption);
  CHECK(kg::internal::DecodeRelRecord(1, kg::keys::EncodeValue(json{{"s", 1}}), &r).code() ==
        kg::Status::Code::kCorruption);
  CHECK(kg::internal::DecodeRelRecord(1, std::string("\xc1", 1), &r).code() ==
        kg::Status::Code::kCorruption);
  PropMap m;
  CHECK(kg::internal::DecodePropMap(good + "x", "evidence", &m).code() ==
        kg::Status::Code::kCorruption);
  REQUIRE(kg::internal::DecodePropMap(kg::keys::EncodeValue(json{{"n", 3}, {"ad", "2024"}}),
                                      "evidence", &m)
              .ok());
  CHECK(m.Int("n", 0) == 3);
  CHECK(m.Str("ad") == "2024");
}

TEST_CASE("Node records written by PutNode equal the JSON encoding", "[graph][codec]") {
  auto g = std::move(kg::Graph::Open(kg::NewMemStore())).value();
  const json props = {{"id", "person/x"},
                      {"name", "X"},
                      {"aliases", json::array({"Ex", "Mr X"})},
                      {"latitude", 48.2},
                      {"n", 300}};
  auto id = g->CreateNode({"Person", "Extra"}, props);
  REQUIRE(id.ok());
  std::string bytes;
  REQUIRE(g->store()->Get(kg::Cf::kNodes, kg::keys::NodeKey(*id), &bytes).ok());
  CHECK(bytes == kg::keys::EncodeValue(json{{"l", {"Person", "Extra"}}, {"p", props}}));
}

TEST_CASE("RelRecord: a new co-mention record equals the generic encoding", "[graph][codec]") {
  for (const std::string& date : std::vector<std::string>{"", "2024-02-29", std::string(40, 'd')}) {
    for (int64_t weight : {1, 3, 127, 128, 70000}) {
      RelRecord r;
      r.id = 9;
      r.src = 12;
      r.dst = 1ull << 33;
      r.type = "CO_MENTIONED";
      r.props.Set("location", PropValue::Null());
      r.props.Set("date", PropValue::Str(date));
      r.props.Set("modality", PropValue::Str("asserted"));
      r.props.Set("confidence", PropValue::Double(1.0));
      r.props.Set("support", PropValue::Int(1));
      r.props.Set("weight", PropValue::Int(weight));
      r.props.Set("first_seen", PropValue::Str(date));
      r.props.Set("last_seen", PropValue::Str(date));
      CHECK(kg::internal::EncodeNewCoMentionRecord(r.src, r.dst, r.type, date, weight) ==
            kg::internal::EncodeRelRecord(r));
    }
  }
}

TEST_CASE("DecodeNodeProps / DecodeStringArray read node records", "[graph][codec]") {
  const json props = {{"name", "Wien"},
                      {"aliases", json::array({"Vienna", "Wean"})},
                      {"id", "city/wien"},
                      {"pop", 1900000}};
  PropMap p;
  REQUIRE(kg::internal::DecodeNodeProps(
              kg::keys::EncodeValue({{"l", json::array({"City"})}, {"p", props}}), &p)
              .ok());
  CHECK(p.Str("name") == "Wien");
  CHECK(p.Int("pop", 0) == 1900000);
  const PropValue* a = p.Find("aliases");
  REQUIRE(a);
  std::vector<std::string_view> aliases;
  REQUIRE(kg::internal::DecodeStringArray(a->s, &aliases));
  CHECK(aliases == std::vector<std::string_view>{"Vienna", "Wean"});
  json many = json::array();
  for (int i = 0; i < 20; ++i) many.push_back("a" + std::to_string(i));
  REQUIRE(kg::internal::DecodeStringArray(kg::keys::EncodeValue(many), &aliases));
  CHECK(aliases.size() == 20);
  CHECK(aliases[19] == "a19");
  CHECK_FALSE(
      kg::internal::DecodeStringArray(kg::keys::EncodeValue(json::array({"x", 1})), &aliases));
  CHECK_FALSE(kg::internal::DecodeStringArray(kg::keys::EncodeValue("x"), &aliases));
  CHECK_FALSE(
      kg::internal::DecodeNodeProps(kg::keys::EncodeValue({{"l", json::array()}}), &p).ok());
  CHECK_FALSE(kg::internal::DecodeNodeProps(kg::keys::EncodeValue({{"p", 1}}), &p).ok());
  CHECK_FALSE(kg::internal::DecodeNodeProps("\x81", &p).ok());
}
