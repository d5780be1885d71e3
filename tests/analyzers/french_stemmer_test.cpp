// The two-key stemmer makes accented and unaccented forms meet in both directions.
#include "analyzers/french_stemmer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace depeche::analysis {
namespace {

bool share_a_key(FrenchStemmer& s, const std::string& a, const std::string& b) {
  auto ka = s.keys(a);
  auto kb = s.keys(b);
  return std::any_of(ka.begin(), ka.end(),
                     [&](const std::string& k) { return std::find(kb.begin(), kb.end(), k) != kb.end(); });
}

struct StemPair {
  const char* name;
  std::string a;
  std::string b;
};

class FrenchStemmerPairs : public ::testing::TestWithParam<StemPair> {};

TEST_P(FrenchStemmerPairs, AccentedAndUnaccentedFormsShareAKey) {
  FrenchStemmer stemmer;
  EXPECT_TRUE(share_a_key(stemmer, GetParam().a, GetParam().b)) << GetParam().a << " / " << GetParam().b;
  EXPECT_TRUE(share_a_key(stemmer, GetParam().b, GetParam().a));
}

const StemPair kPairs[] = {
    {"SecuriteStemThenFoldDiffers", "sécurité", "securite"},
    {"CreeCreees", "créé", "créées"},
    {"CreeesUnaccented", "créées", "creees"},
    {"CreeUnaccented", "créé", "cree"},
    {"Coree", "corée", "coree"},
    {"ArmeesArmee", "armées", "armee"},
    {"ArmeeArmees", "armée", "armees"},
    {"Elections", "élections", "elections"},
    {"ElectionSingular", "élection", "elections"},
    {"Bijoutiere", "bijoutière", "bijoutiere"},
    {"Pres", "près", "pres"},
    {"Ligature", "cœur", "coeur"},
    {"Presidents", "président", "presidents"},
    {"Economie", "économie", "economie"},
    {"Ukrainiennes", "ukrainiennes", "ukrainien"},
    {"RussieRusse", "russie", "russe"},
    {"Avions", "avions", "avion"},
    {"Negociations", "négociations", "negociation"},
    {"Deputees", "députées", "depute"},
    {"Etats", "états", "etat"},
};

INSTANTIATE_TEST_SUITE_P(Cases, FrenchStemmerPairs, ::testing::ValuesIn(kPairs),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(FrenchStemmer, KeysAreAccentFree) {
  FrenchStemmer stemmer;
  for (const auto& key : stemmer.keys("sécurité")) {
    EXPECT_EQ(key.find("\xC3"), std::string::npos) << key;
  }
}

TEST(FrenchStemmer, UnaccentedWordHasOneKey) {
  FrenchStemmer stemmer;
  EXPECT_EQ(stemmer.keys("guerre").size(), 1u);
}

TEST(FrenchStemmer, AccentedWordWhoseOrdersDisagreeHasTwoKeys) {
  FrenchStemmer stemmer;
  EXPECT_EQ(stemmer.keys("sécurité"), (std::vector<std::string>{"secur", "securit"}));
}

TEST(FrenchStemmer, MemoReturnsSameKeys) {
  FrenchStemmer stemmer;
  auto first = stemmer.keys("négociations");
  EXPECT_EQ(stemmer.keys("négociations"), first);
}

}  // namespace
}  // namespace depeche::analysis
