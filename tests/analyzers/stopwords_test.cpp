// The shipped stopword list: sorted, and free of homonyms readers search for.
#include "analyzers/stopwords.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace depeche::analysis {
namespace {

TEST(FrenchStopwords, ListIsSortedForBinarySearch) {
  auto list = french_stopwords();
  EXPECT_TRUE(std::is_sorted(list.begin(), list.end()));
  EXPECT_EQ(std::adjacent_find(list.begin(), list.end()), list.end());
}

struct StopCase {
  std::string word;
  bool stop;
};

class FrenchStopwordTable : public ::testing::TestWithParam<StopCase> {};

TEST_P(FrenchStopwordTable, MarksFunctionWordsOnly) {
  EXPECT_EQ(is_french_stopword(GetParam().word), GetParam().stop) << GetParam().word;
}

const StopCase kStops[] = {
    {"le", true},      {"la", true},      {"les", true},    {"de", true},    {"des", true},
    {"à", true},       {"où", true},      {"ou", true},     {"mais", true},  {"qu", true},
    {"était", true},   {"est", false},    {"été", false},   {"son", false},  {"ton", false},
    {"avions", false}, {"sommes", false}, {"car", false},   {"or", false},   {"maïs", false},
    {"guerre", false}, {"a", true},       {"as", false},    {"", false},
};

INSTANTIATE_TEST_SUITE_P(Cases, FrenchStopwordTable, ::testing::ValuesIn(kStops));

}  // namespace
}  // namespace depeche::analysis
