// The Depeche query language: a user's query string → a Xapian query plus honest feedback.
// docs/QUERY.md is the user documentation; the grammar, in short:
//
//   query  := or
//   or     := and ( "OR" and )*
//   and    := unary ( ["AND"] unary )*          juxtaposition = options.default_op
//   unary  := ( "NOT" | "-" | "+" )* field* atom
//   field  := name ":"                          title quote country speaker source year date
//   atom   := "(" or ")" | phrase | word        phrase: "…"  « … »  “…”  „…“
//
// Free text goes through the index's own analysis (FrenchAnalyzer, kQuery mode) and becomes terms
// only through analyzers/term_generation.h, so a query looks for exactly what indexing wrote.
// We do not use Xapian::QueryParser: see /work/shared/NOTES-xapian-icu.md.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "analyzers/french_analyzer.h"
#include "searcher/parsed_query.h"

namespace depeche::search {

// The default country resolver: ISO code in any case or French name, accents optional
// (analysis::CountryNames::french()); returns the uppercase ISO code.
std::optional<std::string> resolve_french_country(std::string_view code_or_name);

struct QueryParserOptions {
  // Loose words are combined with this operator: AND means documents containing all the words.
  Xapian::Query::op default_op = Xapian::Query::OP_AND;
  // A prefix wildcard (kirb*) expands to at most this many terms, the most frequent first.
  Xapian::termcount wildcard_limit = 100;
  // Longer query strings are refused with a depeche::UsageError.
  std::size_t max_query_bytes = 2048;
  // More words (free-text words plus filter values) are refused with a depeche::UsageError.
  std::size_t max_words = 64;
  // Parentheses nested deeper than this are ignored (with a note), which bounds recursion.
  std::size_t max_depth = 32;
  // country:X → uppercase ISO code, nullopt when unknown. A hook so an alias table can be added.
  std::function<std::optional<std::string>(std::string_view)> resolve_country =
      resolve_french_country;
};

// One per thread: it owns a FrenchAnalyzer (ICU break iterator and stemmer are not thread-safe).
class QueryParser {
 public:
  explicit QueryParser(QueryParserOptions options = {});

  // Any input gives a ParsedQuery (syntax problems are repaired and reported in `notes`), except a
  // query over the byte or word limits, which throws depeche::UsageError with one clear line.
  ParsedQuery parse(std::string_view query);

 private:
  QueryParserOptions options_;
  analysis::FrenchAnalyzer analyzer_;
};

}  // namespace depeche::search
