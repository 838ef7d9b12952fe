// Exporters: escaping of hostile text, writer structure, snapshot filters.
#include <catch2/catch.hpp>

#include "graph/export/escape.h"
#include "graph/export/export.h"
#include "graph/snapshot.h"

namespace {

std::string Xml(std::string_view s) {
  std::string out;
  kg::exp::AppendXml(&out, s);
  return out;
}

kg::GraphSnapshot Small() {
  kg::GraphSnapshot g;
  kg::SnapNode a;
  a.id = 1;
  a.key = "person/a";
  a.name = "A <&> \"x\" ]]>";
  a.type = "person";
  a.labels = {"Person"};
  a.aliases = {"Alias|1", "Second"};
  g.AddNode(a);
  kg::SnapNode b;
  b.id = 2;
  b.key = "country/RU";
  b.name = "Russland";
  b.type = "country";
  b.labels = {"Country"};
  b.latitude = 55.75;
  b.longitude = 0.1;
  g.AddNode(b);
  kg::SnapNode c;  // a Cypher-created node without props
  c.id = 3;
  g.AddNode(c);
  auto rel = [&](kg::RelId id, uint32_t s, uint32_t d, const std::string& type, int64_t support,
                 const std::string& first, const std::string& last) {
    kg::SnapRel r;
    r.id = id;
    r.src = s;
    r.dst = d;
    r.type = type;
    r.support = support;
    r.weight = static_cast<double>(support);
    r.first_seen = first;
    r.last_seen = last;
    r.modality = "asserted";
    r.evidence_count = static_cast<int32_t>(support);
    g.AddRel(r);
  };
  rel(10, 0, 1, "MEETS", 2, "2023-09-13", "2023-09-14");
  rel(11, 0, 1, "VISITS", 1, "2023-09", "2023-09");
  rel(12, 1, 2, "CO_MENTIONED", 3, "2022", "2024-01-05");
  return g;
}

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("Escape: invalid UTF-8 becomes U+FFFD, valid text is kept", "[export]") {
  using kg::exp::SanitizeUtf8;
  CHECK(SanitizeUtf8("Süd\xE2\x82\xAC") == "Süd\xE2\x82\xAC");
  CHECK(SanitizeUtf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(SanitizeUtf8("\xC0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD");        // overlong NUL: 2 bad bytes
  CHECK(SanitizeUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD");                // surrogate
  CHECK(SanitizeUtf8("x\xE2\x82") == "x\xEF\xBF\xBD");                  // truncated at end
  CHECK(SanitizeUtf8("\xE2\x82x") == "\xEF\xBF\xBDx");                  // truncated before ASCII
  CHECK(SanitizeUtf8("\xF4\x90\x80\x80") == "\xEF\xBF\xBD");            // > U+10FFFF
  CHECK(SanitizeUtf8("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");        // emoji kept
}

TEST_CASE("Escape: XML entities, ]]>, controls and line breaks", "[export]") {
  CHECK(Xml("a<b&c>\"d'") == "a&lt;b&amp;c&gt;&quot;d&apos;");
  CHECK(Xml("x]]>y") == "x]]&gt;y");
  CHECK(Xml("t\tn\nr\r") == "t&#9;n&#10;r&#13;");
  CHECK(Xml(std::string("nul\0bel\x07", 8)) == "nul\xEF\xBF\xBD" "bel\xEF\xBF\xBD");
  CHECK(Xml("\xEF\xBF\xBE") == "\xEF\xBF\xBD");  // U+FFFE is not an XML character
  CHECK(Xml("bad\xFF") == "bad\xEF\xBF\xBD");
}

TEST_CASE("Escape: JSON, CSV, N-Triples, IRIs and DOT", "[export]") {
  std::string s;
  kg::exp::AppendJsonQuoted(&s, "q\"b\\n\n\x01\xFF");
  CHECK(s == "\"q\\\"b\\\\n\\n\\u0001\xEF\xBF\xBD\"");
  s.clear();
  kg::exp::AppendCsvQuoted(&s, "a,\"b\"\nc");
  CHECK(s == "\"a,\"\"b\"\" c\"");
  s.clear();
  kg::exp::AppendNTriplesLiteral(&s, "Sü\"d\\\n\x01\xF0\x9F\x98\x80");
  CHECK(s == "S\\u00FC\\\"d\\\\\\n\\u0001\\U0001F600");
  s.clear();
  kg::exp::AppendNTriplesLiteral(&s, "\xEF\xBF\xBE\xEF\xB7\x90");  // U+FFFE U+FDD0
  CHECK(s == "\\uFFFD\\uFFFD");
  s.clear();
  kg::exp::AppendIriComponent(&s, "person/kim jong-un<>\"ü");
  CHECK(s == "person/kim%20jong-un%3C%3E%22%C3%BC");
  s.clear();
  kg::exp::AppendDot(&s, "a\"b\\c\nd");
  CHECK(s == "a\\\"b\\\\c\\nd");
}

TEST_CASE("Escape: doubles round-trip at full precision", "[export]") {
  std::string s;
  kg::exp::AppendDouble(&s, 0.1 + 0.2);
  CHECK(s == "0.30000000000000004");
  CHECK(std::stod(s) == 0.1 + 0.2);
  s.clear();
  kg::exp::AppendDouble(&s, 0.02912621359223301);
  CHECK(std::stod(s) == 0.02912621359223301);
}

TEST_CASE("Snapshot: keys fall back to n<id> and stay unique", "[export]") {
  auto g = Small();
  CHECK(g.nodes()[2].key == "n3");
  CHECK(g.nodes()[2].name == "n3");
  kg::SnapNode dup;
  dup.id = 4;
  dup.key = "person/a";
  auto idx = g.AddNode(dup);
  CHECK(g.nodes()[idx].key == "n4");
  CHECK(g.IndexOfKey("country/RU") == 1u);
  CHECK(g.IndexOf(3) == 2u);
}

TEST_CASE("GraphML: keys, stable ids, parallel edges, escaping", "[export]") {
  auto g = Small();
  auto m = kg::exp::ComputeMetrics(g);
  std::string out;
  {
    kg::exp::Sink sink(&out);
    REQUIRE(kg::exp::WriteGraphML(g, m, &sink).ok());
    REQUIRE(sink.Finish().ok());
  }
  CHECK(Count(out, "<key ") == Count(out, " for=\""));
  CHECK(out.find("attr.name=\"weight\" attr.type=\"double\"") != std::string::npos);
  CHECK(out.find("for=\"node\" attr.name=\"label\"") != std::string::npos);
  CHECK(out.find("<node id=\"country/RU\">") != std::string::npos);
  CHECK(out.find("<node id=\"n3\">") != std::string::npos);
  CHECK(out.find("<edge id=\"e10\" source=\"person/a\" target=\"country/RU\">") != std::string::npos);
  CHECK(out.find("<edge id=\"e11\" source=\"person/a\" target=\"country/RU\">") != std::string::npos);
  CHECK(out.find("A &lt;&amp;&gt; &quot;x&quot; ]]&gt;") != std::string::npos);
  CHECK(out.find("]]>") == std::string::npos);
  CHECK(out.find("<data key=\"n_aliases\">Alias\xC2\xA6" "1|Second</data>") != std::string::npos);
  CHECK(out.find("<data key=\"n_lat\">55.75</data>") != std::string::npos);
  CHECK(out.find("<data key=\"e_predicate\">co_mentioned</data>") != std::string::npos);
  CHECK(Count(out, "<edge ") == 3);
  CHECK(Count(out, "<node ") == 3);
}

TEST_CASE("Writers: GEXF, Neo4j, Cytoscape, N-Triples, DOT carry every element", "[export]") {
  auto g = Small();
  auto m = kg::exp::ComputeMetrics(g);
  auto run = [&](kg::exp::Format f, kg::exp::ExportOptions o = {}) {
    std::string out;
    kg::exp::Sink sink(&out);
    REQUIRE(kg::exp::Write(f, g, m, o, &sink).ok());
    REQUIRE(sink.Finish().ok());
    return out;
  };
  kg::exp::ExportOptions v13;
  v13.gexf_version = "1.3";
  auto gexf = run(kg::exp::Format::kGexf, v13);
  CHECK(gexf.find("xmlns=\"http://gexf.net/1.3\"") != std::string::npos);
  CHECK(gexf.find("mode=\"dynamic\" timeformat=\"date\"") != std::string::npos);
  CHECK(gexf.find("start=\"2023-09-13\" end=\"2023-09-14\"") != std::string::npos);
  CHECK(gexf.find("start=\"2023-09-01\" end=\"2023-09-30\"") != std::string::npos);
  CHECK(gexf.find("start=\"2022-01-01\" end=\"2024-01-05\"") != std::string::npos);
  CHECK(Count(gexf, "<edge ") == 3);
  // The default: 1.2draft, which NetworkX's read_gexf and Gephi read.
  CHECK(run(kg::exp::Format::kGexf).find("http://www.gexf.net/1.2draft") != std::string::npos);

  std::string nodes, rels;
  {
    kg::exp::Sink a(&nodes), b(&rels);
    REQUIRE(kg::exp::WriteNeo4jNodes(g, m, &a).ok());
    REQUIRE(kg::exp::WriteNeo4jRelationships(g, &b).ok());
    REQUIRE(a.Finish().ok());
    REQUIRE(b.Finish().ok());
  }
  CHECK(nodes.rfind("id:ID,:LABEL,name,", 0) == 0);
  CHECK(rels.rfind(":START_ID,:END_ID,:TYPE,", 0) == 0);
  CHECK(nodes.find("\"person/a\",\"Person\",\"A <&> \"\"x\"\" ]]>\"") != std::string::npos);
  CHECK(rels.find("\"person/a\",\"country/RU\",\"MEETS\",10,") != std::string::npos);
  CHECK(Count(nodes, "\n") == 4);
  CHECK(Count(rels, "\n") == 4);
  CHECK(kg::exp::Neo4jImportCommand("out").find("--nodes=out/nodes.csv") != std::string::npos);

  auto cy = run(kg::exp::Format::kCytoscape);
  CHECK(cy.rfind("{\"data\":{\"name\":\"kg\"},\"directed\":true,\"multigraph\":true,\"elements\":{\"nodes\":[", 0) == 0);
  CHECK(cy.find("\"aliases\":[\"Alias|1\",\"Second\"]") != std::string::npos);
  CHECK(Count(cy, "\"source\":") == 3);

  auto nt = run(kg::exp::Format::kNTriples);
  CHECK(nt.find("<https://kg.invalid/entity/person/a> <https://kg.invalid/ontology#meets> "
                "<https://kg.invalid/entity/country/RU> .") != std::string::npos);
  for (unsigned char c : nt) CHECK(c < 0x80);

  auto dot = run(kg::exp::Format::kDot);
  CHECK(dot.find("\"person/a\" -> \"country/RU\" [id=\"e10\"") != std::string::npos);
  CHECK(Count(dot, " -> ") == 3);
}

TEST_CASE("Filter: dates cover partial precision", "[export]") {
  CHECK(kg::DateLowerBound("2023") == std::optional<std::string>("2023-01-01"));
  CHECK(kg::DateUpperBound("2024-02") == std::optional<std::string>("2024-02-29"));
  CHECK(kg::DateUpperBound("2023-02") == std::optional<std::string>("2023-02-28"));
  CHECK(kg::DateUpperBound("2023-09-13") == std::optional<std::string>("2023-09-13"));
  CHECK(!kg::DateLowerBound("2023-13"));
  CHECK(!kg::DateLowerBound("2023-02-30"));
  CHECK(!kg::DateLowerBound("yesterday"));
}

TEST_CASE("Filter: predicates, co-mentions, support, time, ego network", "[export]") {
  auto g = Small();
  kg::SnapshotFilter f;
  f.predicates = {"meets"};
  auto r = kg::FilterSnapshot(g, f);
  REQUIRE(r.ok());
  CHECK(r->rels().size() == 1);
  CHECK(r->nodes().size() == 2);  // n3 only had a co-mention

  kg::SnapshotFilter nc;
  nc.no_co_mentions = true;
  CHECK(kg::FilterSnapshot(g, nc)->rels().size() == 2);

  kg::SnapshotFilter ms;
  ms.min_support = 2;
  CHECK(kg::FilterSnapshot(g, ms)->rels().size() == 2);  // MEETS (2) and co-mention weight 3

  kg::SnapshotFilter since;
  since.since = "2023-10";
  auto s = kg::FilterSnapshot(g, since);
  REQUIRE(s.ok());
  REQUIRE(s->rels().size() == 1);
  CHECK(s->rels()[0].type == "CO_MENTIONED");
  kg::SnapshotFilter until;
  until.until = "2023-09-13";
  CHECK(kg::FilterSnapshot(g, until)->rels().size() == 3);
  until.until = "2021";
  CHECK(kg::FilterSnapshot(g, until)->rels().empty());

  kg::SnapshotFilter ego;
  ego.around = {3};  // n3
  ego.depth = 1;
  auto e = kg::FilterSnapshot(g, ego);
  REQUIRE(e.ok());
  CHECK(e->nodes().size() == 2);
  CHECK(e->rels().size() == 1);
  ego.depth = 2;
  CHECK(kg::FilterSnapshot(g, ego)->rels().size() == 3);
  ego.depth = 0;
  CHECK(kg::FilterSnapshot(g, ego)->nodes().size() == 1);
  ego.no_co_mentions = true;
  ego.depth = 5;
  auto lone = kg::FilterSnapshot(g, ego);
  CHECK(lone->nodes().size() == 1);  // the centre is always kept

  kg::SnapshotFilter bad;
  bad.since = "13.09.2023";
  CHECK(kg::FilterSnapshot(g, bad).status().code() == kg::Status::Code::kInvalidArgument);
  kg::SnapshotFilter unknown;
  unknown.predicates = {"likes"};
  CHECK(!kg::FilterSnapshot(g, unknown).ok());
}

TEST_CASE("Filter: subgraph restriction keeps listed relationships, their ends and pinned nodes",
          "[export]") {
  auto g = Small();
  kg::SnapshotFilter f;
  f.restrict_to_subgraph = true;
  f.subgraph_rels = {11};  // VISITS person/a -> country/RU
  auto r = kg::FilterSnapshot(g, f);
  REQUIRE(r.ok());
  REQUIRE(r->rels().size() == 1);
  CHECK(r->rels()[0].id == 11);
  CHECK(r->nodes().size() == 2);
  f.subgraph_nodes = {3};  // n3, isolated within the subgraph
  r = kg::FilterSnapshot(g, f);
  CHECK(r->nodes().size() == 3);
  CHECK(r->rels().size() == 1);
  f.subgraph_rels.clear();
  f.subgraph_nodes = {1};
  r = kg::FilterSnapshot(g, f);
  CHECK(r->nodes().size() == 1);
  CHECK(r->rels().empty());
  f.subgraph_rels = {10, 11, 12};
  f.subgraph_nodes.clear();
  f.predicates = {"meets"};
  r = kg::FilterSnapshot(g, f);
  CHECK(r->rels().size() == 1);
  CHECK(r->nodes().size() == 2);
}
