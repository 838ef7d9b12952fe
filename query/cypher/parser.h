// Cypher parser: text -> AST (ast.h). Errors are InvalidArgument with a
// one-line "line L, column C: message" followed by the source line and a
// caret (see FormatError). Never throws; nesting depth is bounded so hostile
// input cannot overflow the stack.
//
// Thread safety: pure function.
#pragma once

#include <memory>
#include <string>

#include "graph/status.h"
#include "query/cypher/ast.h"

namespace kg::cypher {

Result<std::unique_ptr<Query>> Parse(const std::string& text);

// Parses a single expression (used for --param values and the TCK runner).
Result<ExprPtr> ParseExpression(const std::string& text);

}  // namespace kg::cypher
