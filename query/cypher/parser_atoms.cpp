// Primary expressions of the Cypher parser (see parser_impl.h): literals,
// parameters, lists and comprehensions, maps, CASE, function calls,
// quantifiers, reduce, exists() and pattern expressions.
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <limits>

#include "query/cypher/parser_impl.h"

namespace kg::cypher::internal {

namespace {
bool EqualsNoCase(const std::string& a, const char* b) {
  size_t n = std::char_traits<char>::length(b);
  if (a.size() != n) return false;
  for (size_t i = 0; i < n; ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}
}  // namespace

ExprPtr Parser::IntegerLiteral(const Token& tok, bool negative) {
  const std::string& s = tok.text;
  int base = 10;
  std::string digits = s;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    digits = s.substr(2);
  } else if (s.size() > 2 && s[0] == '0' && s[1] == 'o') {
    base = 8;
    digits = s.substr(2);
  } else if (s.size() > 1 && s[0] == '0') {
    base = 8;  // legacy octal 0123
    digits = s.substr(1);
  }
  for (char c : digits) {
    int d = std::isdigit(static_cast<unsigned char>(c))
                ? c - '0'
                : (std::isalpha(static_cast<unsigned char>(c))
                       ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                       : 99);
    if (d >= base) {
      Fail(tok, "invalid number literal '" + s + "' (InvalidNumberLiteral)");
      return nullptr;
    }
  }
  unsigned long long v = 0;
  const unsigned long long limit =
      negative ? static_cast<unsigned long long>(std::numeric_limits<int64_t>::max()) + 1
               : static_cast<unsigned long long>(std::numeric_limits<int64_t>::max());
  for (char c : digits) {
    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                        : std::tolower(c) - 'a' + 10;
    if (v > (limit - d) / base) {
      Fail(tok, "integer literal '" + s + "' is too large (IntegerOverflow)");
      return nullptr;
    }
    v = v * base + d;
  }
  auto e = MakeExpr(ExprKind::kLiteral, tok);
  int64_t iv = negative ? static_cast<int64_t>(0ULL - v) : static_cast<int64_t>(v);
  e->value = Value::Int(iv);
  return e;
}

ExprPtr Parser::Atom() {
  DepthGuard g(this);
  if (!g.ok) return nullptr;
  const Token& t = Peek();
  switch (t.kind) {
    case Tok::kInteger: {
      Next();
      return IntegerLiteral(t, false);
    }
    case Tok::kFloat: {
      Next();
      for (char c : t.text) {
        if (std::isalpha(static_cast<unsigned char>(c)) && c != 'e' && c != 'E') {
          Fail(t, "invalid number literal '" + t.text + "' (InvalidNumberLiteral)");
          return nullptr;
        }
      }
      errno = 0;
      double d = std::strtod(t.text.c_str(), nullptr);
      if (errno == ERANGE && (d > 1 || d < -1)) {
        Fail(t, "float literal '" + t.text + "' is too large (FloatingPointOverflow)");
        return nullptr;
      }
      auto e = MakeExpr(ExprKind::kLiteral, t);
      e->value = Value::Float(d);
      return e;
    }
    case Tok::kString: {
      Next();
      auto e = MakeExpr(ExprKind::kLiteral, t);
      e->value = Value::Str(t.text);
      return e;
    }
    case Tok::kParam: {
      Next();
      auto e = MakeExpr(ExprKind::kParam, t);
      e->name = t.text;
      return e;
    }
    case Tok::kEnd:
      FailExpected("an expression");
      return nullptr;
    case Tok::kSymbol:
      if (t.text == "[") return ListOrComprehension();
      if (t.text == "{") return MapLiteral();
      if (t.text == "(") {
        if (LooksLikePattern() && !not_pattern_.count(p_)) {
          size_t save = p_;
          auto pat = std::make_shared<Pattern>();
          PatternPart part;
          std::string saved_err = err_;
          if (PatternElementInto(&part) && !part.rels.empty()) {
            auto e = MakeExpr(ExprKind::kPatternExpr, t);
            pat->parts.push_back(std::move(part));
            e->pattern = pat;
            return e;
          }
          err_ = saved_err;
          p_ = save;
          not_pattern_.insert(save);
        }
        Next();
        ExprPtr e = ParseExpr();
        if (!e) return nullptr;
        if (!ExpectSym(")")) return nullptr;
        return e;
      }
      FailExpected("an expression");
      return nullptr;
    case Tok::kIdent:
      break;
  }
  // Identifiers: keywords first.
  if (!t.quoted) {
    if (IsKw("NULL")) {
      Next();
      return MakeExpr(ExprKind::kLiteral, t);
    }
    if (IsKw("TRUE") || IsKw("FALSE")) {
      Next();
      auto e = MakeExpr(ExprKind::kLiteral, t);
      e->value = Value::Bool(EqualsNoCase(t.text, "TRUE"));
      return e;
    }
    if (IsKw("CASE")) return CaseExpr();
    if ((IsKw("ANY") || IsKw("ALL") || IsKw("NONE") || IsKw("SINGLE")) && IsSym("(", 1) &&
        Peek(2).kind == Tok::kIdent && IsKw("IN", 3)) {
      Next();
      Next();
      auto e = MakeExpr(ExprKind::kQuantifier, t);
      std::string up;
      for (char c : t.text) up.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      e->name = up;
      e->keys.push_back(Next().text);
      Next();  // IN
      ExprPtr list = ParseExpr();
      if (!list) return nullptr;
      e->kids.push_back(std::move(list));
      if (AcceptKw("WHERE")) {
        ExprPtr w = ParseExpr();
        if (!w) return nullptr;
        e->kids.push_back(std::move(w));
        e->has_where = true;
      }
      if (!ExpectSym(")")) return nullptr;
      return e;
    }
    if (IsKw("REDUCE") && IsSym("(", 1)) {
      Next();
      Next();
      auto e = MakeExpr(ExprKind::kReduce, t);
      std::string acc, var;
      if (!Ident(&acc, "an accumulator variable") || !ExpectSym("=")) return nullptr;
      ExprPtr init = ParseExpr();
      if (!init || !ExpectSym(",")) return nullptr;
      if (!Ident(&var, "a variable") || !ExpectKw("IN")) return nullptr;
      ExprPtr list = ParseExpr();
      if (!list || !ExpectSym("|")) return nullptr;
      ExprPtr body = ParseExpr();
      if (!body || !ExpectSym(")")) return nullptr;
      e->keys = {acc, var};
      e->kids.push_back(std::move(init));
      e->kids.push_back(std::move(list));
      e->kids.push_back(std::move(body));
      return e;
    }
    if (IsKw("EXISTS") && IsSym("{", 1)) return ExistsSubquery();
    if (IsKw("EXISTS") && IsSym("(", 1)) {
      size_t save = p_;
      Next();
      Next();
      if (LooksLikePattern() && !not_pattern_.count(p_)) {
        size_t at = p_;
        PatternPart part;
        std::string saved_err = err_;
        if (PatternElementInto(&part) && AcceptSym(")")) {
          auto e = MakeExpr(ExprKind::kExists, t);
          e->pattern = std::make_shared<Pattern>();
          e->pattern->parts.push_back(std::move(part));
          return e;
        }
        err_ = saved_err;
        not_pattern_.insert(at);
      }
      p_ = save;
    }
  }
  // Function call: name(.name)* '('
  if (IsSym("(", 1) || (IsSym(".", 1) && Peek(2).kind == Tok::kIdent)) {
    size_t save = p_;
    std::string name = Next().text;
    while (IsSym(".") && Peek(1).kind == Tok::kIdent) {
      Next();
      name += "." + Next().text;
    }
    if (IsSym("(")) return FunctionCall(t, name);
    p_ = save;
  }
  Next();
  auto e = MakeExpr(ExprKind::kVar, t);
  e->name = t.text;
  e->text = t.text;
  return e;
}

// EXISTS { (a)-->(b) WHERE ... }  or  EXISTS { MATCH ... [WITH ...] [RETURN ...] }
ExprPtr Parser::ExistsSubquery() {
  const Token& t = Next();  // EXISTS
  Next();                   // {
  auto e = MakeExpr(ExprKind::kExistsSubquery, t);
  auto q = std::make_shared<Query>();
  if (IsKw("MATCH") || IsKw("OPTIONAL") || IsKw("WITH") || IsKw("UNWIND") || IsKw("CALL") ||
      IsKw("RETURN") || IsKw("CREATE") || IsKw("MERGE") || IsKw("SET") || IsKw("DELETE") ||
      IsKw("DETACH") || IsKw("REMOVE")) {
    while (!IsSym("}") && !AtEnd())
      if (!ClauseInto(q.get())) return nullptr;
  } else {
    Clause c;
    c.kind = Clause::Kind::kMatch;
    c.line = Peek().line;
    c.col = Peek().col;
    if (!PatternInto(&c.pattern)) return nullptr;
    if (AcceptKw("WHERE")) {
      c.where = ParseExpr();
      if (!c.where) return nullptr;
      PredicateForm(c.where.get());
    }
    q->clauses.push_back(std::move(c));
  }
  if (q->clauses.empty()) {
    FailExpected("a pattern or a query");
    return nullptr;
  }
  if (!ExpectSym("}")) return nullptr;
  e->subquery = std::move(q);
  return e;
}

ExprPtr Parser::FunctionCall(const Token& name_tok, std::string name) {
  Next();  // (
  if (EqualsNoCase(name, "count") && IsSym("*") && IsSym(")", 1)) {
    Next();
    Next();
    return MakeExpr(ExprKind::kCountStar, name_tok);
  }
  auto e = MakeExpr(ExprKind::kFunc, name_tok);
  e->name = name;
  if (AcceptKw("DISTINCT")) e->distinct = true;
  if (!IsSym(")")) {
    do {
      ExprPtr a = ParseExpr();
      if (!a) return nullptr;
      e->kids.push_back(std::move(a));
    } while (AcceptSym(","));
  }
  if (!ExpectSym(")")) return nullptr;
  return e;
}

ExprPtr Parser::MapLiteral() {
  const Token& t = Next();  // {
  auto e = MakeExpr(ExprKind::kMap, t);
  if (!IsSym("}")) {
    do {
      std::string key;
      if (!SymbolicName(&key, "a map key")) return nullptr;
      if (!ExpectSym(":")) return nullptr;
      ExprPtr v = ParseExpr();
      if (!v) return nullptr;
      e->keys.push_back(key);
      e->kids.push_back(std::move(v));
    } while (AcceptSym(","));
  }
  if (!ExpectSym("}")) return nullptr;
  return e;
}

ExprPtr Parser::ListOrComprehension() {
  const Token& t = Next();  // [
  bool path_var = Peek().kind == Tok::kIdent && IsSym("=", 1) && IsSym("(", 2);
  if ((IsSym("(") || path_var) && !not_pattern_.count(p_)) {
    size_t save = p_;
    std::string saved_err = err_;
    PatternPart part;
    if (path_var) {
      part.path_var = Next().text;
      Next();
    }
    if (LooksLikePattern() && PatternElementInto(&part) && !part.rels.empty() &&
        (IsKw("WHERE") || IsSym("|"))) {
      auto e = MakeExpr(ExprKind::kPatternComp, t);
      e->pattern = std::make_shared<Pattern>();
      e->pattern->parts.push_back(std::move(part));
      if (AcceptKw("WHERE")) {
        ExprPtr w = ParseExpr();
        if (!w) return nullptr;
        e->kids.push_back(std::move(w));
        e->has_where = true;
      }
      if (!ExpectSym("|")) return nullptr;
      ExprPtr m = ParseExpr();
      if (!m || !ExpectSym("]")) return nullptr;
      e->kids.push_back(std::move(m));
      return e;
    }
    err_ = saved_err;
    p_ = save;
    not_pattern_.insert(save);
  }
  if (Peek().kind == Tok::kIdent && IsKw("IN", 1)) {
    auto e = MakeExpr(ExprKind::kListComp, t);
    e->keys.push_back(Next().text);
    Next();  // IN
    ExprPtr list = ParseExpr();
    if (!list) return nullptr;
    e->kids.push_back(std::move(list));
    if (AcceptKw("WHERE")) {
      ExprPtr w = ParseExpr();
      if (!w) return nullptr;
      e->kids.push_back(std::move(w));
      e->has_where = true;
    }
    if (AcceptSym("|")) {
      ExprPtr m = ParseExpr();
      if (!m) return nullptr;
      e->kids.push_back(std::move(m));
      e->has_map = true;
    }
    if (!ExpectSym("]")) return nullptr;
    return e;
  }
  auto e = MakeExpr(ExprKind::kList, t);
  if (!IsSym("]")) {
    do {
      ExprPtr v = ParseExpr();
      if (!v) return nullptr;
      e->kids.push_back(std::move(v));
    } while (AcceptSym(","));
  }
  if (!ExpectSym("]")) return nullptr;
  return e;
}

ExprPtr Parser::CaseExpr() {
  const Token& t = Next();  // CASE
  auto e = MakeExpr(ExprKind::kCase, t);
  if (!IsKw("WHEN")) {
    ExprPtr s = ParseExpr();
    if (!s) return nullptr;
    e->kids.push_back(std::move(s));
    e->has_subject = true;
  }
  if (!IsKw("WHEN")) {
    FailExpected("WHEN");
    return nullptr;
  }
  while (AcceptKw("WHEN")) {
    ExprPtr w = ParseExpr();
    if (!w || !ExpectKw("THEN")) return nullptr;
    ExprPtr th = ParseExpr();
    if (!th) return nullptr;
    e->kids.push_back(std::move(w));
    e->kids.push_back(std::move(th));
  }
  if (AcceptKw("ELSE")) {
    ExprPtr el = ParseExpr();
    if (!el) return nullptr;
    e->kids.push_back(std::move(el));
    e->has_else = true;
  }
  if (!ExpectKw("END")) return nullptr;
  return e;
}

}  // namespace kg::cypher::internal
