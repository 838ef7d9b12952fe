// Modality and negation cues (data/lexicon/<lang>/cues.tsv), and relation
// dates: the article date, refined by weekdays ("am Dienstag"), relative
// days ("am Vortag", "gestern", "yesterday") and explicit dates ("am 3. Mai",
// "May 3, 2024") when the article date allows it.
#pragma once

#include <string>

#include "ingest/doc.h"
#include "ingest/lexicon.h"

namespace kg::ingest {

// "speculated" (könnte, spekuliert, befürchten, could, reportedly),
// "reported" (sagte, laut, zufolge, said, according to, ", so NAME") or
// "asserted", for the sentence `s`. Speculation wins over attribution.
std::string SentenceModality(const Doc& doc, const Lexicon& lex, int s);

// True when tokens [b, e) contain a negation cue (nicht, kein, not, no,
// never) that is not part of an exception ("nicht nur", "not only").
bool Negated(const Doc& doc, const Lexicon& lex, int b, int e);

// The date a relation in sentence `s` refers to (YYYY[-MM[-DD]]).
std::string SentenceDate(const Doc& doc, const Lexicon& lex, int s);

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
long DaysFromCivil(int y, int m, int d);
std::string CivilFromDays(long z);

}  // namespace kg::ingest
