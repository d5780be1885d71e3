// Snowball French stemming that stays accent-insensitive in both directions.
//
// Snowball French and accent folding do not commute: stem-then-fold gives sécurité → secur but
// securite → securit; fold-then-stem gives créées → cree but créé → cre. Users type both accented
// and unaccented words, so every word gets both keys, fold(stem(w)) and stem(fold(w)), on the
// index side and on the query side, and a query word matches when the two key sets meet:
//   sécurité {secur, securit}  ∩ securite {securit}        = {securit}
//   créées   {cre, cree}       ∩ créé     {cre}            = {cre}
//   Corée    {cor, core}       ∩ coree    {core}           = {core}
// Most words have one key (no accent, or both orders agree), so the index grows little.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace depeche::analysis {

class FrenchStemmer {
 public:
  FrenchStemmer();

  // The distinct stem keys of a case-folded word (accents kept): one or two, accent-free.
  std::vector<std::string> keys(const std::string& lower);

 private:
  // Xapian::Stem keeps Snowball state: one stemmer per thread, hence one per analyzer.
  Xapian::Stem stem_;
  // News vocabulary is Zipfian: a small memo avoids re-stemming "le", "guerre", "président"…
  std::unordered_map<std::string, std::vector<std::string>> memo_;
};

}  // namespace depeche::analysis
