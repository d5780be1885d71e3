// Ranking quality on sample_corpus/: mean nDCG@10 over the judged queries of
// tests/relevance/judgments.jsonl (written by reading the articles, before any tuning).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "indexer/indexing_pipeline.h"
#include "searcher/searcher.h"

namespace depeche::search {
namespace {

namespace fs = std::filesystem;

double dcg(const std::vector<int>& grades) {
  double sum = 0;
  for (std::size_t i = 0; i < grades.size(); ++i) {
    sum += (std::pow(2.0, grades[i]) - 1) / std::log2(static_cast<double>(i) + 2);
  }
  return sum;
}

TEST(Relevance, MeanNdcgAt10OnJudgedQueriesIsAtLeast085) {
  const fs::path db = fs::temp_directory_path() / ("depeche-relevance-" + std::to_string(::getpid()));
  fs::remove_all(db);
  indexer::IndexingOptions opts;
  opts.db_path = db.string();
  opts.inputs = {std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus"};
  ASSERT_EQ(indexer::run_indexing(opts).skipped, 0u);

  std::ifstream in(std::string(DEPECHE_SOURCE_DIR) + "/tests/relevance/judgments.jsonl");
  ASSERT_TRUE(in) << "tests/relevance/judgments.jsonl missing";
  Searcher searcher(db.string());
  std::string line;
  double total = 0;
  int queries = 0;
  std::vector<std::pair<double, std::string>> worst;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    std::map<std::string, int> judged;
    for (const auto& [id, grade] : j["relevant"].items()) judged[id] = grade.get<int>();
    SearchRequest req;
    req.query = j["query"].get<std::string>();
    req.collapse = false;  // every copy of a wire story is judged on its own
    req.facets = false;
    const SearchResult r = searcher.search(req);
    std::vector<int> got;
    for (const Hit& h : r.hits) got.push_back(judged.count(h.id) ? judged[h.id] : 0);
    std::vector<int> ideal;
    for (const auto& [id, g] : judged) ideal.push_back(g);
    std::sort(ideal.rbegin(), ideal.rend());
    if (ideal.size() > 10) ideal.resize(10);
    const double ndcg = dcg(got) / dcg(ideal);
    total += ndcg;
    ++queries;
    worst.emplace_back(ndcg, req.query);
  }
  fs::remove_all(db);
  ASSERT_GE(queries, 40);
  const double mean = total / queries;
  std::sort(worst.begin(), worst.end());
  std::string report;
  for (std::size_t i = 0; i < std::min<std::size_t>(8, worst.size()); ++i) {
    report += "  " + std::to_string(worst[i].first).substr(0, 5) + "  " + worst[i].second + "\n";
  }
  RecordProperty("mean_ndcg_at_10", std::to_string(mean));
  std::cout << "mean nDCG@10 over " << queries << " queries: " << mean << "\nlowest:\n" << report;
  EXPECT_GE(mean, 0.85) << "lowest queries:\n" << report;
}

}  // namespace
}  // namespace depeche::search
