// Token matching for highlighting, mirroring what term_generation's queries match.
#include "searcher/highlight_terms.h"

namespace depeche::search {

bool HighlightTerms::matches(const analysis::Token& token) const {
  if (token.term.empty()) return false;
  if (terms.count(token.term)) return true;
  for (const std::string& s : token.stems) {
    if (stems.count(s)) return true;
  }
  for (const std::string& p : prefixes) {
    if (token.term.compare(0, p.size(), p) == 0) return true;
  }
  return false;
}

void HighlightTerms::add(const std::vector<analysis::Token>& tokens) {
  for (const analysis::Token& t : tokens) {
    if (t.term.empty() || t.has(analysis::kFlagTooLong)) continue;
    if (t.has(analysis::kFlagWildcard)) {
      prefixes.push_back(t.term);
      continue;
    }
    // Stopwords are highlighted only where they are part of a phrase; loose stopwords would
    // light up every "le" of the text.
    if (t.has(analysis::kFlagStopword)) continue;
    terms.insert(t.term);
    stems.insert(t.stems.begin(), t.stems.end());
  }
}

void HighlightTerms::merge(const HighlightTerms& other) {
  terms.insert(other.terms.begin(), other.terms.end());
  stems.insert(other.stems.begin(), other.stems.end());
  prefixes.insert(prefixes.end(), other.prefixes.begin(), other.prefixes.end());
}

}  // namespace depeche::search
