// `depeche analyze` run as a user runs it: the real binary, its output and exit status.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace depeche {
namespace {

using testing::run_depeche;

TEST(AnalyzeCommand, PrintsOneRowPerTokenWithTermAndStems) {
  auto r = run_depeche({"analyze", "L’ARMÉE des États-Unis"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("pos  bytes"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ARMÉE"), std::string::npos);
  EXPECT_NE(r.out.find("armee"), std::string::npos);
  EXPECT_NE(r.out.find("compound(2)"), std::string::npos);
  EXPECT_NE(r.out.find("stopword"), std::string::npos);
}

TEST(AnalyzeCommand, JsonHasSurfaceOffsetsPositionTermAndStems) {
  auto r = run_depeche({"analyze", "--json", "l’armée"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["mode"], "index");
  ASSERT_EQ(j["tokens"].size(), 1u);
  const auto& t = j["tokens"][0];
  EXPECT_EQ(t["surface"], "armée");
  EXPECT_EQ(t["start"], 4);
  EXPECT_EQ(t["end"], 10);
  EXPECT_EQ(t["position"], 1);
  EXPECT_EQ(t["normalized"], "armée");
  EXPECT_EQ(t["term"], "armee");
  EXPECT_EQ(t["stems"], nlohmann::json::array({"arme"}));
  EXPECT_EQ(t["flags"], nlohmann::json::array({"elided"}));
}

TEST(AnalyzeCommand, QueryModeShowsWildcardAndXapianQuery) {
  auto r = run_depeche({"analyze", "--json", "--query", "kirb* sécurité"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["mode"], "query");
  EXPECT_EQ(j["tokens"][0]["flags"], nlohmann::json::array({"wildcard"}));
  EXPECT_EQ(j["query"], "Query((WILDCARD SYNONYM kirb AND (Zsecur SYNONYM Zsecurit)))");
}

TEST(AnalyzeCommand, ReadsStandardInputWhenNoText) {
  auto r = run_depeche({"analyze", "--json"}, "aujourd’hui");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["tokens"][0]["term"], "aujourdhui");
}

TEST(AnalyzeCommand, InvalidUtf8GivesValidJson) {
  auto r = run_depeche({"analyze", "--json"}, "ar\xFFm\xC3\xA9" "e");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);  // throws on invalid UTF-8
  EXPECT_EQ(j["tokens"].size(), 2u);
}

TEST(AnalyzeCommand, UnknownOptionIsUsageErrorWithExitStatus2) {
  auto r = run_depeche({"analyze", "--frobnicate", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("depeche: "), std::string::npos);
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

TEST(AnalyzeCommand, MissingSubcommandIsUsageError) {
  auto r = run_depeche({});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(AnalyzeCommand, VerboseAndQuietWorkAfterSubcommand) {
  auto verbose = run_depeche({"analyze", "-v", "paix"});
  ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
  EXPECT_NE(verbose.err.find("analyze: bytes=4 tokens=1"), std::string::npos) << verbose.err;
  auto quiet = run_depeche({"analyze", "-q", "paix"});
  ASSERT_EQ(quiet.exit_code, 0);
  EXPECT_TRUE(quiet.err.empty()) << quiet.err;
}

TEST(AnalyzeCommand, HelpExitsZero) {
  auto r = run_depeche({"analyze", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--query"), std::string::npos);
}

}  // namespace
}  // namespace depeche
