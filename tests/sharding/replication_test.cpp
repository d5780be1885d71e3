// The replication recipe of docs/SCALING.md, run for real: a sharded index on the indexer side,
// xapian-replicate-server serving it, xapian-replicate copying each shard and the dictionary to a
// read replica, `depeche serve` on the replica — which picks up every new revision, whether
// replicated as changesets or as a full copy swapped in under it.
#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/sharding/shard_servers.h"
#include "tests/support/process.h"

namespace depeche {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_depeche;
using testing::run_process;
using testing::ScratchDir;
using Clock = std::chrono::steady_clock;

const std::string kCorpus = std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus";

class Replication : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<ScratchDir>("replication");
    master_ = *dir_ / "master";
    replica_ = *dir_ / "replica";
    // Changesets let a replica apply only what changed; without them every update is a full copy.
    ::setenv("XAPIAN_MAX_CHANGESETS", "10", 1);
  }
  void TearDown() override { ::unsetenv("XAPIAN_MAX_CHANGESETS"); }

  // One pass of xapian-replicate for every database of the sharded index (the recipe's loop).
  void replicate(bool force_copy = false) {
    fs::create_directories(replica_);
    for (const char* db : {"shard-000", "shard-001", "dictionary"}) {
      std::vector<std::string> argv = {testing::program_path("xapian-replicate"), "-h", "127.0.0.1", "-p", std::to_string(port_),
                                       "-m", db, "-o", "-r", "0", "-t", "10", "-q"};
      if (force_copy) argv.push_back("-f");
      argv.push_back(replica_ + "/" + std::string(db));
      const auto r = run_process(argv, "", std::chrono::seconds(30));
      ASSERT_EQ(r.exit_code, 0) << db << ": " << r.out << r.err;
    }
    // The stub is a plain file: copied once (it changes only when shards are added).
    fs::copy_file(master_ + "/XAPIANDB", replica_ + "/XAPIANDB", fs::copy_options::overwrite_existing);
  }

  std::unique_ptr<ScratchDir> dir_;
  std::string master_, replica_;
  int port_ = 0;
};

TEST_F(Replication, ReplicaCatchesUpAfterEachIndexingRun) {
  auto r = run_depeche({"index", "-q", "--db", master_, "--shards", "2", kCorpus + "/jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::uint64_t first = Xapian::Database(master_).get_doccount();
  auto server = testing::start_on_free_port("xapian-replicate-server", {master_}, "", *dir_ / "repl.log", port_);
  replicate();

  testing::Daemon serve({DEPECHE_BINARY, "serve", "--port", "0", "--threads", "2", "--db", replica_}, *dir_ / "serve.log");
  ASSERT_TRUE(serve.wait_for_output("listening on http://127.0.0.1:")) << serve.log();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const std::string out = serve.log();
  const auto at = out.find("listening on http://127.0.0.1:");
  httplib::Client client("127.0.0.1", std::stoi(out.substr(at + std::string("listening on http://127.0.0.1:").size())));
  client.set_read_timeout(std::chrono::seconds(30));
  auto articles = [&] {
    auto res = client.Get("/api/search?q=&per_page=1");
    return res && res->status == 200 ? json::parse(res->body)["counts"]["articles"].get<std::uint64_t>() : 0;
  };
  auto wait_for = [&](std::uint64_t want) {
    const auto deadline = Clock::now() + std::chrono::seconds(15);
    std::uint64_t got = articles();
    while (got != want && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      got = articles();
    }
    return got;
  };
  ASSERT_EQ(articles(), first);

  // A new indexing run on the master, replicated as changesets: the running server sees it.
  r = run_depeche({"index", "-q", "--db", master_, kCorpus + "/rss", kCorpus + "/text"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::uint64_t second = Xapian::Database(master_).get_doccount();
  ASSERT_GT(second, first);
  EXPECT_EQ(articles(), first) << "nothing changes on the replica before replication";
  replicate();
  EXPECT_EQ(wait_for(second), second);
  EXPECT_EQ(Xapian::Database(replica_).get_doccount(), second);

  // A deletion, replicated as full copies that replace the directories the server has open.
  r = run_depeche({"delete", "--db", master_, "apm-2022-0224-russie-ukraine-invasion"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  replicate(/*force_copy=*/true);
  EXPECT_EQ(wait_for(second - 1), second - 1);
  auto res = client.Get("/api/articles/apm-2022-0224-russie-ukraine-invasion");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);

  // Spelling on the replica works from the replicated shards as on the master.
  res = client.Get("/api/search?q=Ukrane");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("\"replacement\":\"ukraine\""), std::string::npos) << res->body;
}

}  // namespace
}  // namespace depeche
