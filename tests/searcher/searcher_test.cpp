// The search library end to end on a small index built with the real indexer code.
#include "searcher/searcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "core/error.h"
#include "indexer/index_writer.h"
#include "searcher/search_json.h"

namespace depeche::search {
namespace {

namespace fs = std::filesystem;

const char* kWire =
    "La Corée du Nord a tiré mardi un missile balistique intercontinental qui s’est abîmé en mer "
    "du Japon, a annoncé l’état-major sud-coréen. Washington a dénoncé une provocation et réclamé "
    "une réunion d’urgence du Conseil de sécurité de l’ONU. Tokyo a protesté par la voie "
    "diplomatique et renforcé sa surveillance.";

Article article(std::string id, std::string title, std::string body, Date date, std::string source,
                std::vector<std::string> countries = {}, std::vector<std::string> speakers = {}) {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  a.date = date;
  a.source = std::move(source);
  a.countries = std::move(countries);
  a.speakers = std::move(speakers);
  return a;
}

class SearcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = (fs::temp_directory_path() / ("depeche-searcher-" + std::to_string(::getpid()))).string();
    fs::remove_all(path_);
    indexer::IndexWriter writer(path_);
    indexer::DocumentBuilder builder;
    const std::vector<Article> articles = {
        article("wire-1", "Pyongyang tire un missile intercontinental", kWire, {2017, 7, 4, {}, {}},
                "Agence Presse Monde", {"KP", "US", "JP", "KR"}, {"Jennifer Caldwell"}),
        article("wire-2", "La Corée du Nord tire un ICBM", std::string(kWire) + " Pékin a appelé au calme.",
                {2017, 7, 4, {}, {}}, "Le Quotidien du Soir", {"KP", "US", "JP", "KR", "CN"}, {"Jennifer Caldwell"}),
        article("armee", "L’armée ukrainienne reprend Kherson",
                "Les forces armées ukrainiennes sont entrées dans Kherson vendredi. « C’est un jour "
                "historique », a déclaré Iryna Bondarenko. L’armée russe s’est retirée sur la rive gauche.",
                {2022, 11, 11, {}, {}}, "Radio Continentale", {"UA", "RU"}, {"Iryna Bondarenko"}),
        article("securite", "Sécurité alimentaire : le FMI s’inquiète",
                "Le Fonds monétaire international juge la sécurité alimentaire menacée en Afrique de "
                "l’Est, où les prix des céréales ont doublé.",
                {2022, 6, 2, {}, {}}, "L'Écho économique", {"ET", "KE"}, {}),
        article("election", "Élections législatives en France",
                "Les électeurs français votent dimanche pour renouveler l’Assemblée nationale. Les "
                "États-Unis suivent le scrutin avec attention.",
                {2024, 6, 30, {}, {}}, "Le Quotidien du Soir", {"FR", "US"}, {}),
        article("ancien", "Accord sur le climat à Paris",
                "Les négociations sur le climat ont abouti à un accord historique à Paris.",
                {2015, 12, 12, {}, {}}, "Agence Presse Monde", {"FR"}, {"Hélène Marchetti"}),
    };
    for (const Article& a : articles) writer.upsert(builder.build(a));
    writer.commit();
  }
  static void TearDownTestSuite() { fs::remove_all(path_); }

  SearchResult search(SearchRequest r) {
    Searcher s(path_);
    return s.search(r);
  }
  SearchResult search(const std::string& q) {
    SearchRequest r;
    r.query = q;
    return search(r);
  }
  static std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const Hit& h : r.hits) out.push_back(h.id);
    return out;
  }
  static std::vector<std::string> sorted_ids(const SearchResult& r) {
    auto v = ids(r);
    std::sort(v.begin(), v.end());
    return v;
  }
  static const Facet* facet(const SearchResult& r, const std::string& name) {
    for (const Facet& f : r.facets) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }

  static std::string path_;
};

std::string SearcherTest::path_;

TEST_F(SearcherTest, FindsAccentedElidedWordFromUnaccentedQuery) {
  auto r = search("armee");
  EXPECT_EQ(ids(r), (std::vector<std::string>{"armee"}));
  EXPECT_EQ(r.articles, 1u);
}

TEST_F(SearcherTest, TitleMatchRanksAboveBodyMatch) {
  auto r = search("sécurité");
  ASSERT_GE(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].id, "securite");  // in its title; the wire story has it in the body only
}

TEST_F(SearcherTest, CollapsesWireCopiesAndCountsArticlesAndStories) {
  auto r = search("missile intercontinental");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].similar, 1u);
  EXPECT_EQ(r.articles, 2u);
  EXPECT_EQ(r.stories, 1u);
  EXPECT_TRUE(r.counts_exact);
  const Facet* sources = facet(r, "source");
  ASSERT_NE(sources, nullptr);
  EXPECT_EQ(sources->values.size(), 2u);  // facets count articles, like `articles`
}

TEST_F(SearcherTest, ExpandingAStoryListsEveryCopy) {
  auto first = search("missile");
  SearchRequest r;
  r.query = "missile";
  r.expand_story = first.hits.at(0).story;
  EXPECT_EQ(sorted_ids(search(r)), (std::vector<std::string>{"wire-1", "wire-2"}));
}

TEST_F(SearcherTest, NoCollapseShowsEveryCopy) {
  SearchRequest r;
  r.query = "missile";
  r.collapse = false;
  EXPECT_EQ(search(r).hits.size(), 2u);
}

struct FilterCase {
  const char* name;
  std::vector<std::string> countries, speakers, sources;
  std::string from, to;
  std::vector<std::string> expected;  // sorted ids, query empty (all articles), no collapse
};

class SearcherFilters : public SearcherTest, public ::testing::WithParamInterface<FilterCase> {};

TEST_P(SearcherFilters, FiltersAsOptionsNarrowExactly) {
  const FilterCase& c = GetParam();
  SearchRequest r;
  r.countries = c.countries;
  r.speakers = c.speakers;
  r.sources = c.sources;
  r.from = c.from;
  r.to = c.to;
  r.collapse = false;
  EXPECT_EQ(sorted_ids(search(r)), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SearcherFilters,
    ::testing::Values(
        FilterCase{"CountryIsoCode", {"ua"}, {}, {}, "", "", {"armee"}},
        FilterCase{"CountryFrenchNameWithoutAccents", {"coree du nord"}, {}, {}, "", "", {"wire-1", "wire-2"}},
        FilterCase{"CountriesOrTogether", {"UA", "Éthiopie"}, {}, {}, "", "", {"armee", "securite"}},
        FilterCase{"SpeakerLastName", {}, {"bondarenko"}, {}, "", "", {"armee"}},
        FilterCase{"SpeakerFullNameAnyCase", {}, {"HÉLÈNE MARCHETTI"}, {}, "", "", {"ancien"}},
        FilterCase{"Source", {}, {}, {"le quotidien du soir"}, "", "", {"election", "wire-2"}},
        FilterCase{"FacetsAndTogether", {"US"}, {}, {"Le Quotidien du Soir"}, "", "", {"election", "wire-2"}},
        FilterCase{"FromYear", {}, {}, {}, "2022", "", {"armee", "election", "securite"}},
        FilterCase{"ToMonth", {}, {}, {}, "", "2017-07", {"ancien", "wire-1", "wire-2"}},
        FilterCase{"DayRange", {}, {}, {}, "2022-06-02", "2022-11-10", {"securite"}}),
    [](const auto& p) { return std::string(p.param.name); });

TEST_F(SearcherTest, UnknownCountryFilterIsAUsageError) {
  SearchRequest r;
  r.countries = {"Atlantide"};
  EXPECT_THROW(search(r), UsageError);
}

TEST_F(SearcherTest, MalformedDateIsAUsageError) {
  SearchRequest r;
  r.from = "2022-13";
  EXPECT_THROW(search(r), UsageError);
  r.from = "2024";
  r.to = "2020";
  EXPECT_THROW(search(r), UsageError);
}

TEST_F(SearcherTest, FacetsCountTheWholeMatchSetNotThePage) {
  SearchRequest r;
  r.limit = 1;
  r.collapse = false;
  auto res = search(r);
  EXPECT_EQ(res.hits.size(), 1u);
  EXPECT_EQ(res.articles, 6u);
  const Facet* countries = facet(res, "country");
  ASSERT_NE(countries, nullptr);
  ASSERT_FALSE(countries->values.empty());
  EXPECT_EQ(countries->values[0].value, "US");  // wire-1, wire-2, election
  EXPECT_EQ(countries->values[0].label, "États-Unis");
  EXPECT_EQ(countries->values[0].count, 3u);
  const Facet* years = facet(res, "year");
  ASSERT_NE(years, nullptr);
  EXPECT_EQ(years->values.front().value, "2015");  // chronological
  EXPECT_EQ(facet(res, "month"), nullptr);         // nine years: too long for months
}

TEST_F(SearcherTest, MonthFacetForAShortRange) {
  SearchRequest r;
  r.from = "2022";
  r.to = "2022";
  const SearchResult res = search(r);
  const Facet* months = facet(res, "month");
  ASSERT_NE(months, nullptr);
  ASSERT_EQ(months->values.size(), 2u);
  EXPECT_EQ(months->values[0].value, "2022-06");
  EXPECT_EQ(months->values[0].label, "juin 2022");
}

TEST_F(SearcherTest, SortsByDateBothWays) {
  SearchRequest r;
  r.collapse = false;
  r.sort = SortOrder::kDateAscending;
  EXPECT_EQ(search(r).hits.front().id, "ancien");
  r.sort = SortOrder::kDateDescending;
  EXPECT_EQ(search(r).hits.front().id, "election");
}

TEST_F(SearcherTest, RecencyBoostFavoursNewerArticles) {
  SearchRequest r;
  r.query = "accord OR élections";
  r.recency_boost = true;
  auto res = search(r);
  ASSERT_EQ(res.hits.size(), 2u);
  EXPECT_EQ(res.hits[0].id, "election");
}

TEST_F(SearcherTest, SnippetHighlightsInflectedAndElidedForms) {
  auto r = search("armee");
  ASSERT_EQ(r.hits.size(), 1u);
  const std::string html = render_html(r.hits[0].snippet);
  EXPECT_NE(html.find("<mark>armée</mark>"), std::string::npos) << html;
  EXPECT_NE(render_html(r.hits[0].title_snippet).find("<mark>armée</mark>"), std::string::npos);
}

TEST_F(SearcherTest, TypoInALongWordIsToleratedAndReported) {
  auto r = search("negociasions");
  EXPECT_EQ(ids(r), (std::vector<std::string>{"ancien"}));
  ASSERT_EQ(r.typos.size(), 1u);
  EXPECT_EQ(r.typos[0].replacement, "négociations");
}

TEST_F(SearcherTest, ShortUnknownWordGetsDidYouMeanAndRetryWhenNothingMatches) {
  SearchRequest req;
  req.query = "clinat";  // 6 letters, but typo tolerance off: only did-you-mean
  req.typo_tolerance = false;
  auto r = search(req);
  EXPECT_EQ(r.corrected_query, "climat");
  EXPECT_TRUE(r.showing_corrected);
  EXPECT_EQ(ids(r), (std::vector<std::string>{"ancien"}));
}

TEST_F(SearcherTest, StopwordsAreReportedAsNotRequired) {
  auto r = search("la sécurité alimentaire");
  EXPECT_EQ(r.ignored_stopwords, (std::vector<std::string>{"la"}));
  EXPECT_EQ(ids(r), (std::vector<std::string>{"securite"}));
}

TEST_F(SearcherTest, MoreLikeThisFindsRelatedArticlesButNotItsOwnStory) {
  SearchRequest r;
  r.like_id = "armee";
  auto res = search(r);
  for (const Hit& h : res.hits) EXPECT_NE(h.id, "armee");
  r.like_id = "wire-1";
  for (const Hit& h : search(r).hits) {
    EXPECT_NE(h.id, "wire-1");
    EXPECT_NE(h.id, "wire-2");  // same story
  }
  r.like_id = "no-such-id";
  EXPECT_THROW(search(r), UsageError);
}

TEST_F(SearcherTest, ZeroTimeLimitGivesPartialFlaggedResults) {
  SearchRequest r;
  r.time_limit = std::chrono::milliseconds(0);
  auto res = search(r);
  EXPECT_TRUE(res.timed_out);
  EXPECT_FALSE(res.counts_exact);
  EXPECT_FALSE(res.notes.empty());
}

TEST_F(SearcherTest, EmptyQueryBrowsesNewestFirst) {
  auto r = search("");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "election");
}

TEST_F(SearcherTest, PicksUpANewRevisionWithoutReopening) {
  Searcher s(path_);
  SearchRequest r;
  r.query = "biathlon";
  EXPECT_TRUE(s.search(r).hits.empty());
  {
    indexer::IndexWriter writer(path_);
    indexer::DocumentBuilder builder;
    writer.upsert(builder.build(article("neuf", "Biathlon", "Le biathlon norvégien domine.", {2023, 1, 5, {}, {}}, "Radio Continentale")));
    writer.commit();
  }
  EXPECT_EQ(ids(s.search(r)), (std::vector<std::string>{"neuf"}));
  {
    indexer::IndexWriter writer(path_);
    writer.remove("neuf");
    writer.commit();
  }
}

TEST_F(SearcherTest, JsonCarriesIdsCountsAndFeedback) {
  SearchRequest r;
  r.query = "armee";
  auto j = to_json(search(r), r);
  EXPECT_EQ(j["hits"][0]["id"], "armee");
  EXPECT_EQ(j["counts"]["articles"], 1);
  EXPECT_EQ(j["counts"]["facets_count"], "articles");
  EXPECT_TRUE(j["feedback"]["notes"].is_array());
  EXPECT_NE(j["hits"][0]["snippet"]["html"].get<std::string>().find("<mark>"), std::string::npos);
}

TEST_F(SearcherTest, QuoteSearchAnswersWithQuotesAndTheirSpeaker) {
  SearchRequest r;
  r.quotes = true;
  r.query = "historique";
  r.speakers = {"bondarenko"};
  auto res = search(r);
  EXPECT_TRUE(res.hits.empty());
  ASSERT_EQ(res.quotes.size(), 1u);
  EXPECT_EQ(res.quotes[0].text, "C’est un jour historique");
  EXPECT_EQ(res.quotes[0].speaker, "Iryna Bondarenko");
  EXPECT_EQ(res.quotes[0].article_id, "armee");
  EXPECT_EQ(res.quotes[0].date, "2022-11-11");
  EXPECT_EQ(render_html(res.quotes[0].snippet), "C’est un jour <mark>historique</mark>");
}

TEST_F(SearcherTest, QuoteSearchMatchesOnlyWordsInsideQuotes) {
  SearchRequest r;
  r.quotes = true;
  r.query = "Kherson";  // in the article, not in its quote
  EXPECT_TRUE(search(r).quotes.empty());
  r.query = "historique";
  r.speakers = {"Hélène Marchetti"};  // a quote by someone else
  EXPECT_TRUE(search(r).quotes.empty());
}

TEST_F(SearcherTest, LimitsAreEnforced) {
  SearchRequest r;
  r.limit = 5000;
  EXPECT_THROW(search(r), UsageError);
}

}  // namespace
}  // namespace depeche::search
