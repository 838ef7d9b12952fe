// Build side of the word index (word_index.h): expands a Hunspell .dic with
// the prefix/suffix rules of its .aff into the word forms they generate.
//
// Covers what de_DE uses: PFX/SFX classes with strip, add, continuation flags
// (applied once more: "twofold" suffixes) and conditions; single-character
// flags (no FLAG directive). Other directives are ignored: the forms are
// candidates (checked with Hunspell for the `known` set) and a superset of
// compound pieces (for the `parts` set), so an approximation errs towards
// asking Hunspell, never towards a wrong verdict.
//
// Thread safety: an AffixRules is immutable after Load().
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"

namespace kg::ingest {

// How a form was derived from its .dic root.
struct Derivation {
  std::string root_flags;  // the root's flags from the .dic
  char prefix = 0;         // the prefix class applied, 0 when none
  std::string suffixes;    // suffix classes applied, in order
  std::string cont;        // continuation flags of the applied affixes
  std::string prefix_cont;  // continuation flags of the prefix entry
  bool affixed() const { return prefix != 0 || !suffixes.empty(); }
};

class AffixRules {
 public:
  using Emit = std::function<void(const std::string& form, const Derivation& how)>;

  // Parses the PFX/SFX blocks of `aff_path`. Corruption names file and line.
  Status Load(const std::string& aff_path);

  // Calls `emit` for the root and every form the rules derive from it with
  // `flags` (the part after '/' in the .dic line). Forms may repeat.
  void Expand(const std::string& root, std::string_view flags, const Emit& emit) const;

  size_t classes() const { return classes_.size(); }

 private:
  struct Cond {  // one position of a condition: a set of characters
    std::vector<std::string> chars;
    bool negated = false;
    bool any = false;  // "."
  };
  struct Entry {
    std::string strip, add, cont;
    std::vector<Cond> cond;
  };
  struct Class {
    bool prefix = false, cross = false;
    std::vector<Entry> entries;
  };

  static bool ParseCond(std::string_view s, std::vector<Cond>* out);
  static bool CondAtEnd(const std::vector<Cond>& c, std::string_view w);
  static bool CondAtStart(const std::vector<Cond>& c, std::string_view w);
  void Suffixes(const std::string& w, std::string_view flags, bool only_cross, int depth,
                const Derivation& base, const Emit& emit) const;

  std::map<char, Class> classes_;
};

// Reads a .dic: calls `entry(root, flags)` for every line after the count
// line (flags empty when there is no '/'; morphological fields dropped).
Status ReadDic(const std::string& dic_path,
               const std::function<void(const std::string&, std::string_view)>& entry);

// Upper-cases the first letter (ASCII and Latin-1 lower-case letters).
std::string CapFirst(std::string_view w);

}  // namespace kg::ingest
