#include "ingest/mentions.h"

#include "ingest/roles.h"

#include <algorithm>
#include <map>

#include "ingest/text_util.h"

namespace kg::ingest {

bool StripPossessive(const std::string& low, const std::string& lang, std::string* out) {
  auto ends = [&](std::string_view suf) {
    const size_t n = suf.size();
    return low.size() > n + 1 && std::string_view(low).substr(low.size() - n) == suf;
  };
  if (ends("'s")) { *out = low.substr(0, low.size() - 2); return true; }
  if (ends("'")) { *out = low.substr(0, low.size() - 1); return true; }
  if (IsGerman(lang)) {
    if (ends("s") && low.size() > 3) { *out = low.substr(0, low.size() - 1); return true; }
  }
  return false;
}

std::string AdjectiveBase(const std::string& low) {
  for (std::string_view suf : {"en", "er", "es", "em", "e"}) {
    const size_t n = suf.size();
    if (low.size() > n + 3 && std::string_view(low).substr(low.size() - n) == suf)
      return low.substr(0, low.size() - n);
  }
  return low;
}

namespace {

struct Detector {
  const MentionContext& ctx;
  Doc* doc;
  const std::vector<Token>& toks;
  std::unordered_map<std::string, int> lower_seen;  // en: words seen in lower case
  mutable bool weak_type = false;  // set by TypeFromContext: the type is only the fallback

  bool Upper(int i) const { return toks[i].Is(kUpper) || toks[i].Is(kAllCaps); }
  // A role noun, also as the head of a hyphenated compound ("ÖVP-Chef", "US-Präsident").
  bool RoleWord(const std::string& low) const {
    if (ctx.lex->roles.count(low)) return true;
    size_t dash = low.rfind('-');
    return dash != std::string::npos && dash + 1 < low.size() &&
           ctx.lex->roles.count(low.substr(dash + 1));
  }

  // A cue word other than a head noun (prepositions, articles, verbs of saying, ...).
  bool FunctionWord(int k) const {
    return doc->cue[k] & ~(CueBit(CueId::kOrgHead) | CueBit(CueId::kPlaceHead) |
                           CueBit(CueId::kEventHead) | CueBit(CueId::kPersonHead));
  }

  // A preposition that makes the next name a place (skipping det/adjectives).
  // `te` (may be -1): the name's end, for a route "von X nach Y", "über X nach Y".
  bool PlaceContext(int i, int sb, int te = -1) const {
    for (int k = i - 1, steps = 0; k >= sb && steps < 3; --k, ++steps) {
      const std::string& w = toks[k].low;
      if (ctx.lex->CueAny(w, {CueId::kPlacePrep, CueId::kLocationPrep, CueId::kOriginPrep}))
        return true;
      // "bis X", "Richtung X": not for a dictionary word ("bis Ende Juni", "Richtung Norden").
      auto word_at_i = [&] { return ctx.oracle && ctx.oracle->Known(doc->Tok(i)); };
      if (ctx.lex->Cue(w, CueId::kPlaceContext)) return !word_at_i();
      if (w == "von" || w == "vom" || w == "über") {
        // "südlich von X"; a route "von X nach Y" (Y capitalised).
        if (w != "über" && k > sb && doc->CueAt(k - 1, CueId::kPlaceContext)) return !word_at_i();
        if (steps == 0 && te > i && te + 1 < static_cast<int>(toks.size()) && toks[te].low == "nach" &&
            toks[te + 1].Is(kUpper))
          return true;
        return false;
      }
      if (ctx.lex->CueAny(w, {CueId::kDet, CueId::kPlaceNoun})) continue;
      if (!toks[k].Is(kUpper) && toks[k].Is(kWord) && !FunctionWord(k)) continue;  // adjective
      // "to Rome and Amsterdam", "in Perth, Victoria": a second conjunct
      // shares the context of a place matched right before the conjunction
      // or comma.
      // (A comma only inside a list: another comma, a conjunction or a full
      // stop follows the name; "in Graz, Essen ist dort gut" is no list.)
      const bool list_comma =
          toks[k].low == "," && te > i &&
          (te >= static_cast<int>(toks.size()) || toks[te].low == "," || toks[te].low == "." ||
           doc->CueAt(te, CueId::kCoord));
      if (steps == 0 && (doc->CueAt(k, CueId::kCoord) || list_comma) && !doc->mentions.empty()) {
        const MentionSpan& prev = doc->mentions.back();
        if (prev.te == k && prev.tb >= sb &&
            (prev.type == "city" || prev.type == "region" || prev.type == "country"))
          return PlaceContext(prev.tb, sb);
      }
      return false;
    }
    return false;
  }

  // CommonWordUncached per (token, sentence_initial), computed once per article.
  std::vector<int8_t> common_memo;  // bit0: known, bit1: computed; [2*i + sentence_initial]
  bool CommonWord(int i, bool sentence_initial) {
    if (common_memo.empty()) common_memo.assign(2 * toks.size(), 0);
    int8_t& m = common_memo[2 * i + (sentence_initial ? 1 : 0)];
    if (!(m & 2)) m = static_cast<int8_t>(2 | (CommonWordUncached(i, sentence_initial) ? 1 : 0));
    return m & 1;
  }

  bool CommonWordUncached(int i, bool sentence_initial) {
    const std::string& low = toks[i].low;
    const uint64_t h = FlatHash(low);  // one hash for the five word tables
    const Lexicon& lex = *ctx.lex;
    if (lex.stopwords.Contains(low, h)) return true;
    if (lex.months.Contains(low, h) || lex.weekdays.Contains(low, h)) return true;
    if (lex.roles.Contains(low, h) || lex.role_parts.Contains(low, h)) return true;
    if (IsGerman(doc->lang)) {
      // Cheap tests first: long compounds and derivational noun suffixes are
      // common nouns; Hunspell (slow on compounds) only for the rest.
      if (low.size() >= 12 && !toks[i].Is(kAllCaps)) return true;
      static constexpr std::string_view kSuffixes[] = {
          "ung",  "ungen", "heit", "keit",  "schaft", "tion",   "tionen",
          "ität", "ismus", "chen", "nisse", "tum",    "ierung", "ierungen"};
      for (std::string_view suf : kSuffixes) {
        const size_t n = suf.size();
        if (low.size() > n + 3 && std::string_view(low).substr(low.size() - n) == suf) return true;
      }
      if (ctx.oracle && ctx.oracle->Known(doc->Tok(i))) return true;
      return false;
    }
    // English and others: a word also used in lower case in this article, or
    // one the English dictionary knows in lower case, when it stands alone or
    // starts the sentence. Inside a run of capitalised words ("Civic Party",
    // "Grand Mosque", "Bill Ingalls") common words are parts of names.
    const bool alone = sentence_initial || !((i > 0 && toks[i - 1].Is(kWord) && Upper(i - 1)) ||
                                             (i + 1 < static_cast<int>(toks.size()) &&
                                              toks[i + 1].Is(kWord) && Upper(i + 1)));
    if (!alone) return false;
    if (lower_seen.count(low) > 0) return true;
    return ctx.oracle && ctx.oracle->Known(doc->Tok(i));
  }

  // A word that is also a GeoNames name, used as a common noun: after an
  // article or a preposition fused with one ("im Norden", "in der Union"), or
  // heading a genitive or another noun ("Ende September", "Norden Syriens").
  bool NounUse(int i, int n, int sb, int se) const {
    const CueMaskT det = CueBit(CueId::kDet) | CueBit(CueId::kArticlePrep);
    // "in der Lombardei", "aus der Steiermark": a region's name with its article.
    if (i - 1 > sb && doc->CueAt(i - 1, CueId::kDet) &&
        doc->CueAnyAt(i - 2, {CueId::kPlacePrep, CueId::kLocationPrep, CueId::kOriginPrep}))
      return false;
    if (i > sb && (doc->cue[i - 1] & det)) return true;
    const int e = i + n;
    return e < se &&
           ((toks[e].Is(kWord) && toks[e].Is(kUpper)) || (doc->cue[e] & CueBit(CueId::kDet)));
  }

  bool SingularDemonym(int i, int sb) const {
    const std::string& w = toks[i].low;
    // "vieler Österreicher", "many Americans": people counted, not the state.
    if (i > sb) {
      const std::string& q = toks[i - 1].low;
      for (std::string_view x : {"viele", "vieler", "vielen", "einige", "einiger", "mehrere", "mehrerer", "zahlreiche",
                                 "zahlreicher", "tausende", "hunderte", "many", "some", "several", "most"})
        if (q == x) return true;
    }
    if (IsGerman(doc->lang)) {
      if (w.size() > 4 && w.compare(w.size() - 2, 2, "in") == 0) return true;  // Italienerin
      for (int k = i - 1; k >= sb && k >= i - 3; --k) {
        const std::string& d = toks[k].low;
        if (d == "der" || d == "ein" || d == "eines" || d == "einem" || d == "einen" || d == "dem" ||
            d == "des" || d == "jeder" || d == "einer")
          // "der Russen" is a genitive plural: the nation.
          return !(d == "der" && w.size() > 2 && w.compare(w.size() - 2, 2, "en") == 0);
        if (toks[k].Is(kUpper) || !toks[k].Is(kWord)) break;  // only adjectives between
      }
      return false;
    }
    return i > sb && (toks[i - 1].low == "a" || toks[i - 1].low == "an");
  }

  // `capital`: the same surface is also a government metonym (the city is a
  // country's capital or seat).
  bool AcceptEntry(const SurfaceEntry& e, int i, int n, int sb, int se, bool capital) {
    const Catalog& cat = *ctx.cat;
    std::string_view surf = doc->text.substr(toks[i].start, toks[i + n - 1].end - toks[i].start);
    bool caps = true;
    for (size_t k = 0; k < surf.size(); ++k)
      if (surf[k] >= 'a' && surf[k] <= 'z') caps = false;
    // An abbreviation given for one language ("VP" for the ÖVP in German,
    // a vice-president in English) only in articles of that language.
    const bool other_lang = !e.lang.empty() && e.lang != (IsGerman(doc->lang) ? "de" : "en");
    switch (e.kind) {
      case Surface::kAdjective: return false;

      case Surface::kAbbrev: return caps && !other_lang;
      case Surface::kAmbiguous: return caps && !other_lang && i > sb && !AllCapsSentence(sb);
      case Surface::kWeakCity:  // no article before a town's name ("in der Bar")
        return PlaceContext(i, sb, i + n) && !NounUse(i, n, sb, se) && !(i > sb && doc->CueAt(i - 1, CueId::kDet));
      default: break;
    }
    if (!Upper(i)) return false;
    const EntityInfo& info = cat.entity(e.entity);
    // A single-word gazetteer place that is also a common word needs a place
    // context and no noun use. Not so a capital ("in Berlin Freunde", "in
    // Paris den Präsidenten"): dictionaries know those names, and resolve
    // weighs the city against the country's metonym.
    const std::string_view type = info.type;
    if (n == 1 && !info.from_kb && (type == "city" || type == "region") && !capital) {
      // A town's name is no common noun with an article: "in der Bar" is a
      // bar (regions and countries take one: "in der Lombardei").
      if (CommonWord(i, i == sb) && (!PlaceContext(i, sb, i + n) || NounUse(i, n, sb, se) ||
                                     (type == "city" && i > sb && doc->CueAt(i - 1, CueId::kDet))))
        return false;
      // A one-word subdivision inside a run of capitalised words is part of
      // another name ("Paulo Miranda", "Othmar Karas"); so is a town's name
      // after a given name or before a name-like word ("Hans Sima").
      if (type == "region" && (NameNeighbour(i - 1, sb, se) || NameNeighbour(i + 1, sb, se)))
        return false;
      if (type == "city" && ((i - 1 > sb && ctx.lex->first_names.Contains(toks[i - 1].low)) ||
                             NameLike(i - 1, sb, se) || NameLike(i + 1, sb, se)))
        return false;

    }
    // English: a town's or state's name before a capitalised head noun (or
    // a word and a head noun) names a facility or body ("Adler Planetarium",
    // "Volgograd Arena", "California Science Center").
    if (n == 1 && !IsGerman(doc->lang) && (type == "city" || type == "region") && !capital) {
      auto head = [&](int k) {
        return k < se && toks[k].Is(kWord) && Upper(k) &&
               (HeadCue(toks[k].low) & (CueBit(CueId::kPlaceHead) | CueBit(CueId::kOrgHead)));
      };
      if (head(i + 1) || (i + 2 < se && toks[i + 1].Is(kWord) && Upper(i + 1) && !RoleWord(toks[i + 1].low) &&
                          doc->cue[i + 1] == 0 && head(i + 2)))
        return false;
    }
    if (n == 1 && e.kind == Surface::kSurname && ctx.lex->stopwords.count(toks[i].low)) return false;
    // One word of a person's name next to another name-like word belongs to
    // another name: "Dan Sova" is not Nicușor Dan, "Wong Kwok-hing" not Penny
    // Wong.
    if (n == 1 && type == "person" && (NameLike(i - 1, sb, se) || NameLike(i + 1, sb, se)))
      return false;
    return true;
  }

  // Token k is a capitalised word that may be part of a name: not a cue word,
  // role noun or common word, and not sentence-initial.
  bool NameLike(int k, int sb, int se) {
    if (k < sb || k >= se || !toks[k].Is(kWord) || !Upper(k) || doc->cue[k] != 0) return false;
    if (ctx.lex->first_names.Contains(toks[k].low)) return true;  // "Eva Lindner"
    return k > sb && !RoleWord(toks[k].low) && !HeadCue(toks[k].low) && !CommonWord(k, false);
  }

  // Token k is a capitalised word that is neither sentence-initial nor a cue word.
  bool NameNeighbour(int k, int sb, int se) const {
    return k > sb && k < se && toks[k].Is(kWord) && Upper(k) && doc->cue[k] == 0;
  }

  bool AllCapsSentence(int sb) const {
    int words = 0, caps = 0;
    for (int k = sb; k < static_cast<int>(toks.size()) && k < sb + 8; ++k)
      if (toks[k].Is(kWord)) { ++words; if (toks[k].Is(kAllCaps)) ++caps; }
    return words >= 3 && caps == words;
  }

  // Longest catalog match starting at token i (within [i, se)).
  int adj_len = 0;  // set by Match: length of an adjective-only match at i
  int adj_entity = -1;

  bool Match(int i, int sb, int se, MentionSpan* out) {
    adj_len = 0;
    adj_entity = -1;
    const uint64_t h0 = FlatHash(toks[i].low);  // for every lookup of toks[i].low
    bool maybe = ctx.cat->MaybeFirst(toks[i].low, h0);
    if (!maybe && IsGerman(doc->lang) && (i + 1 >= se || !toks[i + 1].Is(kUpper))) {
      std::string stripped;
      if (!StripPossessive(toks[i].low, doc->lang, &stripped) || !ctx.cat->MaybeFirst(stripped)) return false;
    }
    int maxn = maybe ? std::min(std::max(1, ctx.cat->MaxTokensFrom(toks[i].low, h0)), se - i) : 1;
    std::vector<std::string> stems;
    if (maxn == 1 && se - i >= 2 && ctx.stemmer && toks[i + 1].Is(kUpper)) {
      // Inflected first word of a multi-word name: "Vereinigten Staaten".
      stems.push_back(doc->StemOf(i, *ctx.stemmer));
      if (ctx.cat->IsStemFirst(stems[0])) maxn = std::min(4, se - i);
      else stems.push_back(std::string());
    }
    std::vector<std::string> keys(maxn + 1);
    for (int n = 1; n <= maxn; ++n) {
      keys[n] = n == 1 ? toks[i].low : keys[n - 1] + " " + toks[i + n - 1].low;
    }
    const bool role_first = maxn >= 2 && ctx.lex->roles.Contains(toks[i].low, h0);
    for (int n = maxn; n >= 1; --n) {
      // "President Xi" in the KB: leave the role word to the role-phrase rules.
      if (n >= 2 && role_first) continue;
      const std::vector<SurfaceEntry>* v =
          n == 1 ? ctx.cat->Lookup(keys[1], h0) : ctx.cat->Lookup(keys[n]);
      if (!v && n == 1 && IsGerman(doc->lang) && toks[i].Is(kUpper) && i == sb) {
        // Sentence-initial inflected adjective: "Russische Truppen ...".
        const auto* a = ctx.cat->Lookup(AdjectiveBase(toks[i].low));
        if (a)
          for (const auto& e : *a)
            if (e.kind == Surface::kAdjective) {
              adj_len = 1;
              adj_entity = e.entity;
            }
      }
      bool poss = false;
      std::vector<SurfaceEntry> tmp;
      if (!v && toks[i + n - 1].Is(kUpper)) {
        std::string stripped;
        if (StripPossessive(toks[i + n - 1].low, doc->lang, &stripped)) {
          std::string k2 = n == 1 ? stripped : keys[n - 1] + " " + stripped;
          v = ctx.cat->Lookup(k2);
          poss = v != nullptr;
        }
      }
      if (!v && n >= 2 && n <= 4 && ctx.stemmer) {
        if (stems.empty()) {
          stems.push_back(doc->StemOf(i, *ctx.stemmer));
          if (!ctx.cat->IsStemFirst(stems[0])) stems.push_back(std::string());  // marker: no stem keys
        }
        if (stems.size() == 1 || !stems[1].empty()) {
          while (static_cast<int>(stems.size()) < n)
            stems.push_back(doc->StemOf(i + static_cast<int>(stems.size()), *ctx.stemmer));
          std::string sk;
          for (int k = 0; k < n; ++k) {
            if (k) sk += ' ';
            sk += stems[k];
          }
          v = ctx.cat->LookupStem(sk);
        }
      }
      if (!v) continue;
      std::vector<const SurfaceEntry*> ok;
      bool adjective = false;
      const bool capital = std::any_of(
          v->begin(), v->end(), [](const SurfaceEntry& e) { return e.kind == Surface::kMetonym; });
      for (const auto& e : *v) {
        if (AcceptEntry(e, i, n, sb, se, capital))
          ok.push_back(&e);
        else if (e.kind == Surface::kAdjective) {
          adjective = true;
          adj_entity = e.entity;
        }
      }
      if (ok.empty()) {
        if (adjective && n > adj_len) adj_len = n;
        continue;
      }
      out->tb = i;
      out->te = i + n;
      out->possessive = poss;
      out->cands.clear();
      out->cand_kinds.clear();
      for (auto* e : ok) {
        out->cands.push_back(e->entity);
        out->cand_kinds.push_back(e->kind);
      }
      // Preferred candidate: curated first, names before derived forms,
      // countries before cities (metonyms are settled in resolve).
      auto rank = [&](const SurfaceEntry* e) {
        const EntityInfo& info = ctx.cat->entity(e->entity);
        int r = 0;
        if (!info.from_kb) r += 10;
        if (e->kind == Surface::kSurname) r += 5;
        if (e->kind == Surface::kWeakCity) r += 20;
        if (std::string_view(info.type) == "city") r += 2;
        return r;
      };
      const SurfaceEntry* best = *std::min_element(ok.begin(), ok.end(),
          [&](auto* a, auto* b) { return rank(a) < rank(b); });
      out->cat = best->entity;
      out->kind = best->kind;
      out->type = ctx.cat->entity(best->entity).type;
      out->key = keys[n];
      out->common_word = n == 1 && CommonWord(i, i == sb);
      return true;
    }
    return false;
  }

  // Lower-case KB phrases ("westliche Staaten", "internationalen Gemeinschaft"):
  // the longest exact or stemmed match of entries marked `lower`.
  bool MatchLower(int i, int se, MentionSpan* out) {
    if (i + 1 >= se || !toks[i + 1].Is(kWord)) return false;
    // Exact forms start with a known first token; inflected ones ("westlichen
    // Staaten") are looked up by stems, only when the first stem can start one.
    const bool exact = ctx.cat->IsLowerFirst(toks[i].low);
    // (Articles and other cue words only start exact forms: "der Westen".)
    const bool stems =
        ctx.stemmer && !FunctionWord(i) && ctx.cat->IsStemFirst(doc->StemOf(i, *ctx.stemmer));
    if (!exact && !stems) return false;
    const int maxn = std::min(stems ? 4 : ctx.cat->MaxTokensFrom(toks[i].low), se - i);
    for (int n = maxn; n >= 2; --n) {
      std::string key;
      const std::vector<SurfaceEntry>* v = nullptr;
      if (exact) {
        key = toks[i].low;
        for (int k = i + 1; k < i + n; ++k) key += " " + toks[k].low;
        v = ctx.cat->Lookup(key);
      }
      if (!v && stems) {
        key.clear();
        for (int k = i; k < i + n; ++k) key += (k > i ? " " : "") + doc->StemOf(k, *ctx.stemmer);
        v = ctx.cat->LookupStem(key);
      }
      if (!v) continue;
      for (const auto& e : *v) {
        if (!e.lower) continue;
        out->tb = i;
        out->te = i + n;
        out->cat = e.entity;
        out->cands = {e.entity};
        out->kind = e.kind;
        out->type = ctx.cat->entity(e.entity).type;
        out->key = key;
        return true;
      }
    }
    return false;
  }

  // "G7-Staaten", "EU-Länder", "US-Regierung", "Nato-Truppen": an actor prefix with a
  // generic collective head (cue kind actor_head) stands for the actor itself.
  bool HyphenActor(int i, MentionSpan* out) {
    const std::string& low = toks[i].low;
    size_t dash = low.rfind('-');
    if (dash == std::string::npos || dash == 0 || dash + 1 >= low.size()) return false;
    if (!ctx.lex->Cue(low.substr(dash + 1), CueId::kActorHead)) return false;
    if (ctx.lex->institutions.count(low.substr(dash + 1))) return false;  // institutions.cpp
    const auto* v = ctx.cat->Lookup(low.substr(0, dash));
    if (!v) return false;
    for (const auto& e : *v) {
      const std::string& ty = ctx.cat->entity(e.entity).type;
      if (ty != "country" && ty != "organization" && ty != "group") continue;
      out->tb = i;
      out->te = i + 1;
      out->cat = e.entity;
      out->cands = {e.entity};
      out->kind = Surface::kName;
      out->type = ty;
      out->key = low;
      return true;
    }
    return false;
  }

  // "al-Kaduli": a lower-case Arabic article, a hyphen, a capitalised name.
  bool ArticlePrefixed(int k) const {
    const std::string_view s = doc->Tok(k);
    const size_t dash = s.find('-');
    if (dash == std::string_view::npos || dash < 2 || dash > 3 || dash + 1 >= s.size()) return false;
    static constexpr std::string_view kArticles[] = {"al", "el", "ad", "ar", "as", "at", "az",
                                                     "an", "ash", "ed", "en", "es", "ul"};
    const std::string_view art = s.substr(0, dash);
    if (std::find(std::begin(kArticles), std::end(kArticles), art) == std::end(kArticles)) return false;
    const unsigned char c = static_cast<unsigned char>(s[dash + 1]);
    return (c >= 'A' && c <= 'Z') || c == 0xC3;  // ASCII capital or a Latin-1 letter (Ö, É)
  }

  bool NameParticle(const std::string& low) const {
    static const std::unordered_set<std::string> k = {"von", "van", "de", "da", "del", "al", "bin",
                                                      "ibn", "el", "di", "du", "la", "le", "zu"};
    return k.count(low) > 0;
  }

  // A catalogue alias that opens with a description ("Nachrichtenagentur
  // AFP", "staatliche Nachrichtenagentur Tass", "Pharmakonzern Bayer"): the
  // mention is the name after it (the match and its entity stay). Leading
  // lower-case words and organisation head nouns are cut when what follows
  // is itself a surface of the entity. The tokens stay taken by the caller.
  void TrimHeadWords(MentionSpan* m) const {
    if (m->cat < 0 || m->te - m->tb < 2) return;
    const std::string name = " " + Lower(ctx.cat->entity(m->cat).name) + " ";
    auto in_name = [&](int t) {
      return name.find(" " + toks[t].low + " ") != std::string::npos ||
             name.find(" " + toks[t].low + "-") != std::string::npos;
    };
    int k = m->tb;  // "Bank" of "Bank Austria" is the name's own word
    while (k < m->te - 1 && !in_name(k) && (!toks[k].Is(kUpper) || (HeadCue(toks[k].low) & CueBit(CueId::kOrgHead))))
      ++k;
    if (k == m->tb || !in_name(k)) return;
    // ... and only when the rest alone names the same entity ("AFP"; not
    // "Wien" of "Polizei Wien").
    std::string rest;
    for (int t = k; t < m->te; ++t) rest += (t > k ? " " : "") + toks[t].low;
    const auto* v = ctx.cat->Lookup(rest);
    if (!v || std::none_of(v->begin(), v->end(), [&](const SurfaceEntry& e) { return e.entity == m->cat; })) return;
    m->tb = k;
  }

  // German parts of a country or region named by a compass prefix:
  // "Ostukraine", "Südwestdeutschland", "Zentralafrika", "Nordsyriens" (a
  // region named as written, the genitive "s" dropped). The rest must be a
  // catalogue country or region under its name.
  void CompassRegions(int s, int sb, int se, std::vector<char>* taken) {
    static constexpr std::string_view kPrefixes[] = {
        "nordost", "nordwest", "südost", "südwest", "nord", "süd", "ost", "west", "zentral", "mittel"};
    for (int t = sb; t < se; ++t) {
      if ((*taken)[t] || !toks[t].Is(kWord) || !Upper(t) || toks[t].Is(kAllCaps)) continue;
      const std::string& low = toks[t].low;
      for (std::string_view p : kPrefixes) {
        if (low.size() < p.size() + 4 || low.compare(0, p.size(), p) != 0) continue;
        std::string rest = low.substr(p.size());
        if (!rest.empty() && rest[0] == '-') rest = rest.substr(1);
        const auto* v = ctx.cat->Lookup(rest);
        std::string stripped;
        bool genitive = false;
        if (!v && StripPossessive(rest, doc->lang, &stripped)) {
          v = ctx.cat->Lookup(stripped);
          genitive = v != nullptr;
        }
        int place = -1;
        for (size_t n = 0; v && n < v->size() && place < 0; ++n) {
          const EntityInfo& e = ctx.cat->entity((*v)[n].entity);
          if ((*v)[n].kind == Surface::kName && (e.type == "country" || e.type == "region")) place = (*v)[n].entity;
        }
        if (place < 0) break;
        std::string name(doc->Tok(t));
        if (genitive && name.back() == 's') name.pop_back();
        MentionSpan m;
        m.tb = t;
        m.te = t + 1;
        m.sentence = s;
        m.surface = std::string(doc->Tok(t));
        m.key = Lower(name);
        m.type = "region";
        m.fixed_name = name;
        m.fixed_id = "region/" + Slug(name);
        m.scope = place;
        (*taken)[t] = 1;
        doc->mentions.push_back(std::move(m));
        break;
      }
    }
  }

  // German events named with their year: a compound on an event head noun
  // (…wahl, …gipfel, …spiele) followed by a year or "im Jahr" and a year:
  // "Bundespräsidentenwahl 2016", "Salzburger Landtagswahl 2013" (with a
  // place's demonym before), "Landtagswahlen im Jahr 2013" (-> "Landtagswahl
  // 2013"). A bare head ("die Wahl 2016") names no event.
  void YearEvents(int s, int sb, int se, std::vector<char>* taken) {
    auto year_at = [&](int t) {
      if (t >= se || (*taken)[t]) return false;
      const std::string_view w = doc->Tok(t);
      return w.size() == 4 && (w.substr(0, 2) == "19" || w.substr(0, 2) == "20") &&
             std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    for (int t = sb; t < se; ++t) {
      if ((*taken)[t] || !toks[t].Is(kWord) || !Upper(t)) continue;
      if (!year_at(t + 1) && !(t + 1 < se && toks[t + 1].low == "im")) continue;  // cheap test first
      const std::string& low = toks[t].low;
      // A compound whose first part has four bytes or more ("Landtagswahl",
      // "Wien-Wahl"; not "Abwahl" or a plural "Festivals").
      bool compound = false;
      for (size_t p = 4; p + 4 <= low.size() && !compound; ++p) {
        if ((static_cast<unsigned char>(low[p]) & 0xC0) == 0x80) continue;
        compound = ctx.lex->CueMask(low.substr(p)) & CueBit(CueId::kEventHead);
      }
      if (!compound) continue;
      int y = -1;
      if (year_at(t + 1)) y = t + 1;
      else if (t + 3 < se && toks[t + 1].low == "im" && toks[t + 2].low == "jahr" && year_at(t + 3)) y = t + 3;
      if (y < 0) continue;
      int b = t;
      std::string name;
      if (t > sb && !(*taken)[t - 1] && toks[t - 1].Is(kWord) && Upper(t - 1)) {
        const std::string& a = toks[t - 1].low;
        if (a.size() > 4 && a.compare(a.size() - 2, 2, "er") == 0 && ctx.cat->Lookup(a.substr(0, a.size() - 2))) {
          b = t - 1;
          name = std::string(doc->Tok(t - 1)) + " ";
        }
      }
      std::string head(doc->Tok(t));
      if (head.size() > 6 && head.compare(head.size() - 6, 6, "wahlen") == 0) head.resize(head.size() - 2);
      name += head + " " + std::string(doc->Tok(y));
      MentionSpan m;
      m.tb = b;
      m.te = y + 1;
      m.sentence = s;
      m.surface = std::string(doc->text.substr(toks[b].start, toks[y].end - toks[b].start));
      m.key = Lower(name);
      m.type = "event";
      m.fixed_name = name;
      m.fixed_id = "event/" + Slug(name);
      for (int k = b; k <= y; ++k) (*taken)[k] = 1;
      doc->mentions.push_back(std::move(m));
      t = y;
    }
  }

  // A German word that may be an inflected adjective (-e, -en, -es, -em) or
  // a place's demonym ("Hamburger": -er after a catalogue name); an agent
  // noun in -er ("Hacker", "Sprecher") is neither.
  bool AdjectiveLike(const std::string& w) const {
    const size_t n = w.size();
    // An inflected adjective is a lower-case dictionary word ("neuen");
    // a noun is not ("Zonen", "Lage").
    auto lower_word = [&] { return !ctx.oracle || ctx.oracle->Known(w); };
    if (n >= 1 && w[n - 1] == 'e') return lower_word();
    if (n < 2 || w[n - 2] != 'e') return false;
    if (w[n - 1] == 'n' || w[n - 1] == 's' || w[n - 1] == 'm') return lower_word();
    return w[n - 1] == 'r' && n > 4 && ctx.cat && ctx.cat->Lookup(w.substr(0, n - 2)) != nullptr;
  }

  // Unknown capitalised run starting at i; returns its end (exclusive) or i.
  int UnknownRun(int i, int sb, int se, const std::vector<char>& taken) {
    // "K.C" of "K.C. Maurer": initials, not a name of their own.
    if (doc->Tok(i).size() <= 5 && doc->Tok(i).find('.') != std::string_view::npos &&
        toks[i].Is(kAllCaps))
      return i;
    int j = i;
    int unknown = 0;
    bool after_given = false;  // the previous word is a listed given name
    bool any_given = false;    // the run holds a listed given name
    // German: a run right after an article or a possessive ("seinen Freund
    // Matthew Williams", "einem Zuspiel von X") starts with a common noun.
    bool noun_slot = false;
    if (IsGerman(doc->lang)) {
      int k = i - 1;  // over adjectives: "dem rumänischen Hacker X"
      while (k > sb && toks[k].Is(kWord) && !Upper(k) && !FunctionWord(k) && i - k <= 3) --k;
      noun_slot = k >= sb && (doc->cue[k] & (CueBit(CueId::kDet) | CueBit(CueId::kPossessive) |
                                              CueBit(CueId::kArticlePrep)));
    }
    while (j < se && !taken[j]) {
      const Token& t = toks[j];
      // "St. Margarethen", "Ste. Marie": a saint's abbreviation joins the next word.
      if ((t.low == "st" || t.low == "ste") && Upper(j) && j + 2 < se && toks[j + 1].low == "." &&
          !taken[j + 1] && !taken[j + 2] && toks[j + 2].Is(kWord) && Upper(j + 2)) {
        j += 2;
        ++unknown;
        continue;
      }
      // English: a possessive ends a name ("DAB's | Ben Chan", "Party's | X").
      if (j > i && !IsGerman(doc->lang)) {
        std::string stripped;
        if (StripPossessive(toks[j - 1].low, doc->lang, &stripped)) break;
      }
      if (t.Is(kWord) && Upper(j) && !HasDigit(doc->Tok(j))) {
        bool common = CommonWord(j, j == sb);
        // A listed given name before another capitalised word starts a name,
        // and the word after it is the surname even when it is a common noun
        // ("Helmut Kohl").
        if (!common || after_given || ctx.lex->first_names.Contains(t.low)) {
          const bool plain = !RoleWord(t.low) && !ctx.lex->stopwords.count(t.low) &&
                             !FunctionWord(j) && !HeadCue(t.low);
          if (after_given && common && plain) {
            after_given = false;
            ++unknown;
            ++j;
            continue;
          }
          if (ctx.lex->first_names.Contains(t.low) && plain && j + 1 < se && !taken[j + 1] &&
              toks[j + 1].Is(kWord) && toks[j + 1].Is(kUpper) && !HasDigit(doc->Tok(j + 1))) {
            after_given = true;
            any_given = true;
            ++unknown;
            ++j;
            continue;
          }
          after_given = false;
        }
        // Long words count as compounds without asking Hunspell (speed), but right
        // after a first name a long unknown word is a surname ("Vollmannsberger").
        if (common && unknown > 0 && j > i && IsGerman(doc->lang) && t.low.size() >= 12 &&
            ctx.oracle && !ctx.lex->stopwords.count(t.low) && !HeadCue(t.low) &&
            !ctx.oracle->Known(doc->Tok(j)))
          common = false;
        // A head noun after a name's first words ends it: "Civic Party",
        // "Supreme Court", "Grand Mosque".
        if (common && unknown > 0 && !IsGerman(doc->lang) && HeadCue(t.low) &&
            !RoleWord(t.low)) {
          ++j;
          continue;
        }
        if (common) {
          // A known word may start a name only when an unknown one follows ("Markus
          // Kuster"), but a head noun in apposition ("Fernsehsender Rossija": the name
          // is Rossija, typed by its head) or a long compound never does.
          // English sentence start: only before a head noun ("Reform Party's X said").
          const bool head_next = !IsGerman(doc->lang) && j + 1 < se && toks[j + 1].Is(kWord) &&
                                 (HeadCue(toks[j + 1].low) & CueBit(CueId::kOrgHead)) &&
                                 !RoleWord(toks[j + 1].low);
          // After an article or a possessive a known word is a common noun in
          // apposition ("vom Berg Lusen", "im Fall X"), unless it may be an
          // inflected adjective or a demonym ("der Neue Markt", "der Hamburger SV").
          const bool apposition_noun = noun_slot && j == i && !AdjectiveLike(t.low);
          // Nor before a given name: "der Wiener Alexander Peya".
          auto given_next = [&] {
            return ctx.lex->first_names.Contains(toks[j + 1].low) ||
                   (ctx.oracle && ctx.oracle->Name(doc->Tok(j + 1)));
          };
          if (!apposition_noun && j + 1 < se && !taken[j + 1] && toks[j + 1].Is(kUpper) &&
              !CommonWord(j + 1, false) && !given_next() &&
              !RoleWord(t.low) && !ctx.lex->stopwords.count(t.low) &&
              !ctx.lex->ordinal_nouns.Contains(t.low) &&  // "in der 80. Minute Milos Jojic"
              ((j > sb && !FunctionWord(j)) || head_next) && t.low.size() < 10 && !HeadCue(t.low)) {
            ++j;
            continue;
          }
          break;
        }
        ++unknown;
        ++j;
        continue;
      }
      // Arabic article prefixes: "al-Kaduli", "el-Sisi", "ash-Shishani".
      if (t.Is(kWord) && !Upper(j) && ArticlePrefixed(j)) {
        ++unknown;
        ++j;
        continue;
      }
      // "von"/"zu" join a noble name ("Ursula von der Leyen"), not a noun
      // phrase and the name after it ("einem Zuspiel von Wayne Rooney").
      if (NameParticle(t.low) && j > i && j + 1 < se && toks[j + 1].Is(kUpper) && !taken[j + 1] &&
          !(noun_slot && !any_given)) {
        ++j;
        continue;
      }
      break;
    }
    while (j > i && !toks[j - 1].Is(kUpper) && !ArticlePrefixed(j - 1)) --j;  // no trailing particle
    if (unknown == 0) return i;
    // After a role noun or title, a known word may still be the surname:
    // "Ministerin Johanna Quellbach", "Kanzler Olaf Schneider".
    if (j < se && !taken[j] && toks[j].Is(kUpper) && toks[j].Is(kWord) && !HasDigit(doc->Tok(j)) &&
        !ctx.lex->roles.count(toks[j].low) && !ctx.lex->stopwords.count(toks[j].low) &&
        !FunctionWord(j) && (j + 1 >= se || !toks[j + 1].Is(kUpper))) {
      bool role_before = false;
      for (int k = i - 1; k >= sb && k >= i - 3; --k)
        if (RoleWord(toks[k].low)) role_before = true;
      if (role_before) ++j;
    }
    // Sentence-initial single unknown word in English: too weak alone.
    if (j == i + 1 && i == sb && !IsGerman(doc->lang) && !toks[i].Is(kAllCaps)) return i;
    // German: one word after an indefinite article is a noun ("nach einem
    // Zuspiel"), not a name.
    if (j == i + 1 && noun_slot && !toks[i].Is(kAllCaps)) {
      static constexpr std::string_view kIndef[] = {"ein", "eine", "einem", "einen", "einer", "eines",
                                                    "kein", "keine", "keinem", "keinen", "keiner", "keines"};
      for (std::string_view a : kIndef)
        if (toks[i - 1].low == a) return i;
    }
    return j;
  }

  // English organisation names built on "of"/"for": "University of Southern
  // Indiana", "Museum of Flight", "Andy Warhol Foundation for the Visual Arts":
  // up to three capitalised words ending in an organisation head noun (not an
  // institution word: "Government of Canada" stays the country's government),
  // "of"/"for", an optional "the" and capitalised words (joined by "and").
  // Returns the end of the name, or i when there is none.
  int OrgOfName(int i, int se, const std::vector<char>& taken) const {
    if (IsGerman(doc->lang)) return i;
    if (ctx.lex->stopwords.Contains(toks[i].low) || doc->CueAt(i, CueId::kDet)) return i;
    int h = i;
    while (h < se && h < i + 3 && !taken[h] && toks[h].Is(kWord) && Upper(h) &&
           !(HeadCue(toks[h].low) & CueBit(CueId::kOrgHead)))
      ++h;
    if (h + 2 >= se || taken[h] || !toks[h].Is(kWord) || !Upper(h) || toks[h].Is(kAllCaps) ||
        !(ctx.lex->CueMask(toks[h].low) & CueBit(CueId::kOrgHead)) || RoleWord(toks[h].low) ||
        ctx.lex->institutions.Find(toks[h].low))
      return i;
    int j = h + 1;
    if (toks[j].low != "of" && toks[j].low != "for") return i;
    ++j;
    if (j < se && toks[j].low == "the") ++j;
    int k = j;
    auto cap = [&](int t) {
      return t < se && !taken[t] && toks[t].Is(kWord) && Upper(t) && !HasDigit(doc->Tok(t)) &&
             !ctx.lex->stopwords.Contains(toks[t].low) && !RoleWord(toks[t].low);
    };
    // A given name starts the next name ("University of Texas Amy Jones said").
    auto run = [&](int t, int max_end) {
      while (cap(t) && t < max_end &&
             !(t > j && ctx.lex->first_names.Contains(toks[t].low) && cap(t + 1)))
        ++t;
      return t;
    };
    k = run(k, j + 5);
    // "Health and Human Services" joins; "Technology and Colorado State
    // University" is a second organisation (its own head noun).
    while (k > j && k + 1 < se && (toks[k].low == "and" || toks[k].low == "&") && cap(k + 1)) {
      const int e = run(k + 1, k + 5);
      bool head = false;
      for (int t = k + 1; t < e; ++t) head = head || (HeadCue(toks[t].low) & CueBit(CueId::kOrgHead));
      if (head) break;
      k = e;
    }
    return k > j ? k : i;
  }

  // English names of organisations and facilities that end in a head noun
  // and hold words of any kind before it: "Evergreen Aviation & Space
  // Museum", "Washington Dulles International Airport", "U.S. Environmental
  // Protection Agency", "Launch Pad 39A", "Metro Toronto Convention Centre".
  // A run of capitalised words, "U.S."-style initials, "&" and "and" between
  // capitalised words (at most 8 tokens, places inside it belong to the name)
  // whose last org/place head noun is not its first word; then an optional
  // code ("39A") and an "of"/"for" tail as in OrgOfName. Institution words
  // (Ministry, Government) stay with the institution rules. Returns the end
  // of the name, or i when there is none.
  int HeadedName(int i, int se, const std::vector<char>& taken) const {
    if (IsGerman(doc->lang)) return i;
    auto initials = [&](int t) {  // "U.S.", "U.K" (the tokeniser may keep the last dot apart)
      const std::string_view w = doc->Tok(t);
      if (w.size() < 3) return false;
      for (size_t k = 0; k < w.size(); ++k)
        if (k % 2 == 0 ? !(w[k] >= 'A' && w[k] <= 'Z') : w[k] != '.') return false;
      return true;
    };
    // "New" before another capitalised word opens names ("New Zealand Herald").
    auto opens_name = [&](int t) {
      return toks[t].low == "new" && t + 1 < se && toks[t + 1].Is(kWord) && Upper(t + 1);
    };
    // "A&M": a capital letter joined to "&".
    auto amp_letter = [&](int t) {
      if (doc->Tok(t).size() != 1 || !toks[t].Is(kUpper)) return false;
      return (t + 1 < se && toks[t + 1].low == "&" && toks[t + 1].start == toks[t].end) ||
             (t > 0 && toks[t - 1].low == "&" && toks[t - 1].end == toks[t].start);
    };
    auto cap = [&](int t) {
      return t < se && !taken[t] && ((toks[t].Is(kWord) && Upper(t) && !RoleWord(toks[t].low) &&
                                      (!ctx.lex->stopwords.Contains(toks[t].low) || opens_name(t) || amp_letter(t))) ||
                                     initials(t));
    };
    // "Mecca's Grand Mosque", "Saudi Arabia's Civil Defense Authority": a
    // possessive ends the owner's name; only the possessives of plural
    // group nouns stand inside names ("People's Party", "Children's Hospital").
    auto known_possessive = [&](int t) {
      std::string stripped;
      if (!StripPossessive(toks[t].low, doc->lang, &stripped)) return false;
      return !(stripped == "people" || stripped == "children" || stripped == "women" || stripped == "men" ||
               (stripped.size() > 3 && stripped.back() == 's' && toks[t].low.back() == '\''));
    };
    if (!cap(i) || doc->CueAt(i, CueId::kDet) || known_possessive(i)) return i;
    int j = i + 1;
    while (j < se && j < i + 8) {
      if (cap(j) && !known_possessive(j)) {
        ++j;
      } else if (toks[j].low == "." && initials(j - 1) && toks[j].start == toks[j - 1].end) {
        ++j;  // "U.S" "."
      } else if ((toks[j].low == "&" || toks[j].low == "and") && cap(j - 1) && cap(j + 1)) {
        j += 2;
      } else {
        break;
      }
    }
    constexpr CueMaskT kHeads = CueBit(CueId::kOrgHead) | CueBit(CueId::kPlaceHead) | CueBit(CueId::kEventHead);
    int h = -1;
    for (int t = i + 1; t < j; ++t)
      if (toks[t].Is(kWord) && !toks[t].Is(kAllCaps) && (ctx.lex->CueMask(toks[t].low) & kHeads)) h = t;
    // The head ends the run ("Kennedy Space Center Visitor Complex" is a run
    // of the unknown-name rules, not a name ending at "Center").
    if (h < 0 || h != j - 1 || ctx.lex->institutions.Find(toks[h].low)) return i;
    // The words before the head: at least one that is no head noun itself.
    bool other = false;
    for (int t = i; t < h; ++t) other |= !(ctx.lex->CueMask(toks[t].low) & kHeads);
    if (!other) return i;
    int e = h + 1;
    if (e < se && !taken[e] && HasDigit(doc->Tok(e)) && doc->Tok(e).size() <= 4 && toks[e].start == toks[e - 1].end + 1)
      ++e;  // "Launch Pad 39A"
    // "... Museum of Art", "... Centre for Control of X": an of/for tail; a
    // second name with its own head after "and" is not part of it.
    if (e + 1 < se && (toks[e].low == "of" || toks[e].low == "for")) {
      int k = e + 1;
      if (k < se && toks[k].low == "the") ++k;
      int t = k;
      while (t < se && t < k + 5) {
        if (cap(t) || (toks[t].low == "of" && t > k && cap(t + 1)) ||
            (toks[t].low == "." && t > k && initials(t - 1) && toks[t].start == toks[t - 1].end && cap(t + 1))) {
          ++t;
          continue;
        }
        if (toks[t].low == "and" && t > k && cap(t + 1)) {
          bool head = false;
          for (int u = t + 1; u < se && u < t + 5 && cap(u); ++u)
            head |= (ctx.lex->CueMask(toks[u].low) & kHeads) != 0;
          if (head) break;
          ++t;
          continue;
        }
        break;
      }
      // A lone place after "of" names where the institution is ("Museum of
      // McMinnville"), except for schools and banks ("University of Chicago").
      bool lone_place = false;
      if (t == k + 1) {
        const auto* v = ctx.cat->Lookup(toks[k].low);
        for (size_t n = 0; v && n < v->size(); ++n) {
          const std::string& ty = ctx.cat->entity((*v)[n].entity).type;
          lone_place |= ty == "city" || ty == "region" || ty == "country";
        }
        const std::string& hw = toks[h].low;
        if (toks[k - 1].low != "the" &&
            (hw == "university" || hw == "college" || hw == "school" || hw == "institute" || hw == "bank"))
          lone_place = false;  // but "University of the US" is where it is
      }
      if (t > k && cap(t - 1) && !lone_place) e = t;
    }
    return e;
  }

  // A capitalised word that may continue an organisation's name: no
  // stopword, month, weekday, role noun or number.
  bool NameWord(int t, int se, const std::vector<char>& taken) const {
    if (t >= se || taken[t] || !toks[t].Is(kWord) || !toks[t].Is(kUpper) || HasDigit(doc->Tok(t))) return false;
    const std::string& w = toks[t].low;
    return !ctx.lex->stopwords.Contains(w) && !ctx.lex->months.Contains(w) && !ctx.lex->weekdays.Contains(w) &&
           !RoleWord(w) && !ctx.lex->first_names.Contains(w);
  }

  // German organisation names built around a head noun (issue: "Verband
  // Österreichischer Zeitungen" came out as "Österreichischer Zeitungen"):
  //  A. head + genitive adjective in -er + capitalised nouns (joined by
  //     "und"): "Zentralrat Deutscher Sinti und Roma", "Bund Deutscher X";
  //  B. capitalised adjective + a compound ending in a head noun + a
  //     country's or region's genitive: "Katholischer Familienverband
  //     Österreichs";
  //  C. head + "für" + capitalised words: "Bundesamt für Gesundheit".
  // Institution words (Ministerium, Regierung) stay with the institution
  // rules. Returns the end of the name, or i.
  int GermanOrgName(int i, int se, const std::vector<char>& taken) const {
    if (!IsGerman(doc->lang) || i + 2 >= se) return i;
    auto word = [&](int t) { return t < se && !taken[t] && toks[t].Is(kWord) && toks[t].Is(kUpper); };
    // An institution word, also as a compound's tail or in the genitive
    // ("Bundesministeriums"): the institution rules' business.
    auto institution = [&](const std::string& w) {
      for (size_t cut : {0, 1, 2}) {
        if (cut && (w.size() <= cut + 4 || w.back() != 's')) continue;
        const std::string b = w.substr(0, w.size() - cut);
        for (size_t p = 0; p + 5 <= b.size(); ++p) {
          if ((static_cast<unsigned char>(b[p]) & 0xC0) == 0x80) continue;
          if (ctx.lex->institutions.Find(b.substr(p))) return true;
        }
      }
      return false;
    };
    auto org_head = [&](int t) {
      return word(t) && (HeadCue(toks[t].low) & CueBit(CueId::kOrgHead)) && !RoleWord(toks[t].low) &&
             !institution(toks[t].low);
    };
    auto ends = [&](int t, std::string_view suffix) {
      const std::string& w = toks[t].low;
      return w.size() > suffix.size() + 2 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    // A. The head is a word of its own ("Verband", not "Jihadistenmiliz",
    // which stands in apposition before a name), and the words after it
    // are no known name ("Miliz Islamischer Staat" is the known one).
    const bool own_head = word(i) && (ctx.lex->CueMask(toks[i].low) & CueBit(CueId::kOrgHead));
    // An adjective: lower case in the dictionary ("deutscher"), no hyphen
    // ("Ex-FPÖ-Werber" is a noun).
    auto adjective = [&](int t) {
      return word(t) && ends(t, "er") && toks[t].low.find('-') == std::string::npos && ctx.oracle &&
             ctx.oracle->Known(toks[t].low);
    };
    if (own_head && org_head(i) && adjective(i + 1) && word(i + 2) &&
        !ctx.lex->stopwords.Contains(toks[i + 2].low) &&
        !ctx.cat->Lookup(toks[i + 1].low + " " + toks[i + 2].low)) {
      int e = i + 3;
      if (e + 1 < se && toks[e].low == "und" && word(e + 1)) e += 2;
      return e;
    }
    // C. head + "für" + capitalised words, one "und" or "," inside: "Bundesamt
    // für Gesundheit", "Bank für Internationalen Zahlungsausgleich",
    // "Deutsches Institut für Normung" (with a capitalised adjective before).
    {
      // Also compounds on the short heads "-amt", "-rat" ("Bundesamt", "Beirat").
      auto head_c = [&](int t) {
        return org_head(t) || (word(t) && (ends(t, "amt") || ends(t, "rat")) && !RoleWord(toks[t].low) &&
                               !institution(toks[t].low));
      };
      // Not a place or a person after "für": "der Kredit des IWF für Athen".
      auto place_or_person = [&](int t) {
        if (const auto* v = ctx.cat->Lookup(toks[t].low))
          for (const SurfaceEntry& se2 : *v) {
            const std::string& ty = ctx.cat->entity(se2.entity).type;
            if (ty == "city" || ty == "country" || ty == "region" || ty == "person") return true;
          }
        return false;
      };
      int h = i;
      if (i + 1 < se && toks[i + 1].low == "für") {
        h = i;
      } else if (i + 2 < se && toks[i + 2].low == "für" && word(i) &&
                 (ends(i, "er") || ends(i, "es") || ends(i, "en") || ends(i, "e")) && !head_c(i) && head_c(i + 1)) {
        h = i + 1;
      } else {
        h = -1;
      }
      if (h >= 0 &&
          head_c(h) && h + 2 < se && toks[h + 1].low == "für" && !taken[h + 1] && NameWord(h + 2, se, taken) &&
          !place_or_person(h + 2)) {
        int e = h + 3;
        bool joined = false;  // after "und": the list is complete
        while (e < se && e < h + 12) {
          if (NameWord(e, se, taken)) { ++e; continue; }
          // "Rechts- und Kriminalsoziologie": a truncated compound.
          if (toks[e].low == "-" && e + 2 < se && (toks[e + 1].low == "und" || toks[e + 1].low == "oder") &&
              NameWord(e + 2, se, taken)) {
            joined = true;
            e += 3;
            continue;
          }
          if (!joined && e + 1 < se && (toks[e].low == "und" || toks[e].low == ",") && NameWord(e + 1, se, taken)) {
            joined = toks[e].low == "und";
            e += 2;
            continue;
          }
          break;
        }
        // A comma list without "und" is the sentence's, not the name's: the
        // name ends before it ("Klinik für Hämatologie, Onkologie sowie X").
        while (e - 2 > h + 2 && toks[e - 2].low == ",") e -= 2;
        return e;
      }
    }
    // B.
    if (word(i) && (ends(i, "er") || ends(i, "e") || ends(i, "es")) && org_head(i + 1) &&
        HeadCue(toks[i + 1].low) != ctx.lex->CueMask(toks[i + 1].low) /* a compound */ && i + 2 < se) {
      const int m = doc->mention_at[i + 2];
      std::string stripped;
      if (!taken[i + 2] && StripPossessive(toks[i + 2].low, doc->lang, &stripped)) {
        if (const auto* v = ctx.cat->Lookup(stripped)) {
          for (const SurfaceEntry& e : *v) {
            const std::string& ty = ctx.cat->entity(e.entity).type;
            if (e.kind == Surface::kName && (ty == "country" || ty == "region")) return i + 3;
          }
        }
      }
      (void)m;
    }
    return i;
  }

  // Head-noun cue kinds (org_head, place_head, event_head) of a word, its
  // English possessive stripped, or of the tail of a German compound
  // ("Außenministerium" ends in "ministerium"; tails of >= 4 bytes).
  CueMaskT HeadCue(const std::string& low) const {
    const CueMaskT heads = CueBit(CueId::kOrgHead) | CueBit(CueId::kPlaceHead) |
                           CueBit(CueId::kEventHead) | CueBit(CueId::kPersonHead);
    std::string w = low, stripped;
    if (!IsGerman(doc->lang) && StripPossessive(w, "en", &stripped)) w = stripped;  // "Party's"
    CueMaskT m = ctx.lex->CueMask(w) & heads;
    if (m || !IsGerman(doc->lang)) return m;
    const std::string_view wv(w);
    for (size_t p = 1; p + 4 <= wv.size(); ++p) {
      if ((static_cast<unsigned char>(wv[p]) & 0xC0) == 0x80) continue;
      if ((m = ctx.lex->CueMask(wv.substr(p)) & heads)) return m;
    }
    // A genitive: "des Instituts", "des Verbandes".
    if (wv.size() > 5 && wv.back() == 's') {
      const size_t cut = wv.substr(wv.size() - 2) == "es" ? 2 : 1;
      for (size_t c = cut; c >= 1; --c)
        if (const CueMaskT g = HeadCueNoGenitive(wv.substr(0, wv.size() - c))) return g;
    }
    return 0;
  }
  CueMaskT HeadCueNoGenitive(std::string_view w) const {
    const CueMaskT heads = CueBit(CueId::kOrgHead) | CueBit(CueId::kPlaceHead) |
                           CueBit(CueId::kEventHead) | CueBit(CueId::kPersonHead);
    if (CueMaskT m = ctx.lex->CueMask(w) & heads) return m;
    for (size_t p = 1; p + 4 <= w.size(); ++p) {
      if ((static_cast<unsigned char>(w[p]) & 0xC0) == 0x80) continue;
      if (CueMaskT m = ctx.lex->CueMask(w.substr(p)) & heads) return m;
    }
    return 0;
  }

  std::string TypeFromContext(int tb, int te, int sb, int se) const {
    const Lexicon& lex = *ctx.lex;
    // The head noun decides first: the last word ("Supreme Court", "Außenministerium"), or in
    // German also a first word in apposition ("Fernsehsender Rossija").
    // German apposition: the head noun right before the name ("Sender Rossija").
    if (IsGerman(doc->lang) && tb > sb && toks[tb - 1].Is(kUpper) && doc->mention_at[tb - 1] < 0) {
      CueMaskT h = HeadCue(toks[tb - 1].low);
      if (h & CueBit(CueId::kOrgHead)) return "organization";
      if (h & CueBit(CueId::kEventHead)) return "event";
      if (h & CueBit(CueId::kPlaceHead)) return "region";
      if (h & CueBit(CueId::kPersonHead)) return "person";  // "Politologe Filzmaier"
    }
    // English apposition: a lower-case head noun right before the name ("the
    // activist group Bright Future", "the band Night Owls").
    if (!IsGerman(doc->lang) && tb > sb && toks[tb - 1].Is(kWord) && !toks[tb - 1].Is(kUpper) &&
        doc->mention_at[tb - 1] < 0 && !RoleWord(toks[tb - 1].low)) {
      CueMaskT h = ctx.lex->CueMask(toks[tb - 1].low);
      if (h & CueBit(CueId::kOrgHead)) return "organization";
      if (h & CueBit(CueId::kEventHead)) return "event";
    }
    // A place noun right before: "der syrischen Stadt Raqqa", "the city of Aleppo".
    {
      int k = tb - 1;
      if (k > sb && !IsGerman(doc->lang) && toks[k].low == "of") --k;
      if (k >= sb && doc->CueAt(k, CueId::kPlaceNoun) && doc->mention_at[k] < 0) {
        static constexpr std::string_view kCity[] = {"stadt", "großstadt", "hauptstadt", "hafenstadt",
                                                     "metropole", "city", "town", "capital", "port"};
        for (std::string_view c : kCity)
          if (toks[k].low == c) return "city";
        return "region";
      }
    }
    // A lone head word ("the Church", "Navy") does not type itself.
    const CueMaskT head_bits = CueBit(CueId::kOrgHead) | CueBit(CueId::kPlaceHead) |
                               CueBit(CueId::kEventHead) | CueBit(CueId::kPersonHead);
    CueMaskT head = te - tb == 1 && (doc->cue[tb] & head_bits) ? 0 : HeadCue(toks[te - 1].low);
    if (!head && IsGerman(doc->lang) && te - tb >= 2) head = HeadCue(toks[tb].low);
    if (head & CueBit(CueId::kOrgHead)) return "organization";
    if (head & CueBit(CueId::kEventHead)) return "event";
    if (head & CueBit(CueId::kPlaceHead)) return "region";
    // Role noun or title right before -> person.
    bool crossed_word =
        false;  // a role only types the name it stands right before ("attorney for X" does not)
    bool crossed_det = false;  // "Vorsitzender der XYZ": the role's genitive, not its holder
    for (int k = tb - 1; k >= sb && k >= tb - 3; --k) {
      if (RoleWord(toks[k].low) && !crossed_word) {
        if (crossed_det) break;
        return "person";
      }
      if (doc->CueAt(k, CueId::kDet)) crossed_det = true;
      if (doc->CueAnyAt(k, {CueId::kPlacePrep, CueId::kLocationPrep, CueId::kOriginPrep}) ||
          ((doc->CueAt(k, CueId::kPlaceContext) || doc->CueAt(k, CueId::kAgentPrep) || toks[k].low == "über") &&
           PlaceContext(tb, sb, te))) {
        // "at NASA", "bei der OMV": an unknown acronym is a body, not a town.
        if (te - tb == 1 && toks[tb].Is(kAllCaps) && Utf8Length(doc->Tok(tb)) >= 2) return "organization";
        // One of the dictionary's proper names ("im Mercedes", "bei Homer")
        // is a person's or a firm's name, not a town's.
        if (te - tb == 1 && ctx.oracle && ctx.oracle->Name(doc->Tok(tb))) break;
        if (te - tb == 1) return "city";
        return "region";
      }
      if (!doc->CueAt(k, CueId::kDet) && toks[k].Is(kUpper)) break;
      if (!doc->CueAt(k, CueId::kDet)) crossed_word = true;
    }
    for (int k = tb; k < te; ++k) {
      std::string w = toks[k].low, stripped;
      if (k == te - 1 && StripPossessive(w, doc->lang, &stripped)) w = stripped;  // "Acme Corp's"
      if (lex.Cue(w, CueId::kOrgSuffix)) return "organization";
    }
    if (te < se && doc->CueAt(te, CueId::kOrgSuffix)) return "organization";
    if (te < se) {
      if (doc->CueAt(te, CueId::kPersonContext)) return "person";
      if (te + 1 < se && toks[te].low == "," && doc->CueAt(te + 1, CueId::kPersonContext))
        return "person";
    }
    if (tb > sb) {
      if (doc->CueAt(tb - 1, CueId::kPersonContext)) return "person";
    }
    if (te - tb >= 3 && (toks[tb].low == "st" || toks[tb].low == "ste") && toks[tb + 1].low == ".")
      return "city";  // "St. Margarethen" names a place, not a person
    if (te - tb >= 2) {
      // English "Bright Future's Chan Ka-ming": an unknown name whose
      // possessive stands right before another name owns a member, so it is
      // an organisation (a person's name would start with a given name).
      std::string stripped;
      if (!IsGerman(doc->lang) && StripPossessive(toks[te - 1].low, doc->lang, &stripped) &&
          !ctx.lex->first_names.Contains(toks[tb].low) && te < se && toks[te].Is(kWord) &&
          Upper(te) && !RoleWord(toks[te].low) && doc->cue[te] == 0 && !RoleWord(toks[tb].low) &&
          !ctx.lex->role_parts.Contains(toks[tb].low) &&
          !RoleWord(stripped))
        return "organization";
      weak_type = true;
      return "person";
    }
    if (toks[tb].Is(kAllCaps) && te - tb == 1) return "organization";
    return "other";
  }

  void Run() {
    if (!IsGerman(doc->lang)) {
      for (const auto& t : toks)
        if (t.Is(kWord) && !t.Is(kUpper)) lower_seen[t.low]++;
    }
    doc->mention_at.assign(toks.size(), -1);
    doc->adjective.assign(toks.size(), 0);
    doc->role_tok.assign(toks.size(), 0);
    std::vector<char> taken(toks.size(), 0);
    for (size_t s = 0; s < doc->seg.sentences.size(); ++s) {
      const Sentence& sent = doc->seg.sentences[s];
      int sb = sent.tok_begin, se = sent.tok_end;
      for (int i = sb; i < se;) {
        if (!toks[i].Is(kWord)) {
          ++i;
          continue;
        }
        if (!Upper(i)) {
          MentionSpan m;
          if ((ctx.cat->IsLowerFirst(toks[i].low) || ctx.cat->MaybeLowerFirst(toks[i].low)) &&
              MatchLower(i, se, &m)) {
            m.sentence = static_cast<int>(s);
            TrimHeadWords(&m);
            m.surface = std::string(
                doc->text.substr(toks[m.tb].start, toks[m.te - 1].end - toks[m.tb].start));
            for (int k = m.tb; k < m.te; ++k) taken[k] = 1;
            doc->mentions.push_back(std::move(m));
            i = doc->mentions.back().te;
            continue;
          }
          ++i;
          continue;
        }
        MentionSpan m;
        if (const int oe = std::max({OrgOfName(i, se, taken), HeadedName(i, se, taken), GermanOrgName(i, se, taken)});
            oe > i) {
          MentionSpan cm;
          if (!Match(i, sb, se, &cm) || cm.te < oe) {
            m.tb = i;
            m.te = oe;
            m.sentence = static_cast<int>(s);
            m.surface = std::string(doc->text.substr(toks[i].start, toks[oe - 1].end - toks[i].start));
            for (int k = i; k < oe; ++k) m.key += (k > i ? " " : "") + toks[k].low;
            std::string stripped;  // "University of NSW's"
            if (StripPossessive(toks[oe - 1].low, doc->lang, &stripped)) {
              m.key = m.key.substr(0, m.key.size() - toks[oe - 1].low.size()) + stripped;
              m.possessive = true;
            }
            // "des Instituts für X" and "das Institut für X" are one name.
            if (IsGerman(doc->lang)) {
              const std::string& w = toks[i].low;
              if (w.size() > 5 && w.back() == 's' && !HeadCueNoGenitive(w) && HeadCue(w)) {
                const size_t cut = w.compare(w.size() - 2, 2, "es") == 0 && HeadCueNoGenitive(w.substr(0, w.size() - 2)) ? 2 : 1;
                m.key = m.key.substr(0, w.size() - cut) + m.key.substr(w.size());
              }
            }
            m.type = "organization";
            // English: the last head noun an event's ("Cannes Film Festival").
            if (!IsGerman(doc->lang)) {
              for (int k = i; k < oe; ++k) {
                const CueMaskT c = ctx.lex->CueMask(toks[k].low);
                if (c & (CueBit(CueId::kOrgHead) | CueBit(CueId::kPlaceHead)))
                  m.type = "organization";
                else if (c & CueBit(CueId::kEventHead))
                  m.type = "event";
              }
            }
            for (int k = i; k < oe; ++k) taken[k] = 1;
            doc->mentions.push_back(std::move(m));
            i = oe;
            continue;
          }
        }
        if (Match(i, sb, se, &m)) {
          m.sentence = static_cast<int>(s);
          TrimHeadWords(&m);
          // One person of a nation is no actor for the state: "die
          // Italienerin reiste", "ein Russe", "an American" ("die Russen" may be).
          m.one_person = m.kind == Surface::kDemonym && m.te - m.tb == 1 && SingularDemonym(m.tb, sb);
          m.surface = std::string(doc->text.substr(toks[m.tb].start, toks[m.te - 1].end - toks[m.tb].start));
          for (int k = m.tb; k < m.te; ++k) taken[k] = 1;
          doc->mentions.push_back(std::move(m));
          i = doc->mentions.back().te;
          continue;
        }
        if (HyphenActor(i, &m)) {
          m.sentence = static_cast<int>(s);
          m.surface = std::string(doc->Tok(i));
          taken[i] = 1;
          doc->mentions.push_back(std::move(m));
          ++i;
          continue;
        }
        if (adj_len > 0 && adj_entity >= 0 && i + adj_len < se &&
            doc->CueAt(i + adj_len, CueId::kActorHead) &&
            !ctx.lex->institutions.count(toks[i + adj_len].low)) {  // institutions.cpp
          // "russische Truppen", "the Russian government": the country acts.
          MentionSpan am;
          am.tb = i;
          am.te = i + adj_len + 1;
          am.sentence = static_cast<int>(s);
          am.cat = adj_entity;
          am.cands = {adj_entity};
          am.kind = Surface::kName;
          am.type = ctx.cat->entity(adj_entity).type;
          am.key = toks[i].low;
          am.surface = std::string(doc->text.substr(toks[am.tb].start, toks[am.te - 1].end - toks[am.tb].start));
          for (int k = am.tb; k < am.te; ++k) taken[k] = 1;
          i = am.te;
          doc->mentions.push_back(std::move(am));
          continue;
        }
        if (adj_len > 0) {
          for (int k = i; k < i + adj_len; ++k) {
            taken[k] = 1;
            doc->adjective[k] = 1;
          }
          i += adj_len;
          continue;
        }
        ++i;
      }
      CompoundPrefixes(static_cast<int>(s), sb, se, &taken);
      if (IsGerman(doc->lang)) {
        YearEvents(static_cast<int>(s), sb, se, &taken);
        CompassRegions(static_cast<int>(s), sb, se, &taken);
      }
      // Unknown names between the catalog matches.
      for (int i = sb; i < se;) {
        if (taken[i] || !toks[i].Is(kWord) || !Upper(i)) { ++i; continue; }
        int j = UnknownRun(i, sb, se, taken);
        if (j <= i) { ++i; continue; }
        MentionSpan m;
        m.tb = i;
        m.te = j;
        m.sentence = static_cast<int>(s);
        m.surface = std::string(doc->text.substr(toks[i].start, toks[j - 1].end - toks[i].start));
        // Canonical key: possessive stripped from the last token.
        std::string last = toks[j - 1].low, stripped;
        std::string key;
        for (int k = i; k < j - 1; ++k) key += toks[k].low + " ";
        if (StripPossessive(last, doc->lang, &stripped) && !IsGerman(doc->lang)) {
          key += stripped;
          m.possessive = true;
        } else {
          key += last;
        }
        m.key = key;
        weak_type = false;
        m.type = TypeFromContext(i, j, sb, se);
        m.weak_type = weak_type;
        // "Helmut Kohl": a listed given name and a surname.
        if ((m.type.empty() || m.type == "other") && j - i >= 2 && j - i <= 3 &&
            ctx.lex->first_names.Contains(toks[i].low)) {
          m.type = "person";
          m.weak_type = false;
        }
        for (int k = i; k < j; ++k) taken[k] = 1;
        doc->mentions.push_back(std::move(m));
        i = j;
      }
    }
    // Surnames of names found above, even where the word is also a common
    // word ("Quellbach traf ...", "Schneider sagte").
    std::unordered_map<std::string, int> surnames;
    for (const auto& m : doc->mentions) {
      if (m.te - m.tb < 2 || m.partial) continue;
      if (m.cat < 0 && m.type == "person") surnames.emplace(toks[m.te - 1].low, 1);
      if (m.cat >= 0 && ctx.cat->entity(m.cat).type == "person" && m.kind == Surface::kName) {
        // KB people named in full: "Kim" (family name first) or "Biden" alone elsewhere.
        if (toks[m.te - 1].low.size() >= 3) surnames.emplace(toks[m.te - 1].low, 1);
        if (toks[m.tb].low.size() >= 2) surnames.emplace(toks[m.tb].low, 1);
      }
    }
    if (!surnames.empty()) {
      for (size_t s = 0; s < doc->seg.sentences.size(); ++s) {
        const Sentence& sent = doc->seg.sentences[s];
        for (int i = sent.tok_begin; i < sent.tok_end; ++i) {
          if (taken[i] || !toks[i].Is(kUpper)) continue;
          std::string low = toks[i].low, stripped;
          bool poss = false;
          if (!surnames.count(low) && StripPossessive(low, doc->lang, &stripped) && surnames.count(stripped)) {
            low = stripped;
            poss = true;
          }
          if (!surnames.count(low)) continue;
          MentionSpan m;
          m.tb = i;
          m.te = i + 1;
          m.sentence = static_cast<int>(s);
          m.surface = std::string(doc->Tok(i));
          m.key = low;
          m.type = "person";
          m.possessive = poss;
          taken[i] = 1;
          doc->mentions.push_back(std::move(m));
        }
      }
    }
    PartyBranches();
    PartyAdjectives(&taken);
    std::sort(doc->mentions.begin(), doc->mentions.end(),
              [](const MentionSpan& a, const MentionSpan& b) { return a.tb < b.tb; });
    for (size_t m = 0; m < doc->mentions.size(); ++m)
      if (!doc->mentions[m].partial)
        for (int k = doc->mentions[m].tb; k < doc->mentions[m].te; ++k) doc->mention_at[k] = static_cast<int>(m);
  }

  // "die Grazer SPÖ", "die Linzer FPÖ": a town's or region's adjective in
  // -er before a party the catalogue holds no branch of names the party's
  // local branch, an organisation of its own ("Grazer SPÖ", alias "SPÖ
  // Graz"). Branches the KB holds ("Wiener SPÖ") match as names before this.
  void PartyBranches() {
    std::vector<int> drop;
    for (size_t mi = 0; mi < doc->mentions.size(); ++mi) {
      MentionSpan& m = doc->mentions[mi];
      if (m.cat < 0 || m.tb == 0 || ctx.cat->entity(m.cat).kind != "party") continue;
      // "Oberösterreichs ÖVP-Chef", "Tirols SPÖ": a region or city named
      // right before, whose branch of the party the KB holds.
      {
        const int a = m.tb - 1;
        int place = -1;
        for (const MentionSpan& o : doc->mentions)
          if (!o.partial && o.te == m.tb && o.cat >= 0 && a >= doc->seg.sentences[m.sentence].tok_begin) {
            const std::string& t = ctx.cat->entity(o.cat).type;
            if (t == "region" || t == "city") place = o.cat;
          }
        if (place >= 0) {
          const int b = ctx.cat->FindBranch(ctx.cat->entity(m.cat).id, ctx.cat->entity(place).id);
          if (b >= 0) {
            m.cat = b;
            m.cands = {b};
            continue;
          }
        }
      }
      if (m.partial) continue;
      const int a = m.tb - 1;
      if (doc->seg.sentences[m.sentence].tok_begin > a || !toks[a].Is(kWord) || !toks[a].Is(kUpper)) continue;
      const std::string& w = toks[a].low;
      if (w.size() < 5 || w.compare(w.size() - 2, 2, "er") != 0) continue;
      const auto* v = ctx.cat->Lookup(w.substr(0, w.size() - 2));
      int place = -1;
      for (size_t n = 0; v && n < v->size() && place < 0; ++n) {
        const EntityInfo& e = ctx.cat->entity((*v)[n].entity);
        if ((*v)[n].kind == Surface::kName && (e.type == "city" || e.type == "region")) place = (*v)[n].entity;
      }
      if (place < 0) continue;
      // Whatever the rules made of the adjective ("Linzer" as a name) goes.
      for (size_t o = 0; o < doc->mentions.size(); ++o)
        if (o != mi && !doc->mentions[o].partial && doc->mentions[o].tb == a && doc->mentions[o].te == a + 1)
          drop.push_back(static_cast<int>(o));
      const std::string party = ctx.cat->entity(m.cat).name;
      const std::string adj = std::string(doc->Tok(a));
      m.tb = a;
      m.surface = std::string(doc->text.substr(toks[a].start, toks[m.te - 1].end - toks[a].start));
      m.key = Lower(m.surface);
      m.fixed_name = adj + " " + party;
      m.fixed_aliases = {party + " " + ctx.cat->entity(place).name};
      m.fixed_id = ctx.cat->entity(m.cat).id + "-" + Slug(ctx.cat->entity(place).name);
      m.inst_kind = "party_branch";
      m.type = "organization";
      m.cat = -1;
      m.cands.clear();
    }
    std::sort(drop.begin(), drop.end());
    drop.erase(std::unique(drop.begin(), drop.end()), drop.end());
    for (auto it = drop.rbegin(); it != drop.rend(); ++it) doc->mentions.erase(doc->mentions.begin() + *it);
  }

  // "die republikanische Senatorin X", "Republican Senator X", "der grüne
  // Abgeordnete X": a party's adjective right before a role noun names the
  // party of a country the article names. Where parties of several countries
  // share the adjective ("grün"), the one of the country the article names
  // most, strictly; else none.
  void PartyAdjectives(std::vector<char>* taken) {
    if (ctx.lex->party_adjectives.empty()) return;
    std::map<std::string, int> countries;
    for (const MentionSpan& m : doc->mentions)
      if (m.cat >= 0 && ctx.cat->entity(m.cat).type == "country") countries[ctx.cat->entity(m.cat).id]++;
    const RoleFinder roles(*ctx.cat, *ctx.lex);
    for (size_t s = 0; s < doc->seg.sentences.size(); ++s) {
      const int sb = doc->seg.sentences[s].tok_begin, se = doc->seg.sentences[s].tok_end;
      for (int i = sb; i + 1 < se; ++i) {
        if (!toks[i].Is(kWord) || toks[i].Is(kAllCaps)) continue;
        const std::string key = IsGerman(doc->lang) ? AdjectiveBase(toks[i].low) : toks[i].low;
        const auto* parties = ctx.lex->party_adjectives.Find(key);
        if (!parties) continue;
        RoleMatch rm;
        if (!roles.At(*doc, i + 1, sb, &rm) || rm.start != i + 1) continue;
        const std::string* pick = nullptr;
        if (parties->size() == 1) {
          if (countries.count(parties->front().first)) pick = &parties->front().second;
        } else {
          int best = 0, second = 0;
          for (const auto& [country, party] : *parties) {
            const int n = countries.count(country) ? countries.at(country) : 0;
            if (n > best) {
              second = best;
              best = n;
              pick = &party;
            } else if (n > second) {
              second = n;
            }
          }
          if (best == second) pick = nullptr;
        }
        const int ent = pick ? ctx.cat->Find(*pick) : -1;
        if (ent < 0) continue;
        if ((*taken)[i]) {
          // English "Republican" may already be the party's own mention, or
          // a word of a role phrase without a mention of its own.
          bool covered = false;
          for (MentionSpan& o : doc->mentions) {
            if (o.partial || o.tb > i || o.te <= i) continue;
            if (o.cat < 0 && o.type == "person") continue;  // "Republican Senator X" taken as a name
            covered = true;
            if (o.tb == i && o.te == i + 1) {  // the word alone: before a role it is the party
              o.cat = ent;
              o.cands = {ent};
              o.kind = Surface::kName;
              o.type = ctx.cat->entity(ent).type;
              o.party_adjective = true;
              doc->role_tok[i] = 1;
            }
          }
          if (covered) continue;
        }
        MentionSpan m;
        m.tb = i;
        m.te = i + 1;
        m.sentence = static_cast<int>(s);
        m.cat = ent;
        m.cands = {ent};
        m.kind = Surface::kName;
        m.type = ctx.cat->entity(ent).type;
        m.surface = std::string(doc->Tok(i));
        m.key = toks[i].low;
        m.party_adjective = true;
        (*taken)[i] = 1;
        doc->role_tok[i] = 1;  // part of the role phrase: no clause subject or object
        doc->mentions.push_back(std::move(m));
      }
    }
  }

  // "SPÖ-Kandidat", "Kreml-Sprecher", "US-geführte", "OGM-Chef": the prefix of
  // a hyphenated compound whose tail is a common word names an actor: a
  // catalogue country, organisation, group or place, or (before a role noun)
  // an unknown acronym of two to five capitals, an organisation.
  void CompoundPrefixes(int s, int sb, int se, std::vector<char>* taken) {
    for (int i = sb; i < se; ++i) {
      if ((*taken)[i] || !toks[i].Is(kWord)) continue;
      const std::string& low = toks[i].low;
      const size_t dash = low.find('-');
      if (dash == std::string::npos || dash == 0 || dash + 1 >= low.size()) continue;
      const std::string_view surf = doc->Tok(i);
      const size_t sdash = surf.find('-');
      if (sdash == std::string_view::npos) continue;
      const std::string_view prefix = surf.substr(0, sdash), tail = surf.substr(sdash + 1);
      const std::string plow = low.substr(0, dash), tlow = low.substr(dash + 1);
      const bool role_tail = RoleWord(tlow);
      const bool common_tail = role_tail || HeadCue(tlow) ||
                               (ctx.oracle && ctx.oracle->Known(tail.substr(0, tail.find('-'))));
      if (!common_tail) continue;
      bool caps = true;
      for (char c : prefix)
        if (c >= 'a' && c <= 'z') caps = false;
      MentionSpan m;
      if (PrefixEntity(plow, caps, &m)) {
        // A place before a capitalised tail mostly names a part or a thing of
        // it ("Wien-Favoriten", "Baden-Württemberg", "Düsseldorf-Arena"): only
        // a role or an event counts ("Wien-Wahl", "Gaza-Chef").
        const std::string& ty = m.type;
        if ((ty == "city" || ty == "region") && !role_tail &&
            !(HeadCue(tlow) & CueBit(CueId::kEventHead)))
          continue;
      } else {
        // An unknown acronym before a role noun: "OGM-Chef".
        const size_t letters = Utf8Length(prefix);
        if (!role_tail || !caps || letters < 2 || letters > 5 || HasDigit(prefix) ||
            ctx.lex->stopwords.count(plow))
          continue;
        m.type = "organization";
      }
      m.tb = i;
      m.te = i + 1;
      m.partial = true;
      m.cb = static_cast<int>(toks[i].start);
      m.ce = static_cast<int>(toks[i].start + sdash);
      m.sentence = s;
      m.surface = std::string(prefix);
      m.key = plow;
      doc->mentions.push_back(std::move(m));
    }
  }

  // The catalogue actor named by a compound prefix (lower case); abbreviations
  // only when written in capitals.
  bool PrefixEntity(const std::string& plow, bool caps, MentionSpan* out) const {
    const std::vector<SurfaceEntry>* v = ctx.cat->Lookup(plow);
    std::string stripped;
    if (!v && IsGerman(doc->lang) && StripPossessive(plow, doc->lang, &stripped))
      v = ctx.cat->Lookup(stripped);  // "Russlands-", rarely; "Grünen-" below
    if (!v && IsGerman(doc->lang) && plow.size() > 4 && plow.compare(plow.size() - 1, 1, "n") == 0)
      v = ctx.cat->Lookup(plow.substr(0, plow.size() - 1));  // "Grünen-Abgeordnete"
    if (!v) return false;
    for (const auto& e : *v) {
      if (e.kind == Surface::kAdjective || e.kind == Surface::kDemonym ||
          e.kind == Surface::kWeakCity || e.kind == Surface::kSurname)
        continue;
      if ((e.kind == Surface::kAbbrev || e.kind == Surface::kAmbiguous) && !caps) continue;
      const std::string& ty = ctx.cat->entity(e.entity).type;
      if (ty == "person" || ty == "event" || ty == "other") continue;
      out->cands.push_back(e.entity);
      out->cand_kinds.push_back(e.kind);
      if (out->cat < 0) {
        out->cat = e.entity;
        out->kind = e.kind;
        out->type = ty;
      }
    }
    return out->cat >= 0;
  }
};

}  // namespace

void DetectMentions(const MentionContext& ctx, Doc* doc) {
  Detector d{ctx, doc, doc->seg.tokens, {}, false, {}};
  d.Run();
}

bool CodeLike(std::string_view w) {
  if (w.size() < 8) return false;
  int groups = 0, changes = 0, last_case = 0;  // last_case: 1 upper, 2 lower
  bool in_digits = false;
  for (char c : w) {
    const bool digit = c >= '0' && c <= '9';
    if (digit && !in_digits) ++groups;
    in_digits = digit;
    const int cs = (c >= 'A' && c <= 'Z') ? 1 : (c >= 'a' && c <= 'z') ? 2 : 0;
    if (cs) {
      if (last_case && cs != last_case) ++changes;
      last_case = cs;
    }
  }
  return groups >= 2 || (groups >= 1 && changes >= 4);
}

// doc->mention_at from doc->mentions (partial mentions stay out).
static void RebuildMentionAt(Doc* doc) {
  doc->mention_at.assign(doc->seg.tokens.size(), -1);
  for (size_t m = 0; m < doc->mentions.size(); ++m)
    if (!doc->mentions[m].partial)
      for (int k = doc->mentions[m].tb; k < doc->mentions[m].te; ++k) doc->mention_at[k] = static_cast<int>(m);
}

void DropProductNames(const Catalog& cat, Doc* doc) {
  auto& ms = doc->mentions;
  std::vector<char> company_end(doc->seg.tokens.size() + 1, 0);
  for (const MentionSpan& m : ms)
    if (!m.partial && m.cat >= 0 && cat.entity(m.cat).kind == "company" && !m.possessive) company_end[m.te] = 1;
  const size_t before = ms.size();
  ms.erase(std::remove_if(ms.begin(), ms.end(),
                          [&](const MentionSpan& m) {
                            return !m.partial && m.cat < 0 && m.fixed_id.empty() && company_end[m.tb] &&
                                   m.tb > 0 && doc->seg.tokens[m.tb].start == doc->seg.tokens[m.tb - 1].end + 1;
                          }),
           ms.end());
  if (ms.size() == before) return;
  RebuildMentionAt(doc);
}

void ListPlaces(const Catalog& cat, const Lexicon& lex, Doc* doc) {
  if (!IsGerman(doc->lang)) return;  // English lists mix kinds more ("Group G, Belgium")
  const auto& toks = doc->seg.tokens;
  std::vector<int> order;
  for (size_t i = 0; i < doc->mentions.size(); ++i)
    if (!doc->mentions[i].partial && doc->mentions[i].te > doc->mentions[i].tb) order.push_back(static_cast<int>(i));
  std::sort(order.begin(), order.end(), [&](int a, int b) { return doc->mentions[a].tb < doc->mentions[b].tb; });
  auto joins = [&](int t) {
    const std::string& w = toks[t].low;
    return w == "," || w == "und" || w == "oder" || w == "sowie";
  };
  for (size_t a = 0; a < order.size();) {
    size_t b = a + 1;  // the list [a, b)
    while (b < order.size()) {
      const MentionSpan& p = doc->mentions[order[b - 1]];
      const MentionSpan& q = doc->mentions[order[b]];
      if (q.sentence != p.sentence || q.tb != p.te + 1 || !joins(p.te)) break;
      // "(Keeping the Faith, USA 2000)": a film's credits, no list of places.
      if (q.te < static_cast<int>(toks.size()) && HasDigit(doc->Tok(q.te))) break;
      ++b;
    }
    int places = 0, actors = 0, people = 0;  // people: names without a catalogue entry
    for (size_t k = a; k < b; ++k) {
      const MentionSpan& m = doc->mentions[order[k]];
      if (m.cat < 0) ++people;
      if (m.cat < 0) continue;
      const std::string& ty = cat.entity(m.cat).type;
      if (ty == "city" || ty == "region" || ty == "country") ++places;
      else if (ty == "person" || ty == "organization") ++actors;
    }
    // At least as many places as unknown names: a line-up "Schwegler,
    // Caleta-Car, Paulo Miranda, Ulmer" with one town-like name stays people.
    if (b - a >= 2 && places > 0 && actors == 0 && places >= people) {
      for (size_t k = a; k < b; ++k) {
        MentionSpan& m = doc->mentions[order[k]];
        if (m.cat >= 0 || !(m.type == "person" || m.type == "other" || m.type.empty()) || m.from_role ||
            !m.fixed_id.empty() || !m.inst_kind.empty())
          continue;
        if (lex.first_names.Contains(toks[m.tb].low)) continue;  // "Anna Berg und Wien"
        m.type = m.te - m.tb == 1 ? "city" : "region";
        m.weak_type = false;
      }
    }
    a = b;
  }
}

void TrimRoleHeads(const Catalog& cat, const Lexicon& lex, Doc* doc) {
  const RoleFinder roles(cat, lex);
  bool changed = false;
  for (MentionSpan& m : doc->mentions) {
    if (m.cat >= 0 || m.partial || m.from_role || m.te - m.tb < 2 || !m.fixed_id.empty() ||
        !m.inst_kind.empty())
      continue;
    if (!(m.type.empty() || m.type == "person" || m.type == "other" || m.type == "organization")) continue;
    const int sb = doc->seg.sentences[m.sentence].tok_begin;
    RoleMatch rm;
    if (!roles.At(*doc, m.tb, sb, &rm) || rm.end != m.tb + 1 || rm.start < m.tb) continue;
    // The rest must still look like a name (capitalised).
    const Token& next = doc->seg.tokens[m.tb + 1];
    if (!next.Is(kUpper) && !next.Is(kAllCaps)) continue;
    ++m.tb;
    m.surface = std::string(doc->text.substr(doc->seg.tokens[m.tb].start,
                                             doc->seg.tokens[m.te - 1].end - doc->seg.tokens[m.tb].start));
    m.key.clear();
    for (int k = m.tb; k < m.te; ++k) m.key += (k > m.tb ? " " : "") + doc->seg.tokens[k].low;
    changed = true;
  }
  if (!changed) return;
  RebuildMentionAt(doc);
}

bool Contraction(std::string_view w) {
  // "I'll", "I’m", "We'd", "They've": a pronoun with a clitic verb.
  size_t q = w.find('\'');
  size_t qlen = 1;
  if (q == std::string_view::npos) {
    q = w.find("\xE2\x80\x99");  // ’
    qlen = 3;
  }
  if (q == std::string_view::npos || q == 0) return false;
  std::string head(w.substr(0, q)), tail(w.substr(q + qlen));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const kPronouns[] = {"i", "we", "you", "they", "he", "she", "it", "that", "there", "who"};
  static const char* const kClitics[] = {"ll", "m", "re", "ve", "d"};
  bool p = false, c = false;
  for (const char* x : kPronouns) p |= head == x;
  for (const char* x : kClitics) c |= tail == x;
  return p && c;
}

void DropCodeMentions(Doc* doc) {
  auto& ms = doc->mentions;
  const size_t before = ms.size();
  ms.erase(std::remove_if(ms.begin(), ms.end(),
                          [&](const MentionSpan& m) {
                            if (m.cat >= 0) return false;
                            for (int k = m.tb; k < m.te; ++k)
                              if (CodeLike(doc->Tok(k)) || Contraction(doc->Tok(k))) return true;
                            return false;
                          }),
           ms.end());
  if (ms.size() == before) return;
  RebuildMentionAt(doc);
}

}  // namespace kg::ingest
