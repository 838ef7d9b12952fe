#include "ingest/modality.h"

#include <cstdio>
#include <cstdlib>

#include "ingest/text_util.h"

namespace kg::ingest {

std::string SentenceModality(const Doc& doc, const Lexicon& lex, int s) {
  const Sentence& sent = doc.seg.sentences[s];
  const auto& toks = doc.seg.tokens;
  bool spec = false, rep = false;
  for (int k = sent.tok_begin; k < sent.tok_end; ++k) {
    std::string w = toks[k].low;
    if (k + 1 < sent.tok_end && lex.CueKind(w + " " + toks[k + 1].low)) w += " " + toks[k + 1].low;
    if (lex.Cue(w, CueId::kSpeculated))
      spec = true;
    else if (lex.Cue(w, CueId::kReported))
      rep = true;
    else if (lex.Cue(w, CueId::kReportPrefix) && k > sent.tok_begin && toks[k - 1].low == "," &&
             k + 1 < sent.tok_end && doc.mention_at[k + 1] >= 0)
      rep = true;  // ", so Putin"
  }
  if (spec) return "speculated";
  if (rep) return "reported";
  return "asserted";
}

bool Negated(const Doc& doc, const Lexicon& lex, int b, int e) {
  const auto& toks = doc.seg.tokens;
  for (int k = b; k < e; ++k) {
    if (!doc.CueAt(k, CueId::kNegation)) continue;
    if (k + 1 < e && lex.Cue(toks[k].low + " " + toks[k + 1].low, CueId::kNegationException))
      continue;
    return true;
  }
  return false;
}

long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += (m <= 2);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y, m, d);
  return buf;
}

std::string SentenceDate(const Doc& doc, const Lexicon& lex, int s) {
  const std::string& ad = doc.date;
  int y = 0, mo = 0, d = 0;
  if (ad.size() >= 4) y = std::atoi(ad.substr(0, 4).c_str());
  if (ad.size() >= 7) mo = std::atoi(ad.substr(5, 2).c_str());
  if (ad.size() >= 10) d = std::atoi(ad.substr(8, 2).c_str());
  const Sentence& sent = doc.seg.sentences[s];
  const auto& toks = doc.seg.tokens;
  for (int k = sent.tok_begin; k < sent.tok_end; ++k) {
    const std::string& w = toks[k].low;
    // Explicit day + month: "3. Mai [2024]", "3 May 2024", "May 3, 2024".
    if (const int* month = lex.months.Find(w); month && y > 0) {
      int day = 0, year = y;
      if (k >= sent.tok_begin + 1 && toks[k - 1].Is(kNumber)) {
        day = std::atoi(std::string(doc.Tok(k - 1)).c_str());
      } else if (k >= sent.tok_begin + 2 && toks[k - 1].low == "." && toks[k - 2].Is(kNumber)) {
        day = std::atoi(std::string(doc.Tok(k - 2)).c_str());
      } else if (k + 1 < sent.tok_end && toks[k + 1].Is(kNumber) && toks[k + 1].end - toks[k + 1].start <= 2) {
        day = std::atoi(std::string(doc.Tok(k + 1)).c_str());
      }
      for (int j = k + 1; j < sent.tok_end && j <= k + 3; ++j)
        if (toks[j].Is(kNumber) && toks[j].end - toks[j].start == 4) year = std::atoi(std::string(doc.Tok(j)).c_str());
      if (day >= 1 && day <= 31 && *month >= 1 && *month <= 12) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, *month, day);
        return buf;
      }
      continue;
    }
    if (d == 0) continue;  // relative dates need the day
    long today = DaysFromCivil(y, mo, d);
    if (const int* weekday = lex.weekdays.Find(w); weekday && !toks[k].Is(kAllCaps)) {
      // Nearest such weekday within +-3 days of the article date.
      long wd = ((today + 3) % 7 + 7) % 7 + 1;  // 1970-01-01 was a Thursday (4)
      long diff = *weekday - wd;
      if (diff > 3) diff -= 7;
      if (diff < -3) diff += 7;
      return CivilFromDays(today + diff);
    }
    if (lex.Cue(w, CueId::kDateRel)) {
      // Lower-case "morgen" (tomorrow) only; "am Morgen" is the morning.
      if (IsGerman(doc.lang) && toks[k].Is(kUpper) && w == "morgen") continue;
      const int* v = lex.cue_values.Find(w);
      return CivilFromDays(today + (v ? *v : 0));
    }
  }
  return ad;
}

}  // namespace kg::ingest
