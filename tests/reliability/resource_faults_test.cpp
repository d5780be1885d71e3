// Resource faults around an existing index: its directory read-only, missing, locked by a running
// writer, on a full disk, or over the file-size limit. Each gives one clear line on stderr and a
// documented exit status, and the index still opens with its articles and passes xapian-check.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "core/database.h"
#include "core/error.h"
#include "tests/reliability/reliability_support.h"

namespace depeche::reliability {
namespace {

using testing::ProcessResult;
using testing::run_depeche;
using testing::run_process;

constexpr int kExistingArticles = 300;
// Shell status meaning "the fault could not be set up here" (no mount namespace, no tmpfs).
constexpr int kCannotSetUp = 97;

// Articles whose words are mostly unique, so the index grows fast: disk-filling input, a few MB
// of index for growing_count() articles.
int growing_count() { return under_sanitizer() ? 400 : 800; }

std::string growing_archive(int count) {
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> number(0, 9'999'999);
  std::string out;
  for (int i = 0; i < count; ++i) {
    std::string body = "commun";
    for (int w = 0; w < 60; ++w) body += " mot" + std::to_string(number(rng));
    out += jsonl_record("g-" + std::to_string(i), "Croissance " + std::to_string(i), body);
  }
  return out;
}

// What the resource fault must leave: the index opens (Depeche's opening, schema check included),
// passes xapian-check, and holds exactly the articles it held before.
void expect_intact(const std::string& db, const IndexContents& before) {
  try {
    open_index_for_reading(db);
  } catch (const Error& e) {
    ADD_FAILURE() << "the index does not open: " << e.what();
    return;
  }
  const auto check = xapian_check(db);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const IndexContents after = read_contents(db);
  EXPECT_EQ(after.documents, before.documents);
  EXPECT_EQ(after.ids, before.ids);
}

// The command failed with `status` and said why in exactly one line naming the cause.
void expect_one_line_error(const ProcessResult& r, int status, const std::string& fragment) {
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, status) << r.err;
  EXPECT_EQ(lines_containing(r.err, "").size(), 1u) << "expected one line:\n" << r.err;
  EXPECT_EQ(r.err.rfind("depeche: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(fragment), std::string::npos) << "no '" << fragment << "' in: " << r.err;
}

// Runs `argv` in a private mount namespace where `dir` is bind-mounted read-only over itself:
// root ignores permission bits, a read-only mount it cannot. The mount vanishes with the process.
ProcessResult run_with_read_only(const std::string& dir, std::vector<std::string> argv) {
  std::vector<std::string> command = {
      "/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
      "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" || exit " +
          std::to_string(kCannotSetUp) + "; shift; exec \"$@\"",
      "sh", dir, DEPECHE_BINARY};
  command.insert(command.end(), argv.begin(), argv.end());
  return run_process(command, "", std::chrono::seconds(120));
}

// A process holding a private mount namespace with a small tmpfs mounted at `mount_point`; this
// process reaches that tmpfs through /proc/PID/root. Killing the holder unmounts it.
class PrivateTmpfs {
 public:
  PrivateTmpfs(const ScratchDir& dir, const std::string& mount_point, const std::string& size)
      : holder_({"/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                 "mount -t tmpfs -o size=" + size + " tmpfs \"$1\" || exit " +
                     std::to_string(kCannotSetUp) + "; echo \"mounted $$\"; exec sleep 300",
                 "sh", mount_point},
                dir / "holder.out", dir / "holder.err") {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(dir / "holder.out");
      std::string word;
      int pid = 0;
      if (in >> word >> pid && word == "mounted") {
        root_ = "/proc/" + std::to_string(pid) + "/root" + mount_point;
        return;
      }
      if (!holder_.running()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::ifstream err(dir / "holder.err");
    std::stringstream text;
    text << err.rdbuf();
    why_not_ = text.str();
  }
  bool mounted() const { return !root_.empty(); }
  const std::string& why_not() const { return why_not_; }
  // The tmpfs as this process sees it.
  const std::string& root() const { return root_; }

 private:
  testing::BackgroundProcess holder_;
  std::string root_;
  std::string why_not_;
};

class ResourceFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "work");
    db_ = dir_ / "work/index";
    const std::string input = dir_.write("base.jsonl", synthetic_archive(kExistingArticles, 5, 15));
    const auto r = run_depeche({"-q", "index", "--db", db_, input});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    before_ = read_contents(db_);
    ASSERT_EQ(before_.documents, static_cast<Xapian::doccount>(kExistingArticles));
    more_ = dir_.write("more.jsonl", synthetic_archive(kExistingArticles + 20, 5, 15));
  }

  ScratchDir dir_;
  std::string db_;
  std::string more_;  // the same articles and 20 more
  IndexContents before_;
};

TEST_F(ResourceFaults, ReadOnlyIndexDirectoryIsAClearErrorAndSearchStillWorks) {
  auto r = run_with_read_only(db_, {"-q", "index", "--db", db_, more_});
  if (r.exit_code == kCannotSetUp || r.exit_code == 127) {  // 127: no unshare
    if (geteuid() == 0) GTEST_SKIP() << "no mount namespace for a read-only bind mount, and root ignores permission bits: " << r.err;
    // Not root: permission bits are enough.
    fs::permissions(db_, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                    fs::perm_options::remove);
    r = run_depeche({"-q", "index", "--db", db_, more_});
    expect_one_line_error(r, 1, "cannot write to the index");
    fs::permissions(db_, fs::perms::owner_write, fs::perm_options::add);
    expect_intact(db_, before_);
    return;
  }
  expect_one_line_error(r, 1, "cannot write to the index: Couldn't open lockfile: Read-only file system");
  expect_one_line_error(run_with_read_only(db_, {"-q", "delete", "--db", db_, synthetic_id(0)}), 1,
                        "Read-only file system");
  // Readers need no write access.
  const auto search = run_with_read_only(db_, {"search", "--db", db_, "--json", "commun"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  EXPECT_EQ(nlohmann::json::parse(search.out)["counts"]["articles"], kExistingArticles);
  const auto stats = run_with_read_only(db_, {"stats", "--db", db_, "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(nlohmann::json::parse(stats.out)["documents"], kExistingArticles);
  expect_intact(db_, before_);
}

TEST_F(ResourceFaults, MissingIndexIsAClearErrorForEveryCommand) {
  const std::string missing = dir_ / "work/nowhere";
  expect_one_line_error(run_depeche({"search", "--db", missing, "commun"}), 1, "no index here");
  expect_one_line_error(run_depeche({"stats", "--db", missing}), 1, "no index here");
  expect_one_line_error(run_depeche({"delete", "--db", missing, "a-00001"}), 2, "Directory does not exist");
  EXPECT_FALSE(fs::exists(missing)) << "a reader or delete created the directory";
  // A directory that holds no index, and a path through a regular file.
  fs::create_directories(dir_ / "work/empty");
  expect_one_line_error(run_depeche({"search", "--db", dir_ / "work/empty", "commun"}), 1, "cannot open index");
  expect_one_line_error(run_depeche({"-q", "index", "--db", more_ + "/index", more_}), 1,
                        "cannot create index directory: Not a directory");
  expect_intact(db_, before_);
}

TEST_F(ResourceFaults, IndexLockedByARunningIndexerIsAClearErrorAndTheFirstFinishes) {
  // The first writer reads a FIFO: it holds the lock for as long as the test keeps the FIFO open.
  const std::string fifo = dir_ / "feed.jsonl";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  testing::BackgroundProcess first({DEPECHE_BINARY, "-q", "index", "--db", db_, fifo}, dir_ / "first.out",
                                   dir_ / "first.err");
  // The indexer opens its input after locking the index: once the FIFO has a reader, the lock is held.
  int fd = -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (fd < 0 && first.running() && std::chrono::steady_clock::now() < deadline) {
    fd = open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GE(fd, 0) << "the first indexer never opened its input";
  EXPECT_THROW(Xapian::WritableDatabase(db_, Xapian::DB_OPEN), Xapian::DatabaseLockError);

  expect_one_line_error(run_depeche({"-q", "index", "--db", db_, more_}), 1, "locked by another writer");
  expect_one_line_error(run_depeche({"-q", "delete", "--db", db_, synthetic_id(0)}), 1, "locked by another writer");
  // Readers are not blocked by a writer.
  EXPECT_EQ(run_depeche({"search", "--db", db_, "commun"}).exit_code, 0);

  // Feed the first indexer 20 new articles and let it finish.
  std::string extra;
  for (int i = 0; i < 20; ++i) extra += jsonl_record("fifo-" + std::to_string(i), "Tube", "commun texte du tube");
  ASSERT_EQ(fcntl(fd, F_SETFL, 0), 0);
  ASSERT_EQ(write(fd, extra.data(), extra.size()), static_cast<ssize_t>(extra.size()));
  close(fd);
  ASSERT_EQ(first.wait(std::chrono::seconds(120)), 0);
  EXPECT_EQ(xapian_check(db_).exit_code, 0);
  EXPECT_EQ(read_contents(db_).documents, static_cast<Xapian::doccount>(kExistingArticles + 20));
  // The lock went with the first writer.
  EXPECT_EQ(run_depeche({"-q", "delete", "--db", db_, "fifo-0"}).exit_code, 0);
}

TEST_F(ResourceFaults, FullDiskIsAClearErrorAndTheIndexKeepsItsLastCommit) {
  const std::string mount_point = dir_ / "work/small-disk";
  fs::create_directories(mount_point);
  PrivateTmpfs disk(dir_, mount_point, "64m");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs in a private mount namespace here: " << disk.why_not();
  const std::string db = disk.root() + "/index";
  fs::copy(db_, db, fs::copy_options::recursive);
  // Fill the disk but for about a megabyte.
  struct statvfs vfs {};
  ASSERT_EQ(statvfs(disk.root().c_str(), &vfs), 0);
  const std::uint64_t free_bytes = static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
  ASSERT_GT(free_bytes, 2u << 20);
  {
    std::ofstream filler(disk.root() + "/filler", std::ios::binary);
    const std::string block(1 << 20, 'x');
    for (std::uint64_t left = free_bytes - (1u << 20); left > 0;) {
      const std::uint64_t n = std::min<std::uint64_t>(left, block.size());
      filler.write(block.data(), static_cast<std::streamsize>(n));
      left -= n;
    }
  }
  const std::string input = dir_.write("growing.jsonl", growing_archive(growing_count()));
  const auto r = run_depeche({"-q", "index", "--db", db, input}, "", std::chrono::seconds(240));
  expect_one_line_error(r, 1, "No space left on device");
  expect_intact(db, before_);

  // Space freed, the same command completes.
  fs::remove(disk.root() + "/filler");
  const auto again = run_depeche({"-q", "index", "--db", db, input}, "", std::chrono::seconds(240));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(xapian_check(db).exit_code, 0);
  EXPECT_EQ(read_contents(db).documents,
            static_cast<Xapian::doccount>(kExistingArticles + growing_count()));
}

TEST_F(ResourceFaults, FileSizeLimitIsAClearErrorAndTheIndexKeepsItsLastCommit) {
  // RLIMIT_FSIZE a little above the largest file of the index, SIGXFSZ ignored so that write()
  // fails with EFBIG instead of killing the process.
  std::uintmax_t largest = 0;
  for (const auto& f : fs::directory_iterator(db_)) largest = std::max(largest, f.file_size());
  const std::uintmax_t limit_blocks = largest / 512 + 64;  // ulimit -f counts 512-byte blocks
  const std::string input = dir_.write("growing.jsonl", growing_archive(growing_count()));
  const auto r = run_process({"/bin/sh", "-c",
                              "trap '' XFSZ; ulimit -f " + std::to_string(limit_blocks) + " && exec \"$@\"",
                              "sh", DEPECHE_BINARY, "-q", "index", "--db", db_, input},
                             "", std::chrono::seconds(240));
  expect_one_line_error(r, 1, "File too large");
  expect_intact(db_, before_);
  const auto again = run_depeche({"-q", "index", "--db", db_, input}, "", std::chrono::seconds(240));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_contents(db_).documents,
            static_cast<Xapian::doccount>(kExistingArticles + growing_count()));
}

}  // namespace
}  // namespace depeche::reliability
