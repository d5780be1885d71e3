// Searches running while `depeche index` commits every few documents: every one must succeed and
// see one committed revision whole — its count a commit boundary, its hits articles of that
// revision — whether it runs in this process (searcher::Searcher) or as `depeche search`.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "searcher/searcher.h"
#include "tests/reliability/reliability_support.h"

namespace depeche::reliability {
namespace {

int article_count() { return under_sanitizer() ? 1200 : 3000; }
constexpr int kFirstBatch = 100;  // indexed before the readers start, so they have an index
constexpr int kCommitEvery = 20;

// Position of a synthetic id ("a-00042" → 42).
int id_index(const std::string& id) { return std::stoi(id.substr(2)); }

class ReadersDuringWrites : public ::testing::Test {
 protected:
  ScratchDir dir_;
  std::mutex mu_;
  std::vector<std::string> failures_;  // the first 20
  int failure_count_ = 0;
  std::set<std::uint64_t> revisions_seen_;  // document counts seen, over all readers

  void fail(const std::string& what) {
    std::lock_guard lock(mu_);
    if (++failure_count_ <= 20) failures_.push_back(what);
  }
  void saw(std::uint64_t count) {
    std::lock_guard lock(mu_);
    revisions_seen_.insert(count);
  }
};

TEST_F(ReadersDuringWrites, SearchesDuringCommitsSeeOneCommittedRevisionAndNeverFail) {
  const int n = article_count();
  const std::string archive = synthetic_archive(n, 3);
  // The first kFirstBatch lines: an index for the readers to open.
  std::size_t cut = 0;
  for (int i = 0; i < kFirstBatch; ++i) cut = archive.find('\n', cut) + 1;
  const std::string first = dir_.write("first.jsonl", archive.substr(0, cut));
  const std::string all = dir_.write("all.jsonl", archive);
  const std::string db = dir_ / "index";
  auto r = testing::run_depeche({"-q", "index", "--db", db, first});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  // The writer re-adds the first batch (updates), then adds the rest, committing every
  // kCommitEvery documents: the index always holds kFirstBatch, a multiple of kCommitEvery
  // above it, or n articles.
  auto is_boundary = [&](std::uint64_t count) {
    return count == static_cast<std::uint64_t>(n) ||
           (count >= kFirstBatch && count % kCommitEvery == 0);
  };

  std::atomic<bool> writer_done{false};
  std::atomic<int> in_process_searches{0}, process_searches{0};
  auto searcher_loop = [&](unsigned seed) {
    std::mt19937 rng(seed);
    try {
      search::Searcher searcher(db);
      std::uint64_t last_count = 0;
      bool last_round = false;
      while (!last_round) {
        last_round = writer_done.load();
        search::SearchRequest req;
        req.collapse = false;
        req.facets = false;
        req.limit = 20;
        const int wanted = std::uniform_int_distribution<int>(0, n - 1)(rng);
        const bool everything = rng() % 2 == 0;
        req.query = everything ? "commun" : "marque" + std::to_string(wanted);
        const search::SearchResult result = searcher.search(req);
        ++in_process_searches;
        const std::uint64_t count = searcher.database().get_doccount();
        saw(count);
        if (!is_boundary(count)) fail("revision with " + std::to_string(count) + " documents");
        if (count < last_count) fail("went back from " + std::to_string(last_count) + " to " + std::to_string(count));
        last_count = count;
        if (!result.counts_exact) fail("inexact counts for " + req.query);
        const std::uint64_t expected = everything ? count : (static_cast<std::uint64_t>(wanted) < count ? 1 : 0);
        if (result.articles != expected) {
          fail(req.query + ": " + std::to_string(result.articles) + " articles in a revision of " +
               std::to_string(count) + ", expected " + std::to_string(expected));
        }
        for (const auto& hit : result.hits) {
          if (hit.id.empty() || static_cast<std::uint64_t>(id_index(hit.id)) >= count) {
            fail(req.query + ": hit '" + hit.id + "' is not in a revision of " + std::to_string(count));
          }
        }
      }
      if (last_count != static_cast<std::uint64_t>(n)) {
        fail("the last search saw " + std::to_string(last_count) + " documents, not " + std::to_string(n));
      }
    } catch (const std::exception& e) {
      fail(std::string("search threw: ") + e.what());
    } catch (const Xapian::Error& e) {
      fail("search threw " + e.get_description());
    }
  };
  auto process_loop = [&] {
    bool last_round = false;
    while (!last_round) {
      last_round = writer_done.load();
      auto s = testing::run_depeche({"search", "--db", db, "--json", "--no-collapse", "--no-facets", "commun"},
                                    "", std::chrono::seconds(60));
      ++process_searches;
      if (s.exit_code != 0) {
        fail("depeche search exited with " + std::to_string(s.exit_code) + ": " + s.err);
        continue;
      }
      const auto j = nlohmann::json::parse(s.out, nullptr, false);
      if (j.is_discarded()) {
        fail("depeche search printed no JSON: " + s.out.substr(0, 200));
        continue;
      }
      const std::uint64_t count = j["counts"]["articles"].get<std::uint64_t>();
      saw(count);
      if (!is_boundary(count)) fail("depeche search saw " + std::to_string(count) + " articles");
    }
  };

  testing::BackgroundProcess writer({DEPECHE_BINARY, "-q", "index", "--db", db, "--commit-every",
                                     std::to_string(kCommitEvery), "--threads", "1", all},
                                    dir_ / "out", dir_ / "err");
  std::vector<std::thread> readers;
  readers.emplace_back(searcher_loop, 1u);
  readers.emplace_back(searcher_loop, 2u);
  readers.emplace_back(process_loop);
  const int status = writer.wait(std::chrono::seconds(240));
  writer_done = true;
  for (auto& t : readers) t.join();

  ASSERT_EQ(status, 0) << "the indexer failed";
  for (const auto& f : failures_) ADD_FAILURE() << f;
  std::cout << "[ figures  ] " << in_process_searches << " Searcher searches and " << process_searches
            << " depeche search runs while " << n << " articles were indexed with --commit-every "
            << kCommitEvery << "; they saw " << revisions_seen_.size() << " revisions; " << failure_count_ << " failures\n";
  // A run that saw only the first and last revisions would prove nothing. (The bulk indexer makes
  // new articles visible at merges, doubling the index each time: few revisions, but several.)
  EXPECT_GE(revisions_seen_.size(), 3u);
}

}  // namespace
}  // namespace depeche::reliability
