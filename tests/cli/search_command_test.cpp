// `depeche search` on the sample corpus, as a user runs it: output, JSON schema, hostile queries.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/process.h"

namespace depeche {
namespace {

namespace fs = std::filesystem;
using testing::run_depeche;

class SearchCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = (fs::temp_directory_path() / ("depeche-search-cli-" + std::to_string(::getpid()))).string();
    fs::remove_all(db_);
    auto r = run_depeche({"index", "-q", "--db", db_, std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { fs::remove_all(db_); }

  static nlohmann::json json_search(std::vector<std::string> args) {
    std::vector<std::string> full = {"search", "--db", db_, "--json"};
    full.insert(full.end(), args.begin(), args.end());
    auto r = run_depeche(full);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

  static std::string db_;
};

std::string SearchCommandTest::db_;

TEST_F(SearchCommandTest, PrintsRankedHitsWithDateSourceTitleAndSnippet) {
  auto r = run_depeche({"search", "--db", db_, "coree", "du", "nord", "missile", "--limit", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  1. 2017-07-04  Agence Presse Monde"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Corée du Nord"), std::string::npos);
  EXPECT_NE(r.out.find("id: apm-2017-0704-coree-nord-icbm"), std::string::npos);
  EXPECT_NE(r.out.find("2 similar (--expand "), std::string::npos);
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no ANSI codes when not a terminal";
}

TEST_F(SearchCommandTest, ColorAlwaysMarksMatchesInBold) {
  auto r = run_depeche({"search", "--db", db_, "--color", "always", "armee", "--limit", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\x1b[1m"), std::string::npos) << r.out;
}

TEST_F(SearchCommandTest, JsonFollowsTheDocumentedSchema) {
  auto j = json_search({"coree du nord missile"});
  for (const char* key : {"query", "counts", "page", "hits", "quotes", "facets", "feedback", "timings_ms"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  ASSERT_FALSE(j["hits"].empty());
  const auto& hit = j["hits"][0];
  for (const char* key : {"rank", "id", "score", "percent", "title", "title_html", "date", "source", "url",
                          "countries", "speakers", "snippet", "story", "similar"}) {
    EXPECT_TRUE(hit.contains(key)) << key;
  }
  EXPECT_EQ(hit["id"], "apm-2017-0704-coree-nord-icbm");
  EXPECT_EQ(j["counts"]["facets_count"], "articles");
  EXPECT_GE(j["counts"]["articles"].get<int>(), j["counts"]["stories"].get<int>());
  EXPECT_NE(hit["snippet"]["html"].get<std::string>().find("<mark>"), std::string::npos);
}

TEST_F(SearchCommandTest, SortByDateNewestFirst) {
  auto j = json_search({"--sort=-date", "Ukraine", "--limit", "5"});
  ASSERT_GE(j["hits"].size(), 2u);
  EXPECT_GE(j["hits"][0]["date"].get<std::string>(), j["hits"][1]["date"].get<std::string>());
  auto oldest = json_search({"--sort", "date", "Ukraine", "--limit", "5"});
  EXPECT_LE(oldest["hits"][0]["date"].get<std::string>(), oldest["hits"][1]["date"].get<std::string>());
}

TEST_F(SearchCommandTest, DateFiltersBoundTheHits) {
  auto j = json_search({"--from", "2022-01", "--to", "2022-12-31", "--no-collapse", "--limit", "100"});
  ASSERT_FALSE(j["hits"].empty());
  for (const auto& h : j["hits"]) {
    EXPECT_EQ(h["date"].get<std::string>().substr(0, 4), "2022") << h["id"];
  }
}

TEST_F(SearchCommandTest, SourceFilterAndPagination) {
  auto page1 = json_search({"--source", "agence presse monde", "--no-collapse", "--limit", "3"});
  auto page2 = json_search({"--source", "Agence Presse Monde", "--no-collapse", "--limit", "3", "--offset", "3"});
  ASSERT_EQ(page1["hits"].size(), 3u);
  for (const auto& h : page1["hits"]) EXPECT_EQ(h["source"], "Agence Presse Monde");
  EXPECT_NE(page1["hits"][0]["id"], page2["hits"][0]["id"]);
  EXPECT_EQ(page2["hits"][0]["rank"], 4);
}

struct HostileQuery {
  const char* name;
  std::string query;
  int exit_code;  // 0: results (maybe none) or 2: one clear error line
};

class SearchHostileQueries : public SearchCommandTest, public ::testing::WithParamInterface<HostileQuery> {};

TEST_P(SearchHostileQueries, GiveResultsOrOneClearErrorLine) {
  auto r = run_depeche({"search", "--db", db_, "--json", "--", GetParam().query}, "", std::chrono::seconds(30));
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, GetParam().exit_code) << r.err;
  if (r.exit_code == 0) {
    EXPECT_TRUE(nlohmann::json::accept(r.out)) << r.out;
  } else {
    EXPECT_EQ(r.err.rfind("depeche: ", 0), 0u) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SearchHostileQueries,
    ::testing::Values(HostileQuery{"UnbalancedQuote", "\"Corée du Nord", 0},
                      HostileQuery{"UnbalancedParenthesis", "(Corée OR Russie", 0},
                      HostileQuery{"LoneOperator", "AND", 0},
                      HostileQuery{"DoubleOperator", "Corée OR OR Russie", 0},
                      HostileQuery{"LoneMinus", "-", 0},
                      HostileQuery{"EmptyCountry", "country:", 0},
                      HostileQuery{"UnknownField", "foo:bar", 0},
                      HostileQuery{"ControlCharacters", std::string("guerre\x01\x07\x1b[31m paix"), 0},
                      HostileQuery{"InvalidUtf8", "arm\xFF\xFE" "ee", 0},
                      HostileQuery{"OnlyEmoji", "🕊️🕊️", 0},
                      HostileQuery{"DeepParentheses", std::string(200, '(') + "paix" + std::string(200, ')'), 0},
                      HostileQuery{"TenThousandCharacters", std::string(10000, 'a'), 2},
                      HostileQuery{"ManyWords", [] {
                                     std::string s;
                                     for (int i = 0; i < 500; ++i) s += "mot" + std::to_string(i) + " ";
                                     return s;
                                   }(),
                                   2}),
    [](const auto& p) { return std::string(p.param.name); });

TEST_F(SearchCommandTest, UnknownCountryOptionIsAUsageError) {
  auto r = run_depeche({"search", "--db", db_, "--country", "Atlantide", "paix"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown country 'Atlantide'"), std::string::npos) << r.err;
}

TEST_F(SearchCommandTest, MissingIndexIsAClearError) {
  auto r = run_depeche({"search", "--db", db_ + "-absent", "paix"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no index here"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace depeche
