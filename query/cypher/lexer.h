// Cypher lexer: turns query text into tokens with 1-based line/column
// positions. Keywords are not distinguished from identifiers here; the parser
// compares identifier text case-insensitively.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "graph/status.h"

namespace kg::cypher {

enum class Tok {
  kEnd,
  kIdent,      // name or `quoted name` (text holds the unquoted name)
  kInteger,    // text holds the literal spelling (decimal, 0x.., 0o..)
  kFloat,      // text holds the literal spelling
  kString,     // text holds the unescaped value
  kParam,      // $name; text holds the name
  kSymbol,     // punctuation/operator; text holds it ("(", "<=", "..", ...)
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  bool quoted = false;  // identifier written with backticks (never a keyword)
  int line = 1;
  int col = 1;
  size_t offset = 0;      // byte offset of the first character
  size_t end_offset = 0;  // byte offset just past the token
};

// Tokenizes `text`. On error returns InvalidArgument with a message formatted by
// FormatError (line, column, caret line).
Result<std::vector<Token>> Lex(const std::string& text);

// "line L, column C: msg" followed by the offending source line and a caret
// under column C (two extra lines, without a trailing newline).
std::string FormatError(const std::string& text, int line, int col, const std::string& msg);

}  // namespace kg::cypher
