// The result of parsing a user's query string: the Xapian query and the honest feedback about it.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "searcher/highlight_terms.h"

namespace depeche::search {

struct ParsedQuery {
  // Free text, phrases, operators, field scopes and in-query filters (country:, date:…), combined.
  // Empty (MatchAll is never implied) when the string had nothing searchable.
  Xapian::Query query;
  // True when the query has free-text words (false for a filter-only query like "country:kp").
  bool has_text = false;
  // What snippets should mark.
  HighlightTerms highlight;
  // The user's content words as typed (surface form), in order: what spelling correction checks.
  std::vector<std::string> words;
  // Words that were not required because they are stopwords ("la", "de").
  std::vector<std::string> ignored_stopwords;
  // The string had a syntax problem (unbalanced quote or parenthesis, dangling operator, empty
  // field) and was read in a plainer way; `notes` says how.
  bool relaxed_syntax = false;
  // One clear sentence per thing the user should know: "unknown country 'Atlantide' ignored",
  // "unbalanced quote: read as a phrase up to the end".
  std::vector<std::string> notes;
};

}  // namespace depeche::search
