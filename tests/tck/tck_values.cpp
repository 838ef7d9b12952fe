#include "tests/tck/tck_values.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace kg::tck {

namespace {

class P {
 public:
  explicit P(const std::string& t) : t_(t) {}
  Result<TV> All() {
    TV v;
    KG_RETURN_IF_ERROR(Value(&v));
    Ws();
    if (i_ != t_.size()) return Bad("trailing text");
    return v;
  }

 private:
  Status Bad(const std::string& m) const {
    return Status::InvalidArgument("TCK value '" + t_ + "': " + m + " at " + std::to_string(i_));
  }
  void Ws() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
  }
  bool Eat(char c) {
    Ws();
    if (i_ < t_.size() && t_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool Word(const char* w) {
    Ws();
    size_t n = std::char_traits<char>::length(w);
    if (t_.compare(i_, n, w) == 0 &&
        (i_ + n >= t_.size() || !std::isalnum(static_cast<unsigned char>(t_[i_ + n])))) {
      i_ += n;
      return true;
    }
    return false;
  }
  Status Name(std::string* out) {
    Ws();
    if (i_ < t_.size() && t_[i_] == '`') {
      size_t e = t_.find('`', i_ + 1);
      if (e == std::string::npos) return Bad("unterminated `name`");
      *out = t_.substr(i_ + 1, e - i_ - 1);
      i_ = e + 1;
      return Status::OK();
    }
    size_t b = i_;
    while (i_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[i_])) || t_[i_] == '_' ||
                              static_cast<unsigned char>(t_[i_]) >= 0x80))
      ++i_;
    if (b == i_) return Bad("name expected");
    *out = t_.substr(b, i_ - b);
    return Status::OK();
  }
  Status Props(std::map<std::string, TV>* m) {
    if (!Eat('{')) return Status::OK();
    if (Eat('}')) return Status::OK();
    do {
      std::string k;
      KG_RETURN_IF_ERROR(Name(&k));
      if (!Eat(':')) return Bad("':' expected");
      TV v;
      KG_RETURN_IF_ERROR(Value(&v));
      (*m)[k] = std::move(v);
    } while (Eat(','));
    if (!Eat('}')) return Bad("'}' expected");
    return Status::OK();
  }
  Status NodeV(TV* v) {  // after '('
    v->k = TV::K::kNode;
    while (Eat(':')) {
      std::string l;
      KG_RETURN_IF_ERROR(Name(&l));
      v->labels.push_back(l);
    }
    std::sort(v->labels.begin(), v->labels.end());
    KG_RETURN_IF_ERROR(Props(&v->m));
    if (!Eat(')')) return Bad("')' expected");
    return Status::OK();
  }
  Status RelV(TV* v) {  // after '['
    v->k = TV::K::kRel;
    if (!Eat(':')) return Bad("relationship type expected");
    KG_RETURN_IF_ERROR(Name(&v->s));
    KG_RETURN_IF_ERROR(Props(&v->m));
    if (!Eat(']')) return Bad("']' expected");
    return Status::OK();
  }
  Status Value(TV* v) {
    Ws();
    if (i_ >= t_.size()) return Bad("value expected");
    char c = t_[i_];
    if (Word("null")) return Status::OK();
    if (Word("true") || Word("false")) {
      v->k = TV::K::kBool;
      v->b = t_[i_ - 1] == 'e' && t_.compare(i_ - 4, 4, "true") == 0;
      return Status::OK();
    }
    if (Word("NaN")) {
      v->k = TV::K::kFloat;
      v->f = NAN;
      return Status::OK();
    }
    if (c == '\'') {
      ++i_;
      v->k = TV::K::kStr;
      while (i_ < t_.size() && t_[i_] != '\'') {
        if (t_[i_] == '\\' && i_ + 1 < t_.size()) {
          ++i_;
          char e = t_[i_];
          v->s.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
        } else {
          v->s.push_back(t_[i_]);
        }
        ++i_;
      }
      if (i_ >= t_.size()) return Bad("unterminated string");
      ++i_;
      return Status::OK();
    }
    if (c == '[') {
      ++i_;
      Ws();
      if (i_ < t_.size() && t_[i_] == ':') return RelV(v);
      v->k = TV::K::kList;
      if (Eat(']')) return Status::OK();
      do {
        TV x;
        KG_RETURN_IF_ERROR(Value(&x));
        v->items.push_back(std::move(x));
      } while (Eat(','));
      if (!Eat(']')) return Bad("']' expected");
      return Status::OK();
    }
    if (c == '{') {
      v->k = TV::K::kMap;
      return Props(&v->m);
    }
    if (c == '(') {
      ++i_;
      return NodeV(v);
    }
    if (c == '<') {
      ++i_;
      v->k = TV::K::kPath;
      if (!Eat('(')) return Bad("'(' expected in path");
      TV n;
      KG_RETURN_IF_ERROR(NodeV(&n));
      v->items.push_back(std::move(n));
      while (true) {
        Ws();
        bool back = false;
        if (Eat('<')) back = true;
        if (!Eat('-')) break;
        if (!Eat('[')) return Bad("'[' expected in path");
        TV r;
        KG_RETURN_IF_ERROR(RelV(&r));
        if (!Eat('-')) return Bad("'-' expected in path");
        bool fwd = Eat('>');
        r.forward = fwd && !back;
        if (!Eat('(')) return Bad("'(' expected in path");
        TV m;
        KG_RETURN_IF_ERROR(NodeV(&m));
        v->items.push_back(std::move(r));
        v->items.push_back(std::move(m));
      }
      if (!Eat('>')) return Bad("'>' expected");
      return Status::OK();
    }
    // number
    size_t b = i_;
    if (t_[i_] == '-' || t_[i_] == '+') ++i_;
    if (t_.compare(i_, 3, "Inf") == 0) {
      i_ += t_.compare(i_, 8, "Infinity") == 0 ? 8 : 3;
      v->k = TV::K::kFloat;
      v->f = t_[b] == '-' ? -INFINITY : INFINITY;
      return Status::OK();
    }
    bool is_float = false;
    while (i_ < t_.size() && (std::isdigit(static_cast<unsigned char>(t_[i_])) || t_[i_] == '.' ||
                              t_[i_] == 'e' || t_[i_] == 'E' ||
                              ((t_[i_] == '-' || t_[i_] == '+') && (t_[i_ - 1] == 'e' || t_[i_ - 1] == 'E')))) {
      if (!std::isdigit(static_cast<unsigned char>(t_[i_]))) is_float = true;
      ++i_;
    }
    std::string num = t_.substr(b, i_ - b);
    if (num.empty() || num == "-") return Bad("unknown value");
    if (is_float) {
      v->k = TV::K::kFloat;
      v->f = std::strtod(num.c_str(), nullptr);
    } else {
      v->k = TV::K::kInt;
      v->i = std::strtoll(num.c_str(), nullptr, 10);
    }
    return Status::OK();
  }

  const std::string& t_;
  size_t i_ = 0;
};

Result<std::map<std::string, TV>> PropsOf(const Graph& g, const nlohmann::json& props) {
  std::map<std::string, TV> m;
  for (auto it = props.begin(); it != props.end(); ++it) {
    if (it.value().is_null()) continue;
    KG_ASSIGN_OR_RETURN(m[it.key()], FromValue(g, cypher::FromJson(it.value())));
  }
  return m;
}

Result<TV> NodeTV(const Graph& g, uint64_t id) {
  KG_ASSIGN_OR_RETURN(Node n, g.GetNode(id));
  TV v;
  v.k = TV::K::kNode;
  v.labels = n.labels;
  std::sort(v.labels.begin(), v.labels.end());
  KG_ASSIGN_OR_RETURN(v.m, PropsOf(g, n.props));
  return v;
}

}  // namespace

Result<TV> ParseTV(const std::string& text) { return P(text).All(); }

Result<TV> FromValue(const Graph& g, const cypher::Value& x) {
  using T = cypher::Value::Type;
  TV v;
  switch (x.type()) {
    case T::kNull: break;
    case T::kBool: v.k = TV::K::kBool; v.b = x.as_bool(); break;
    case T::kInt: v.k = TV::K::kInt; v.i = x.as_int(); break;
    case T::kFloat: v.k = TV::K::kFloat; v.f = x.as_float(); break;
    case T::kString: v.k = TV::K::kStr; v.s = x.as_string(); break;
    // The TCK writes temporal values as their ISO text in quotes.
    case T::kDate:
    case T::kLocalTime:
    case T::kTime:
    case T::kLocalDateTime:
    case T::kDateTime:
      v.k = TV::K::kStr;
      v.s = cypher::FormatTemporal(x.as_temporal());
      break;
    case T::kDuration:
      v.k = TV::K::kStr;
      v.s = cypher::FormatDuration(x.as_duration());
      break;
    case T::kList:
      v.k = TV::K::kList;
      for (const auto& e : x.as_list()) {
        KG_ASSIGN_OR_RETURN(TV t, FromValue(g, e));
        v.items.push_back(std::move(t));
      }
      break;
    case T::kMap:
      v.k = TV::K::kMap;
      for (const auto& [k, e] : x.as_map()) {
        KG_ASSIGN_OR_RETURN(v.m[k], FromValue(g, e));
      }
      break;
    case T::kNode: return NodeTV(g, x.node_id());
    case T::kRel: {
      KG_ASSIGN_OR_RETURN(Rel r, g.GetRel(x.rel_id()));
      v.k = TV::K::kRel;
      v.s = r.type;
      KG_ASSIGN_OR_RETURN(v.m, PropsOf(g, r.props));
      break;
    }
    case T::kPath: {
      v.k = TV::K::kPath;
      const auto& p = x.as_path();
      KG_ASSIGN_OR_RETURN(TV first, NodeTV(g, p.nodes.at(0)));
      v.items.push_back(std::move(first));
      for (size_t i = 0; i < p.rels.size(); ++i) {
        KG_ASSIGN_OR_RETURN(Rel r, g.GetRel(p.rels[i]));
        TV rt;
        rt.k = TV::K::kRel;
        rt.s = r.type;
        KG_ASSIGN_OR_RETURN(rt.m, PropsOf(g, r.props));
        rt.forward = r.src == p.nodes[i];
        v.items.push_back(std::move(rt));
        KG_ASSIGN_OR_RETURN(TV n, NodeTV(g, p.nodes.at(i + 1)));
        v.items.push_back(std::move(n));
      }
      break;
    }
  }
  return v;
}

bool Same(const TV& a, const TV& b, bool ul) {
  if (a.k != b.k) return false;
  switch (a.k) {
    case TV::K::kNull: return true;
    case TV::K::kBool: return a.b == b.b;
    case TV::K::kInt: return a.i == b.i;
    case TV::K::kFloat:
      if (std::isnan(a.f) || std::isnan(b.f)) return std::isnan(a.f) && std::isnan(b.f);
      if (std::isinf(a.f) || std::isinf(b.f)) return a.f == b.f;
      return std::fabs(a.f - b.f) <= 1e-12 * std::max({1.0, std::fabs(a.f), std::fabs(b.f)}) ||
             std::fabs(a.f - b.f) <= 5e-6 * std::max(std::fabs(a.f), std::fabs(b.f)) ;
    case TV::K::kStr: return a.s == b.s;
    case TV::K::kList: {
      if (a.items.size() != b.items.size()) return false;
      if (!ul) {
        for (size_t i = 0; i < a.items.size(); ++i)
          if (!Same(a.items[i], b.items[i], ul)) return false;
        return true;
      }
      std::vector<bool> used(b.items.size());
      for (const auto& x : a.items) {
        bool hit = false;
        for (size_t j = 0; j < b.items.size() && !hit; ++j)
          if (!used[j] && Same(x, b.items[j], ul)) used[j] = hit = true;
        if (!hit) return false;
      }
      return true;
    }
    case TV::K::kMap:
    case TV::K::kNode:
    case TV::K::kRel: {
      if (a.labels != b.labels || a.s != b.s || a.m.size() != b.m.size()) return false;
      for (auto it = a.m.begin(), jt = b.m.begin(); it != a.m.end(); ++it, ++jt)
        if (it->first != jt->first || !Same(it->second, jt->second, ul)) return false;
      return true;
    }
    case TV::K::kPath: {
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i) {
        if (!Same(a.items[i], b.items[i], ul)) return false;
        if (a.items[i].k == TV::K::kRel && a.items[i].forward != b.items[i].forward) return false;
      }
      return true;
    }
  }
  return false;
}

std::string Show(const TV& v) {
  auto props = [](const std::map<std::string, TV>& m) {
    if (m.empty()) return std::string();
    std::string s = " {";
    bool first = true;
    for (const auto& [k, x] : m) {
      s += (first ? "" : ", ") + k + ": " + Show(x);
      first = false;
    }
    return s + "}";
  };
  switch (v.k) {
    case TV::K::kNull: return "null";
    case TV::K::kBool: return v.b ? "true" : "false";
    case TV::K::kInt: return std::to_string(v.i);
    case TV::K::kFloat: return cypher::FormatFloat(v.f);
    case TV::K::kStr: return "'" + v.s + "'";
    case TV::K::kList: {
      std::string s = "[";
      for (size_t i = 0; i < v.items.size(); ++i) s += (i ? ", " : "") + Show(v.items[i]);
      return s + "]";
    }
    case TV::K::kMap: {
      std::string p = props(v.m);
      return p.empty() ? "{}" : p.substr(1);
    }
    case TV::K::kNode: {
      std::string s = "(";
      for (const auto& l : v.labels) s += ":" + l;
      std::string p = props(v.m);
      if (v.labels.empty() && !p.empty()) p = p.substr(1);
      return s + p + ")";
    }
    case TV::K::kRel: return "[:" + v.s + props(v.m) + "]";
    case TV::K::kPath: {
      std::string s = "<";
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (v.items[i].k == TV::K::kRel)
          s += (v.items[i].forward ? "-" : "<-") + Show(v.items[i]) + (v.items[i].forward ? "->" : "-");
        else
          s += Show(v.items[i]);
      }
      return s + ">";
    }
  }
  return "?";
}

}  // namespace kg::tck
