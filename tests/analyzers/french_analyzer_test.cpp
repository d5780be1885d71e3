// Golden tables for the French analysis chain: text → terms with positions and flags.
#include "analyzers/french_analyzer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace depeche::analysis {
namespace {

// "term@position", with "(stop)", "(compound)", "(number)" markers: one string per token.
std::vector<std::string> render(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    std::string s = t.term + "@" + std::to_string(t.position);
    if (t.has(kFlagCompound)) s += "(compound)";
    if (t.has(kFlagStopword)) s += "(stop)";
    if (t.has(kFlagNumber)) s += "(number)";
    if (t.has(kFlagWildcard)) s += "(wildcard)";
    out.push_back(s);
  }
  return out;
}

struct GoldenCase {
  const char* name;
  std::string text;
  std::vector<std::string> expected;
};

class FrenchAnalyzerGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(FrenchAnalyzerGolden, ProducesExpectedTerms) {
  FrenchAnalyzer analyzer;
  EXPECT_EQ(render(analyzer.analyze(GetParam().text)), GetParam().expected);
}

const GoldenCase kGolden[] = {
    // Elision, every apostrophe and case.
    {"ElisionTypographicApostrophe", "l’armée", {"armee@1"}},
    {"ElisionUppercaseAscii", "L'ARMÉE", {"armee@1"}},
    {"ElisionModifierLetterApostrophe", "lʼarmée", {"armee@1"}},
    {"ElisionLeftSingleQuote", "l‘armée", {"armee@1"}},
    {"ElisionQuIl", "QU'IL", {"il@1(stop)"}},
    {"ElisionJusqu", "jusqu’à Kyiv", {"a@1(stop)", "kyiv@2"}},
    {"ElisionLorsqu", "lorsqu’elle", {"elle@1(stop)"}},
    {"ElisionPuisqu", "puisqu’on", {"on@1(stop)"}},
    {"ElisionQuoiqu", "quoiqu’il", {"il@1(stop)"}},
    {"ElisionPresqu", "presqu’île", {"ile@1"}},
    {"ElisionDeBeforeCountry", "d’Iran", {"iran@1"}},
    {"ElisionSentence", "L’Ukraine n’a pas", {"ukraine@1", "a@2(stop)", "pas@3(stop)"}},
    {"AujourdhuiStaysOneWordTypographic", "aujourd’hui", {"aujourdhui@1"}},
    {"AujourdhuiStaysOneWordAscii", "aujourd'hui", {"aujourdhui@1"}},
    {"ElisionBeforeAujourdhui", "d’aujourd’hui", {"aujourdhui@1"}},
    {"ApostropheInNameIsKept", "O’Brien", {"obrien@1"}},
    // Compounds: the whole word, then its parts.
    {"CompoundEtatsUnis", "États-Unis", {"etatsunis@1(compound)", "etats@1", "unis@2"}},
    {"CompoundPorteParole", "le porte-parole",
     {"le@1(stop)", "porteparole@2(compound)", "porte@2", "parole@3"}},
    {"CompoundNordCoreen", "nord-coréen", {"nordcoreen@1(compound)", "nord@1", "coreen@2"}},
    {"CompoundMoyenOrient", "Moyen-Orient", {"moyenorient@1(compound)", "moyen@1", "orient@2"}},
    {"CompoundThreeParts", "Guinée-Bissau-Nord",
     {"guineebissaunord@1(compound)", "guinee@1", "bissau@2", "nord@3"}},
    {"CompoundNonBreakingHyphen", "États‑Unis", {"etatsunis@1(compound)", "etats@1", "unis@2"}},
    {"CompoundAfterElision", "l’Arabie-Saoudite",
     {"arabiesaoudite@1(compound)", "arabie@1", "saoudite@2"}},
    {"EuphonicTIsNoCompound", "a-t-il", {"a@1(stop)", "t@2(stop)", "il@3(stop)"}},
    {"InvertedPronounIsNoCompound", "dit-elle", {"dit@1", "elle@2(stop)"}},
    {"CompoundKeepsWordBeforePronoun", "peut-être", {"peutetre@1(compound)", "peut@1", "etre@2"}},
    {"SpacedHyphenIsNoCompound", "Nord - Sud", {"nord@1", "sud@2"}},
    {"NumberRangeIsNoCompound", "2015-2020", {"2015@1(number)", "2020@2(number)"}},
    // Acronyms and numbers.
    {"AcronymPlain", "ICBM", {"icbm@1"}},
    {"AcronymDotted", "O.N.U.", {"onu@1"}},
    {"AcronymDottedAfterElision", "l’O.T.A.N.", {"otan@1"}},
    {"ThousandsNarrowNbsp", "200\u202F000 obus", {"200000@1(number)", "obus@2"}},
    {"ThousandsNbsp", "1\u00A0500\u00A0000", {"1500000@1(number)"}},
    {"ThousandsPlainSpace", "12 000", {"12000@1(number)"}},
    {"YearThenNumberNotJoined", "2015 300", {"2015@1(number)", "300@2(number)"}},
    {"DecimalComma", "3,5 %", {"3,5@1(number)"}},
    {"Ordinal", "1er mars", {"1er@1", "mars@2"}},
    // Unicode clean-up.
    {"SoftHyphenInsideWord", "ar\u00ADmée", {"armee@1"}},
    {"ZeroWidthSpaceInsideWord", "ar\u200Bmée", {"armee@1"}},
    {"ZeroWidthJoinerInsideWord", "ar\u200Dmée", {"armee@1"}},
    {"WordJoinerInsideWord", "ar\u2060mée", {"armee@1"}},
    {"NfdAccents", "e\u0301lections", {"elections@1"}},
    {"Ligature", "cœur", {"coeur@1"}},
    {"UppercaseLigature", "ŒUVRE", {"oeuvre@1"}},
    {"SharpS", "Straße", {"strasse@1"}},
    {"CompatibilityLigature", "ﬁnance", {"finance@1"}},
    {"GuillemetsWithNbsp", "«\u00A0significatif\u00A0»", {"significatif@1"}},
    {"GuillemetsWithNarrowNbsp", "«\u202Frumeur\u202F»", {"rumeur@1"}},
    {"NbspSeparatesWords", "Maison\u00A0Blanche", {"maison@1", "blanche@2"}},
    {"InvalidUtf8SplitsWord", "ar\xFFmée", {"ar@1", "mee@2"}},
    {"TruncatedUtf8AtEnd", "armée\xC3", {"armee@1"}},
    {"ControlCharactersAreSpaces", "guerre\x01paix", {"guerre@1", "paix@2"}},
    {"Empty", "", {}},
    {"OnlyPunctuation", " « » — … ! ", {}},
    {"Emoji", "paix 🕊️ guerre", {"paix@1", "guerre@2"}},
    // Homonyms are not stopwords.
    {"EstIsSearchable", "l’Est", {"est@1"}},
    {"EteIsSearchable", "l’été", {"ete@1"}},
    {"AvionsIsSearchable", "avions", {"avions@1"}},
    {"SonIsSearchable", "le son", {"le@1(stop)", "son@2"}},
};

INSTANTIATE_TEST_SUITE_P(Cases, FrenchAnalyzerGolden, ::testing::ValuesIn(kGolden),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(FrenchAnalyzer, KeepsByteOffsetsIntoOriginalText) {
  FrenchAnalyzer analyzer;
  const std::string text = "L’armée a dit";
  auto tokens = analyzer.analyze(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].surface(text), "armée");  // elided article outside the span
  EXPECT_EQ(tokens[0].begin, 4u);                // "L" + 3-byte ’
  EXPECT_EQ(tokens[1].surface(text), "a");
  EXPECT_EQ(tokens[2].surface(text), "dit");
}

TEST(FrenchAnalyzer, OffsetsCoverNfdAndSoftHyphenBytes) {
  FrenchAnalyzer analyzer;
  const std::string text = "« e\u0301lec\u00ADtions »";
  auto tokens = analyzer.analyze(text);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].surface(text), "e\u0301lec\u00ADtions");
}

TEST(FrenchAnalyzer, CompoundSpansWholeCompound) {
  FrenchAnalyzer analyzer;
  const std::string text = "aux États-Unis.";
  auto tokens = analyzer.analyze(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].surface(text), "États-Unis");
  EXPECT_EQ(tokens[1].parts, 2);
  EXPECT_EQ(tokens[2].surface(text), "États");
  EXPECT_TRUE(tokens[2].has(kFlagCompoundPart));
}

// Found by fuzzing (tests/fuzz/corpus/analysis/crash-compound-parts-overflow): Token::parts is
// 16 bits, and a run of 70 000 hyphenated words wrapped it, so the compound no longer said how
// many part tokens follow it (term generation and the extractors skip by that count).
TEST(FrenchAnalyzer, CompoundOfMoreThan65535PartsSplitsAndKeepsItsPartCount) {
  FrenchAnalyzer analyzer;
  std::string text = "mot";
  for (int k = 1; k < 70'000; ++k) text += "-mot";
  const std::vector<Token> tokens = analyzer.analyze(text);
  std::size_t compounds = 0, words = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].has(kFlagCompound)) {
      ++words;
      continue;
    }
    ++compounds;
    const std::size_t parts = tokens[i].parts;
    ASSERT_GE(parts, 2u);
    ASSERT_LT(i + parts, tokens.size());
    EXPECT_EQ(tokens[i].end, tokens[i + parts].end);
    EXPECT_TRUE(tokens[i + parts].has(kFlagCompoundPart));
    EXPECT_TRUE(tokens[i].has(kFlagTooLong));
    if (i + parts + 1 < tokens.size()) {
      EXPECT_FALSE(tokens[i + parts + 1].has(kFlagCompoundPart));
    }
  }
  EXPECT_EQ(words, 70'000u);
  EXPECT_EQ(compounds, 2u);  // 65 535 parts, then the remaining 4 465
  EXPECT_EQ(tokens.back().position, 70'000u);
}

TEST(FrenchAnalyzer, NormalizedFormKeepsAccentsForSpellingAndDisplay) {
  FrenchAnalyzer analyzer;
  auto tokens = analyzer.analyze("L’ARMÉE");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].lower, "armée");
  EXPECT_EQ(tokens[0].term, "armee");
}

TEST(FrenchAnalyzer, StopwordsKeepTheirPositions) {
  FrenchAnalyzer analyzer;
  auto tokens = analyzer.analyze("l’armée de l’air");
  ASSERT_EQ(render(tokens), (std::vector<std::string>{"armee@1", "de@2(stop)", "air@3"}));
}

TEST(FrenchAnalyzer, QueryModeMarksTrailingStarAsWildcard) {
  FrenchAnalyzer analyzer;
  auto tokens = analyzer.analyze("KIRB* l’arm*", AnalysisMode::kQuery);
  EXPECT_EQ(render(tokens), (std::vector<std::string>{"kirb@1(wildcard)", "arm@2(wildcard)"}));
  EXPECT_TRUE(tokens[0].stems.empty());  // wildcards are normalised but never stemmed
}

TEST(FrenchAnalyzer, IndexModeIgnoresStars) {
  FrenchAnalyzer analyzer;
  EXPECT_EQ(render(analyzer.analyze("kirb*")), (std::vector<std::string>{"kirb@1"}));
}

TEST(FrenchAnalyzer, StemsOnlyWordsThatCarryMeaning) {
  FrenchAnalyzer analyzer;
  auto tokens = analyzer.analyze("les élections 2022");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(tokens[0].stems.empty());   // stopword
  EXPECT_FALSE(tokens[1].stems.empty());  // élections
  EXPECT_TRUE(tokens[2].stems.empty());   // number
}

TEST(FrenchAnalyzer, VeryLongTokenKeepsPositionButHasNoTerm) {
  FrenchAnalyzer analyzer;
  std::string text = "avant " + std::string(100'000, 'a') + " après";
  auto tokens = analyzer.analyze(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(tokens[1].has(kFlagTooLong));
  EXPECT_TRUE(tokens[1].stems.empty());
  EXPECT_EQ(tokens[2].position, 3u);
}

TEST(FrenchAnalyzer, SurvivesRandomBytes) {
  FrenchAnalyzer analyzer;
  std::mt19937 rng(20261129);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 300; ++round) {
    std::string text(static_cast<std::size_t>(round * 7 % 257), '\0');
    for (char& c : text) c = static_cast<char>(byte(rng));
    for (const Token& t : analyzer.analyze(text, AnalysisMode::kQuery)) {
      ASSERT_LE(t.begin, t.end);
      ASSERT_LE(t.end, text.size());
    }
  }
}

TEST(FrenchAnalyzer, AnalyzesSeedLikeParagraph) {
  FrenchAnalyzer analyzer;
  const std::string text =
      "Le porte-parole de la Maison Blanche, Anne Roche, a déclaré qu’un nombre « significatif » "
      "d’obus avait été livré à l’armée russe.";
  std::vector<std::string> terms;
  for (const Token& t : analyzer.analyze(text)) terms.push_back(t.term);
  const std::vector<std::string> expected = {
      "le",  "porteparole", "porte", "parole",       "de",   "la",    "maison", "blanche",
      "anne", "roche",      "a",     "declare",      "un",   "nombre", "significatif",
      "obus", "avait",      "ete",   "livre",        "a",    "armee", "russe"};
  EXPECT_EQ(terms, expected);
}

// The highlighter stems only the words a StemFilter wants: it must want every word that has one
// of the filter's stems. Checked on every word of the sample corpus.
TEST(StemFilter, WantsEveryWordThatSharesAStemOnTheSampleCorpus) {
  std::string text;
  for (const char* file : {"/sample_corpus/jsonl/articles.jsonl", "/sample_corpus/rss/flux-depeches.xml"}) {
    std::ifstream in(std::string(DEPECHE_SOURCE_DIR) + file);
    text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_GT(text.size(), 10000u);
  FrenchAnalyzer analyzer;
  const std::vector<Token> tokens = analyzer.analyze(text);
  std::map<std::string, std::set<std::string>> words_of_stem;
  for (const Token& t : tokens) {
    for (const std::string& s : t.stems) words_of_stem[s].insert(t.term);
  }
  ASSERT_GT(words_of_stem.size(), 1000u);
  std::size_t checked = 0;
  for (const auto& [stem, words] : words_of_stem) {
    const StemFilter filter({stem});
    for (const std::string& w : words) {
      EXPECT_TRUE(filter.wants(w)) << "stem " << stem << " of " << w;
      ++checked;
    }
  }
  EXPECT_GT(checked, 2000u);
}

TEST(StemFilter, FilteredAnalysisStemsOnlyTheWantedWords) {
  FrenchAnalyzer analyzer;
  const std::string text = "Les armées ukrainiennes avancent ; l’armée russe recule vers la frontière.";
  const auto full = analyzer.analyze(text);
  const auto filtered = analyzer.analyze(text, AnalysisMode::kIndex, StemFilter({"arme"}));
  ASSERT_EQ(full.size(), filtered.size());
  for (std::size_t i = 0; i < full.size(); ++i) {
    EXPECT_EQ(filtered[i].term, full[i].term);
    EXPECT_EQ(filtered[i].position, full[i].position);
    if (full[i].term.rfind("ar", 0) == 0) {  // the first two letters of the stem
      EXPECT_EQ(filtered[i].stems, full[i].stems) << full[i].term;
    } else {
      EXPECT_TRUE(filtered[i].stems.empty()) << full[i].term;
    }
  }
}

}  // namespace
}  // namespace depeche::analysis
