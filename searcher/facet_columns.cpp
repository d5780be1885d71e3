// Building facet columns from value streams, and counting a match with them.
#include "searcher/facet_columns.h"

#include <spdlog/spdlog.h>

#include <bit>
#include <chrono>
#include <string_view>
#include <unordered_map>

#include "core/schema.h"

namespace depeche::search {
namespace {

// Interns values as small integers, in order of first appearance.
class Interner {
 public:
  explicit Interner(std::vector<std::string>& labels) : labels_(labels) {}
  std::uint32_t id(std::string_view value) {
    auto [it, added] = ids_.try_emplace(std::string(value), static_cast<std::uint32_t>(labels_.size()));
    if (added) labels_.emplace_back(value);
    return it->second;
  }

 private:
  std::vector<std::string>& labels_;
  std::unordered_map<std::string, std::uint32_t> ids_;
};

void build_single(const Xapian::Database& db, Xapian::valueno slot, Xapian::docid last,
                  FacetColumns::SingleColumn& column) {
  column.ids.assign(static_cast<std::size_t>(last) + 1, 0);
  column.labels.assign(1, std::string());  // id 0: no value
  Interner interner(column.labels);
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const std::string value = *it;
    if (value.empty() || it.get_docid() > last) continue;
    column.ids[it.get_docid()] = interner.id(value);
  }
}

void build_list(const Xapian::Database& db, Xapian::valueno slot, Xapian::docid last,
                FacetColumns::ListColumn& column) {
  column.offsets.assign(static_cast<std::size_t>(last) + 2, 0);
  column.ids.clear();
  column.labels.clear();
  Interner interner(column.labels);
  Xapian::docid next = 1;  // the first document whose start offset is not yet written
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const Xapian::docid did = it.get_docid();
    if (did > last) break;
    while (next <= did) column.offsets[next++] = static_cast<std::uint32_t>(column.ids.size());
    for (const std::string& value : schema::unpack_list(*it)) {
      if (!value.empty()) column.ids.push_back(interner.id(value));
    }
  }
  while (next <= last + 1) column.offsets[next++] = static_cast<std::uint32_t>(column.ids.size());
}

template <typename T>
std::size_t bytes_of(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

std::size_t label_bytes(const std::vector<std::string>& labels) {
  std::size_t total = bytes_of(labels);
  for (const std::string& s : labels) total += s.capacity() > 15 ? s.capacity() : 0;
  return total;
}

void to_counts(const std::vector<std::uint32_t>& counts, const std::vector<std::string>& labels,
               FacetTally::Counts& out, std::size_t first = 0) {
  for (std::size_t id = first; id < counts.size(); ++id) {
    if (counts[id]) out[labels[id]] += counts[id];
  }
}

}  // namespace

std::shared_ptr<const FacetColumns> FacetColumns::build(const Xapian::Database& db) {
  const auto started = std::chrono::steady_clock::now();
  auto columns = std::make_shared<FacetColumns>();
  FacetColumns& c = *columns;
  c.last_docid_ = db.get_lastdocid();
  build_list(db, schema::kSlotCountries, c.last_docid_, c.countries_);
  build_list(db, schema::kSlotSpeakers, c.last_docid_, c.speakers_);
  build_single(db, schema::kSlotSource, c.last_docid_, c.sources_);
  build_single(db, schema::kSlotYear, c.last_docid_, c.years_);
  build_single(db, schema::kSlotMonth, c.last_docid_, c.months_);
  build_single(db, schema::kSlotDupKey, c.last_docid_, c.stories_);
  // Stories are only ever counted, never shown: their keys are not worth the memory.
  c.story_count_ = c.stories_.labels.size();
  c.stories_.labels.clear();
  c.stories_.labels.shrink_to_fit();
  spdlog::debug("searcher: facet columns for {} documents built in {} ms ({} KiB)", db.get_doccount(),
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count(),
                c.memory_bytes() / 1024);
  return columns;
}

std::size_t FacetColumns::memory_bytes() const {
  return bytes_of(countries_.offsets) + bytes_of(countries_.ids) + label_bytes(countries_.labels) +
         bytes_of(speakers_.offsets) + bytes_of(speakers_.ids) + label_bytes(speakers_.labels) +
         bytes_of(sources_.ids) + label_bytes(sources_.labels) + bytes_of(years_.ids) +
         label_bytes(years_.labels) + bytes_of(months_.ids) + label_bytes(months_.labels) +
         bytes_of(stories_.ids) + label_bytes(stories_.labels);
}

ColumnFacetSpy::ColumnFacetSpy(std::shared_ptr<const FacetColumns> columns)
    : columns_(std::move(columns)),
      country_counts_(columns_->countries().labels.size()),
      speaker_counts_(columns_->speakers().labels.size()),
      source_counts_(columns_->sources().labels.size()),
      year_counts_(columns_->years().labels.size()),
      month_counts_(columns_->months().labels.size()),
      story_seen_((columns_->story_count() + 63) / 64) {}

void ColumnFacetSpy::operator()(const Xapian::Document& doc, double weight) {
  const Xapian::docid did = doc.get_docid();
  const FacetColumns& c = *columns_;
  if (did > c.last_docid()) {
    fallback_(doc, weight);
    return;
  }
  ++articles_;
  const std::uint32_t story = c.stories().ids[did];
  std::uint64_t& word = story_seen_[story / 64];
  const std::uint64_t bit = std::uint64_t{1} << (story % 64);
  if (!(word & bit)) {
    word |= bit;
    ++story_count_;
  }
  const auto& countries = c.countries();
  for (std::uint32_t i = countries.offsets[did]; i < countries.offsets[did + 1]; ++i) {
    ++country_counts_[countries.ids[i]];
  }
  const auto& speakers = c.speakers();
  for (std::uint32_t i = speakers.offsets[did]; i < speakers.offsets[did + 1]; ++i) {
    ++speaker_counts_[speakers.ids[i]];
  }
  ++source_counts_[c.sources().ids[did]];
  ++year_counts_[c.years().ids[did]];
  ++month_counts_[c.months().ids[did]];
}

void ColumnFacetSpy::finish() {
  const FacetColumns& c = *columns_;
  fallback_.finish();
  to_counts(country_counts_, c.countries().labels, countries_);
  to_counts(speaker_counts_, c.speakers().labels, speakers_);
  // Id 0 of a single-valued column is "no value": not a facet value.
  to_counts(source_counts_, c.sources().labels, sources_, 1);
  to_counts(year_counts_, c.years().labels, years_, 1);
  to_counts(month_counts_, c.months().labels, months_, 1);
  // Documents newer than the columns cannot occur for the revision they were built from; should
  // one appear, it is counted on its own (its story may then be counted twice).
  articles_ += fallback_.articles();
  story_total_ = story_count_ + fallback_.stories();
  for (const auto& [v, n] : fallback_.countries()) countries_[v] += n;
  for (const auto& [v, n] : fallback_.speakers()) speakers_[v] += n;
  for (const auto& [v, n] : fallback_.sources()) sources_[v] += n;
  for (const auto& [v, n] : fallback_.years()) years_[v] += n;
  for (const auto& [v, n] : fallback_.months()) months_[v] += n;
}

}  // namespace depeche::search
