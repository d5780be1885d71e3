// What a front end asks the searcher for. Defaults are written next to each field.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace depeche::search {

enum class SortOrder {
  kRelevance,       // BM25, title words weigh more (indexed with a higher wdf)
  kDateDescending,  // newest first, relevance breaks ties
  kDateAscending,
};

struct SearchRequest {
  std::string query;                  // the query language of docs/QUERY.md; may be empty with filters
  // Filters: values of one facet OR together, facets AND together.
  std::vector<std::string> countries;  // ISO codes or French names, any case, with or without accents
  std::vector<std::string> speakers;   // full name ("John Kirby") or last name ("kirby")
  std::vector<std::string> sources;    // outlet names
  std::string from;                    // YYYY, YYYY-MM or YYYY-MM-DD, inclusive; empty: open
  std::string to;
  SortOrder sort = SortOrder::kRelevance;
  bool recency_boost = false;          // relevance plus a bonus halving every 365 days of age
  std::size_t offset = 0;
  std::size_t limit = 10;
  bool facets = true;                  // country, speaker, source, year (month for short ranges)
  std::size_t facet_values = 10;       // values per facet
  bool collapse = true;                // one hit per near-duplicate story
  std::string expand_story;            // a story key: show all its articles, not collapsed
  std::string like_id;                 // more like this article (combined with query and filters)
  bool quotes = false;                 // answer with quotes instead of articles
  bool spelling = true;                // did-you-mean, and retry when nothing matches
  bool typo_tolerance = true;          // unknown words of 5+ letters match 1 typo, 9+ letters 2
  std::chrono::milliseconds time_limit{2000};  // hard bound on the match; partial results flagged
  std::size_t snippet_bytes = 260;
};

}  // namespace depeche::search
