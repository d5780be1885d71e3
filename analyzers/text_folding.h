// Lossy folding applied to words, never to the text quote extraction or snippets read:
// case (ICU NFKC_Casefold) and accents (canonical decomposition minus combining marks, plus the
// ligatures and letters Unicode does not decompose: œ æ ø đ ł …).
#pragma once

#include <unicode/unistr.h>

#include <string>
#include <string_view>

namespace depeche::analysis {

// NFKC + full case folding + removal of default-ignorable characters, as UTF-8, with every
// apostrophe look-alike (’ ‘ ʼ) turned into ASCII '. Accents are kept.
std::string fold_case(const icu::UnicodeString& word);
std::string fold_case(std::string_view utf8_word);

// Removes accents and apostrophes from an already case-folded word: "aujourd'hui" → "aujourdhui",
// "cœur" → "coeur", "élections" → "elections". ASCII input is returned unchanged but for apostrophes.
std::string fold_accents(std::string_view lower);

// The normal form of a filter value (speaker, source, author): case and accents folded, any run of
// spaces, hyphens, dots and commas becomes one space — "Jean-Yves  Le Drian" and
// "jean yves le drian" give the same value. Used for boolean terms by indexer and searcher alike.
std::string fold_value(std::string_view utf8);

// True for ' ’ ‘ ʼ (the apostrophes seen in French news copy).
bool is_apostrophe(UChar32 c);

}  // namespace depeche::analysis
