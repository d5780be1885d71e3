// The French analysis chain: text in, tokens out. The same chain serves indexing and queries.
//
//   1. clean_text        decode UTF-8 (bad bytes → U+FFFD), drop soft hyphens and zero-width
//                        characters, NBSP / narrow NBSP / controls → space        (lossless)
//   2. ICU word breaking  French rules; keeps aujourd’hui and l’armée whole, splits at hyphens
//   3. numbers            "200 000" (thin or plain space) joins into one number
//   4. elision            l’ d’ j’ m’ n’ s’ t’ c’ qu’ jusqu’ lorsqu’ puisqu’ quoiqu’ presqu’ stripped
//   5. case folding       NFKC + ICU full case folding; ’ ‘ ʼ → '                  (lossy)
//   6. acronyms           O.N.U. → onu
//   7. accent folding     élections → elections, cœur → coeur, aujourd'hui → aujourdhui (lossy)
//   8. stopwords          marked, never dropped
//   9. stemming           Snowball French, two accent-free keys (see french_stemmer.h)
//  10. compounds          États-Unis → etatsunis (whole) followed by its parts etats, unis
//
// Every token keeps byte offsets into the original text, which is what highlighting needs.
// One analyzer per thread: it owns an ICU break iterator and a Snowball stemmer.
#pragma once

#include <unicode/uversion.h>

#include <memory>
#include <string_view>
#include <vector>

#include "analyzers/french_stemmer.h"
#include "analyzers/token.h"

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace depeche::analysis {

enum class AnalysisMode {
  kIndex,
  kQuery,  // also recognises a trailing * as a prefix wildcard (kirb*)
};

// Which words need stem keys, when a caller only compares them with a few known stems (the
// highlighter): Snowball's French stemmer only ever changes a word after its first two letters
// (the third may change: paye → pai), so a word can only share a stem with those whose first two
// letters it shares. Stemming is most of the cost of analysing a text; this skips it for most words.
class StemFilter {
 public:
  explicit StemFilter(const std::vector<std::string>& stems);
  template <typename Range>
  static StemFilter of(const Range& stems) {
    return StemFilter(std::vector<std::string>(stems.begin(), stems.end()));
  }
  // `term`: the token's folded term.
  bool wants(std::string_view term) const;

 private:
  std::vector<std::string> heads_;  // sorted, unique
};

class FrenchAnalyzer {
 public:
  FrenchAnalyzer();
  ~FrenchAnalyzer();
  FrenchAnalyzer(const FrenchAnalyzer&) = delete;
  FrenchAnalyzer& operator=(const FrenchAnalyzer&) = delete;

  // Never throws on any input bytes.
  std::vector<Token> analyze(std::string_view text, AnalysisMode mode = AnalysisMode::kIndex);
  // The same, with stem keys only for the words `filter` wants (the others have none).
  std::vector<Token> analyze(std::string_view text, AnalysisMode mode, const StemFilter& filter);

 private:
  std::vector<Token> run(std::string_view text, AnalysisMode mode, const StemFilter* filter);

  std::unique_ptr<icu::BreakIterator> breaker_;
  FrenchStemmer stemmer_;
};

}  // namespace depeche::analysis
