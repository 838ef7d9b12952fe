// Clause and pattern grammar of the Cypher parser (see parser_impl.h).
#include <cctype>

#include "query/cypher/parser.h"
#include "query/cypher/parser_impl.h"

namespace kg::cypher::internal {

std::unique_ptr<Query> Parser::ParseQuery() {
  auto q = SingleQuery();
  if (!q) return nullptr;
  while (IsKw("UNION")) {
    Next();
    bool all = AcceptKw("ALL");
    auto next = SingleQuery();
    if (!next) return nullptr;
    q->unions.push_back(std::move(next));
    q->union_all.push_back(all);
  }
  ExpectEnd();
  if (failed()) return nullptr;
  if (const Expr* bad = ValuePattern(q.get())) {
    Token at;
    at.line = bad->line;
    at.col = bad->col;
    Fail(
        at,
        "a pattern can only be used as a predicate (WHERE, exists(...), AND/OR/NOT); for a list of "
        "matches use a pattern comprehension [p = (a)-->(b) | p]");
    return nullptr;
  }
  return q;
}

std::unique_ptr<Query> Parser::SingleQuery() {
  auto q = std::make_unique<Query>();
  while (!AtEnd() && !IsSym(";") && !IsSym("}") && !IsKw("UNION")) {
    if (q->clauses.size() >= kMaxClauses) {
      Fail(Peek(), "query has more than " + std::to_string(kMaxClauses) + " clauses");
      return nullptr;
    }
    if (!ClauseInto(q.get())) return nullptr;
  }
  if (q->clauses.empty()) {
    FailExpected("a clause (MATCH, RETURN, CREATE, ...)");
    return nullptr;
  }
  return q;
}

bool Parser::ClauseInto(Query* q) {
  const Token& t = Peek();
  Clause c;
  c.line = t.line;
  c.col = t.col;
  if (IsKw("OPTIONAL") || IsKw("MATCH")) {
    c.kind = Clause::Kind::kMatch;
    if (AcceptKw("OPTIONAL")) c.optional = true;
    if (!ExpectKw("MATCH")) return false;
    if (!PatternInto(&c.pattern)) return false;
    if (AcceptKw("WHERE")) {
      c.where = ParseExpr();
      if (!c.where) return false;
      PredicateForm(c.where.get());
    }
  } else if (AcceptKw("UNWIND")) {
    c.kind = Clause::Kind::kUnwind;
    c.expr = ParseExpr();
    if (!c.expr || !ExpectKw("AS")) return false;
    if (!Ident(&c.alias, "a variable name")) return false;
  } else if (IsKw("WITH") || IsKw("RETURN")) {
    c.kind = IsKw("WITH") ? Clause::Kind::kWith : Clause::Kind::kReturn;
    Next();
    Projection(&c);
    if (failed()) return false;
    if (c.kind == Clause::Kind::kWith && AcceptKw("WHERE")) {
      c.where = ParseExpr();
      if (!c.where) return false;
      PredicateForm(c.where.get());
    }
  } else if (AcceptKw("CREATE")) {
    c.kind = Clause::Kind::kCreate;
    if (!PatternInto(&c.pattern)) return false;
  } else if (AcceptKw("MERGE")) {
    c.kind = Clause::Kind::kMerge;
    PatternPart part;
    if (!PatternPartInto(&part, true)) return false;
    c.pattern.parts.push_back(std::move(part));
    while (IsKw("ON")) {
      Next();
      bool create = false;
      if (AcceptKw("CREATE")) create = true;
      else if (!ExpectKw("MATCH")) return false;
      if (!ExpectKw("SET")) return false;
      do {
        SetItem it;
        if (!SetItemInto(&it, false)) return false;
        (create ? c.on_create : c.on_match).push_back(std::move(it));
      } while (AcceptSym(","));
    }
  } else if (AcceptKw("SET")) {
    c.kind = Clause::Kind::kSet;
    do {
      SetItem it;
      if (!SetItemInto(&it, false)) return false;
      c.sets.push_back(std::move(it));
    } while (AcceptSym(","));
  } else if (AcceptKw("REMOVE")) {
    c.kind = Clause::Kind::kRemove;
    do {
      SetItem it;
      if (!SetItemInto(&it, true)) return false;
      c.sets.push_back(std::move(it));
    } while (AcceptSym(","));
  } else if (IsKw("DETACH") || IsKw("DELETE")) {
    c.kind = Clause::Kind::kDelete;
    if (AcceptKw("DETACH")) c.detach = true;
    if (!ExpectKw("DELETE")) return false;
    do {
      ExprPtr e = ParseExpr();
      if (!e) return false;
      c.exprs.push_back(std::move(e));
    } while (AcceptSym(","));
  } else if (IsKw("CALL") && !IsSym("{", 1)) {
    Next();
    c.kind = Clause::Kind::kCall;
    if (!CallInto(&c)) return false;
  } else {
    if (IsKw("CALL")) {
      Fail(t, "CALL { ... } subqueries are not supported by kg's Cypher subset");
    } else if (IsKw("FOREACH") || IsKw("LOAD")) {
      Fail(t, "'" + t.text + "' is not supported by kg's Cypher subset");
    } else {
      FailExpected(
          "a clause (MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, CALL, CREATE, MERGE, SET, "
          "REMOVE, DELETE)");
    }
    return false;
  }
  q->clauses.push_back(std::move(c));
  return true;
}

bool Parser::CallInto(Clause* c) {
  if (!SymbolicName(&c->proc, "a procedure name")) return false;
  while (IsSym(".") && Peek(1).kind == Tok::kIdent) {
    Next();
    c->proc += "." + Next().text;
  }
  if (AcceptSym("(")) {
    c->proc_parens = true;
    if (!IsSym(")")) {
      do {
        ExprPtr a = ParseExpr();
        if (!a) return false;
        c->exprs.push_back(std::move(a));
      } while (AcceptSym(","));
    }
    if (!ExpectSym(")")) return false;
  }
  if (!AcceptKw("YIELD")) return true;
  if (IsSym("*")) {
    // YIELD * only ends a standalone CALL.
    Next();
    if (!AtEnd() && !IsSym(";")) {
      Fail(Peek(), "YIELD * is only allowed in a standalone CALL; name the fields to yield");
      return false;
    }
    c->yield_star = true;
    return true;
  }
  do {
    YieldItem y;
    y.line = Peek().line;
    y.col = Peek().col;
    if (!SymbolicName(&y.field, "a procedure output name")) return false;
    y.alias = y.field;
    if (AcceptKw("AS") && !Ident(&y.alias, "a variable name")) return false;
    c->yields.push_back(std::move(y));
  } while (AcceptSym(","));
  if (AcceptKw("WHERE")) {
    c->where = ParseExpr();
    if (!c->where) return false;
    PredicateForm(c->where.get());
  }
  return true;
}

void Parser::Projection(Clause* c) {
  if (AcceptKw("DISTINCT")) c->distinct = true;
  if (AcceptSym("*")) {
    c->star = true;
    if (!AcceptSym(",")) goto tail;
  }
  do {
    ProjectionItem it;
    size_t start = p_;
    it.expr = ParseExpr();
    if (!it.expr) return;
    it.alias = SourceText(start, p_);
    if (AcceptKw("AS")) {
      if (!Ident(&it.alias, "an alias name")) return;
      it.explicit_alias = true;
    }
    c->items.push_back(std::move(it));
  } while (AcceptSym(","));
tail:
  if (IsKw("ORDER")) {
    Next();
    if (!ExpectKw("BY")) return;
    do {
      SortItem s;
      s.expr = ParseExpr();
      if (!s.expr) return;
      if (AcceptKw("DESC") || AcceptKw("DESCENDING")) s.descending = true;
      else if (AcceptKw("ASC") || AcceptKw("ASCENDING")) s.descending = false;
      c->order.push_back(std::move(s));
    } while (AcceptSym(","));
  }
  if (AcceptKw("SKIP")) {
    c->skip = ParseExpr();
    if (!c->skip) return;
  }
  if (AcceptKw("LIMIT")) {
    c->limit = ParseExpr();
    if (!c->limit) return;
  }
}

bool Parser::SetItemInto(SetItem* out, bool remove) {
  const Token& t = Peek();
  std::string var;
  // SET (n).name = ...: a parenthesised variable.
  const bool paren = IsSym("(") && Peek(1).kind == Tok::kIdent && IsSym(")", 2) && IsSym(".", 3);
  if (paren) Next();
  if (!Ident(&var, "a variable")) return false;
  if (paren) Next();
  auto v = MakeExpr(ExprKind::kVar, t);
  v->name = var;
  v->text = var;
  if (IsSym(":")) {
    out->kind = SetItem::Kind::kLabels;
    while (AcceptSym(":")) {
      std::string l;
      if (!SymbolicName(&l, "a label name")) return false;
      out->labels.push_back(l);
    }
    out->target = std::move(v);
    return true;
  }
  if (IsSym(".")) {
    ExprPtr target = std::move(v);
    while (AcceptSym(".")) {
      std::string key;
      if (!SymbolicName(&key, "a property name")) return false;
      auto p = MakeExpr(ExprKind::kProperty, t);
      p->name = key;
      p->kids.push_back(std::move(target));
      target = std::move(p);
    }
    out->kind = SetItem::Kind::kProperty;
    out->target = std::move(target);
    if (remove) {
      out->value = MakeExpr(ExprKind::kLiteral, t);  // null
      return true;
    }
    if (!ExpectSym("=")) return false;
    out->value = ParseExpr();
    return out->value != nullptr;
  }
  if (remove) {
    FailExpected("'.property' or ':Label'");
    return false;
  }
  out->target = std::move(v);
  if (AcceptSym("=")) out->kind = SetItem::Kind::kReplace;
  else if (AcceptSym("+=")) out->kind = SetItem::Kind::kMerge;
  else {
    FailExpected("'=', '+=', '.property' or ':Label'");
    return false;
  }
  out->value = ParseExpr();
  return out->value != nullptr;
}

bool Parser::PatternInto(Pattern* out) {
  do {
    PatternPart part;
    if (!PatternPartInto(&part, true)) return false;
    out->parts.push_back(std::move(part));
  } while (AcceptSym(","));
  return true;
}

bool Parser::PatternPartInto(PatternPart* out, bool allow_path_var) {
  const Token& t = Peek();
  out->line = t.line;
  out->col = t.col;
  if (allow_path_var && Peek().kind == Tok::kIdent && IsSym("=", 1)) {
    out->path_var = Next().text;
    Next();
  }
  if ((IsKw("shortestPath") || IsKw("allShortestPaths")) && IsSym("(", 1)) {
    out->kind = IsKw("shortestPath") ? PatternPart::Kind::kShortest
                                     : PatternPart::Kind::kAllShortest;
    Next();
    Next();
    if (!PatternElementInto(out)) return false;
    if (!ExpectSym(")")) return false;
    if (out->rels.size() != 1) {
      Fail(t, "shortestPath needs a pattern with exactly one relationship");
      return false;
    }
    return true;
  }
  return PatternElementInto(out);
}

bool Parser::PatternElementInto(PatternPart* out) {
  DepthGuard g(this);
  if (!g.ok) return false;
  // Parenthesised element: ((a)-->(b))
  if (IsSym("(") && IsSym("(", 1)) {
    Next();
    if (!PatternElementInto(out)) return false;
    return ExpectSym(")");
  }
  NodePattern n;
  if (!NodePatternInto(&n)) return false;
  out->nodes.push_back(std::move(n));
  ChainGuard chain(this);  // the matcher recurses once per relationship
  while (IsSym("-") || (IsSym("<") && IsSym("-", 1))) {
    if (!chain.Step()) return false;
    RelPattern r;
    if (!RelPatternInto(&r)) return false;
    NodePattern m;
    if (!NodePatternInto(&m)) return false;
    out->rels.push_back(std::move(r));
    out->nodes.push_back(std::move(m));
  }
  return true;
}

bool Parser::NodePatternInto(NodePattern* out) {
  const Token& t = Peek();
  out->line = t.line;
  out->col = t.col;
  if (!ExpectSym("(")) return false;
  if (Peek().kind == Tok::kIdent) out->var = Next().text;
  while (AcceptSym(":")) {
    std::string l;
    if (!SymbolicName(&l, "a label name")) return false;
    out->labels.push_back(l);
  }
  if (IsSym("{")) {
    out->props = MapLiteral();
    if (!out->props) return false;
  } else if (Peek().kind == Tok::kParam) {
    Fail(Peek(), "parameters cannot be used as node property maps (InvalidParameterUse)");
    return false;
  }
  return ExpectSym(")");
}

bool Parser::RelPatternInto(RelPattern* out) {
  const Token& t = Peek();
  out->line = t.line;
  out->col = t.col;
  bool left = AcceptSym("<");
  if (!ExpectSym("-")) return false;
  if (AcceptSym("[")) {
    if (Peek().kind == Tok::kIdent) out->var = Next().text;
    if (AcceptSym(":")) {
      do {
        AcceptSym(":");
        std::string ty;
        if (!SymbolicName(&ty, "a relationship type")) return false;
        out->types.push_back(ty);
      } while (AcceptSym("|"));
    }
    if (IsSym("..") || (Peek().kind == Tok::kInteger && IsSym("..", 1))) {
      Fail(Peek(),
           "a variable-length relationship needs '*' before its range, as in [:T*1..3] "
           "(InvalidRelationshipPattern)");
      return false;
    }
    if (AcceptSym("*")) {
      if (IsSym("-")) {
        Fail(Peek(),
             "the length of a variable-length relationship cannot be negative "
             "(InvalidRelationshipPattern)");
        return false;
      }
      out->var_length = true;
      out->min_hops = 1;
      out->max_hops = -1;
      auto read_int = [&](int* v) -> bool {
        const Token& it = Next();
        long long x = 0;
        for (char c : it.text) {
          if (!std::isdigit(static_cast<unsigned char>(c)) || x > 1000000) {
            Fail(it, "invalid variable-length bound '" + it.text + "'");
            return false;
          }
          x = x * 10 + (c - '0');
        }
        *v = static_cast<int>(x);
        return true;
      };
      if (Peek().kind == Tok::kInteger) {
        if (!read_int(&out->min_hops)) return false;
        if (AcceptSym("..")) {
          if (Peek().kind == Tok::kInteger && !read_int(&out->max_hops)) return false;
        } else {
          out->max_hops = out->min_hops;
        }
      } else if (AcceptSym("..")) {
        if (Peek().kind == Tok::kInteger && !read_int(&out->max_hops)) return false;
      }
    }
    if (IsSym("{")) {
      out->props = MapLiteral();
      if (!out->props) return false;
    } else if (Peek().kind == Tok::kParam) {
      Fail(Peek(), "parameters cannot be used as relationship property maps (InvalidParameterUse)");
      return false;
    }
    if (!ExpectSym("]")) return false;
  }
  if (!ExpectSym("-")) return false;
  bool right = AcceptSym(">");
  // <--> is the same as -- (either direction).
  out->dir = left == right ? RelDir::kBoth : left ? RelDir::kLeft : RelDir::kRight;
  return true;
}

bool Parser::LooksLikePattern() {
  // At '(' : (ident? (:label)* ({...})? ) followed by '-' or '<-'.
  size_t i = p_;
  auto tok = [&](size_t k) -> const Token& { return k < t_.size() ? t_[k] : t_.back(); };
  auto sym = [&](size_t k, const char* s) {
    return tok(k).kind == Tok::kSymbol && tok(k).text == s;
  };
  if (!sym(i, "(")) return false;
  ++i;
  if (sym(i, "(")) return true;  // ((a)-->(b)) or an expression; the caller backtracks
  if (tok(i).kind == Tok::kIdent) ++i;
  while (sym(i, ":") && tok(i + 1).kind == Tok::kIdent) i += 2;
  if (sym(i, "{")) {
    int depth = 0;
    for (; i < t_.size(); ++i) {
      if (sym(i, "{")) ++depth;
      if (sym(i, "}") && --depth == 0) break;
    }
    ++i;
  }
  if (!sym(i, ")")) return false;
  ++i;
  return sym(i, "-") || (sym(i, "<") && sym(i + 1, "-"));
}

}  // namespace kg::cypher::internal

namespace kg::cypher {

Result<std::unique_ptr<Query>> Parse(const std::string& text) {
  auto toks = Lex(text);
  if (!toks.ok()) return toks.status();
  internal::Parser p(text, std::move(toks).value());
  auto q = p.ParseQuery();
  if (p.failed() || !q) return Status::InvalidArgument(p.error().empty() ? "parse error" : p.error());
  return q;
}

}  // namespace kg::cypher
