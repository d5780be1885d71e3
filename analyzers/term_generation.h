// Tokens → Xapian terms, for documents and for queries. Both directions live here, next to each
// other, so what a query looks for is by construction what indexing wrote (tests/analyzers
// term_generation_test.cpp proves the parity).
//
// Per field prefix P (schema.h: "" body, "S" title, "XQ" quotes):
//   P + term          every token, with its position (stopwords, numbers included)
//   P + compound      the whole hyphenated compound, no position (its parts carry positions)
//   Z + P + stem key  each stem key of a stemmed token or compound, no position
#pragma once

#include <xapian.h>

#include <string_view>
#include <vector>

#include "analyzers/token.h"

namespace depeche::analysis {

struct IndexFieldOptions {
  std::string_view prefix = "";          // schema::kPrefixBody, kPrefixTitle, …
  Xapian::termcount wdf = 1;             // weight of each occurrence (title boost)
  Xapian::termpos position_offset = 0;   // added to token positions (title/body gap)
  bool positions = true;                 // false: wdf only, no phrase search on this field
};

// Adds the terms of analysed text to a document.
void index_tokens(Xapian::Document& doc, const std::vector<Token>& tokens,
                  const IndexFieldOptions& options);

struct QueryFieldOptions {
  std::string_view prefix = "";
  // Words that are not stopwords are combined with this operator (AND: all words required).
  Xapian::Query::op op = Xapian::Query::OP_AND;
  // A prefix wildcard (kirb*) expands to at most this many terms, the most frequent first.
  Xapian::termcount wildcard_limit = 100;
};

// The query for loose words (not a phrase): each word matches any of its stem keys (a synonym, so
// BM25 weighs it as one word); a compound matches as a whole word or as the phrase of its parts;
// stopwords are optional (they only add weight) unless the query has nothing else.
Xapian::Query words_query(const std::vector<Token>& tokens, const QueryFieldOptions& options);

// The query for a quoted phrase: exact folded words in order, compounds by their parts.
Xapian::Query phrase_query(const std::vector<Token>& tokens, const QueryFieldOptions& options);

// The query for one word token (and, for a compound, the parts that follow it at tokens[i+1…]).
Xapian::Query word_query(const std::vector<Token>& tokens, std::size_t i,
                         const QueryFieldOptions& options);

}  // namespace depeche::analysis
