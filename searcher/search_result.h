// What the searcher answers, for every front end alike (CLI text and JSON, HTTP).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "searcher/highlighter.h"

namespace depeche::search {

struct CountryRef {
  std::string code;  // "KP"
  std::string name;  // "Corée du Nord"
};

struct Hit {
  std::string id;
  std::uint32_t rank = 0;     // 1-based, across pages
  double score = 0;           // BM25 weight (0 when sorted by date)
  int percent = 0;            // relative to the best hit
  std::string title;
  Snippet title_snippet;      // the whole title with matches marked
  Snippet snippet;            // best passage of the body
  std::string date;           // ISO 8601 as stored, empty when unknown
  std::string source;
  std::string url;
  std::vector<CountryRef> countries;
  std::vector<std::string> speakers;
  std::string story;          // near-duplicate key
  std::uint32_t similar = 0;  // other articles of the same story collapsed into this hit (at least)
};

struct QuoteHit {
  std::string text;       // the quote
  Snippet snippet;        // the quote with matches marked
  std::string speaker;    // canonical full name, empty when unnamed
  std::string role;       // unnamed speaker's role
  std::string article_id;
  std::string title;
  std::string date;
  std::string source;
};

struct FacetValue {
  std::string value;  // what to filter on: "KP", "John Kirby", "2022", "2022-11"
  std::string label;  // what to show: "Corée du Nord", "John Kirby", "2022", "novembre 2022"
  std::uint64_t count = 0;
};

struct Facet {
  std::string name;  // "country", "speaker", "source", "year", "month"
  std::vector<FacetValue> values;
};

struct Correction {
  std::string word;         // as typed
  std::string replacement;  // from the index's vocabulary
};

struct SearchTimings {
  double parse_ms = 0, match_ms = 0, snippets_ms = 0, total_ms = 0;
};

struct SearchResult {
  std::vector<Hit> hits;
  std::vector<QuoteHit> quotes;  // when the request asked for quotes: this page of them
  std::uint64_t quote_count = 0;  // matching quotes in the best 200 articles

  // Counts. Facets and `articles` count matching articles; `stories` counts them once per
  // near-duplicate story (what the hit list shows when collapsing).
  std::uint64_t articles = 0;
  std::uint64_t stories = 0;
  bool counts_exact = false;  // false: estimates (huge match set or time limit)
  std::vector<Facet> facets;

  // Honest feedback.
  std::string query;                      // as asked
  std::string corrected_query;            // did-you-mean, empty when none
  bool showing_corrected = false;         // nothing matched the query: these are the corrected one's results
  std::vector<Correction> typos;          // unknown words matched with typo tolerance
  std::vector<std::string> ignored_stopwords;
  bool relaxed_syntax = false;            // the query was read in a plainer way (see notes)
  std::vector<std::string> notes;         // one sentence each, for the user
  bool timed_out = false;                 // the time limit stopped the match: results may be partial
  bool partial = false;                   // some shards did not answer: their articles are missing
  std::vector<std::string> missing_shards;  // which ones (HOST:PORT or shard directory)
  SearchTimings timings;
};

}  // namespace depeche::search
