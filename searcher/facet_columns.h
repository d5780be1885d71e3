// The fast path for exact facets: every facet value slot of an index revision decoded once into
// integer columns held in memory, so counting a match is an array increment per matching article
// instead of value-stream lookups, string decoding and hash-map updates (what Xapian's
// ValueCountMatchSpy and our FacetSpy do for every match).
//
// Columns are built from a Database handle and are valid for exactly the revision it had: the
// Searcher drops them whenever reopen() says the database may have changed. A docid past the
// columns (it cannot happen for the revision they were built from) is counted from its values.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "searcher/match_extensions.h"

namespace depeche::search {

class FacetColumns {
 public:
  // Reads the facet value slots of every document (one pass over each value stream).
  static std::shared_ptr<const FacetColumns> build(const Xapian::Database& db);

  // A list-valued column in compressed-row form: the ids of document d are
  // ids[offsets[d] .. offsets[d + 1]).
  struct ListColumn {
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint32_t> ids;
    std::vector<std::string> labels;  // id → value
  };
  // A single-valued column: id per document, 0 when the document has no value.
  struct SingleColumn {
    std::vector<std::uint32_t> ids;
    std::vector<std::string> labels;  // id → value; labels[0] is the empty "no value"
  };

  Xapian::docid last_docid() const { return last_docid_; }
  const ListColumn& countries() const { return countries_; }
  const ListColumn& speakers() const { return speakers_; }
  const SingleColumn& sources() const { return sources_; }
  const SingleColumn& years() const { return years_; }
  const SingleColumn& months() const { return months_; }
  const SingleColumn& stories() const { return stories_; }  // ids only: labels are dropped
  std::size_t story_count() const { return story_count_; }  // distinct story ids, 0 included
  std::size_t memory_bytes() const;

 private:
  Xapian::docid last_docid_ = 0;
  ListColumn countries_, speakers_;
  SingleColumn sources_, years_, months_, stories_;
  std::size_t story_count_ = 0;
};

// Counts facets of a match from FacetColumns: integer counters during the match, turned into the
// same value → count maps as FacetSpy by finish().
class ColumnFacetSpy : public FacetTally {
 public:
  explicit ColumnFacetSpy(std::shared_ptr<const FacetColumns> columns);

  void operator()(const Xapian::Document& doc, double weight) override;
  void finish() override;

 private:
  std::shared_ptr<const FacetColumns> columns_;
  std::vector<std::uint32_t> country_counts_, speaker_counts_, source_counts_, year_counts_,
      month_counts_;
  std::vector<std::uint64_t> story_seen_;  // bitset over story ids
  std::uint64_t story_count_ = 0;
  FacetSpy fallback_;                      // documents newer than the columns (none in practice)
};

}  // namespace depeche::search
