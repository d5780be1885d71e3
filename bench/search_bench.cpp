// Depeche's query harness for bench/run: the searcher library, one Searcher per thread, timed
// over the fixed query set (bench/bench_common.h describes modes and output).
//
//   depeche-search-bench --db DB --queries bench/queries.tsv --mode plain|facet|filter|full
//                        [--threads N] [--passes P]
//   depeche-search-bench --db DB --queries bench/suggest.txt --suggest [--threads N] [--passes P]
//
// plain: the query, 10 hits with their highlighted title and snippet (Depeche always makes them),
// no facets. facet: plus every facet (country, speaker, source, year) counted exactly over all
// matches. filter and full (the same for Depeche): plus the line's filters (country, years).
// --suggest: completions of each line through the server's in-memory Suggester, as
// /api/suggest computes them.
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "searcher/searcher.h"
#include "server/suggester.h"

namespace {

class SearchRunner : public bench::Runner {
 public:
  explicit SearchRunner(const std::string& db) : searcher_(db) {
    // As in depeche serve: exact facets from the in-memory columns (searcher/facet_columns.h).
    searcher_.use_facet_columns(true);
  }

  bench::Outcome run(const bench::Query& q, bench::Mode mode) override {
    depeche::search::SearchRequest req;
    req.query = q.text;
    req.limit = 10;
    req.facets = bench::with_facet(mode);
    if (bench::with_filters(mode)) {
      if (!q.country.empty()) req.countries = {q.country};
      if (q.from_year) req.from = std::to_string(q.from_year);
      if (q.to_year) req.to = std::to_string(q.to_year);
    }
    const auto result = searcher_.search(req);
    return {result.articles, result.hits.size()};
  }

 private:
  depeche::search::Searcher searcher_;
};

class SuggestRunner : public bench::Runner {
 public:
  explicit SuggestRunner(std::shared_ptr<depeche::server::Suggester> s) : suggester_(std::move(s)) {}

  bench::Outcome run(const bench::Query& q, bench::Mode) override {
    const auto s = suggester_->suggest(q.text);
    return {s.size(), s.size()};
  }

 private:
  std::shared_ptr<depeche::server::Suggester> suggester_;
};

}  // namespace

int main(int argc, char** argv) {
  std::shared_ptr<depeche::server::Suggester> suggester;
  bool suggest = false;
  for (int i = 1; i < argc; ++i) suggest = suggest || std::string(argv[i]) == "--suggest";
  return bench::run_harness(argc, argv, suggest ? "depeche-suggest" : "depeche",
                            [&](const std::vector<std::string>& rest) -> std::unique_ptr<bench::Runner> {
                              std::string db;
                              for (std::size_t i = 0; i < rest.size(); ++i) {
                                if (rest[i] == "--db" && i + 1 < rest.size()) db = rest[++i];
                              }
                              if (db.empty()) throw std::runtime_error("--db DB is required");
                              if (suggest) {
                                // One vocabulary shared by every thread, as in the server.
                                if (!suggester) suggester = std::make_shared<depeche::server::Suggester>(db);
                                return std::make_unique<SuggestRunner>(suggester);
                              }
                              return std::make_unique<SearchRunner>(db);
                            });
}
