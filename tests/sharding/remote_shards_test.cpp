// Two shards of the sample corpus served by two xapian-tcpsrv processes on loopback ports, against
// one combined index: the same queries give the same ids (same order for date sorts, same top set
// for relevance), counts, facets, collapse counts, snippets, spelling and more-like-this.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/shards.h"
#include "searcher/searcher.h"
#include "tests/sharding/shard_servers.h"
#include "tests/support/process.h"

namespace depeche {
namespace {

using search::SearchRequest;
using search::SearchResult;
using search::Searcher;
using search::SortOrder;
using testing::run_depeche;
using testing::ScratchDir;

struct Answer {
  std::vector<std::string> ids;
  std::vector<double> scores;
  std::vector<std::uint32_t> similar;
  std::vector<std::string> snippets;
  std::vector<std::string> quotes;
  std::uint64_t articles = 0, stories = 0, quote_count = 0;
  std::map<std::string, std::vector<std::pair<std::string, std::uint64_t>>> facets;
  std::string corrected;
  std::vector<std::string> typos;
  bool partial = false;
};

Answer ask(Searcher& searcher, const SearchRequest& req) {
  const SearchResult r = searcher.search(req);
  Answer a;
  for (const auto& h : r.hits) {
    a.ids.push_back(h.id);
    a.scores.push_back(h.score);
    a.similar.push_back(h.similar);
    a.snippets.push_back(h.snippet.text);
  }
  for (const auto& q : r.quotes) a.quotes.push_back(q.article_id + ": " + q.text);
  a.articles = r.articles;
  a.stories = r.stories;
  a.quote_count = r.quote_count;
  for (const auto& f : r.facets) {
    for (const auto& v : f.values) a.facets[f.name].emplace_back(v.value, v.count);
  }
  a.corrected = r.corrected_query;
  for (const auto& t : r.typos) a.typos.push_back(t.word + "→" + t.replacement);
  a.partial = r.partial;
  return a;
}

struct Query {
  std::string name;
  SearchRequest request;
  bool needs_spelling = false;  // only where the front end has the dictionary
};

SearchRequest request(std::string q, SortOrder sort = SortOrder::kRelevance) {
  SearchRequest r;
  r.query = std::move(q);
  r.sort = sort;
  r.limit = 20;
  r.time_limit = std::chrono::seconds(10);  // sanitizer builds are slow; no test here is about time
  return r;
}

std::vector<Query> queries() {
  std::vector<Query> qs;
  qs.push_back({"browse, newest first", request("")});
  qs.push_back({"browse, oldest first", request("", SortOrder::kDateAscending)});
  qs.push_back({"one word", request("armée")});
  qs.push_back({"two words, newest first", request("gouvernement crise", SortOrder::kDateDescending)});
  qs.push_back({"phrase", request("\"conseil de sécurité\"")});
  auto all_copies = request("président");
  all_copies.collapse = false;
  qs.push_back({"no collapsing", all_copies});
  auto second_page = request("guerre");
  second_page.offset = 5;
  second_page.limit = 5;
  qs.push_back({"second page", second_page});
  auto country = request("", SortOrder::kDateDescending);
  country.countries = {"Ukraine"};
  qs.push_back({"country filter", country});
  auto range = request("accord");
  range.from = "2017";
  range.to = "2022-06";
  qs.push_back({"date range", range});
  auto quotes = request("guerre");
  quotes.quotes = true;
  qs.push_back({"quotes", quotes});
  auto like = request("");
  like.like_id = "apm-2022-0224-russie-ukraine-invasion";
  qs.push_back({"more like this", like});
  qs.push_back({"typo", request("Ukrane"), true});
  qs.push_back({"did you mean, then its results", request("guerre Kyif"), true});
  return qs;
}

class RemoteShards : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<ScratchDir>("remote-shards");
    one_ = *dir_ / "one";
    sharded_ = *dir_ / "sharded";
    auto r = run_depeche({"index", "-q", "--db", one_, std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run_depeche({"index", "-q", "--db", sharded_, "--shards", "2", std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (int i = 0; i < 2; ++i) {
      ports_[i] = 0;
      servers_[i] = testing::start_tcpsrv(sharded_ + "/shard-00" + std::to_string(i),
                                          *dir_ / ("tcpsrv" + std::to_string(i) + ".log"), ports_[i]);
    }
    // A query front end's stub: the dictionary (replicated from the indexer) and the two servers.
    front_ = *dir_ / "front";
    std::filesystem::create_directories(front_);
    std::ofstream(front_ + "/XAPIANDB") << "# front end\nauto " << sharded_ << "/dictionary\n"
                                        << "remote 127.0.0.1:" << ports_[0] << "\nremote 127.0.0.1:" << ports_[1] << "\n";
  }

  IndexLocation remotes_only() const {
    IndexLocation where;
    where.remotes = {"127.0.0.1:" + std::to_string(ports_[0]), "127.0.0.1:" + std::to_string(ports_[1])};
    where.remote_timeout = std::chrono::seconds(10);
    where.on_failure = ShardFailurePolicy::kError;  // nothing may be left out silently here
    return where;
  }

  std::unique_ptr<ScratchDir> dir_;
  std::string one_, sharded_, front_;
  int ports_[2] = {0, 0};
  std::unique_ptr<testing::Daemon> servers_[2];
};

// Also checks the documented differences at the end: spelling needs the dictionary, and the
// recency boost is computed per month.
TEST_F(RemoteShards, SameAnswersAsOneCombinedIndex) {
  Searcher one(one_);
  Searcher local_shards(sharded_);
  Searcher remote(remotes_only());
  IndexLocation front = remotes_only();
  front.path = front_;
  front.remotes.clear();
  Searcher front_end(front);

  // Both shards hold part of the corpus, so every comparison below crosses shards.
  {
    Searcher shard0(sharded_ + "/shard-000"), shard1(sharded_ + "/shard-001");
    const auto all = ask(one, request(""));
    const auto a0 = ask(shard0, request("")), a1 = ask(shard1, request(""));
    ASSERT_GT(a0.articles, 0u);
    ASSERT_GT(a1.articles, 0u);
    ASSERT_EQ(a0.articles + a1.articles, all.articles);
  }

  for (const Query& q : queries()) {
    SCOPED_TRACE(q.name);
    const Answer expected = ask(one, q.request);
    ASSERT_FALSE(expected.ids.empty() && expected.quotes.empty()) << "a query that matches nothing proves nothing";
    std::vector<std::pair<std::string, Searcher*>> variants = {{"local shards", &local_shards},
                                                               {"remote shards + dictionary", &front_end}};
    if (!q.needs_spelling) variants.push_back({"remote shards", &remote});
    for (auto& [name, searcher] : variants) {
      SCOPED_TRACE(name);
      const Answer got = ask(*searcher, q.request);
      EXPECT_FALSE(got.partial);
      if (q.request.sort == SortOrder::kRelevance && !q.request.query.empty() && q.request.like_id.empty()) {
        // Relevance: the same top set; Xapian combines the shards' statistics, so scores agree too.
        EXPECT_EQ(std::multiset<std::string>(got.ids.begin(), got.ids.end()),
                  std::multiset<std::string>(expected.ids.begin(), expected.ids.end()));
        ASSERT_EQ(got.scores.size(), expected.scores.size());
        for (std::size_t i = 0; i < got.scores.size(); ++i) EXPECT_NEAR(got.scores[i], expected.scores[i], 1e-9);
      } else {
        EXPECT_EQ(got.ids, expected.ids);  // date order (and more-like-this) exactly
      }
      EXPECT_EQ(got.articles, expected.articles);
      EXPECT_EQ(got.stories, expected.stories);
      EXPECT_EQ(got.facets, expected.facets);
      EXPECT_EQ(got.similar, expected.similar);
      EXPECT_EQ(got.snippets, expected.snippets);
      EXPECT_EQ(got.quotes, expected.quotes);
      EXPECT_EQ(got.quote_count, expected.quote_count);
      EXPECT_EQ(got.corrected, expected.corrected);
      EXPECT_EQ(got.typos, expected.typos);
    }
  }

  // The documented differences. Xapian's remote protocol carries no spelling data: with the
  // servers alone there is no correction (with the dictionary in the stub, above, there is).
  const Answer expected = ask(one, request("Ukrane"));
  ASSERT_FALSE(expected.typos.empty());
  EXPECT_TRUE(ask(remote, request("Ukrane")).typos.empty());

  // The recency boost over remote shards is computed per month instead of per day: same matches.
  auto recent = request("sécurité");
  recent.recency_boost = true;
  const Answer local_recent = ask(one, recent);
  const Answer remote_recent = ask(remote, recent);
  EXPECT_EQ(remote_recent.articles, local_recent.articles);
  ASSERT_EQ(remote_recent.scores.size(), local_recent.scores.size());
  for (std::size_t i = 0; i < local_recent.scores.size(); ++i) {
    EXPECT_NEAR(remote_recent.scores[i], local_recent.scores[i], 0.1) << "at most half a month of decay apart";
  }
}

}  // namespace
}  // namespace depeche
