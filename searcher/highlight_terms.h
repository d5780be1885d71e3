// What a query looks for, word by word, so that snippets mark exactly the words that matched:
// the query parser fills it from the free-text parts of a query; the highlighter reads it.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "analyzers/token.h"

namespace depeche::search {

struct HighlightTerms {
  std::set<std::string> terms;          // folded words (Token::term), compound wholes and parts
  std::set<std::string> stems;          // stem keys (Token::stems)
  std::vector<std::string> prefixes;    // wildcard prefixes, folded (kirb* → "kirb")

  // True when a token of a document's text is one the query looks for: same folded word, a
  // shared stem key, or a wildcard prefix of its folded word.
  bool matches(const analysis::Token& token) const;
  bool empty() const { return terms.empty() && stems.empty() && prefixes.empty(); }
  // Adds everything the query words of `tokens` (query-mode analysis) look for.
  void add(const std::vector<analysis::Token>& tokens);
  void merge(const HighlightTerms& other);
};

}  // namespace depeche::search
