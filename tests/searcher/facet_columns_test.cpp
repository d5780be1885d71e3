// The in-memory facet columns must give exactly the counts of the per-document value spy, for any
// query and filter, and follow new revisions of the index.
#include "searcher/facet_columns.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "indexer/index_writer.h"
#include "indexer/indexing_pipeline.h"
#include "searcher/searcher.h"

namespace depeche::search {
namespace {

namespace fs = std::filesystem;

class FacetColumnsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = (fs::temp_directory_path() / ("depeche-columns-" + std::to_string(::getpid()))).string();
    fs::remove_all(path_);
    indexer::IndexingOptions opts;
    opts.db_path = path_;
    opts.inputs = {std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus"};
    opts.threads = 2;
    ASSERT_EQ(indexer::run_indexing(opts).skipped, 0u);
  }
  static void TearDownTestSuite() { fs::remove_all(path_); }
  static std::string path_;
};
std::string FacetColumnsTest::path_;

struct FacetCase {
  const char* name;
  const char* query;
  std::vector<std::string> countries;
  bool collapse = true;
};

class FacetColumnsAgree : public FacetColumnsTest, public ::testing::WithParamInterface<FacetCase> {};

void expect_same_facets(const SearchResult& spy, const SearchResult& columns) {
  EXPECT_EQ(columns.articles, spy.articles);
  EXPECT_EQ(columns.stories, spy.stories);
  ASSERT_EQ(columns.facets.size(), spy.facets.size());
  for (std::size_t f = 0; f < spy.facets.size(); ++f) {
    SCOPED_TRACE(spy.facets[f].name);
    EXPECT_EQ(columns.facets[f].name, spy.facets[f].name);
    ASSERT_EQ(columns.facets[f].values.size(), spy.facets[f].values.size());
    for (std::size_t v = 0; v < spy.facets[f].values.size(); ++v) {
      EXPECT_EQ(columns.facets[f].values[v].value, spy.facets[f].values[v].value);
      EXPECT_EQ(columns.facets[f].values[v].count, spy.facets[f].values[v].count);
    }
  }
}

TEST_P(FacetColumnsAgree, ColumnCountsEqualValueSpyCounts) {
  const FacetCase& c = GetParam();
  SearchRequest req;
  req.query = c.query;
  req.countries = c.countries;
  req.collapse = c.collapse;
  req.facet_values = 1000;  // every value, not just the top ten
  Searcher by_spy(path_);
  Searcher by_columns(path_);
  by_columns.use_facet_columns(true);
  const SearchResult a = by_spy.search(req);
  const SearchResult b = by_columns.search(req);
  EXPECT_GT(a.articles, 0u) << "the case should match something";
  expect_same_facets(a, b);
}

INSTANTIATE_TEST_SUITE_P(
    Queries, FacetColumnsAgree,
    ::testing::Values(FacetCase{"Everything", "", {}}, FacetCase{"OneWord", "guerre", {}},
                      FacetCase{"TwoWords", "armée russe", {}},
                      FacetCase{"Phrase", "\"conseil de sécurité\"", {}},
                      FacetCase{"CountryFilter", "", {"UA"}},
                      FacetCase{"WordAndFilter", "président", {"FR", "US"}},
                      FacetCase{"NoCollapse", "missile", {}, false}),
    [](const auto& test) { return std::string(test.param.name); });

TEST_F(FacetColumnsTest, ColumnsFollowANewRevision) {
  Searcher s(path_);
  s.use_facet_columns(true);
  SearchRequest req;
  req.query = "";
  req.countries = {"IS"};
  const std::uint64_t before = s.search(req).articles;  // builds the columns
  {
    indexer::IndexWriter writer(path_);
    indexer::DocumentBuilder builder;
    Article a;
    a.id = "columns-new";
    a.title = "Éruption en Islande";
    a.body = "Un volcan est entré en éruption dans le sud-ouest de l’Islande, près de Grindavík.";
    a.date = Date{2024, 1, 14, {}, {}};
    a.source = "Radio Continentale";
    writer.upsert(builder.build(a));
    writer.commit();
  }
  const SearchResult after = s.search(req);
  EXPECT_EQ(after.articles, before + 1);
  bool counted = false;
  for (const Facet& f : after.facets) {
    if (f.name != "source") continue;
    for (const FacetValue& v : f.values) counted |= v.value == "Radio Continentale" && v.count >= 1;
  }
  EXPECT_TRUE(counted);
  indexer::IndexWriter writer(path_);
  writer.remove("columns-new");
  writer.commit();
}

TEST_F(FacetColumnsTest, ColumnsHoldEveryDocumentOfTheRevision) {
  const Xapian::Database db(path_);
  const auto columns = FacetColumns::build(db);
  EXPECT_EQ(columns->last_docid(), db.get_lastdocid());
  EXPECT_EQ(columns->countries().offsets.size(), db.get_lastdocid() + 2u);
  EXPECT_GT(columns->countries().ids.size(), db.get_doccount());  // most articles name several
  EXPECT_GT(columns->story_count(), 1u);
}

}  // namespace
}  // namespace depeche::search
