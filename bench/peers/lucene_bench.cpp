// The Lucene++ peer of bench/run (Debian liblucene++-dev): indexing with StandardTokenizer and
// the Snowball French stemmer (contrib SnowballAnalyzer), queries with QueryParser (AND), top 10,
// stored fields read, and an exact facet counted over every match by a Collector reading a
// FieldCache.
//
//   bench-lucene index --out DIR --jsonl articles.jsonl --countries articles.countries.tsv
//                      [--threads N] [--store-body]
//   bench-lucene optimize --index DIR        (merge into one segment: Lucene's compaction)
//   bench-lucene query --index DIR --queries bench/queries.tsv --mode plain|facet|filter|full
//                      [--threads N] [--passes P]
//
// Fields: id, date (YYYYMMDD), source: stored, indexed as one term; title: stored, analysed;
// body: analysed, NOT stored unless --store-body (so full mode highlights the title only);
// url: stored only; countries: one term per country (filter); country: the main country, one
// term (the facet).
#include <lucene++/LuceneHeaders.h>
#include <lucene++/FieldCache.h>
#include <lucene++/Highlighter.h>
#include <lucene++/MultiFieldQueryParser.h>
#include <lucene++/QueryScorer.h>
#include <lucene++/QueryWrapperFilter.h>
#include <lucene++/SimpleHTMLFormatter.h>
#include <lucene++/SnowballAnalyzer.h>
#include <lucene++/TermRangeQuery.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_common.h"
#include "bench/peers/peer_input.h"

using namespace Lucene;

namespace {

AnalyzerPtr french_analyzer() { return newLucene<SnowballAnalyzer>(LuceneVersion::LUCENE_30, L"french"); }

String wide(const std::string& s) { return StringUtils::toUnicode(s); }

std::string arg(const std::vector<std::string>& a, const std::string& name, const std::string& fallback = "") {
  for (std::size_t i = 0; i + 1 < a.size(); ++i) {
    if (a[i] == name) return a[i + 1];
  }
  if (fallback.empty()) throw std::runtime_error(name + " is required");
  return fallback;
}

bool flag(const std::vector<std::string>& a, const std::string& name) {
  for (const auto& s : a) {
    if (s == name) return true;
  }
  return false;
}

// ---------------------------------------------------------------- indexing

DocumentPtr make_document(const bench::PeerArticle& a, bool store_body) {
  DocumentPtr doc = newLucene<Document>();
  doc->add(newLucene<Field>(L"id", wide(a.id), Field::STORE_YES, Field::INDEX_NOT_ANALYZED_NO_NORMS));
  doc->add(newLucene<Field>(L"title", wide(a.title), Field::STORE_YES, Field::INDEX_ANALYZED));
  doc->add(newLucene<Field>(L"body", wide(a.body), store_body ? Field::STORE_YES : Field::STORE_NO,
                            Field::INDEX_ANALYZED));
  doc->add(newLucene<Field>(L"date", wide(a.date), Field::STORE_YES, Field::INDEX_NOT_ANALYZED_NO_NORMS));
  doc->add(newLucene<Field>(L"source", wide(a.source), Field::STORE_YES, Field::INDEX_NOT_ANALYZED_NO_NORMS));
  doc->add(newLucene<Field>(L"url", wide(a.url), Field::STORE_YES, Field::INDEX_NO));
  for (const auto& c : a.countries) {
    doc->add(newLucene<Field>(L"countries", wide(c), Field::STORE_NO, Field::INDEX_NOT_ANALYZED_NO_NORMS));
  }
  if (!a.countries.empty()) {
    doc->add(newLucene<Field>(L"country", wide(a.countries[0]), Field::STORE_NO, Field::INDEX_NOT_ANALYZED_NO_NORMS));
  }
  return doc;
}

int run_index(const std::vector<std::string>& args) {
  const std::string out = arg(args, "--out");
  const int threads = std::max(1, std::stoi(arg(args, "--threads", "1")));
  const bool store_body = flag(args, "--store-body");
  bench::PeerReader reader(arg(args, "--jsonl"), arg(args, "--countries"));
  IndexWriterPtr writer = newLucene<IndexWriter>(FSDirectory::open(wide(out)), french_analyzer(), true,
                                                 IndexWriter::MaxFieldLengthUNLIMITED);
  writer->setRAMBufferSizeMB(64);

  // A reader (this thread) feeds batches of raw lines to N threads that parse and add documents:
  // IndexWriter::addDocument is thread-safe.
  using Batch = std::vector<std::pair<std::string, std::string>>;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Batch> queue;
  bool done = false;
  std::exception_ptr failure;
  std::size_t added = 0;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      try {
        while (true) {
          Batch b;
          {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return done || !queue.empty(); });
            if (queue.empty()) return;
            b = std::move(queue.front());
            queue.pop_front();
          }
          cv.notify_all();
          for (const auto& [json, tsv] : b) writer->addDocument(make_document(bench::PeerReader::parse(json, tsv), store_body));
          std::lock_guard lock(mu);
          added += b.size();
        }
      } catch (...) {
        std::lock_guard lock(mu);
        failure = std::current_exception();
        done = true;
        cv.notify_all();
      }
    });
  }
  Batch batch;
  std::string json, tsv;
  auto push = [&] {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return done || queue.size() < static_cast<std::size_t>(4 * threads); });
    queue.push_back(std::move(batch));
    batch.clear();
    cv.notify_all();
  };
  while (!done && reader.next_lines(json, tsv)) {
    batch.emplace_back(std::move(json), std::move(tsv));
    if (batch.size() == 256) push();
  }
  if (!batch.empty()) push();
  {
    std::lock_guard lock(mu);
    done = true;
  }
  cv.notify_all();
  for (auto& w : workers) w.join();
  if (failure) std::rethrow_exception(failure);
  writer->commit();
  writer->close();
  std::printf("{\"engine\": \"lucene\", \"documents\": %zu, \"threads\": %d, \"store_body\": %s}\n", added, threads,
              store_body ? "true" : "false");
  return 0;
}

int run_optimize(const std::vector<std::string>& args) {
  IndexWriterPtr writer = newLucene<IndexWriter>(FSDirectory::open(wide(arg(args, "--index"))), french_analyzer(),
                                                 false, IndexWriter::MaxFieldLengthUNLIMITED);
  writer->optimize();
  writer->close();
  return 0;
}

// ---------------------------------------------------------------- queries

// Passes every match to the top-10 collector and counts the main country of each: an exact facet.
class FacetCollector : public Collector {
 public:
  FacetCollector(const CollectorPtr& inner, bool count) : inner_(inner), count_(count) {}
  LUCENE_CLASS(FacetCollector);

  void setScorer(const ScorerPtr& scorer) override { inner_->setScorer(scorer); }
  void collect(int32_t doc) override {
    inner_->collect(doc);
    ++matches_;
    if (count_) ++per_ord_[static_cast<std::size_t>(index_->order[doc])];
  }
  void setNextReader(const IndexReaderPtr& reader, int32_t doc_base) override {
    flush();
    inner_->setNextReader(reader, doc_base);
    if (count_) {
      index_ = FieldCache::DEFAULT()->getStringIndex(reader, L"country");
      per_ord_.assign(static_cast<std::size_t>(index_->lookup.size()), 0);
    }
  }
  bool acceptsDocsOutOfOrder() override { return inner_->acceptsDocsOutOfOrder(); }

  void flush() {
    if (!index_) return;
    for (std::size_t ord = 1; ord < per_ord_.size(); ++ord) {  // ord 0: no country
      if (per_ord_[ord]) counts_[index_->lookup[static_cast<int32_t>(ord)]] += per_ord_[ord];
    }
    per_ord_.assign(per_ord_.size(), 0);
  }
  std::uint64_t matches() const { return matches_; }
  const std::map<String, std::uint64_t>& counts() const { return counts_; }

 private:
  CollectorPtr inner_;
  bool count_;
  StringIndexPtr index_;
  std::vector<std::uint64_t> per_ord_;
  std::map<String, std::uint64_t> counts_;
  std::uint64_t matches_ = 0;
};

class LuceneRunner : public bench::Runner {
 public:
  explicit LuceneRunner(const std::string& dir)
      : searcher_(newLucene<IndexSearcher>(FSDirectory::open(wide(dir)), true)), analyzer_(french_analyzer()) {
    Collection<String> fields = newCollection<String>(L"title", L"body");
    MapStringDouble boosts = MapStringDouble::newInstance();
    boosts.put(L"title", 3.0);
    parser_ = newLucene<MultiFieldQueryParser>(LuceneVersion::LUCENE_30, fields, analyzer_, boosts);
    parser_->setDefaultOperator(QueryParser::AND_OPERATOR);
  }

  bench::Outcome run(const bench::Query& q, bench::Mode mode) override {
    const QueryPtr query = parser_->parse(wide(q.text));
    FilterPtr filter;
    if (bench::with_filters(mode) && (!q.country.empty() || q.from_year || q.to_year)) {
      BooleanQueryPtr f = newLucene<BooleanQuery>();
      if (!q.country.empty()) f->add(newLucene<TermQuery>(newLucene<Term>(L"countries", wide(q.country))), BooleanClause::MUST);
      if (q.from_year || q.to_year) {
        f->add(newLucene<TermRangeQuery>(L"date", wide(q.from_year ? bench::date_from(q) : "00000000"),
                                         wide(q.to_year ? bench::date_to(q) : "99999999"), true, true),
               BooleanClause::MUST);
      }
      filter = newLucene<QueryWrapperFilter>(f);
    }
    TopScoreDocCollectorPtr top = TopScoreDocCollector::create(10, true);
    auto collector = newLucene<FacetCollector>(top, bench::with_facet(mode));
    searcher_->search(query, filter, collector);
    collector->flush();
    TopDocsPtr docs = top->topDocs();
    std::size_t bytes = 0;
    HighlighterPtr highlighter;
    if (bench::with_snippets(mode)) {
      highlighter = newLucene<Highlighter>(newLucene<SimpleHTMLFormatter>(L"<b>", L"</b>"), newLucene<QueryScorer>(query));
    }
    for (int32_t i = 0; i < docs->scoreDocs.size(); ++i) {
      DocumentPtr d = searcher_->doc(docs->scoreDocs[i]->doc);
      const String title = d->get(L"title");
      bytes += d->get(L"id").size() + title.size() + d->get(L"date").size();
      if (highlighter) {
        bytes += highlighter->getBestFragment(analyzer_, L"title", title).size();
        const String body = d->get(L"body");
        if (!body.empty()) bytes += highlighter->getBestFragment(analyzer_, L"body", body).size();
      }
    }
    // The 10 most frequent facet values, as a search page would show.
    if (bench::with_facet(mode)) {
      std::vector<std::pair<std::uint64_t, String>> top_values;
      for (const auto& [value, n] : collector->counts()) top_values.emplace_back(n, value);
      std::partial_sort(top_values.begin(), top_values.begin() + std::min<std::size_t>(10, top_values.size()),
                        top_values.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      bytes += top_values.size();
    }
    sink_ += bytes;
    return {static_cast<std::uint64_t>(top->getTotalHits()), static_cast<std::size_t>(docs->scoreDocs.size())};
  }

 private:
  IndexSearcherPtr searcher_;
  AnalyzerPtr analyzer_;
  QueryParserPtr parser_;
  std::size_t sink_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  try {
    std::vector<std::string> args(argv + 2, argv + std::max(argc, 2));
    if (command == "index") return run_index(args);
    if (command == "optimize") return run_optimize(args);
    if (command == "query") {
      return bench::run_harness(argc - 1, argv + 1, "lucene",
                                [](const std::vector<std::string>& rest) -> std::unique_ptr<bench::Runner> {
                                  return std::make_unique<LuceneRunner>(arg(rest, "--index"));
                                });
    }
    std::fprintf(stderr, "usage: bench-lucene index|optimize|query … (see the top of bench/peers/lucene_bench.cpp)\n");
    return 2;
  } catch (LuceneException& e) {
    std::fprintf(stderr, "bench-lucene: %s\n", StringUtils::toUTF8(e.getError()).c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench-lucene: %s\n", e.what());
  }
  return 1;
}
