// The search library every front end uses: a SearchRequest in, a SearchResult out.
// One Searcher per thread: it owns a Xapian database handle, a query parser and a highlighter.
#pragma once

#include <xapian.h>

#include <string>

#include "analyzers/french_analyzer.h"
#include "searcher/highlighter.h"
#include "searcher/query_parser.h"
#include "searcher/search_request.h"
#include "searcher/search_result.h"

namespace depeche::search {

class Searcher {
 public:
  // Opens the index read-only; throws IndexError when it is missing or unreadable.
  explicit Searcher(const std::string& db_path);

  // Throws UsageError for a bad request (unknown country filter, malformed date, query too long).
  // Sees the latest committed revision: a newer one written meanwhile is picked up.
  SearchResult search(const SearchRequest& request);

  const Xapian::Database& database() const { return db_; }

 private:
  SearchResult run(const SearchRequest& request);
  void collect_quotes(const SearchRequest& request, const Xapian::MSet& mset,
                      const HighlightTerms& terms, SearchResult& result);

  std::string path_;
  Xapian::Database db_;
  QueryParser parser_;
  Highlighter highlighter_;
  analysis::FrenchAnalyzer analyzer_;
};

}  // namespace depeche::search
