// How much of indexing time entity extraction takes (issue target: under a third per article).
// Usage: extraction_cost [--rounds N] INPUT…   (default: sample_corpus, 20 rounds)
// Prints per-article microseconds for: analysis alone, extraction alone (given the tokens), the
// whole document build, and a real indexing run (build + write + commit), and the shares.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "analyzers/entity_extractor.h"
#include "analyzers/french_analyzer.h"
#include "indexer/document_builder.h"
#include "indexer/indexing_pipeline.h"
#include "indexer/input_reader.h"

namespace {

using Clock = std::chrono::steady_clock;

class Collect : public depeche::indexer::ArticleSink {
 public:
  std::vector<depeche::Article> articles;
  void on_article(depeche::Article&& a) override { articles.push_back(std::move(a)); }
  void on_error(depeche::indexer::RecordError&&) override {}
};

double micros_per_article(Clock::duration d, std::size_t articles) {
  return std::chrono::duration<double, std::micro>(d).count() / static_cast<double>(articles);
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 20;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--rounds" && i + 1 < argc) {
      rounds = std::stoi(argv[++i]);
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) inputs.push_back("sample_corpus");
  Collect sink;
  depeche::indexer::read_inputs(inputs, depeche::indexer::InputFormat::kAuto, sink);
  const std::size_t n = sink.articles.size() * static_cast<std::size_t>(rounds);
  if (n == 0) {
    std::fprintf(stderr, "no articles\n");
    return 1;
  }

  depeche::analysis::FrenchAnalyzer analyzer;
  depeche::analysis::EntityExtractor extractor;
  depeche::indexer::DocumentBuilder builder;
  std::vector<std::pair<std::vector<depeche::analysis::Token>, std::vector<depeche::analysis::Token>>> tokens;

  auto t0 = Clock::now();
  for (int r = 0; r < rounds; ++r) {
    tokens.clear();
    for (const auto& a : sink.articles) tokens.emplace_back(analyzer.analyze(a.title), analyzer.analyze(a.body));
  }
  const auto analysis = Clock::now() - t0;

  t0 = Clock::now();
  std::size_t found = 0;
  for (int r = 0; r < rounds; ++r) {
    for (std::size_t i = 0; i < sink.articles.size(); ++i) {
      const auto& a = sink.articles[i];
      found += extractor.extract(a.title, tokens[i].first, a.body, tokens[i].second).countries.size();
    }
  }
  const auto extraction = Clock::now() - t0;

  t0 = Clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& a : sink.articles) found += builder.build(a).spelling.size();
  }
  const auto build = Clock::now() - t0;

  // A real indexing run, one thread, so the per-article time is comparable.
  const auto db = std::filesystem::temp_directory_path() / "depeche-extraction-cost.db";
  std::filesystem::remove_all(db);
  depeche::indexer::IndexingOptions opts;
  opts.db_path = db.string();
  opts.inputs = inputs;
  opts.threads = 1;
  t0 = Clock::now();
  const auto summary = depeche::indexer::run_indexing(opts);
  const auto indexing = Clock::now() - t0;
  std::filesystem::remove_all(db);

  const double us_analysis = micros_per_article(analysis, n);
  const double us_extraction = micros_per_article(extraction, n);
  const double us_build = micros_per_article(build, n);
  const double us_indexing = micros_per_article(indexing, summary.added + summary.updated);
  std::printf("articles            %zu x %d rounds\n", sink.articles.size(), rounds);
  std::printf("analysis            %8.1f us/article\n", us_analysis);
  std::printf("extraction          %8.1f us/article\n", us_extraction);
  std::printf("document build      %8.1f us/article (analysis + extraction + terms + stored data)\n", us_build);
  std::printf("indexing, 1 thread  %8.1f us/article (build + write + commit)\n", us_indexing);
  std::printf("extraction share    %8.1f %% of the document build, %.1f %% of indexing\n",
              100 * us_extraction / us_build, 100 * us_extraction / us_indexing);
  return found == 0 ? 1 : 0;
}
