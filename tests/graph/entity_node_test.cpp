// PutNewEntityNode (the ingest fast path for new entity nodes) writes the same
// node record bytes and name-index keys as PutNode of the equivalent Node.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "graph/graph_internal.h"
#include "graph/model.h"

namespace {

using nlohmann::json;

std::vector<std::string> Ops(const kg::WriteBatch& b) {
  std::vector<std::string> out;
  for (const auto& op : b.ops)
    out.push_back(std::to_string(static_cast<int>(op.cf)) + (op.is_delete ? " D " : " P ") +
                  op.key + " = " + op.value);
  return out;
}

void CheckSame(const std::string& ext, const std::string& name,
               const std::vector<std::string>& aliases, const json& extra) {
  auto store = kg::NewMemStore();
  kg::internal::IdCounters ids;
  const kg::NodeId id = 4242;
  const std::string label = kg::LabelForType("person");
  kg::internal::Txn fast(store.get(), &ids);
  std::vector<const std::string*> ptrs;
  for (const auto& a : aliases) ptrs.push_back(&a);
  kg::internal::PutNewEntityNode(&fast, id, label, ext, name, ptrs, extra);

  kg::internal::Txn slow(store.get(), &ids);
  kg::Node n;
  n.id = id;
  n.labels = {label};
  json al = json::array();
  for (const auto& a : aliases) al.push_back(a);
  n.props = {{"id", ext}, {"name", name}, {"aliases", al}};
  if (extra.is_object())
    for (const auto& [k, v] : extra.items())
      if (!n.props.contains(k)) n.props[k] = v;
  kg::internal::PutNode(&slow, n, nullptr);
  INFO("ext " << ext << " extra " << extra.dump());
  CHECK(Ops(fast.Batch()) == Ops(slow.Batch()));
}

}  // namespace

TEST_CASE("PutNewEntityNode: same bytes as PutNode for new entity nodes", "[graph][ingest]") {
  CheckSame("person/putin", "Wladimir Putin", {}, json());
  CheckSame("person/putin", "Wladimir Putin", {"Putin", "W. Putin"}, json::object());
  // Aliases that normalise alike or to nothing; non-ASCII; a long alias list.
  CheckSame("city/gn2761369", "Wien", {"WIEN", "Vienna", "---", "Wien!"}, json());
  std::vector<std::string> many;
  for (int i = 0; i < 40; ++i) many.push_back("Alias number " + std::to_string(i));
  CheckSame("org/x", std::string(40, 'N'), many, json());
  // Extra props before, between and after the fixed keys, shadowing ones
  // ignored, nested values, numbers of every width.
  CheckSame("country/DE", "Deutschland", {"Germany"},
            {{"a", 1},
             {"id", "ignored"},
             {"iso", "DE"},
             {"name", "ignored too"},
             {"aliases", json::array({"x"})},
             {"population", 83000000},
             {"neg", -5},
             {"f", 0.5},
             {"nested", {{"k", json::array({1, "two", nullptr, true})}}},
             {"zz", std::string(300, 'z')}});
  CheckSame("", "No external id", {}, json::object());
}
