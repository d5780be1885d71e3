// Dates written out in text, found with their offsets.
#include "analyzers/date_mentions.h"

#include <gtest/gtest.h>

#include "analyzers/french_analyzer.h"

namespace depeche::analysis {
namespace {

struct MentionCase {
  const char* name;
  std::string text;
  std::vector<std::string> expected;  // "YYYY-MM-DD@surface"
};

class DateMentionTable : public ::testing::TestWithParam<MentionCase> {};

TEST_P(DateMentionTable, FindsFullDatesInText) {
  FrenchAnalyzer analyzer;
  const std::string& text = GetParam().text;
  std::vector<std::string> got;
  for (const DateMention& m : find_date_mentions(text, analyzer.analyze(text), TextField::kBody)) {
    got.push_back(m.date.iso() + "@" + std::string(text.substr(m.begin, m.end - m.begin)));
  }
  EXPECT_EQ(got, GetParam().expected);
}

const MentionCase kMentions[] = {
    {"LongForm", "Le sommet du 8 novembre 2022 a échoué.", {"2022-11-08@8 novembre 2022"}},
    {"Ordinal", "depuis le 1er mars 2024", {"2024-03-01@1er mars 2024"}},
    {"Uppercase", "LE 3 FÉVRIER 2016", {"2016-02-03@3 FÉVRIER 2016"}},
    {"Unaccented", "le 3 fevrier 2016", {"2016-02-03@3 fevrier 2016"}},
    {"Abbreviated", "le 8 nov. 2022", {"2022-11-08@8 nov. 2022"}},
    {"NonBreakingSpaces", "le 14\u00A0juillet\u00A02019", {"2019-07-14@14\u00A0juillet\u00A02019"}},
    {"Numeric", "signé le 08/11/2022 à Paris", {"2022-11-08@08/11/2022"}},
    {"Two", "du 2 mai 2017 au 9 juin 2018", {"2017-05-02@2 mai 2017", "2018-06-09@9 juin 2018"}},
    {"ImpossibleDay", "le 30 février 2023", {}},
    {"MonthAndYearOnly", "en septembre 2022", {}},
    {"NumberBeforeMonthWordNotDate", "3 mars", {}},
    {"SeparatedByComma", "le 8, novembre 2022", {}},
};

INSTANTIATE_TEST_SUITE_P(Cases, DateMentionTable, ::testing::ValuesIn(kMentions),
                         [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace depeche::analysis
