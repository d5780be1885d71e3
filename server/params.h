// Query-string parameters of the API, validated into a SearchRequest: every bound lives here.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/search_request.h"

namespace depeche::server {

// A decoded query string; a name may repeat (httplib::Params is this type).
using QueryParams = std::multimap<std::string, std::string>;

// Parses the query string of a request target ("/api/search?q=a+b&country=KP"): '+' is a space
// and %XX a byte, as browsers' forms and URLSearchParams encode them (httplib keeps '+' as is).
QueryParams parse_query_string(std::string_view target);

// The documented bounds (docs/API.md). Breaking one is a 400 with a one-line message.
inline constexpr std::size_t kMaxQueryBytes = 2048;     // the query parser's own limit
inline constexpr std::size_t kMaxPerPage = 50;
inline constexpr std::size_t kDefaultPerPage = 10;
inline constexpr std::size_t kMaxDepth = 1000;          // page × per_page
inline constexpr std::size_t kMaxValuesPerName = 20;    // repeated or comma-separated values
inline constexpr std::size_t kMaxValueBytes = 256;      // any one filter value, id or story key

// GET /api/search parameters → a SearchRequest (time_limit left at its default: the server sets
// it). Throws UsageError naming the parameter for anything unknown, repeated or out of bounds.
search::SearchRequest parse_search_params(const QueryParams& params);

// GET /api/suggest parameters.
struct SuggestParams {
  std::string q;
  bool opensearch = false;  // format=opensearch: [query, [completions]]
};
SuggestParams parse_suggest_params(const QueryParams& params);

// Throws UsageError when a parameter is not in `known` (typos such as `qq` are reported, not
// silently ignored) or when a single-valued parameter is repeated.
void check_names(const QueryParams& params, const std::vector<std::string>& known,
                 const std::vector<std::string>& repeatable);

}  // namespace depeche::server
