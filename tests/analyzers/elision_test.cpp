// Which prefixes elision strips, measured in UTF-16 units of the raw word.
#include "analyzers/elision.h"

#include <gtest/gtest.h>

#include <string>

namespace depeche::analysis {
namespace {

struct ElisionCase {
  const char* name;
  std::string word;
  int32_t stripped;  // UTF-16 units
};

class ElisionTable : public ::testing::TestWithParam<ElisionCase> {};

TEST_P(ElisionTable, StripsOnlyFrenchElisions) {
  const auto word = icu::UnicodeString::fromUTF8(GetParam().word);
  EXPECT_EQ(elided_prefix_length(word, 0, word.length()), GetParam().stripped);
}

const ElisionCase kElisions[] = {
    {"ArticleTypographic", "l’avion", 2},
    {"ArticleAscii", "l'avion", 2},
    {"ArticleUppercase", "L'AVION", 2},
    {"ModifierLetterApostrophe", "lʼavion", 2},
    {"LeftSingleQuote", "l‘avion", 2},
    {"De", "d’Iran", 2},
    {"Je", "j’ai", 2},
    {"Me", "m’a", 2},
    {"Ne", "n’a", 2},
    {"Se", "s’est", 2},
    {"Te", "t’es", 2},
    {"Ce", "c’est", 2},
    {"Que", "qu’il", 3},
    {"QueUppercase", "QU'IL", 3},
    {"Jusque", "jusqu’à", 6},
    {"Lorsque", "lorsqu’elle", 7},
    {"Puisque", "puisqu’on", 7},
    {"Quoique", "quoiqu’il", 7},
    {"Presque", "presqu’île", 7},
    {"Stacked", "d’l’x", 4},
    {"AujourdhuiIsNotElision", "aujourd’hui", 0},
    {"QuelquUnIsNotElision", "quelqu’un", 0},
    {"IrishName", "O’Brien", 0},
    {"NothingAfterApostrophe", "l’", 0},
    {"NoApostrophe", "lavion", 0},
    {"LongPrefix", "abcdefgh’ij", 0},
};

INSTANTIATE_TEST_SUITE_P(Cases, ElisionTable, ::testing::ValuesIn(kElisions),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(Elision, WorksInsideALargerText) {
  const auto text = icu::UnicodeString::fromUTF8("voir l’armée");
  EXPECT_EQ(elided_prefix_length(text, 5, text.length()), 2);
}

}  // namespace
}  // namespace depeche::analysis
