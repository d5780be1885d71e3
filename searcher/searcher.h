// The search library every front end uses: a SearchRequest in, a SearchResult out.
// One Searcher per thread: it owns a Xapian database handle, a query parser and a highlighter.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>

#include "analyzers/french_analyzer.h"
#include "core/shards.h"
#include "searcher/highlighter.h"
#include "searcher/query_parser.h"
#include "searcher/search_request.h"
#include "searcher/search_result.h"

namespace depeche::search {

class FacetColumns;

class Searcher {
 public:
  // Opens the index read-only; throws IndexError when it is missing or unreadable.
  explicit Searcher(const std::string& db_path);
  // Opens every shard of a sharded index, local and remote (core/shards.h). Searches see them as
  // one index; shards that are down are left out (results say so) or fail the search, as
  // `where.on_failure` says.
  explicit Searcher(const IndexLocation& where);

  // Throws UsageError for a bad request (unknown country filter, malformed date, query too long).
  // Sees the latest committed revision: a newer one written meanwhile is picked up.
  SearchResult search(const SearchRequest& request);

  const Xapian::Database& database() const { return db_; }
  // The shards searched (one for a plain index): for lookups outside search(), after refresh().
  ShardSet& shards() { return shards_; }

  // Long-lived searchers (the server, benchmarks) count facets from in-memory columns of the
  // index (searcher/facet_columns.h): built once per revision, shared by every Searcher of the
  // process on the same revision, they make exact facets cheap. Off by default: a one-shot
  // command would pay for building them and use them once.
  void use_facet_columns(bool on) { use_facet_columns_ = on; }

 private:
  SearchResult run(const SearchRequest& request);
  void collect_quotes(const SearchRequest& request, const Xapian::MSet& mset,
                      const HighlightTerms& terms, SearchResult& result);

  std::shared_ptr<const FacetColumns> facet_columns();
  void note_missing_shards(SearchResult& result);

  std::string path_;
  ShardSet shards_;
  Xapian::Database db_;  // shards_.db(): every shard that answers
  std::vector<std::string> last_missing_;
  bool use_facet_columns_ = false;
  std::shared_ptr<const FacetColumns> columns_;  // for db_'s current revision, once built
  QueryParser parser_;
  Highlighter highlighter_;
  analysis::FrenchAnalyzer analyzer_;
};

}  // namespace depeche::search
