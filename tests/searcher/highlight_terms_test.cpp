// Which document tokens a query's words light up.
#include "searcher/highlight_terms.h"

#include <gtest/gtest.h>

#include "analyzers/french_analyzer.h"

namespace depeche::search {
namespace {

std::vector<std::string> lit(const std::string& query, const std::string& text) {
  analysis::FrenchAnalyzer analyzer;
  HighlightTerms h;
  h.add(analyzer.analyze(query, analysis::AnalysisMode::kQuery));
  std::vector<std::string> out;
  for (const auto& t : analyzer.analyze(text)) {
    if (h.matches(t)) out.emplace_back(t.surface(text));
  }
  return out;
}

TEST(HighlightTerms, UnaccentedQueryLightsElidedAccentedWord) {
  EXPECT_EQ(lit("armee", "Le chef de l’armée a parlé."), (std::vector<std::string>{"armée"}));
}

TEST(HighlightTerms, InflectedFormsShareAStem) {
  EXPECT_EQ(lit("élection", "Les élections législatives"), (std::vector<std::string>{"élections"}));
}

TEST(HighlightTerms, CompoundQueryLightsCompoundAndParts) {
  EXPECT_EQ(lit("etats-unis", "aux États-Unis"),
            (std::vector<std::string>{"États-Unis", "États", "Unis"}));
}

TEST(HighlightTerms, WildcardLightsWordsWithThePrefix) {
  EXPECT_EQ(lit("kirb*", "John Kirby et Kirbyson"), (std::vector<std::string>{"Kirby", "Kirbyson"}));
}

TEST(HighlightTerms, LooseStopwordsAreNotLit) {
  EXPECT_EQ(lit("la guerre", "la guerre"), (std::vector<std::string>{"guerre"}));
}

}  // namespace
}  // namespace depeche::search
