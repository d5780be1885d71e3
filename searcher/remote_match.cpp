// Facets and recency from Xapian's built-in classes, for matches that reach remote shards.
#include "searcher/remote_match.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

namespace depeche::search {
namespace {

// Each value of a spy is a whole slot value; packed lists are split into their items.
void add_counts(const Xapian::ValueCountMatchSpy& spy, FacetTally::Counts& counts, bool packed) {
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string value = *it;
    const Xapian::doccount n = it.get_termfreq();
    if (!packed) {
      counts[value] += n;
      continue;
    }
    for (const std::string& item : schema::unpack_list(value)) counts[item] += n;
  }
}

// Months covered by the index, at most this many (a century), so the query stays small.
constexpr int kMaxMonths = 1200;

int month_index(const std::string& yyyymm) {
  if (yyyymm.size() < 6) return -1;
  try {
    return std::stoi(yyyymm.substr(0, 4)) * 12 + std::stoi(yyyymm.substr(4, 2)) - 1;
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace

void RemoteFacetTally::attach(Xapian::Enquire& enquire, bool collapsing) {
  collapsing_ = collapsing;
  enquire.add_matchspy(&years_spy_);
  enquire.add_matchspy(&months_spy_);
  enquire.add_matchspy(&sources_spy_);
  enquire.add_matchspy(&countries_spy_);
  enquire.add_matchspy(&speakers_spy_);
  if (!collapsing) enquire.add_matchspy(&stories_spy_);
}

void RemoteFacetTally::use_collapsed_count(const Xapian::MSet& mset) {
  collapsed_ = mset.get_matches_estimated();
}

void RemoteFacetTally::finish() {
  articles_ = years_spy_.get_total();
  add_counts(years_spy_, years_, false);
  add_counts(months_spy_, months_, false);
  add_counts(sources_spy_, sources_, false);
  add_counts(countries_spy_, countries_, true);
  add_counts(speakers_spy_, speakers_, true);
  if (collapsing_) {
    story_total_ = collapsed_;
    return;
  }
  // Distinct keys; articles without one count as one story together, as FacetSpy counts them.
  std::uint64_t keyed = 0;
  story_total_ = 0;
  for (auto it = stories_spy_.values_begin(); it != stories_spy_.values_end(); ++it) {
    ++story_total_;
    keyed += it.get_termfreq();
  }
  if (keyed < stories_spy_.get_total()) ++story_total_;
}

void RemoteFacetTally::count_story_sizes(const Xapian::Database& db, const Xapian::Query& query,
                                         const Xapian::MSet& mset, double time_limit_seconds) {
  if (!collapsing_ || mset.empty()) return;
  std::vector<std::string> stories;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::string key = it.get_collapse_key();
    if (!key.empty()) stories.push_back(schema::boolean_term(schema::kPrefixDupKey, key));
  }
  if (stories.empty()) return;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(Xapian::Query::OP_OR, stories.begin(), stories.end())));
  Xapian::ValueCountMatchSpy sizes(schema::kSlotDupKey);
  enquire.add_matchspy(&sizes);
  enquire.set_time_limit(time_limit_seconds);
  enquire.get_mset(0, 0, db.get_doccount());
  for (auto it = sizes.values_begin(); it != sizes.values_end(); ++it) story_sizes_[*it] = it.get_termfreq();
}

void RemoteFacetTally::fill_similar(std::vector<Hit>& hits) const {
  for (Hit& h : hits) {
    const auto it = story_sizes_.find(h.story);
    if (it != story_sizes_.end() && it->second > 0) h.similar = it->second - 1;
  }
}

Xapian::Query remote_recency_boost(const Xapian::Database& db, double today, double max_weight,
                                   double half_life_days) {
  using namespace std::chrono;
  const int first = month_index(db.get_value_lower_bound(schema::kSlotMonth));
  int last = month_index(db.get_value_upper_bound(schema::kSlotMonth));
  if (first < 0 || last < first) return Xapian::Query();
  if (last - first >= kMaxMonths) last = first + kMaxMonths - 1;
  // Released to the query, which deletes it with the last copy of the query.
  auto* source = new Xapian::ValueMapPostingSource(schema::kSlotMonth);
  source->set_default_weight(0);
  for (int m = first; m <= last; ++m) {
    const year_month_day mid{year{m / 12}, month{static_cast<unsigned>(m % 12 + 1)}, day{15}};
    const double day_number = static_cast<double>(sys_days(mid).time_since_epoch().count());
    const double age = std::max(0.0, today - day_number);
    source->add_mapping(fmt::format("{:04d}{:02d}", m / 12, m % 12 + 1),
                        max_weight * std::exp2(-age / half_life_days));
  }
  return Xapian::Query(source->release());
}

}  // namespace depeche::search
