// MinHash signatures: wire copies look alike, different stories do not.
#include "indexer/near_duplicates.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/french_analyzer.h"

namespace depeche::indexer {
namespace {

const char* kStory =
    "La Corée du Nord a rejeté mardi les allégations des États-Unis selon lesquelles elle livrerait "
    "des obus d’artillerie à la Russie. Un responsable du ministère de la Défense a qualifié ces "
    "accusations de rumeur sans fondement. Washington affirme disposer d’informations précises sur "
    "des expéditions acheminées par des pays tiers. Les experts estiment que ces livraisons "
    "pourraient prolonger le conflit de plusieurs mois.";

std::optional<DupSignature> signature_of(const std::string& text) {
  analysis::FrenchAnalyzer analyzer;
  return dup_signature(analyzer.analyze(text));
}

bool share_band(const DupSignature& a, const DupSignature& b) {
  auto ta = dup_band_terms(a);
  auto tb = dup_band_terms(b);
  return std::any_of(ta.begin(), ta.end(), [&](const std::string& t) {
    return std::find(tb.begin(), tb.end(), t) != tb.end();
  });
}

TEST(NearDuplicates, CopyWithAnAddedParagraphIsSimilarAndSharesABand) {
  auto original = signature_of(kStory);
  auto copy = signature_of(std::string(kStory) +
                           " Séoul a convoqué son conseil de sécurité nationale mercredi matin.");
  ASSERT_TRUE(original && copy);
  EXPECT_GE(dup_similarity(*original, *copy), kDupThreshold);
  EXPECT_TRUE(share_band(*original, *copy));
}

TEST(NearDuplicates, CopyWithARewordedSentenceIsSimilar) {
  std::string edited = kStory;
  edited.replace(edited.find("Un responsable"), 14, "Un haut fonctionnaire");
  auto a = signature_of(kStory);
  auto b = signature_of(edited);
  EXPECT_GE(dup_similarity(*a, *b), kDupThreshold);
}

TEST(NearDuplicates, DifferentStoryOnTheSameTopicIsNotSimilar) {
  auto a = signature_of(kStory);
  auto b = signature_of(
      "Le Conseil de sécurité de l’ONU se réunira jeudi à la demande de la France pour examiner "
      "les tirs de missiles de la Corée du Nord. Plusieurs diplomates redoutent un nouvel essai "
      "nucléaire dans les prochaines semaines, tandis que Pékin appelle à la retenue et au dialogue.");
  ASSERT_TRUE(a && b);
  EXPECT_LT(dup_similarity(*a, *b), 0.2);
  EXPECT_FALSE(share_band(*a, *b));
}

TEST(NearDuplicates, IdenticalTextsHaveIdenticalSignatures) {
  EXPECT_EQ(dup_similarity(*signature_of(kStory), *signature_of(kStory)), 1.0);
}

TEST(NearDuplicates, ShortTextsAreNeverCompared) {
  EXPECT_FALSE(signature_of("Brève : séisme au Japon.").has_value());
}

TEST(NearDuplicates, SignatureEncodingRoundTrips) {
  auto sig = *signature_of(kStory);
  auto decoded = decode_dup_signature(encode_dup_signature(sig));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->mins, sig.mins);
  EXPECT_FALSE(decode_dup_signature("trop court").has_value());
}

TEST(NearDuplicates, BandTermsAreOnePerBandWithTheSchemaPrefix) {
  auto terms = dup_band_terms(*signature_of(kStory));
  ASSERT_EQ(terms.size(), kDupBands);
  for (std::size_t b = 0; b < terms.size(); ++b) {
    EXPECT_EQ(terms[b].rfind("XDUPB" + std::to_string(b), 0), 0u) << terms[b];
    EXPECT_EQ(terms[b].size(), 5u + 1u + 8u);
  }
}

TEST(NearDuplicates, NewKeyIsStableSixteenHexDigits) {
  EXPECT_EQ(new_dup_key("afp-1"), new_dup_key("afp-1"));
  EXPECT_NE(new_dup_key("afp-1"), new_dup_key("afp-2"));
  EXPECT_EQ(new_dup_key("afp-1").size(), 16u);
}

}  // namespace
}  // namespace depeche::indexer
