// A remote shard that dies or hangs: within a bounded time, searches answer without it and say so
// (--on-shard-failure partial, the default) or fail with an error naming it (error); a running
// `depeche serve` takes the shard back once it returns.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/sharding/shard_servers.h"
#include "tests/support/process.h"

namespace depeche {
namespace {

using nlohmann::json;
using testing::run_depeche;
using testing::ScratchDir;
using Clock = std::chrono::steady_clock;

constexpr int kShardTimeoutMs = 1000;
// Documented bound: a failed exchange, one reconnection round and the search again, each within
// the shard timeout; plus slack for a loaded machine and sanitizer builds.
constexpr auto kBound = std::chrono::milliseconds(3 * kShardTimeoutMs + 3000);

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

class ShardFailure : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<ScratchDir>("shard-failure");
    const std::string db = *dir_ / "idx";
    const auto r = run_depeche({"index", "-q", "--db", db, "--shards", "2", std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus/jsonl"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (int i = 0; i < 2; ++i) {
      shard_dbs_[i] = db + "/shard-00" + std::to_string(i);
      servers_[i] = testing::start_tcpsrv(shard_dbs_[i], log(i), ports_[i]);
      remotes_[i] = "127.0.0.1:" + std::to_string(ports_[i]);
    }
  }
  std::string log(int i) const { return *dir_ / ("tcpsrv" + std::to_string(i) + ".log"); }

  // `depeche search --json` over both remote shards.
  testing::ProcessResult search(const std::vector<std::string>& extra) const {
    std::vector<std::string> args = {"search", "--json", "--remote", remotes_[0], "--remote", remotes_[1],
                                     "--shard-timeout", std::to_string(kShardTimeoutMs)};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_depeche(args, "", std::chrono::seconds(30));
  }

  std::unique_ptr<ScratchDir> dir_;
  std::string shard_dbs_[2];
  int ports_[2] = {0, 0};
  std::string remotes_[2];
  std::unique_ptr<testing::Daemon> servers_[2];
};

TEST_F(ShardFailure, ServeAnswersWithoutAKilledShardAndTakesItBack) {
  testing::Daemon serve({DEPECHE_BINARY, "serve", "--port", "0", "--threads", "2", "--remote", remotes_[0], "--remote",
                         remotes_[1], "--shard-timeout", std::to_string(kShardTimeoutMs)},
                        *dir_ / "serve.log");
  ASSERT_TRUE(serve.wait_for_output("listening on http://127.0.0.1:")) << serve.log();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the whole line
  const std::string out = serve.log();
  const auto at = out.find("listening on http://127.0.0.1:");
  httplib::Client client("127.0.0.1", std::stoi(out.substr(at + std::string("listening on http://127.0.0.1:").size())));
  client.set_read_timeout(std::chrono::seconds(30));
  auto get = [&](const std::string& path) {
    auto r = client.Get(path);
    EXPECT_TRUE(r) << path;
    return r ? json::parse(r->body, nullptr, false) : json();
  };

  const json before = get("/api/search?q=&per_page=50");
  ASSERT_EQ(before["feedback"]["partial"], false) << before.dump();
  const std::uint64_t all = before["counts"]["articles"];
  ASSERT_GT(all, 0u);

  servers_[1]->kill_group(SIGKILL);  // the machine goes down, with the connections it served
  const auto started = Clock::now();
  const json during = get("/api/search?q=&per_page=50");
  EXPECT_LT(Clock::now() - started, kBound) << seconds_since(started) << " s";
  EXPECT_EQ(during["feedback"]["partial"], true) << during.dump();
  EXPECT_EQ(during["feedback"]["missing_shards"], json::array({remotes_[1]}));
  EXPECT_EQ(during["counts"]["exact"], false);
  const std::uint64_t left = during["counts"]["articles"];
  EXPECT_GT(left, 0u);
  EXPECT_LT(left, all);
  for (const auto& hit : during["hits"]) EXPECT_FALSE(hit["id"].get<std::string>().empty());

  const json health = get("/healthz");
  EXPECT_EQ(health["status"], "degraded") << health.dump();
  EXPECT_EQ(health["shards"].size(), 2u);

  // The shard comes back on its port: a later search (after the retry interval) has everything.
  servers_[1] = testing::start_tcpsrv(shard_dbs_[1], log(1) + ".2", ports_[1]);
  const auto deadline = Clock::now() + std::chrono::seconds(15);
  json after;
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    after = get("/api/search?q=&per_page=50");
  } while (after["feedback"]["partial"] != false && Clock::now() < deadline);
  EXPECT_EQ(after["feedback"]["partial"], false) << after.dump();
  EXPECT_EQ(after["counts"]["articles"], all);
}

TEST_F(ShardFailure, ErrorPolicyFailsTheSearchNamingTheShard) {
  servers_[0]->kill_group(SIGKILL);
  const auto started = Clock::now();
  const auto r = search({"--on-shard-failure", "error", "Kyiv"});
  EXPECT_LT(Clock::now() - started, kBound) << seconds_since(started) << " s";
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.err.find("unavailable: " + remotes_[0]), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "no result at all, rather than a wrong one";
}

TEST_F(ShardFailure, HungShardIsLeftOutAfterTheTimeout) {
  servers_[1]->kill_group(SIGSTOP);  // accepts connections (the kernel does) but never answers
  const auto started = Clock::now();
  const auto r = search({""});
  EXPECT_LT(Clock::now() - started, kBound) << seconds_since(started) << " s";
  servers_[1]->kill_group(SIGCONT);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["feedback"]["partial"], true);
  EXPECT_EQ(j["feedback"]["missing_shards"], json::array({remotes_[1]}));
  EXPECT_GT(j["counts"]["articles"], 0);
}

}  // namespace
}  // namespace depeche
