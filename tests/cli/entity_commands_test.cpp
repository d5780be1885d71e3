// `depeche extract` and `depeche eval-entities` on the real binary, and the extraction quality gate.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/process.h"

namespace depeche {
namespace {

using testing::run_depeche;

const std::string kRoot = DEPECHE_SOURCE_DIR;

const char* kArticle =
    R"({"id":"t1","title":"Pyongyang dément","date":"2022-11-08","body":"La Corée du Nord a rejeté mardi les accusations de Washington. « Nous n’avons jamais vendu d’armes à la Russie », a déclaré le porte-parole du ministère, Kim Song-il. Le porte-parole de la Maison Blanche, John Kirby, a affirmé le 8 novembre 2022 que des obus avaient été livrés. Kirby a ajouté que Washington surveillait les expéditions. Un responsable du ministère nord-coréen de la Défense a qualifié ces allégations de « rumeur »."})";

TEST(ExtractCommand, PrintsCountriesSpeakersQuotesAndDatesWithEvidence) {
  auto r = run_depeche({"extract", "--json", "-"}, std::string(kArticle) + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["id"], "t1");
  EXPECT_EQ(j["facets"]["countries"], nlohmann::json::array({"KP", "RU", "US"}));
  EXPECT_EQ(j["facets"]["speakers"], nlohmann::json::array({"Kim Song-il", "John Kirby"}));
  bool short_name_resolved = false;
  for (const auto& s : j["speakers"]) {
    EXPECT_FALSE(s["evidence"].get<std::string>().empty());
    short_name_resolved |= s["name"] == "John Kirby" &&
                           std::string(kArticle).find("Kirby a ajouté") != std::string::npos;
  }
  EXPECT_TRUE(short_name_resolved);
  ASSERT_FALSE(j["quotes"].empty());
  EXPECT_EQ(j["quotes"][0]["speaker"], "Kim Song-il");
  EXPECT_FALSE(j["unnamed_speakers"].empty());
  for (const auto& c : j["countries"]) {
    EXPECT_TRUE(c.contains("kind"));
    EXPECT_LT(c["start"].get<int>(), c["end"].get<int>());
  }
  ASSERT_EQ(j["dates"].size(), 1u);
  EXPECT_EQ(j["dates"][0]["date"], "2022-11-08");
}

TEST(ExtractCommand, TextOutputShowsEachFinding) {
  auto r = run_depeche({"extract", "-"}, std::string(kArticle) + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("countries  KP, RU, US"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("John Kirby"), std::string::npos);
  EXPECT_NE(r.out.find("metonym"), std::string::npos);
}

TEST(ExtractCommand, BadRecordIsAClearError) {
  auto r = run_depeche({"extract", "-"}, "{\"id\":\"x\"}\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("-:1:"), std::string::npos) << r.err;
}

// The quality gate of the entity facets (issue targets), on the sample corpus and the harder
// articles written for the gold set.
TEST(EvalEntities, MeetsPrecisionAndRecallTargetsOnTheGoldSet) {
  auto r = run_depeche({"eval-entities", "--json", kRoot + "/tests/data/entities_gold.jsonl", "--corpus",
                        kRoot + "/sample_corpus", kRoot + "/tests/data/entities_extra/articles.jsonl"},
                       "", std::chrono::seconds(120));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["articles"].get<int>(), 100);
  EXPECT_TRUE(j["missing_articles"].empty()) << j["missing_articles"];
  const double cp = j["countries"]["precision"], cr = j["countries"]["recall"];
  const double sp = j["speakers"]["precision"], sr = j["speakers"]["recall"];
  std::cout << "countries P=" << cp << " R=" << cr << "  speakers P=" << sp << " R=" << sr << "\n";
  EXPECT_GE(cp, 0.95);
  EXPECT_GE(cr, 0.95);
  EXPECT_GE(sp, 0.92);
  EXPECT_GE(sr, 0.88);
}

TEST(EvalEntities, MissingGoldFileIsAClearError) {
  auto r = run_depeche({"eval-entities", kRoot + "/no-such-gold.jsonl"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot read the gold file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace depeche
