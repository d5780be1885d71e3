// SIGKILL during `depeche index` and `depeche delete`, at seeded random moments and in the middle
// of commits: the index must open, pass xapian-check, hold exactly a committed state, and the same
// command run again must end with exactly the expected ids.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <iostream>
#include <random>
#include <thread>

#include "core/database.h"
#include "core/error.h"
#include "tests/reliability/reliability_support.h"

namespace depeche::reliability {
namespace {

using Clock = std::chrono::steady_clock;

// A full index run takes about a second on a busy 2-core machine. Under sanitizers the archive
// shrinks, never the number of kills.
int article_count() { return under_sanitizer() ? 400 : 1000; }
constexpr int kCommitEvery = 50;
constexpr int kBodyWords = 15;
// Each test kills until this many runs were really killed mid-run (a random moment can fall
// after a run's end), within kMaxTrials seeded trials.
constexpr int kWantedKills = 20;
constexpr int kMaxTrials = 40;
// Index trials run in chains: each run starts from the state the previous killed run left, and
// every chain ends with a run that is let finish.
constexpr int kChainLength = 5;
constexpr unsigned kSeed = 20240611;

// How a trial stops the process: SIGKILL after a random delay, or (at_next_write) at the first
// file write under the index's parent directory after that delay — while the index files (or the
// indexer's scratch files beside them) are being written, which is when a crash can do harm.
struct KillPlan {
  std::chrono::microseconds delay{0};
  bool at_next_write = false;
};

// `run_seconds`: how long a whole run takes, an estimate that trials adjust (see shorten).
KillPlan draw_plan(std::mt19937& rng, int trial, double run_seconds) {
  KillPlan plan;
  plan.at_next_write = trial % 2 == 1;
  const long max_us = static_cast<long>(run_seconds * 0.9e6);
  plan.delay = std::chrono::microseconds(std::uniform_int_distribution<long>(0, max_us)(rng));
  return plan;
}

// A run ended before its random moment came: the machine is faster now than when the run was
// timed, so later moments are drawn from a shorter span.
void shorten(double& run_seconds) { run_seconds *= 0.7; }

struct TrialOutcome {
  bool killed = false;  // the process was still running when SIGKILL was sent
  int status = -1;
};

TrialOutcome run_and_kill(const std::vector<std::string>& argv, const ScratchDir& dir,
                          const std::string& db, const KillPlan& plan) {
  WriteWatch watch(fs::path(db).parent_path().string());
  testing::BackgroundProcess p(argv, dir / "out", dir / "err");
  std::this_thread::sleep_for(plan.delay);
  if (plan.at_next_write) {
    const int seen = watch.poll(std::chrono::milliseconds(0));
    watch.wait_for(seen + 1, [&] { return p.running(); }, std::chrono::seconds(60));
  }
  TrialOutcome outcome;
  outcome.killed = p.running();
  p.send_signal(SIGKILL);
  outcome.status = p.wait(std::chrono::seconds(60));
  return outcome;
}

double timed_run(const std::vector<std::string>& argv, int& status) {
  const auto started = Clock::now();
  status = testing::run_process(argv, "", std::chrono::seconds(240)).exit_code;
  return std::chrono::duration<double>(Clock::now() - started).count();
}

// The checks after a kill, for a state that must be one of `allowed` id lists (each a committed
// state). Returns the index of the state found, -1 when none.
int check_committed_state(const std::string& db, const std::vector<std::vector<std::string>>& allowed,
                          const std::string& trial) {
  if (!index_exists(db)) {
    // Killed before Xapian had created the index: nothing was ever committed.
    EXPECT_TRUE(allowed.front().empty()) << trial << ": no index, but a committed state existed";
    return allowed.front().empty() ? 0 : -1;
  }
  const auto check = xapian_check(db);
  EXPECT_EQ(check.exit_code, 0) << trial << ": xapian-check failed:\n" << check.out << check.err;
  try {
    open_index_for_reading(db);  // Depeche's own opening, schema check included
  } catch (const Error& e) {
    ADD_FAILURE() << trial << ": the index does not open: " << e.what();
    return -1;
  }
  const IndexContents contents = read_contents(db);
  EXPECT_TRUE(no_duplicates(contents)) << trial << ": " << contents.documents << " documents for "
                                       << contents.ids.size() << " ids";
  const std::vector<std::string> found = id_list(contents);
  for (std::size_t k = 0; k < allowed.size(); ++k) {
    if (found == allowed[k]) return static_cast<int>(k);
  }
  ADD_FAILURE() << trial << ": " << contents.documents
                << " documents, which is no committed state (first id "
                << (found.empty() ? "-" : found.front()) << ", last "
                << (found.empty() ? "-" : found.back()) << ")";
  return -1;
}

class CrashConsistency : public ::testing::Test {
 protected:
  ScratchDir dir_;
};

TEST_F(CrashConsistency, KilledIndexingKeepsACommitBoundaryAndARerunCompletesIt) {
  const int n = article_count();
  const std::string input = dir_.write("archive.jsonl", synthetic_archive(n, 7, kBodyWords));
  // The index alone in its parent directory: the write watch sees only what the indexer writes.
  const std::string work = dir_ / "work";
  const std::string db = dir_ / "work/index";
  const std::vector<std::string> argv = {DEPECHE_BINARY, "-q", "index", "--db", db,
                                         "--commit-every", std::to_string(kCommitEvery),
                                         "--threads", "2", input};
  // Articles are written in input order and a commit is only ever made after a multiple of
  // kCommitEvery of them (or at the end), so the committed states are among: the first
  // k·kCommitEvery articles of the input, and all of them. (The indexer may make fewer of these
  // durable, e.g. bulk merges; it may never make any other state durable.)
  std::vector<std::vector<std::string>> boundaries;
  for (int k = 0; k * kCommitEvery < n; ++k) boundaries.push_back(synthetic_prefix(k * kCommitEvery));
  boundaries.push_back(synthetic_prefix(n));

  int status = -1;
  const double full_run = timed_run(argv, status);
  double run_estimate = full_run;
  ASSERT_EQ(status, 0);
  ASSERT_EQ(id_list(read_contents(db)), boundaries.back());

  std::mt19937 rng(kSeed);
  int trials = 0, killed = 0, killed_writing = 0, reruns = 0;
  std::size_t previous_state = 0;
  std::vector<int> states_seen(boundaries.size(), 0);
  for (int trial = 0; trial < kMaxTrials && (killed < kWantedKills || trial % kChainLength != 0);
       ++trial) {
    const std::string name = "index trial " + std::to_string(trial);
    if (trial % kChainLength == 0) {
      fs::remove_all(work);
      fs::create_directories(work);
      previous_state = 0;
    }
    const KillPlan plan = draw_plan(rng, trial, run_estimate);
    const TrialOutcome outcome = run_and_kill(argv, dir_, db, plan);
    ++trials;
    if (outcome.killed) {
      ++killed;
      if (plan.at_next_write) ++killed_writing;
    } else {
      EXPECT_EQ(outcome.status, 0) << name << " finished but failed";
      shorten(run_estimate);
    }
    // A run can only have left a committed state at or above the one it started from.
    const std::vector<std::vector<std::string>> allowed(boundaries.begin() + static_cast<long>(previous_state),
                                                        boundaries.end());
    const int state = check_committed_state(db, allowed, name);
    ASSERT_GE(state, 0) << name;
    previous_state += static_cast<std::size_t>(state);
    ++states_seen[previous_state];

    if (trial % kChainLength == kChainLength - 1) {
      auto rerun = testing::run_process(argv, "", std::chrono::seconds(240));
      ASSERT_EQ(rerun.exit_code, 0) << name << " rerun: " << rerun.err;
      EXPECT_EQ(xapian_check(db).exit_code, 0) << name << " rerun";
      const IndexContents after = read_contents(db);
      EXPECT_TRUE(no_duplicates(after)) << name;
      EXPECT_EQ(id_list(after), boundaries.back()) << name << ": the rerun did not end with the input's ids";
      ++reruns;
    }
  }
  const auto distinct_states = std::count_if(states_seen.begin(), states_seen.end(), [](int c) { return c > 0; });
  std::cout << "[ figures  ] index " << n << " articles, commit every " << kCommitEvery << " (full run "
            << full_run << " s): " << killed << " of " << trials << " runs killed mid-run ("
            << killed_writing << " while writing files), " << distinct_states
            << " distinct committed states left, " << reruns
            << " reruns ended with exactly the input's ids\n";
  RecordProperty("index_kills", killed);
  EXPECT_GE(killed, kWantedKills);
  EXPECT_GE(killed_writing, kWantedKills / 4);
  // Kills must land at many points of a run, not all before the first commit.
  EXPECT_GE(distinct_states, 3);
}

TEST_F(CrashConsistency, KilledDeleteLeavesAllOrNothingAndARerunCompletesIt) {
  const int n = article_count();
  const std::string input = dir_.write("archive.jsonl", synthetic_archive(n, 11, kBodyWords));
  const std::string full_index = dir_ / "full";
  auto built = testing::run_depeche({"-q", "index", "--db", full_index, "--commit-every", "1000", input},
                                    "", std::chrono::seconds(240));
  ASSERT_EQ(built.exit_code, 0) << built.err;

  // Delete two articles in three: one commit at the end of the command.
  std::vector<std::string> to_delete, kept;
  for (int i = 0; i < n; ++i) (i % 3 == 0 ? kept : to_delete).push_back(synthetic_id(i));
  const std::string db = dir_ / "work/index";
  fs::create_directories(dir_ / "work");
  std::vector<std::string> argv = {DEPECHE_BINARY, "delete", "--db", db};
  argv.insert(argv.end(), to_delete.begin(), to_delete.end());
  const std::vector<std::vector<std::string>> allowed = {synthetic_prefix(n), kept};

  auto fresh_copy = [&] {
    fs::remove_all(db);
    fs::copy(full_index, db, fs::copy_options::recursive);
  };
  fresh_copy();
  int status = -1;
  const double full_run = timed_run(argv, status);
  double run_estimate = full_run;
  ASSERT_EQ(status, 0);
  ASSERT_EQ(id_list(read_contents(db)), kept);
  // Run again after a complete delete: nothing left to delete, every id reported, no change.
  auto again = testing::run_process(argv, "", std::chrono::seconds(120));
  EXPECT_EQ(again.exit_code, 3);
  EXPECT_EQ(lines_containing(again.err, "no article with id").size(), to_delete.size());
  EXPECT_EQ(id_list(read_contents(db)), kept);

  std::mt19937 rng(kSeed + 1);
  int trials = 0, killed = 0, killed_writing = 0, before_commit = 0;
  for (int trial = 0; trial < kMaxTrials && killed < kWantedKills; ++trial) {
    const std::string name = "delete trial " + std::to_string(trial);
    fresh_copy();
    const KillPlan plan = draw_plan(rng, trial, run_estimate);
    const TrialOutcome outcome = run_and_kill(argv, dir_, db, plan);
    ++trials;
    if (outcome.killed) {
      ++killed;
      if (plan.at_next_write) ++killed_writing;
    } else {
      EXPECT_EQ(outcome.status, 0) << name << " finished but failed";
      shorten(run_estimate);
    }
    const int state = check_committed_state(db, allowed, name);
    ASSERT_GE(state, 0) << name;
    if (state == 0) ++before_commit;

    // Run again: deletes everything when the kill came before the commit was durable, else finds
    // nothing left to delete (exit status 3, every id reported).
    auto rerun = testing::run_process(argv, "", std::chrono::seconds(120));
    if (state == 0) {
      EXPECT_EQ(rerun.exit_code, 0) << name << ": " << rerun.err;
    } else {
      EXPECT_EQ(rerun.exit_code, 3) << name;
      EXPECT_EQ(lines_containing(rerun.err, "no article with id").size(), to_delete.size()) << name;
    }
    EXPECT_EQ(xapian_check(db).exit_code, 0) << name << " rerun";
    const IndexContents after = read_contents(db);
    EXPECT_TRUE(no_duplicates(after)) << name;
    EXPECT_EQ(id_list(after), kept) << name << ": the rerun did not end with the expected ids";
  }
  std::cout << "[ figures  ] delete " << to_delete.size() << " of " << n << " articles (full run "
            << full_run << " s): " << killed << " of " << trials << " runs killed mid-run ("
            << killed_writing << " while writing files; " << before_commit
            << " kills left the index as before, " << trials - before_commit
            << " with the deletion complete)\n";
  RecordProperty("delete_kills", killed);
  EXPECT_GE(killed, kWantedKills);
  EXPECT_GE(killed_writing, kWantedKills / 4);
}

}  // namespace
}  // namespace depeche::reliability
