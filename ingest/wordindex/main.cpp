// kg_wordindex AFF DIC OUT: generates the word index (ingest/word_index.h)
// from a Hunspell dictionary. Run by the build for the system's de_DE; every
// `known` entry is checked with Hunspell itself, so the index never claims a
// word Hunspell would reject.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <hunspell/hunspell.hxx>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "ingest/text_util.h"
#include "ingest/word_index.h"
#include "ingest/word_index_build.h"

namespace {

using namespace kg::ingest;

int Fail(const kg::Status& s) {
  std::fprintf(stderr, "kg_wordindex: %s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: kg_wordindex AFF DIC OUT\n");
    return 64;
  }
  const std::string aff = argv[1], dic = argv[2], out = argv[3];
  const auto t0 = std::chrono::steady_clock::now();
  auto stamp = StampOf(aff, dic);
  if (!stamp.ok()) return Fail(stamp.status());
  AffixRules rules;
  if (auto s = rules.Load(aff); !s.ok()) return Fail(s);

  // Every form once, with the first derivation seen; compound piece sets
  // from every derivation.
  std::unordered_set<std::string> forms, sets[static_cast<int>(WordTable::kCount)];
  auto in = [&](WordTable t) -> std::unordered_set<std::string>& {
    return sets[static_cast<int>(t)];
  };
  auto has = [](const std::string& flags, char f) { return flags.find(f) != std::string::npos; };
  auto add = [&](const std::string& f, const Derivation& d) {
    if (f.empty()) return;
    forms.insert(f);
    // Any piece Hunspell might put in a compound position (superset), as
    // written (Hunspell looks pieces up as written). A prefixed form ends a
    // compound only when the prefix has COMPOUNDPERMITFLAG (prefix_check).
    const std::string all = d.root_flags + d.cont;
    if (has(all, 'x')) in(WordTable::kBeginAny).insert(f);
    if (has(all, 'y')) in(WordTable::kMiddleAny).insert(f);
    if (has(all, 'z') && (!d.prefix || has(d.prefix_cont, 'c'))) in(WordTable::kEndAny).insert(f);
    if (f.find_first_of("-.") != std::string::npos) return;
    if (has(d.root_flags, 'd')) {  // FORBIDDENWORD and its forms
      in(WordTable::kForbidden).insert(Lower(f));
      return;
    }
    // Compound pieces, conservatively: no circumfix, no prefix, at most
    // one suffix; a NEEDAFFIX root only with an affix.
    if (has(d.cont, 'f') || d.prefix || d.suffixes.size() > 1) return;
    if (has(d.root_flags, 'h') && !d.affixed()) return;
    const bool permit = has(d.cont, 'c');
    if ((has(d.cont, 'x') && permit) || (has(d.root_flags, 'x') && !d.affixed()))
      in(WordTable::kBegin).insert(f);
    if ((has(d.cont, 'y') && permit) || (has(d.root_flags, 'y') && !d.affixed()))
      in(WordTable::kMiddle).insert(f);
    if ((has(d.cont, 'z') && permit) || has(d.root_flags, 'z')) in(WordTable::kEnd).insert(f);
  };
  if (auto s = ReadDic(dic, [&](const std::string& root,
                                std::string_view flags) { rules.Expand(root, flags, add); });
      !s.ok())
    return Fail(s);

  std::unordered_set<std::string> cands;
  for (const auto& f : forms) {
    // Hunspell's verdict on the form in the cases text shows it in.
    cands.insert(f);
    cands.insert(CapFirst(f));
    cands.insert(Lower(f));
    cands.insert(CapFirst(Lower(f)));
    in(WordTable::kParts).insert(Lower(f));
  }

  // Hunspell decides `known`: one instance per thread over a slice.
  std::vector<std::string> cand(cands.begin(), cands.end());
  std::sort(cand.begin(), cand.end());
  const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::vector<std::vector<std::string>> known(threads), rejected(threads);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      Hunspell h(aff.c_str(), dic.c_str());
      for (size_t i = t; i < cand.size(); i += threads)
        (h.spell(cand[i]) ? known : rejected)[t].push_back(cand[i]);
    });
  }
  for (auto& th : pool) th.join();
  WordSets out_sets;
  for (auto& k : known)
    out_sets[WordTable::kKnown].insert(out_sets[WordTable::kKnown].end(), k.begin(), k.end());
  for (auto& r : rejected)
    out_sets[WordTable::kRejected].insert(out_sets[WordTable::kRejected].end(), r.begin(), r.end());
  for (int t = 1; t < static_cast<int>(WordTable::kCount); ++t)
    if (t != static_cast<int>(WordTable::kRejected))
      out_sets.table[t].assign(sets[t].begin(), sets[t].end());
  for (auto& v : out_sets.table) std::sort(v.begin(), v.end());
  if (auto s = WriteWordIndex(out, *stamp, out_sets); !s.ok()) return Fail(s);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "kg_wordindex: %zu forms; known %zu, parts %zu, begin %zu, middle %zu, end %zu, "
      "forbidden %zu, any begin/middle/end %zu/%zu/%zu, rejected %zu -> %s (%.1f s)\n",
      forms.size(), out_sets[WordTable::kKnown].size(), out_sets[WordTable::kParts].size(),
      out_sets[WordTable::kBegin].size(), out_sets[WordTable::kMiddle].size(),
      out_sets[WordTable::kEnd].size(), out_sets[WordTable::kForbidden].size(),
      out_sets[WordTable::kBeginAny].size(), out_sets[WordTable::kMiddleAny].size(),
      out_sets[WordTable::kEndAny].size(), out_sets[WordTable::kRejected].size(), out.c_str(),
      secs);
  return 0;
}
