// `depeche index`, `delete` and `stats` run as a user runs them, checked against the index itself.
#include <gtest/gtest.h>
#include <signal.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "core/schema.h"
#include "tests/support/process.h"

namespace depeche {
namespace {

namespace fs = std::filesystem;
using testing::run_depeche;

class IndexCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("depeche-index-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "index").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& relative, const std::string& content) {
    fs::path p = dir_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

  std::set<std::string> ids() {
    Xapian::Database db(db_);
    std::set<std::string> out;
    for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it) {
      out.insert((*it).substr(1));
    }
    return out;
  }

  Xapian::Document document(const std::string& id) {
    Xapian::Database db(db_);
    auto it = db.postlist_begin(schema::id_term(id));
    EXPECT_NE(it, db.postlist_end(schema::id_term(id))) << id;
    return db.get_document(*it);
  }

  fs::path dir_;
  std::string db_;
};

std::string jsonl_article(const std::string& id, const std::string& title, const std::string& body,
                          const std::string& extra = "") {
  nlohmann::json j = {{"id", id}, {"title", title}, {"body", body}};
  std::string line = j.dump();
  if (!extra.empty()) line.insert(line.size() - 1, "," + extra);
  return line + "\n";
}

const char* kFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Le Fil du Matin</title>
<item><title>Grève à la SNCF</title><link>https://fil.example/greve</link>
<guid>https://fil.example/greve</guid><pubDate>Tue, 08 Nov 2022 14:05:00 +0100</pubDate>
<description>&lt;p&gt;Les cheminots ont cessé le travail mardi, a indiqué le syndicat.&lt;/p&gt;</description>
</item></channel></rss>
)";

TEST_F(IndexCommandTest, IndexesJsonLinesTextAndFeedFromOneDirectory) {
  write("in/depeches.jsonl",
        jsonl_article("afp-1", "L’armée ukrainienne avance", "Les forces de Kyiv progressent.",
                      R"("date":"2022-11-08","source":"Agence Presse Monde","countries":["UA","Russie"],"speakers":["Iryna Bondarenko"])") +
            jsonl_article("afp-2", "Sommet à Séoul", "La Corée du Sud accueille le sommet."));
  write("in/texte/2021/03/15/vaccins.txt",
        "Les vaccins arrivent au Brésil\n\nLa campagne débute lundi dans tout le pays.\n\n\nSource link -31\n");
  write("in/flux.xml", kFeed);
  auto r = run_depeche({"index", "--db", db_, (dir_ / "in").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed 4 articles (4 new, 0 updated), skipped 0"), std::string::npos) << r.out;
  EXPECT_EQ(ids(), (std::set<std::string>{"afp-1", "afp-2", "texte/2021/03/15/vaccins.txt",
                                          "https://fil.example/greve"}));

  Xapian::Document a = document("afp-1");
  EXPECT_EQ(a.get_value(schema::kSlotDate), "20221108");
  EXPECT_EQ(a.get_value(schema::kSlotSource), "Agence Presse Monde");
  EXPECT_EQ(a.get_value(schema::kSlotCountries), schema::pack_list({"RU", "UA"}));
  auto data = nlohmann::json::parse(a.get_data());
  EXPECT_EQ(data["title"], "L’armée ukrainienne avance");
  EXPECT_EQ(data["speakers"], nlohmann::json::array({"Iryna Bondarenko"}));
  EXPECT_EQ(data["countries"][0]["name"], "Russie");

  Xapian::Document text = document("texte/2021/03/15/vaccins.txt");
  EXPECT_EQ(text.get_value(schema::kSlotDate), "20210315");
  EXPECT_EQ(nlohmann::json::parse(text.get_data())["body"], "La campagne débute lundi dans tout le pays.");
  Xapian::Document item = document("https://fil.example/greve");
  EXPECT_EQ(item.get_value(schema::kSlotSource), "Le Fil du Matin");
}

TEST_F(IndexCommandTest, IndexingTheSameInputTwiceLeavesTheSameDocuments) {
  const std::string in = write("a.jsonl", jsonl_article("x1", "Titre un", "Premier texte assez court.") +
                                              jsonl_article("x2", "Titre deux", "Second texte."));
  ASSERT_EQ(run_depeche({"index", "--db", db_, in}).exit_code, 0);
  std::map<std::string, std::string> before;
  for (const auto& id : ids()) before[id] = document(id).get_data();
  auto r = run_depeche({"index", "--db", db_, in});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("(0 new, 2 updated)"), std::string::npos) << r.out;
  EXPECT_EQ(Xapian::Database(db_).get_doccount(), 2u);
  for (const auto& [id, data] : before) EXPECT_EQ(document(id).get_data(), data);
}

TEST_F(IndexCommandTest, UpsertReplacesTheTermsOfAChangedArticle) {
  ASSERT_EQ(run_depeche({"index", "--db", db_, write("v1.jsonl", jsonl_article("x", "T", "ancienne version"))}).exit_code, 0);
  ASSERT_EQ(run_depeche({"index", "--db", db_, write("v2.jsonl", jsonl_article("x", "T", "nouvelle version"))}).exit_code, 0);
  Xapian::Database db(db_);
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_EQ(db.get_termfreq("nouvelle"), 1u);
  EXPECT_EQ(db.get_termfreq("ancienne"), 0u);
}

TEST_F(IndexCommandTest, DeleteRemovesArticlesAndReportsUnknownIds) {
  ASSERT_EQ(run_depeche({"index", "--db", db_,
                         write("a.jsonl", jsonl_article("a", "A", "un") + jsonl_article("b", "B", "deux") +
                                              jsonl_article("c", "C", "trois"))})
                .exit_code,
            0);
  auto r = run_depeche({"delete", "--db", db_, "a", "c", "nope"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("deleted 2 articles; the index holds 1 articles"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("no article with id 'nope'"), std::string::npos) << r.err;
  EXPECT_EQ(ids(), (std::set<std::string>{"b"}));
  EXPECT_EQ(run_depeche({"delete", "--db", db_, "b"}).exit_code, 0);
  EXPECT_TRUE(ids().empty());
}

TEST_F(IndexCommandTest, BadRecordsAreReportedWithFileAndLineSkippedAndCounted) {
  const std::string in = write(
      "mixed.jsonl", jsonl_article("ok-1", "Bon", "premier bon article") + "{pas du json\n" +
                         R"({"title":"sans id","body":"texte"})" "\n" +
                         R"({"id":"t","title":42,"body":"texte"})" "\n" +
                         R"({"id":"d","body":"texte","date":"le 45 brumaire"})" "\n" +
                         jsonl_article("ok-2", "Bon", "second bon article"));
  auto r = run_depeche({"index", "--db", db_, in});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.out.find("indexed 2 articles (2 new, 0 updated), skipped 4 bad records"), std::string::npos) << r.out;
  for (const char* line : {"mixed.jsonl:2:", "mixed.jsonl:3:", "mixed.jsonl:4:", "mixed.jsonl:5:"}) {
    EXPECT_NE(r.err.find(line), std::string::npos) << line << " in " << r.err;
  }
  EXPECT_NE(r.err.find("title"), std::string::npos);
  EXPECT_EQ(ids(), (std::set<std::string>{"ok-1", "ok-2"}));
}

TEST_F(IndexCommandTest, StrictStopsAtTheFirstBadRecordKeepingEarlierOnes) {
  const std::string in = write("s.jsonl", jsonl_article("ok-1", "Bon", "texte") + "{cassé\n" +
                                              jsonl_article("ok-2", "Bon", "texte"));
  auto r = run_depeche({"index", "--db", db_, "--strict", in});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("s.jsonl:2:"), std::string::npos) << r.err;
  EXPECT_EQ(ids(), (std::set<std::string>{"ok-1"}));
}

TEST_F(IndexCommandTest, ReadsStandardInput) {
  auto r = run_depeche({"index", "--db", db_, "-"}, jsonl_article("stdin-1", "Entrée", "par un tube"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ids(), (std::set<std::string>{"stdin-1"}));
}

TEST_F(IndexCommandTest, MissingInputIsAOneLineErrorAndTouchesNothing) {
  auto r = run_depeche({"index", "--db", db_, (dir_ / "absent.jsonl").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("absent.jsonl: No such file or directory"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(db_));
}

TEST_F(IndexCommandTest, IndexLockedByAnotherWriterIsAClearError) {
  const std::string in = write("a.jsonl", jsonl_article("a", "A", "texte"));
  ASSERT_EQ(run_depeche({"index", "--db", db_, in}).exit_code, 0);
  Xapian::WritableDatabase holder(db_, Xapian::DB_OPEN);
  auto r = run_depeche({"index", "--db", db_, in});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("locked by another writer"), std::string::npos) << r.err;
}

TEST_F(IndexCommandTest, StatsReportsCountsDatesAndTopFacets) {
  write("s.jsonl",
        jsonl_article("1", "Un", "texte", R"("date":"2016-05-01","source":"Le Quotidien du Soir","countries":["FR"],"speakers":["Hélène Marchetti"])") +
            jsonl_article("2", "Deux", "texte", R"("date":"2023-01-31","source":"Le Quotidien du Soir","countries":["FR","KP"],"speakers":["Hélène Marchetti"])") +
            jsonl_article("3", "Trois", "texte", R"("source":"Radio Continentale")"));
  ASSERT_EQ(run_depeche({"index", "--db", db_, (dir_ / "s.jsonl").string()}).exit_code, 0);
  auto r = run_depeche({"stats", "--db", db_, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["documents"], 3);
  EXPECT_EQ(j["dated_documents"], 2);
  EXPECT_EQ(j["first_date"], "2016-05-01");
  EXPECT_EQ(j["last_date"], "2023-01-31");
  EXPECT_EQ(j["top_countries"][0]["value"], "France (FR)");
  EXPECT_EQ(j["top_countries"][0]["count"], 2);
  EXPECT_EQ(j["top_speakers"][0]["value"], "Hélène Marchetti");
  EXPECT_EQ(j["top_sources"][0]["value"], "Le Quotidien du Soir");
  EXPECT_EQ(j["top_sources"][0]["count"], 2);
  EXPECT_GT(j["size_bytes"], 0);
  EXPECT_EQ(j["schema_version"], schema::kSchemaVersion);
  auto text = run_depeche({"stats", "--db", db_});
  EXPECT_NE(text.out.find("articles      3 (2 dated)"), std::string::npos) << text.out;
}

TEST_F(IndexCommandTest, StatsOnMissingIndexSaysHowToCreateOne) {
  auto r = run_depeche({"stats", "--db", db_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no index here"), std::string::npos) << r.err;
}

// A synthetic archive large enough that indexing takes a while: ids a-0 … a-(n-1).
std::string synthetic_archive(int n, unsigned seed) {
  static const char* kWords[] = {"guerre", "paix", "armée", "élections", "sécurité", "président",
                                 "économie", "frontière", "accord", "sommet", "négociations",
                                 "réfugiés", "sanctions", "l’ONU", "États-Unis", "Russie", "Ukraine",
                                 "Corée", "déclaré", "ministre", "gouvernement", "crise", "vote"};
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
  std::string out;
  for (int i = 0; i < n; ++i) {
    std::string body;
    for (int w = 0; w < 180; ++w) body += std::string(kWords[pick(rng)]) + (w % 12 == 11 ? ". " : " ");
    out += jsonl_article("a-" + std::to_string(i), "Dépêche " + std::to_string(i), body);
  }
  return out;
}

TEST_F(IndexCommandTest, SigtermCommitsWhatIsDoneAndExitsWithStatus130) {
  const std::string in = write("big.jsonl", synthetic_archive(20000, 7));
  testing::BackgroundProcess p({DEPECHE_BINARY, "index", "--db", db_, "--commit-every", "500", in},
                               (dir_ / "out").string(), (dir_ / "err").string());
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  p.send_signal(SIGTERM);
  const int status = p.wait(std::chrono::seconds(60));
  if (status == 0) GTEST_SKIP() << "indexing finished before the signal on this machine";
  EXPECT_EQ(status, 130);
  Xapian::Database db(db_);
  EXPECT_GT(db.get_doccount(), 0u);
  EXPECT_LT(db.get_doccount(), 20000u);
}

// SIGKILL at random moments, then the same command again: the final set of ids is the input's.
TEST_F(IndexCommandTest, SigkillThenRerunEndsWithExactlyTheInputIds) {
  constexpr int kArticles = 3000;
  constexpr int kCommitEvery = 250;
  const std::string in = write("big.jsonl", synthetic_archive(kArticles, 11));
  std::set<std::string> expected;
  for (int i = 0; i < kArticles; ++i) expected.insert("a-" + std::to_string(i));
  const std::vector<std::string> cmd = {DEPECHE_BINARY, "index", "--db", db_, "--commit-every",
                                        std::to_string(kCommitEvery), in};
  std::mt19937 rng(20261129);
  std::uniform_int_distribution<int> delay_ms(50, 600);
  for (int trial = 0; trial < 3; ++trial) {
    fs::remove_all(db_);
    {
      testing::BackgroundProcess p(cmd, (dir_ / "out").string(), (dir_ / "err").string());
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
      p.send_signal(SIGKILL);
      p.wait();
    }
    if (fs::exists(db_)) {
      Xapian::Database db(db_);  // opens: the last commit is intact
      const auto count = db.get_doccount();
      EXPECT_TRUE(count % kCommitEvery == 0 || count == kArticles) << "count " << count;
    }
    std::vector<std::string> args(cmd.begin() + 1, cmd.end());
    auto r = run_depeche(args, "", std::chrono::seconds(240));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(ids(), expected) << "trial " << trial;
    EXPECT_EQ(Xapian::Database(db_).get_doccount(), static_cast<Xapian::doccount>(kArticles));
  }
}

}  // namespace
}  // namespace depeche
