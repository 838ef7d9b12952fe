#include "query/cypher/format.h"

#include <cctype>

namespace kg::cypher {

namespace {

bool PlainKey(const std::string& k) {
  if (k.empty() || std::isdigit(static_cast<unsigned char>(k[0]))) return false;
  for (char c : k)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

Result<std::string> Props(const Graph& g, const nlohmann::json& props) {
  if (!props.is_object() || props.empty()) return std::string();
  std::string s = "{";
  bool first = true;
  for (auto it = props.begin(); it != props.end(); ++it) {
    if (it.value().is_null()) continue;
    KG_ASSIGN_OR_RETURN(std::string v, FormatValue(g, FromJson(it.value())));
    s += (first ? "" : ", ") + (PlainKey(it.key()) ? it.key() : "`" + it.key() + "`") + ": " + v;
    first = false;
  }
  return first ? std::string() : s + "}";
}

Result<std::string> NodeText(const Graph& g, NodeId id) {
  KG_ASSIGN_OR_RETURN(Node n, g.GetNode(id));
  std::string s = "(";
  for (const auto& l : n.labels) s += ":" + l;
  KG_ASSIGN_OR_RETURN(std::string p, Props(g, n.props));
  if (!p.empty()) s += (n.labels.empty() ? "" : " ") + p;
  return s + ")";
}

Result<std::string> RelText(const Graph& g, const Rel& r) {
  KG_ASSIGN_OR_RETURN(std::string p, Props(g, r.props));
  return "[:" + r.type + (p.empty() ? "" : " " + p) + "]";
}

// Property maps for JSON output: temporal values (stored tagged, see
// value.h) as their ISO text.
Result<nlohmann::json> PropsJson(const nlohmann::json& props) {
  if (!props.is_object()) return nlohmann::json::object();
  nlohmann::json o = props;
  for (auto it = o.begin(); it != o.end(); ++it) {
    if (it->is_object() || it->is_array()) {
      Value v = FromJson(*it);
      if (v.is_temporal())
        *it = FormatTemporal(v.as_temporal());
      else if (v.is_duration())
        *it = FormatDuration(v.as_duration());
      else if (v.is_list()) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& e : v.as_list())
          a.push_back(e.is_temporal()   ? nlohmann::json(FormatTemporal(e.as_temporal()))
                      : e.is_duration() ? nlohmann::json(FormatDuration(e.as_duration()))
                                        : ToJson(e));
        *it = std::move(a);
      }
    }
  }
  return o;
}

}  // namespace

std::string QuoteString(const std::string& s) {
  std::string o = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') o.push_back('\\');
    if (c == '\n') {
      o += "\\n";
      continue;
    }
    o.push_back(c);
  }
  return o + "'";
}

Result<std::string> FormatValue(const Graph& g, const Value& v, bool raw) {
  switch (v.type()) {
    case Value::Type::kNull: return std::string("null");
    case Value::Type::kBool: return std::string(v.as_bool() ? "true" : "false");
    case Value::Type::kInt: return std::to_string(v.as_int());
    case Value::Type::kFloat: return FormatFloat(v.as_float());
    case Value::Type::kString: return raw ? v.as_string() : QuoteString(v.as_string());
    case Value::Type::kList: {
      std::string s = "[";
      for (size_t i = 0; i < v.as_list().size(); ++i) {
        KG_ASSIGN_OR_RETURN(std::string e, FormatValue(g, v.as_list()[i]));
        s += (i ? ", " : "") + e;
      }
      return s + "]";
    }
    case Value::Type::kMap: {
      std::string s = "{";
      bool first = true;
      for (const auto& [k, e] : v.as_map()) {
        KG_ASSIGN_OR_RETURN(std::string t, FormatValue(g, e));
        s += (first ? "" : ", ") + (PlainKey(k) ? k : "`" + k + "`") + ": " + t;
        first = false;
      }
      return s + "}";
    }
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
      return FormatTemporal(v.as_temporal());
    case Value::Type::kDuration:
      return FormatDuration(v.as_duration());
    case Value::Type::kNode: return NodeText(g, v.node_id());
    case Value::Type::kRel: {
      KG_ASSIGN_OR_RETURN(Rel r, g.GetRel(v.rel_id()));
      return RelText(g, r);
    }
    case Value::Type::kPath: {
      const PathVal& p = v.as_path();
      KG_ASSIGN_OR_RETURN(std::string s, NodeText(g, p.nodes.at(0)));
      s = "<" + s;
      for (size_t i = 0; i < p.rels.size(); ++i) {
        KG_ASSIGN_OR_RETURN(Rel r, g.GetRel(p.rels[i]));
        KG_ASSIGN_OR_RETURN(std::string rt, RelText(g, r));
        KG_ASSIGN_OR_RETURN(std::string nt, NodeText(g, p.nodes.at(i + 1)));
        bool fwd = r.src == p.nodes[i];
        s += (fwd ? "-" : "<-") + rt + (fwd ? "->" : "-") + nt;
      }
      return s + ">";
    }
  }
  return std::string("?");
}

Result<nlohmann::json> ValueToJson(const Graph& g, const Value& v) {
  switch (v.type()) {
    case Value::Type::kList: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& e : v.as_list()) {
        KG_ASSIGN_OR_RETURN(nlohmann::json j, ValueToJson(g, e));
        a.push_back(std::move(j));
      }
      return a;
    }
    case Value::Type::kMap: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& [k, e] : v.as_map()) {
        KG_ASSIGN_OR_RETURN(o[k], ValueToJson(g, e));
      }
      return o;
    }
    case Value::Type::kNode: {
      KG_ASSIGN_OR_RETURN(Node n, g.GetNode(v.node_id()));
      KG_ASSIGN_OR_RETURN(nlohmann::json o, PropsJson(n.props));
      o["_id"] = n.id;
      o["_labels"] = n.labels;
      return o;
    }
    case Value::Type::kRel: {
      KG_ASSIGN_OR_RETURN(Rel r, g.GetRel(v.rel_id()));
      KG_ASSIGN_OR_RETURN(nlohmann::json o, PropsJson(r.props));
      o["_id"] = r.id;
      o["_type"] = r.type;
      o["_start"] = r.src;
      o["_end"] = r.dst;
      return o;
    }
    case Value::Type::kPath: {
      nlohmann::json o = {{"nodes", nlohmann::json::array()}, {"relationships", nlohmann::json::array()}};
      for (auto id : v.as_path().nodes) {
        KG_ASSIGN_OR_RETURN(nlohmann::json j, ValueToJson(g, Value::Node(id)));
        o["nodes"].push_back(std::move(j));
      }
      for (auto id : v.as_path().rels) {
        KG_ASSIGN_OR_RETURN(nlohmann::json j, ValueToJson(g, Value::Rel(id)));
        o["relationships"].push_back(std::move(j));
      }
      return o;
    }
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
      return nlohmann::json(FormatTemporal(v.as_temporal()));
    case Value::Type::kDuration:
      return nlohmann::json(FormatDuration(v.as_duration()));
    default: return ToJson(v);
  }
}

}  // namespace kg::cypher
