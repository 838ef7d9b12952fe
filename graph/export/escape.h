// Output escaping for the exporters. Every function accepts arbitrary bytes:
// invalid UTF-8 (bad lead/continuation bytes, overlongs, surrogates, > U+10FFFF)
// becomes U+FFFD, one replacement per offending byte sequence, so the output is
// always valid UTF-8 in the target syntax.
//
// Thread safety: pure functions.
#pragma once

#include "graph/utf8.h"
#include <cstdint>
#include <string>
#include <string_view>

namespace kg::exp {

// Decodes the next code point of `s` at `*pos` and advances `*pos`; returns
// 0xFFFD (consuming at least one byte) for an invalid sequence.
// REQUIRES: *pos < s.size().
char32_t NextCodePoint(std::string_view s, size_t* pos);
using ::kg::AppendUtf8;  // graph/utf8.h

// `s` with invalid UTF-8 replaced by U+FFFD.
std::string SanitizeUtf8(std::string_view s);

// XML 1.0 character data / attribute value (without the quotes): & < > " '
// escaped (so "]]>" is safe), \t \n \r as character references (they survive
// attribute-value normalisation), other C0 controls and U+FFFE/U+FFFF
// (not allowed in XML 1.0) replaced by U+FFFD.
void AppendXml(std::string* out, std::string_view s);

// JSON string body (without quotes): " \ and controls escaped (\n, \u0001...).
void AppendJson(std::string* out, std::string_view s);
// JSON string with quotes.
void AppendJsonQuoted(std::string* out, std::string_view s);

// One CSV field in double quotes ("" for a quote). Controls (including line
// breaks) become spaces so every record stays on one line (Neo4j import needs
// no --multiline-fields).
void AppendCsvQuoted(std::string* out, std::string_view s);

// N-Triples literal body (without quotes): \" \\ \n \r \t and \uXXXX /
// \UXXXXXXXX for every other control and every non-ASCII code point: the
// output is 7-bit ASCII, valid for N-Triples 2004 and RDF 1.1. Noncharacters
// (U+FFFE, U+FFFF, U+FDD0..U+FDEF, ...) become U+FFFD.
void AppendNTriplesLiteral(std::string* out, std::string_view s);

// Percent-encodes everything but ALPHA / DIGIT / - . _ ~ / : so the result is
// safe inside an N-Triples <IRI> (UTF-8 bytes are encoded byte-wise).
void AppendIriComponent(std::string* out, std::string_view s);

// DOT double-quoted string body: " and \ escaped, line breaks as \n, other
// controls replaced by U+FFFD.
void AppendDot(std::string* out, std::string_view s);

// Shortest decimal form that reads back to the same double (round-trip
// exact, like Python's repr); "NaN"/"INF"/"-INF" for non-finite values.
void AppendDouble(std::string* out, double v);
void AppendInt(std::string* out, int64_t v);

}  // namespace kg::exp
