// Case and accent folding tables.
#include "analyzers/text_folding.h"

#include <gtest/gtest.h>

#include <string>

namespace depeche::analysis {
namespace {

struct FoldCase {
  const char* name;
  std::string input;
  std::string expected;
};

class FoldCaseTable : public ::testing::TestWithParam<FoldCase> {};
TEST_P(FoldCaseTable, FoldsCaseKeepsAccents) {
  EXPECT_EQ(fold_case(GetParam().input), GetParam().expected);
}
const FoldCase kFoldCase[] = {
    {"UppercaseAccent", "ÉTATS", "états"},
    {"SharpS", "Straße", "strasse"},
    {"TypographicApostrophe", "L’Armée", "l'armée"},
    {"ModifierApostrophe", "Lʼarmée", "l'armée"},
    {"CompatibilityLigature", "ﬁnance", "finance"},
    {"FullwidthLetters", "ＯＮＵ", "onu"},
    {"NfdComposed", "E\u0301TE\u0301", "été"},
    {"SoftHyphenRemoved", "ar\u00ADmée", "armée"},
    {"Greek", "ΑΘΗΝΑ", "αθηνα"},
    {"Cyrillic", "КИЕВ", "киев"},
};
INSTANTIATE_TEST_SUITE_P(Cases, FoldCaseTable, ::testing::ValuesIn(kFoldCase),
                         [](const auto& p) { return std::string(p.param.name); });

class FoldAccentsTable : public ::testing::TestWithParam<FoldCase> {};
TEST_P(FoldAccentsTable, RemovesAccentsAndApostrophes) {
  EXPECT_EQ(fold_accents(GetParam().input), GetParam().expected);
}
const FoldCase kFoldAccents[] = {
    {"Acute", "élections", "elections"},
    {"Grave", "près", "pres"},
    {"Circumflex", "île", "ile"},
    {"Diaeresis", "naïve", "naive"},
    {"Cedilla", "français", "francais"},
    {"LigatureOe", "cœur", "coeur"},
    {"LigatureAe", "cæcum", "caecum"},
    {"Apostrophe", "aujourd'hui", "aujourdhui"},
    {"TypographicApostrophe", "aujourd’hui", "aujourdhui"},
    {"StrokeO", "øresund", "oresund"},
    {"Polish", "łódź", "lodz"},
    {"Tilde", "españa", "espana"},
    {"YDiaeresis", "l'haÿ", "lhay"},
    {"StandaloneCombiningMark", "e\u0301", "e"},
    {"GreekTonos", "ά", "α"},
    {"AsciiUnchanged", "kirby 2022", "kirby 2022"},
    {"EmptyStaysEmpty", "", ""},
};
INSTANTIATE_TEST_SUITE_P(Cases, FoldAccentsTable, ::testing::ValuesIn(kFoldAccents),
                         [](const auto& p) { return std::string(p.param.name); });

class FoldValueTable : public ::testing::TestWithParam<FoldCase> {};
TEST_P(FoldValueTable, GivesOneFormPerFilterValue) {
  EXPECT_EQ(fold_value(GetParam().input), GetParam().expected);
}
const FoldCase kFoldValue[] = {
    {"FullName", "John Kirby", "john kirby"},
    {"AccentsAndHyphen", "Jean-Yves Le Drian", "jean yves le drian"},
    {"SpacedHyphen", "jean yves  le  drian", "jean yves le drian"},
    {"Apostrophe", "Seán O’Neill", "sean oneill"},
    {"Outlet", "L'Écho économique", "lecho economique"},
    {"Nbsp", "Agence\u00A0Presse Monde", "agence presse monde"},
    {"TrimmedEnds", "  Kirby. ", "kirby"},
};
INSTANTIATE_TEST_SUITE_P(Cases, FoldValueTable, ::testing::ValuesIn(kFoldValue),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(TextFolding, FoldAccentsSkipsInvalidUtf8) {
  EXPECT_EQ(fold_accents("ar\xFFme"), "arme");
}

}  // namespace
}  // namespace depeche::analysis
