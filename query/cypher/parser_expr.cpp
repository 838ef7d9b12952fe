// Expression grammar of the Cypher parser (see parser_impl.h).
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <limits>

#include "query/cypher/parser.h"
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

ExprPtr CloneExpr(const Expr& e) {
  auto c = std::make_unique<Expr>();
  c->kind = e.kind;
  c->value = e.value;
  c->name = e.name;
  c->keys = e.keys;
  for (const auto& k : e.kids) c->kids.push_back(k ? CloneExpr(*k) : nullptr);
  c->pattern = e.pattern;
  c->subquery = e.subquery;
  c->distinct = e.distinct;
  c->has_subject = e.has_subject;
  c->has_else = e.has_else;
  c->has_where = e.has_where;
  c->has_map = e.has_map;
  c->has_lo = e.has_lo;
  c->has_hi = e.has_hi;
  c->line = e.line;
  c->col = e.col;
  c->text = e.text;
  return c;
}

ExprPtr Binary(ExprKind k, ExprPtr a, ExprPtr b) {
  auto e = std::make_unique<Expr>();
  e->kind = k;
  e->line = a->line;
  e->col = a->col;
  e->kids.push_back(std::move(a));
  e->kids.push_back(std::move(b));
  return e;
}
}  // namespace

bool Parser::IsKw(const char* kw, int k) const {
  const Token& t = Peek(k);
  return t.kind == Tok::kIdent && !t.quoted && EqualsNoCase(t.text, kw);
}

void Parser::Fail(const Token& at, const std::string& msg) {
  if (err_.empty()) err_ = FormatError(text_, at.line, at.col, msg);
}

void Parser::FailExpected(const char* what) {
  const Token& t = Peek();
  std::string found = t.kind == Tok::kEnd ? "end of input" : "'" + t.text + "'";
  if (t.kind == Tok::kString) found = "string literal";
  Fail(t, std::string("expected ") + what + ", found " + found);
}

bool Parser::ExpectKw(const char* kw) {
  if (AcceptKw(kw)) return true;
  FailExpected(kw);
  return false;
}

bool Parser::ExpectSym(const char* s) {
  if (AcceptSym(s)) return true;
  FailExpected((std::string("'") + s + "'").c_str());
  return false;
}

bool Parser::SymbolicName(std::string* out, const char* what) {
  if (Peek().kind != Tok::kIdent) {
    FailExpected(what);
    return false;
  }
  *out = Next().text;
  return true;
}

bool Parser::Ident(std::string* out, const char* what) { return SymbolicName(out, what); }

namespace {
std::string TooDeep(bool nesting) {
  if (nesting)
    return "query is nested too deeply: more than " + std::to_string(kMaxNesting) + " levels of brackets";
  return "query is nested too deeply: more than " + std::to_string(kMaxTreeDepth) +
         " levels of operators (a long chain such as a OR b OR ...; for many values use IN [...])";
}
}  // namespace

bool Parser::Enter() {
  ++nesting_;
  ++depth_;
  if (nesting_ > kMaxNesting || depth_ > kMaxTreeDepth) {
    Fail(Peek(), TooDeep(nesting_ > kMaxNesting));
    return false;
  }
  return true;
}

bool Parser::ChainStep() {
  if (++depth_ > kMaxTreeDepth) {
    Fail(Peek(), TooDeep(false));
    return false;
  }
  return true;
}

std::string Parser::SourceText(size_t from, size_t to) const {
  if (to <= from || from >= t_.size()) return "";
  size_t b = t_[from].offset;
  size_t e = t_[to - 1].end_offset;
  return text_.substr(b, e - b);
}

void Parser::ExpectEnd() {
  AcceptSym(";");
  if (!AtEnd()) FailExpected("end of query");
}

ExprPtr Parser::ParseExpr() {
  size_t start = p_;
  ExprPtr e = Or();
  if (e) e->text = SourceText(start, p_);
  return e;
}

ExprPtr Parser::Or() {
  DepthGuard g(this);
  if (!g.ok) return nullptr;
  ChainGuard chain(this);
  ExprPtr l = Xor();
  while (l && IsKw("OR")) {
    if (!chain.Step()) return nullptr;
    Next();
    ExprPtr r = Xor();
    if (!r) return nullptr;
    l = Binary(ExprKind::kOr, std::move(l), std::move(r));
  }
  return l;
}

ExprPtr Parser::Xor() {
  ChainGuard chain(this);
  ExprPtr l = And();
  while (l && IsKw("XOR")) {
    if (!chain.Step()) return nullptr;
    Next();
    ExprPtr r = And();
    if (!r) return nullptr;
    l = Binary(ExprKind::kXor, std::move(l), std::move(r));
  }
  return l;
}

ExprPtr Parser::And() {
  ChainGuard chain(this);
  ExprPtr l = Not();
  while (l && IsKw("AND")) {
    if (!chain.Step()) return nullptr;
    Next();
    ExprPtr r = Not();
    if (!r) return nullptr;
    l = Binary(ExprKind::kAnd, std::move(l), std::move(r));
  }
  return l;
}

ExprPtr Parser::Not() {
  if (IsKw("NOT")) {
    DepthGuard g(this);
    if (!g.ok) return nullptr;
    const Token& t = Next();
    auto e = MakeExpr(ExprKind::kNot, t);
    ExprPtr k = Not();
    if (!k) return nullptr;
    e->kids.push_back(std::move(k));
    return e;
  }
  return Comparison();
}

ExprPtr Parser::Comparison() {
  ChainGuard chain(this);
  ExprPtr l = Predicates();
  if (!l) return nullptr;
  std::vector<ExprPtr> operands;
  std::vector<ExprKind> ops;
  operands.push_back(std::move(l));
  while (true) {
    ExprKind k;
    if (IsSym("=")) k = ExprKind::kEq;
    else if (IsSym("<>") || IsSym("!=")) k = ExprKind::kNe;
    else if (IsSym("<")) k = ExprKind::kLt;
    else if (IsSym("<=")) k = ExprKind::kLe;
    else if (IsSym(">")) k = ExprKind::kGt;
    else if (IsSym(">=")) k = ExprKind::kGe;
    else if (IsSym("=~")) k = ExprKind::kRegex;
    else break;
    // a < b < c becomes (a < b) AND (b < c): two levels per operator.
    if (!chain.Step() || !chain.Step()) return nullptr;
    Next();
    ExprPtr r = Predicates();
    if (!r) return nullptr;
    ops.push_back(k);
    operands.push_back(std::move(r));
  }
  if (ops.empty()) return std::move(operands[0]);
  // a < b < c  ==  a < b AND b < c (b is copied).
  ExprPtr result;
  for (size_t i = 0; i < ops.size(); ++i) {
    ExprPtr a = i == 0 ? std::move(operands[0]) : CloneExpr(*operands[i]);
    ExprPtr b = i + 1 < ops.size() ? CloneExpr(*operands[i + 1]) : std::move(operands[i + 1]);
    ExprPtr cmp = Binary(ops[i], std::move(a), std::move(b));
    result = result ? Binary(ExprKind::kAnd, std::move(result), std::move(cmp)) : std::move(cmp);
  }
  return result;
}

ExprPtr Parser::Predicates() {
  ChainGuard chain(this);
  ExprPtr l = AddSub();
  while (l) {
    const Token& at = Peek();
    if (IsKw("IN") || (IsKw("STARTS") && IsKw("WITH", 1)) || (IsKw("ENDS") && IsKw("WITH", 1)) ||
        IsKw("CONTAINS") || IsKw("IS")) {
      if (!chain.Step()) return nullptr;
    }
    if (IsKw("IN")) {
      Next();
      ExprPtr r = AddSub();
      if (!r) return nullptr;
      l = Binary(ExprKind::kIn, std::move(l), std::move(r));
    } else if (IsKw("STARTS") && IsKw("WITH", 1)) {
      Next();
      Next();
      ExprPtr r = AddSub();
      if (!r) return nullptr;
      l = Binary(ExprKind::kStartsWith, std::move(l), std::move(r));
    } else if (IsKw("ENDS") && IsKw("WITH", 1)) {
      Next();
      Next();
      ExprPtr r = AddSub();
      if (!r) return nullptr;
      l = Binary(ExprKind::kEndsWith, std::move(l), std::move(r));
    } else if (IsKw("CONTAINS")) {
      Next();
      ExprPtr r = AddSub();
      if (!r) return nullptr;
      l = Binary(ExprKind::kContains, std::move(l), std::move(r));
    } else if (IsKw("IS")) {
      Next();
      bool neg = AcceptKw("NOT");
      if (!ExpectKw("NULL")) return nullptr;
      auto e = MakeExpr(neg ? ExprKind::kIsNotNull : ExprKind::kIsNull, at);
      e->kids.push_back(std::move(l));
      l = std::move(e);
    } else {
      break;
    }
  }
  return l;
}

ExprPtr Parser::AddSub() {
  ChainGuard chain(this);
  ExprPtr l = MulDiv();
  while (l && (IsSym("+") || IsSym("-"))) {
    if (!chain.Step()) return nullptr;
    ExprKind k = Next().text == "+" ? ExprKind::kAdd : ExprKind::kSub;
    ExprPtr r = MulDiv();
    if (!r) return nullptr;
    l = Binary(k, std::move(l), std::move(r));
  }
  return l;
}

ExprPtr Parser::MulDiv() {
  ChainGuard chain(this);
  ExprPtr l = Power();
  while (l && (IsSym("*") || IsSym("/") || IsSym("%"))) {
    if (!chain.Step()) return nullptr;
    const std::string& s = Next().text;
    ExprKind k = s == "*" ? ExprKind::kMul : s == "/" ? ExprKind::kDiv : ExprKind::kMod;
    ExprPtr r = Power();
    if (!r) return nullptr;
    l = Binary(k, std::move(l), std::move(r));
  }
  return l;
}

ExprPtr Parser::Power() {
  ChainGuard chain(this);
  ExprPtr l = Unary();
  while (l && IsSym("^")) {
    if (!chain.Step()) return nullptr;
    Next();
    ExprPtr r = Unary();
    if (!r) return nullptr;
    l = Binary(ExprKind::kPow, std::move(l), std::move(r));
  }
  return l;
}

ExprPtr Parser::Unary() {
  if (IsSym("-") || IsSym("+")) {
    DepthGuard g(this);
    if (!g.ok) return nullptr;
    const Token& t = Next();
    bool neg = t.text == "-";
    if (neg && Peek().kind == Tok::kInteger) {
      // -9223372036854775808 must parse; fold the sign into the literal.
      const Token& it = Next();
      ExprPtr lit = IntegerLiteral(it, true);
      if (!lit) return nullptr;
      lit->line = t.line;
      lit->col = t.col;
      // Postfix operators bind tighter than unary minus: -1.x is an error anyway.
      return lit;
    }
    auto e = MakeExpr(neg ? ExprKind::kNeg : ExprKind::kPos, t);
    ExprPtr k = Unary();
    if (!k) return nullptr;
    e->kids.push_back(std::move(k));
    return e;
  }
  return Postfix();
}

ExprPtr Parser::Postfix() {
  ChainGuard chain(this);
  ExprPtr e = Atom();
  while (e) {
    const Token& at = Peek();
    if ((IsSym(".") || IsSym("[") || IsSym(":") || IsSym("{")) && !chain.Step()) return nullptr;
    if (IsSym(".")) {
      Next();
      std::string key;
      if (!SymbolicName(&key, "a property name")) return nullptr;
      auto p = MakeExpr(ExprKind::kProperty, at);
      p->name = key;
      p->kids.push_back(std::move(e));
      e = std::move(p);
    } else if (IsSym("[")) {
      Next();
      ExprPtr lo, hi;
      bool has_lo = false, has_hi = false;
      if (!IsSym("..")) {
        lo = ParseExpr();
        if (!lo) return nullptr;
        has_lo = true;
      }
      if (AcceptSym("..")) {
        if (!IsSym("]")) {
          hi = ParseExpr();
          if (!hi) return nullptr;
          has_hi = true;
        }
        if (!ExpectSym("]")) return nullptr;
        auto s = MakeExpr(ExprKind::kSlice, at);
        s->kids.push_back(std::move(e));
        s->kids.push_back(has_lo ? std::move(lo) : MakeExpr(ExprKind::kLiteral, at));
        s->kids.push_back(has_hi ? std::move(hi) : MakeExpr(ExprKind::kLiteral, at));
        s->has_lo = has_lo;
        s->has_hi = has_hi;
        e = std::move(s);
      } else {
        if (!has_lo) {
          FailExpected("an index expression");
          return nullptr;
        }
        if (!ExpectSym("]")) return nullptr;
        auto ix = MakeExpr(ExprKind::kIndex, at);
        ix->kids.push_back(std::move(e));
        ix->kids.push_back(std::move(lo));
        e = std::move(ix);
      }
    } else if (IsSym(":") && (e->kind == ExprKind::kVar || e->kind == ExprKind::kProperty)) {
      auto h = MakeExpr(ExprKind::kHasLabels, at);
      while (AcceptSym(":")) {
        std::string label;
        if (!SymbolicName(&label, "a label name")) return nullptr;
        h->keys.push_back(label);
      }
      h->kids.push_back(std::move(e));
      e = std::move(h);
    } else if (IsSym("{") && e->kind == ExprKind::kVar) {
      // Map projection: n{.name, .*, key: expr, var}
      Next();
      auto m = MakeExpr(ExprKind::kMapProjection, at);
      m->kids.push_back(std::move(e));
      if (!IsSym("}")) {
        do {
          if (AcceptSym(".")) {
            if (AcceptSym("*")) {
              m->keys.push_back(".*");
              m->kids.push_back(MakeExpr(ExprKind::kLiteral, at));
              continue;
            }
            std::string key;
            if (!SymbolicName(&key, "a property name")) return nullptr;
            m->keys.push_back("." + key);
            m->kids.push_back(MakeExpr(ExprKind::kLiteral, at));
          } else {
            const Token& kt = Peek();
            std::string key;
            if (!SymbolicName(&key, "a map key")) return nullptr;
            if (AcceptSym(":")) {
              ExprPtr v = ParseExpr();
              if (!v) return nullptr;
              m->keys.push_back(key);
              m->kids.push_back(std::move(v));
            } else {
              auto v = MakeExpr(ExprKind::kVar, kt);
              v->name = key;
              v->text = key;
              m->keys.push_back(key);
              m->kids.push_back(std::move(v));
            }
          }
        } while (AcceptSym(","));
      }
      if (!ExpectSym("}")) return nullptr;
      e = std::move(m);
    } else {
      break;
    }
  }
  return e;
}

}  // namespace kg::cypher::internal

namespace kg::cypher {

Result<ExprPtr> ParseExpression(const std::string& text) {
  auto toks = Lex(text);
  if (!toks.ok()) return toks.status();
  internal::Parser p(text, std::move(toks).value());
  ExprPtr e = p.ParseExpr();
  if (!p.failed()) p.ExpectEnd();
  if (p.failed()) return Status::InvalidArgument(p.error());
  return e;
}

}  // namespace kg::cypher
