// Internal: the recursive-descent parser shared by parser_expr.cpp and
// parser_clauses.cpp. Errors are sticky: the first one is kept in err_, and
// every parse function returns early (nullptr / false) once it is set.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "query/cypher/ast.h"
#include "query/cypher/lexer.h"

namespace kg::cypher::internal {

class Parser {
 public:
  Parser(const std::string& text, std::vector<Token> toks) : text_(text), t_(std::move(toks)) {}

  std::unique_ptr<Query> ParseQuery();
  ExprPtr ParseExpr();
  bool failed() const { return !err_.empty(); }
  const std::string& error() const { return err_; }
  bool AtEnd() const { return t_[p_].kind == Tok::kEnd; }
  void ExpectEnd();

  // --- clauses (parser_clauses.cpp)
  std::unique_ptr<Query> SingleQuery();
  bool ClauseInto(Query* q);
  void Projection(Clause* c);
  bool CallInto(Clause* c);  // after CALL
  bool PatternInto(Pattern* out);
  bool PatternPartInto(PatternPart* out, bool allow_path_var);
  bool PatternElementInto(PatternPart* out);
  bool NodePatternInto(NodePattern* out);
  bool RelPatternInto(RelPattern* out);
  bool SetItemInto(SetItem* out, bool remove);
  bool LooksLikePattern();

  // --- expressions (parser_expr.cpp)
  ExprPtr Or();
  ExprPtr Xor();
  ExprPtr And();
  ExprPtr Not();
  ExprPtr Comparison();
  ExprPtr Predicates();
  ExprPtr AddSub();
  ExprPtr MulDiv();
  ExprPtr Power();
  ExprPtr Unary();
  ExprPtr Postfix();
  ExprPtr Atom();
  ExprPtr MapLiteral();
  ExprPtr ListOrComprehension();
  ExprPtr CaseExpr();
  ExprPtr ExistsSubquery();  // at EXISTS {
  ExprPtr FunctionCall(const Token& name_tok, std::string name);
  ExprPtr IntegerLiteral(const Token& tok, bool negative);

  // --- helpers
  const Token& Peek(int k = 0) const {
    size_t i = p_ + k;
    return i < t_.size() ? t_[i] : t_.back();
  }
  const Token& Next() {
    const Token& t = t_[p_];
    if (p_ + 1 < t_.size()) ++p_;
    return t;
  }
  bool IsKw(const char* kw, int k = 0) const;
  bool IsSym(const char* s, int k = 0) const {
    const Token& t = Peek(k);
    return t.kind == Tok::kSymbol && t.text == s;
  }
  bool AcceptKw(const char* kw) {
    if (!IsKw(kw)) return false;
    Next();
    return true;
  }
  bool AcceptSym(const char* s) {
    if (!IsSym(s)) return false;
    Next();
    return true;
  }
  bool ExpectKw(const char* kw);
  bool ExpectSym(const char* s);
  bool Ident(std::string* out, const char* what);  // variable / label / key name
  bool SymbolicName(std::string* out, const char* what);  // also accepts keywords
  void Fail(const Token& at, const std::string& msg);
  void FailExpected(const char* what);
  ExprPtr MakeExpr(ExprKind k, const Token& at) {
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->line = at.line;
    e->col = at.col;
    return e;
  }
  std::string SourceText(size_t from_tok, size_t to_tok) const;  // tokens [from, to)
  // Nesting guard of every recursive descent (brackets, NOT, unary signs,
  // atoms, pattern elements): false (and an error) past kMaxNesting levels or
  // when the expression tree would get deeper than kMaxTreeDepth.
  bool Enter();
  void Leave() {
    --depth_;
    --nesting_;
  }
  // One more operator of a left-deep chain (a OR b OR ..., a + b + ...,
  // a.b.c, (a)-->(b)-->...): the loop builds it without recursion, but every
  // operator adds a level to the tree that evaluation and destruction recurse
  // over. False (and an error) past kMaxTreeDepth. Undone by ~ChainGuard.
  bool ChainStep();

  const std::string& text_;
  std::vector<Token> t_;
  size_t p_ = 0;
  std::string err_;
  int depth_ = 0;    // depth of the tree being built: nesting levels + chain operators
  int nesting_ = 0;  // recursion depth of the parser itself
  int anon_ = 0;
  // Token positions where a pattern parse already failed: backtracking tries
  // each position once, which keeps hostile input like "((((..." linear-ish.
  std::set<size_t> not_pattern_;
};

// Limits (see Parser::Enter / ChainStep). kMaxTreeDepth keeps the recursive
// passes over the tree (planner, evaluation, destruction) far from the stack
// limit, also in sanitizer builds; a 1,000-operator chain is legal.
inline constexpr int kMaxNesting = 150;
inline constexpr int kMaxTreeDepth = 1000;
// Clauses of one single query: each clause is one operator in the pipeline,
// and rows are pushed through it recursively.
inline constexpr std::size_t kMaxClauses = 2000;
// A pattern used as a predicate (WHERE (a)-->(b) AND ...) tests existence:
// turns kPatternExpr at the top of `e` and under AND/OR/XOR/NOT into kExists.
void PredicateForm(Expr* e);
// After parsing (parser_check.cpp): the same for every boolean context of the
// query (CASE WHEN, comprehension WHERE, operands of AND/OR/XOR/NOT), then the
// first pattern left in a value position (RETURN (a)-->(), head((a)-->())),
// which Cypher does not allow, or nullptr.
const Expr* ValuePattern(Query* q);

// RAII nesting guard.
struct DepthGuard {
  explicit DepthGuard(Parser* p) : p_(p), ok(p->Enter()) {}
  ~DepthGuard() { p_->Leave(); }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  Parser* p_;
  bool ok;
};

// RAII for the operators of one chain loop: Step() before each operator.
struct ChainGuard {
  explicit ChainGuard(Parser* p) : p_(p) {}
  ~ChainGuard() { p_->depth_ -= n_; }
  ChainGuard(const ChainGuard&) = delete;
  ChainGuard& operator=(const ChainGuard&) = delete;
  bool Step() {
    ++n_;
    return p_->ChainStep();
  }
  Parser* p_;
  int n_ = 0;
};

}  // namespace kg::cypher::internal
