// What a match uses instead of Depeche's own extension classes (match_extensions.h) when a shard
// is remote: stock xapian-tcpsrv only runs Xapian's built-in match spies and posting sources, so
//  - RemoteFacetTally counts facets with one Xapian::ValueCountMatchSpy per slot (Xapian merges
//    their counts across shards) and splits the packed country and speaker lists afterwards: the
//    counts are exact, the same as FacetSpy's;
//  - it also counts the articles of each story on the page: Xapian's collapse counts do not
//    cross the remote protocol, and hits say how many copies each one stands for;
//  - remote_recency_boost() is the recency boost as a Xapian::ValueMapPostingSource over the
//    month slot: the weight of an article's month (taken at its 15th day) instead of its day.
// There is no DeadlineSource either: the match is bounded by Enquire::set_time_limit on each shard
// and by the remote timeout (docs/SCALING.md).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/schema.h"
#include "searcher/match_extensions.h"
#include "searcher/search_result.h"

namespace depeche::search {

class RemoteFacetTally : public FacetTally {
 public:
  // Adds the built-in spies to `enquire`; this object must outlive its get_mset. Stories are
  // counted by a spy over the near-duplicate slot unless the match collapses on it: then they are
  // the collapsed match count (see use_collapsed_count), which costs nothing to ship.
  void attach(Xapian::Enquire& enquire, bool collapsing);
  // With a collapsing match: the number of stories is the number of collapsed matches.
  void use_collapsed_count(const Xapian::MSet& mset);

  // With a collapsing match: counts the matching articles of each story of the page, with one
  // more match of `query` restricted to those stories; fill_similar() then sets Hit::similar.
  void count_story_sizes(const Xapian::Database& db, const Xapian::Query& query, const Xapian::MSet& mset,
                         double time_limit_seconds);
  void fill_similar(std::vector<Hit>& hits) const;

  // Never called: the tally is not itself attached to a match.
  void operator()(const Xapian::Document&, double) override {}
  void finish() override;

 private:
  Xapian::ValueCountMatchSpy years_spy_{schema::kSlotYear};
  Xapian::ValueCountMatchSpy months_spy_{schema::kSlotMonth};
  Xapian::ValueCountMatchSpy sources_spy_{schema::kSlotSource};
  Xapian::ValueCountMatchSpy countries_spy_{schema::kSlotCountries};
  Xapian::ValueCountMatchSpy speakers_spy_{schema::kSlotSpeakers};
  Xapian::ValueCountMatchSpy stories_spy_{schema::kSlotDupKey};
  bool collapsing_ = false;
  std::uint64_t collapsed_ = 0;
  std::unordered_map<std::string, Xapian::doccount> story_sizes_;
};

// AND_MAYBE this with the query: up to `max_weight` for an article of this month, halving every
// `half_life_days` of age. `today` is in days since 1970-01-01.
Xapian::Query remote_recency_boost(const Xapian::Database& db, double today, double max_weight,
                                   double half_life_days);

}  // namespace depeche::search
