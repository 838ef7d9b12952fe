// NormalizeName: the key form of the name index. graph/ may not use ICU, so
// this folds case and strips diacritics with small tables covering Latin-1,
// Latin Extended-A, the Romanian comma letters, Greek and Cyrillic capitals;
// other code points pass through unchanged.
//
//   "Wladimir  Putin" -> "wladimir putin"     "Südkorea" -> "sudkorea"
//   "Kim Jong-un"     -> "kim jong un"        "Straße"   -> "strasse"
//   "O'Brien"         -> "obrien"             (apostrophes vanish)
#include "graph/utf8.h"
#include <string>

#include "graph/graph.h"

namespace kg {

namespace {

// U+0100..U+017F base letters; '1' = "ij", '2' = "oe".
constexpr char kLatinExtA[] =
    "aaaaaacccccccc"  // 0100-010D
    "dddd"            // 010E-0111
    "eeeeeeeeee"      // 0112-011B
    "gggggggg"        // 011C-0123
    "hhhh"            // 0124-0127
    "iiiiiiiiii"      // 0128-0131
    "11"              // 0132-0133
    "jj"              // 0134-0135
    "kkk"             // 0136-0138
    "llllllllll"      // 0139-0142
    "nnnnnnnnn"       // 0143-014B
    "oooooo"          // 014C-0151
    "22"              // 0152-0153
    "rrrrrr"          // 0154-0159
    "ssssssss"        // 015A-0161
    "tttttt"          // 0162-0167
    "uuuuuuuuuuuu"    // 0168-0173
    "ww"              // 0174-0175
    "yyy"             // 0176-0178
    "zzzzzz"          // 0179-017E
    "s";              // 017F
static_assert(sizeof(kLatinExtA) == 129, "one entry per code point U+0100..U+017F");

// U+00C0..U+00FF; '1' = "ae", '2' = "th", '3' = "ss", ' ' = separator (× ÷).
constexpr char kLatin1[] =
    "aaaaaa1ceeeeiiii"  // C0-CF
    "dnooooo ouuuuy23"  // D0-DF
    "aaaaaa1ceeeeiiii"  // E0-EF
    "dnooooo ouuuuy2y";  // F0-FF
static_assert(sizeof(kLatin1) == 65, "one entry per code point U+00C0..U+00FF");

// Decodes one UTF-8 sequence at s[i]; returns its length (1 for invalid bytes).
std::size_t Decode(const std::string& s, std::size_t i, char32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  auto b = [&](std::size_t k) { return static_cast<char32_t>(s[i + k] & 0x3F); };
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if ((c & 0xE0) == 0xC0 && cont(1)) {
    *cp = (static_cast<char32_t>(c & 0x1F) << 6) | b(1);
    return 2;
  }
  if ((c & 0xF0) == 0xE0 && cont(1) && cont(2)) {
    *cp = (static_cast<char32_t>(c & 0x0F) << 12) | (b(1) << 6) | b(2);
    return 3;
  }
  if ((c & 0xF8) == 0xF0 && cont(1) && cont(2) && cont(3)) {
    *cp = (static_cast<char32_t>(c & 0x07) << 18) | (b(1) << 12) | (b(2) << 6) | b(3);
    return 4;
  }
  *cp = 0xFFFD;
  return 1;
}

void EmitCode(char code, std::string* out) {
  switch (code) {
    case '1': out->append("ae"); break;
    case '2': out->append("th"); break;
    case '3': out->append("ss"); break;
    default: out->push_back(code);
  }
}

bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC; }

bool IsSeparator(char32_t cp) {
  if (cp < 0x80) return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'));
  if (cp >= 0x80 && cp <= 0xBF) return true;    // C1 controls, NBSP, Latin-1 punctuation/symbols
  if (cp >= 0x2000 && cp <= 0x206F) return true;  // general punctuation, spaces, dashes
  if (cp == 0x3000 || cp == 0xFEFF || cp == 0xFFFD) return true;
  return false;
}

}  // namespace

std::string NormalizeName(const std::string& name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  auto emit = [&](auto&& append) {
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    append();
  };
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp;
    i += Decode(name, i, &cp);
    if (IsApostrophe(cp)) continue;
    if (IsSeparator(cp)) {
      pending_space = true;
      continue;
    }
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      emit([&] { out.push_back(c); });
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      char code = kLatin1[cp - 0xC0];
      if (code == ' ') {
        pending_space = true;
        continue;
      }
      emit([&] {
        if (cp == 0xDF) {
          out.append("ss");
        } else {
          EmitCode(code, &out);
        }
      });
    } else if (cp >= 0x100 && cp <= 0x17F) {
      char code = kLatinExtA[cp - 0x100];
      emit([&] {
        if (code == '1') {
          out.append("ij");
        } else if (code == '2') {
          out.append("oe");
        } else {
          out.push_back(code);
        }
      });
    } else {
      char32_t lower = cp;
      if (cp >= 0x218 && cp <= 0x21B) {  // Ș ș Ț ț
        emit([&] { out.push_back(cp < 0x21A ? 's' : 't'); });
        continue;
      }
      if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) lower = cp + 0x20;       // Greek capitals
      else if (cp >= 0x410 && cp <= 0x42F) lower = cp + 0x20;                // Cyrillic А-Я
      else if (cp >= 0x400 && cp <= 0x40F) lower = cp + 0x50;                // Cyrillic Ѐ-Џ
      emit([&] { AppendUtf8(&out, lower); });
    }
  }
  return out;
}

}  // namespace kg
