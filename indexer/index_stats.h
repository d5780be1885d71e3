// What is in an index: counts, date range, top facet values, size, last update (`depeche stats`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace depeche::indexer {

struct FacetCount {
  std::string value;  // display form: "Corée du Nord (KP)", "John Kirby", "Agence Presse Monde"
  std::uint64_t count = 0;  // articles (exact: from the term's document frequency)
};

struct IndexStats {
  std::string path;
  std::uint64_t documents = 0;
  std::string first_date;  // YYYY-MM-DD, empty when no article has a date
  std::string last_date;
  std::uint64_t dated_documents = 0;
  std::vector<FacetCount> top_countries;
  std::vector<FacetCount> top_speakers;
  std::vector<FacetCount> top_sources;
  std::uint64_t distinct_terms_estimate = 0;  // unique free-text words (not counting prefixes)
  std::uint64_t size_bytes = 0;
  std::string last_update;  // ISO 8601 UTC of the last commit by depeche index
  int schema_version = 0;
};

// Reads the statistics of the index at `path` (opened read-only). Throws IndexError.
IndexStats read_index_stats(const std::string& path, std::size_t top = 10);

}  // namespace depeche::indexer
