// The JSON form of a SearchResult: one schema for `depeche search --json` and the HTTP API,
// documented field by field in docs/JSON.md.
#pragma once

#include <nlohmann/json.hpp>

#include "searcher/search_request.h"
#include "searcher/search_result.h"

namespace depeche::search {

nlohmann::json to_json(const SearchResult& result, const SearchRequest& request);
nlohmann::json to_json(const Snippet& snippet);

}  // namespace depeche::search
