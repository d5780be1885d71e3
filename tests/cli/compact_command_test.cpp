// `depeche compact` run as a user runs it: a smaller index that answers exactly as before, clear
// refusals, and no debris left behind.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/process.h"

namespace depeche {
namespace {

namespace fs = std::filesystem;
using testing::run_depeche;

std::uint64_t size_of(const fs::path& dir) {
  std::uint64_t total = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

class CompactCommandTest : public ::testing::Test {
 protected:
  // The sample corpus indexed once, committed every 5 articles so the B-trees have slack to lose.
  static void SetUpTestSuite() {
    base_ = fs::temp_directory_path() / ("depeche-compact-test-" + std::to_string(::getpid()));
    fs::remove_all(base_);
    auto r = run_depeche({"index", "-q", "--commit-every", "5", "--db", (base_ / "template").string(),
                          std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { fs::remove_all(base_); }

  void SetUp() override {
    db_ = base_ / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(db_);
    fs::copy(base_ / "template", db_, fs::copy_options::recursive);
  }

  // A search's JSON answer without its timings: what must not change.
  nlohmann::json answer(const std::string& query) {
    auto r = run_depeche({"search", "--db", db_.string(), "--json", query});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    j.erase("timings_ms");
    return j;
  }

  static fs::path base_;
  fs::path db_;
};

fs::path CompactCommandTest::base_;

TEST_F(CompactCommandTest, ShrinksTheIndexAndAnswersEveryQueryAsBefore) {
  const std::vector<std::string> queries = {"coree du nord missile", "armee", "\"Corée du Nord\"",
                                            "country:ua", "speaker:kirby", "guere"};  // the last: did you mean
  std::vector<nlohmann::json> before;
  for (const auto& q : queries) before.push_back(answer(q));
  const auto size_before = size_of(db_);
  const auto docs_before = Xapian::Database(db_.string()).get_doccount();

  auto r = run_depeche({"compact", "--db", db_.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("compacted"), std::string::npos) << r.out;
  EXPECT_LT(size_of(db_), size_before);
  EXPECT_EQ(Xapian::Database(db_.string()).get_doccount(), docs_before);
  for (std::size_t i = 0; i < queries.size(); ++i) EXPECT_EQ(answer(queries[i]), before[i]) << queries[i];

  // --fuller packs further and changes nothing either; the index stays writable.
  const auto size_standard = size_of(db_);
  r = run_depeche({"compact", "--fuller", "--db", db_.string() + "/"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LE(size_of(db_), size_standard);
  for (std::size_t i = 0; i < queries.size(); ++i) EXPECT_EQ(answer(queries[i]), before[i]) << queries[i];
  r = run_depeche({"delete", "--db", db_.string(), "apm-2017-0704-coree-nord-icbm"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Xapian::Database(db_.string()).get_doccount(), docs_before - 1);

  for (const auto& e : fs::directory_iterator(db_.parent_path())) {
    EXPECT_EQ(e.path().string().find(".compacting"), std::string::npos) << e.path();
  }
}

TEST_F(CompactCommandTest, CompactsEveryShardOfAShardedIndex) {
  const fs::path sharded = db_.string() + "-sharded";
  fs::remove_all(sharded);
  auto r = run_depeche({"index", "-q", "--shards", "2", "--commit-every", "5", "--db", sharded.string(),
                        std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  db_ = sharded;
  const auto before = answer("coree du nord missile");
  const auto size_before = size_of(db_);
  r = run_depeche({"compact", "--db", db_.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("(2 shards)"), std::string::npos) << r.out;
  EXPECT_LT(size_of(db_), size_before);
  EXPECT_EQ(answer("coree du nord missile"), before);
  fs::remove_all(sharded);
}

TEST_F(CompactCommandTest, FailsWithOneLineOnAMissingIndexAndCreatesNothing) {
  const fs::path missing = db_.parent_path() / "nowhere";
  auto r = run_depeche({"compact", "--db", missing.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(missing.string()), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(fs::exists(missing));
  EXPECT_FALSE(fs::exists(missing.string() + ".compacting"));
}

TEST_F(CompactCommandTest, RefusesWhileAnotherWriterHoldsTheIndex) {
  const auto size_before = size_of(db_);
  {
    Xapian::WritableDatabase writer(db_.string(), Xapian::DB_OPEN);
    auto r = run_depeche({"compact", "--db", db_.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
  }
  EXPECT_EQ(size_of(db_), size_before);
  EXPECT_FALSE(fs::exists(db_.string() + ".compacting"));
}

TEST_F(CompactCommandTest, ClearsWhatAKilledCompactionLeftBehind) {
  const fs::path leftover = db_.string() + ".compacting";
  fs::create_directories(leftover);
  std::ofstream(leftover / "postlist.glass") << "half-written";
  auto r = run_depeche({"compact", "--db", db_.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(leftover));
  EXPECT_GT(answer("armee")["counts"]["articles"].get<int>(), 0);
}

}  // namespace
}  // namespace depeche
