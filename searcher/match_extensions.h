// Small Xapian extension classes the searcher plugs into a match:
//  - FacetSpy counts facet values over every matching article (Xapian's ValueCountMatchSpy takes
//    one value per slot; ours decodes the packed country and speaker lists) and the distinct
//    near-duplicate stories among them;
//  - DeadlineSource bounds the match in time for real: used as a filter that matches everything,
//    it ends (and with it the match) once the deadline passes — Enquire::set_time_limit only
//    stops the extra work of check_at_least;
//  - RecencySource adds a weight that halves with every `half_life_days` of an article's age.
#pragma once

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace depeche::search {

// What a facet counter yields once the match is over (after finish()).
class FacetTally : public Xapian::MatchSpy {
 public:
  using Counts = std::unordered_map<std::string, std::uint64_t>;

  // Completes the counts after the match; a no-op for counters that count into the maps directly.
  virtual void finish() {}

  std::uint64_t articles() const { return articles_; }
  std::uint64_t stories() const { return story_total_; }
  const Counts& countries() const { return countries_; }  // ISO code → articles
  const Counts& speakers() const { return speakers_; }    // full name as written → articles
  const Counts& sources() const { return sources_; }
  const Counts& years() const { return years_; }          // "2022"
  const Counts& months() const { return months_; }        // "202211"

 protected:
  std::uint64_t articles_ = 0;
  std::uint64_t story_total_ = 0;
  Counts countries_, speakers_, sources_, years_, months_;
};

// Counts from each matching document's value slots: works on any database (local or remote),
// with no set-up cost.
class FacetSpy : public FacetTally {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  void finish() override { story_total_ = stories_.size(); }

 private:
  std::unordered_set<std::string> stories_;
};

class DeadlineSource : public Xapian::PostingSource {
 public:
  using Clock = std::chrono::steady_clock;
  // `expired` is shared with every clone, so the caller can tell afterwards whether it fired.
  DeadlineSource(Clock::time_point deadline, std::shared_ptr<std::atomic<bool>> expired);

  void init(const Xapian::Database& db) override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override;
  Xapian::docid get_docid() const override { return did_; }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return doccount_; }
  Xapian::doccount get_termfreq_max() const override { return doccount_; }
  PostingSource* clone() const override;
  std::string name() const override { return "depeche::DeadlineSource"; }

 private:
  void check_clock();

  Clock::time_point deadline_;
  std::shared_ptr<std::atomic<bool>> expired_;
  Xapian::docid did_ = 0;
  Xapian::docid last_ = 0;
  Xapian::doccount doccount_ = 0;
  unsigned calls_ = 0;
};

class RecencySource : public Xapian::ValuePostingSource {
 public:
  RecencySource(Xapian::valueno day_slot, double today, double max_weight, double half_life_days);

  void init(const Xapian::Database& database) override;
  double get_weight() const override;
  PostingSource* clone() const override;
  std::string name() const override { return "depeche::RecencySource"; }

 private:
  double today_;
  double max_weight_;
  double half_life_days_;
};

}  // namespace depeche::search
