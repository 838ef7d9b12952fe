// Mention detection: longest-match lookup of token n-grams in the Catalog
// (with inflection stripping: Putins -> Putin, Moskaus -> Moskau, Russia's ->
// Russia; stemmed keys for inflected multi-word names), then unknown names:
// runs of capitalised tokens that are neither known common words (Hunspell
// de_DE, stopwords) nor role nouns, typed from context (role noun/title ->
// person, in/nach/aus -> place, GmbH/Ministerium -> organisation,
// sagte/said -> person).
//
// Thread safety: uses the caller's WordOracle and Stemmer (not thread-safe).
#pragma once

#include "ingest/doc.h"
#include "ingest/hunspell.h"
#include "ingest/kb.h"
#include "ingest/lexicon.h"
#include "ingest/stemmer.h"

namespace kg::ingest {

struct MentionContext {
  const Catalog* cat = nullptr;
  const Lexicon* lex = nullptr;
  WordOracle* oracle = nullptr;  // may be null (no Hunspell)
  const Stemmer* stemmer = nullptr;
};

// Fills doc->mentions (sorted, non-overlapping) and doc->mention_at.
void DetectMentions(const MentionContext& ctx, Doc* doc);

// Drops unknown names (no catalogue entity) that hold a word shaped like a
// code rather than a name ("H0TUOwoa0Z", "DE000HSH5WH0": link ids, ISINs;
// not "France24", "Print2Taste") or is a pronoun's contraction ("I'll",
// "I’m"), and rebuilds doc->mention_at. Run after every step that adds
// mentions.
void DropCodeMentions(Doc* doc);
// "Mafiaboss X", "Bischöfe Y", "Dissident Z": an unknown name (no catalogue
// entry) whose first word is a role noun - a compound or plural form the
// rules did not take as a role phrase - starts after it. Run after the name
// tagger, before Resolve.
void TrimRoleHeads(const Catalog& cat, const Lexicon& lex, Doc* doc);
// "Samsung Galaxy", "Apple Watch", "Microsoft Edge": an unknown name right
// after a KB company (one space apart) is its product, no actor: dropped.
void DropProductNames(const Catalog& cat, Doc* doc);

// "zwischen Düren und Eregli": unknown names (no catalogue entry) typed as
// people or not typed, in a German coordinated list (",", "und", "oder",
// "sowie") with at least as many catalogue places as unknown names and no
// catalogue person or organisation, become places (a city, a region when
// of several words). Run after the name tagger, before Resolve.
void ListPlaces(const Catalog& cat, const Lexicon& lex, Doc* doc);

// A word of >= 8 characters with two or more groups of digits, or with
// digits and four or more changes between upper and lower case.
bool CodeLike(std::string_view word);
// A pronoun with a clitic verb: "I'll", "We'd", "They’ve".
bool Contraction(std::string_view word);

// Strips a genitive/possessive ending: "putins" -> "putin", "russia's" ->
// "russia". Returns false when there is none.
bool StripPossessive(const std::string& low, const std::string& lang, std::string* out);

// Lower-case German adjective base: "russischen" -> "russisch" (strips
// -e/-en/-er/-es/-em). Returns the input when nothing applies.
std::string AdjectiveBase(const std::string& low);

}  // namespace kg::ingest
