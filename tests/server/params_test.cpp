// Query-string validation, one row per case: what becomes of each parameter, and what is refused.
#include "server/params.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace depeche::server {
namespace {

TEST(SearchParams, DefaultsToTheFirstPageOfTenCollapsedHits) {
  const auto req = parse_search_params({});
  EXPECT_EQ(req.query, "");
  EXPECT_EQ(req.limit, 10u);
  EXPECT_EQ(req.offset, 0u);
  EXPECT_TRUE(req.collapse);
  EXPECT_FALSE(req.quotes);
  EXPECT_EQ(req.sort, search::SortOrder::kRelevance);
}

TEST(SearchParams, MapsPagesToOffsetsAndListsToFilters) {
  const auto req = parse_search_params({{"q", "armée"}, {"page", "3"}, {"per_page", "20"}, {"country", "KP, jp"},
                                        {"country", "FR"}, {"speaker", "Kirby, John"}, {"sort", "-date"},
                                        {"collapse", "0"}, {"recency", "1"}, {"quotes", "1"}});
  EXPECT_EQ(req.query, "armée");
  EXPECT_EQ(req.offset, 40u);
  EXPECT_EQ(req.limit, 20u);
  EXPECT_EQ(req.countries, (std::vector<std::string>{"KP", "jp", "FR"}));
  EXPECT_EQ(req.speakers, (std::vector<std::string>{"Kirby, John"}));  // names may hold commas
  EXPECT_EQ(req.sort, search::SortOrder::kDateDescending);
  EXPECT_FALSE(req.collapse);
  EXPECT_TRUE(req.recency_boost);
  EXPECT_TRUE(req.quotes);
}

TEST(SearchParams, RefusesWhatIsOutOfBounds) {
  for (const QueryParams& bad : std::vector<QueryParams>{
           {{"per_page", "0"}}, {{"per_page", "51"}}, {{"per_page", "-1"}}, {{"per_page", "1e3"}},
           {{"page", "0"}}, {{"page", "11"}, {"per_page", "100"}}, {{"page", "21"}, {"per_page", "50"}},
           {{"sort", "Date"}}, {{"quotes", "true"}}, {{"q", std::string(2049, 'a')}}, {{"qq", "a"}},
           {{"q", "a"}, {"q", "b"}}, {{"from", "2022-01-01T00"}}, {{"expand", std::string(65, 'f')}}}) {
    EXPECT_THROW(parse_search_params(bad), UsageError) << bad.begin()->first << "=" << bad.begin()->second.substr(0, 20);
  }
  EXPECT_NO_THROW(parse_search_params({{"page", "20"}, {"per_page", "50"}}));  // exactly 1000 deep
  EXPECT_NO_THROW(parse_search_params({{"q", std::string(2048, 'a')}}));
}

TEST(SearchParams, MessagesNameTheParameterAndItsBounds) {
  try {
    parse_search_params({{"per_page", "500"}});
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "parameter 'per_page' must be an integer from 1 to 50");
  }
}

TEST(SuggestParams, AcceptsJsonAndOpenSearchFormats) {
  EXPECT_FALSE(parse_suggest_params({{"q", "a"}}).opensearch);
  EXPECT_TRUE(parse_suggest_params({{"q", "a"}, {"format", "opensearch"}}).opensearch);
  EXPECT_THROW(parse_suggest_params({{"q", "a"}, {"format", "xml"}}), UsageError);
  EXPECT_THROW(parse_suggest_params({{"query", "a"}}), UsageError);
}

}  // namespace
}  // namespace depeche::server
