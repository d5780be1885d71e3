// Finds the countries a French news text refers to: names, demonyms, capitals and institutions.
//
// The dictionary is ICU's CLDR French country names plus analyzers/data/countries_fr.tsv
// (aliases, demonyms generated in all genders and numbers, metonyms; its format is documented at
// the top of that file). Every entry is analysed with FrenchAnalyzer, so entries and text meet on
// the same folded terms; matching is a trie over term sequences, longest match wins, walked once
// over the text's word tokens (compound parts instead of whole compounds), so it is linear in
// tokens and can never fire inside another word. Policies (plain « Corée », « Amérique »,
// « Bruxelles », franco-/sino-… prefixes, cities) are written down in the data file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/entities.h"
#include "analyzers/token.h"

namespace depeche::analysis {

class CountryDictionary;

class CountryExtractor {
 public:
  // Cheap: the dictionary is built once per process, on first use, and never changes afterwards,
  // so any number of extractors on any threads share it.
  CountryExtractor();

  // Mentions in order of appearance. `tokens` are FrenchAnalyzer::analyze(text) of the same text;
  // offsets in the mentions are bytes into `text`. Never throws on any input.
  std::vector<CountryMention> extract(std::string_view text, const std::vector<Token>& tokens,
                                      TextField field) const;

  // A preposition or article (`Token::lower`: à, au, en, de, la, l', vers, depuis, dans…) after
  // which a capitalised country or city is a place, not a first name: « en Russie Vladimir
  // Poutine » against « Israël Katz », « Pour Kenya Brooks ». Meant to be shared with the other
  // name rules (speaker extraction's « a place after a preposition is a place »).
  static bool introduces_place(std::string_view lower);

  // What building the dictionary found wrong: malformed data lines, unknown ISO codes, one form
  // given two different countries. Empty when the data file is sound (a test checks it).
  static std::vector<std::string> dictionary_problems();

  // How many dictionary entries (inflected forms counted separately) each kind has.
  struct DictionaryStats {
    std::size_t names = 0;
    std::size_t demonyms = 0;
    std::size_t metonyms = 0;
    std::size_t blocks = 0;
  };
  static DictionaryStats dictionary_stats();

 private:
  const CountryDictionary* dictionary_;
};

}  // namespace depeche::analysis
