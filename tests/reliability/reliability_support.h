// What the reliability tests share: a scratch directory per test, a deterministic synthetic
// archive, a look at what an index holds, xapian-check, and a watch on an index directory's writes.
#pragma once

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace depeche::reliability {

namespace fs = std::filesystem;

// True in an AddressSanitizer build, where everything runs a few times slower: tests shrink
// their inputs (never their number of trials) there.
bool under_sanitizer();

// A fresh directory named after the running test and the process, removed at the end.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& relative) const { return (path_ / relative).string(); }
  // Writes `content` (bytes, as is) to a file under the directory and returns its path.
  std::string write(const std::string& relative, const std::string& content) const;

 private:
  fs::path path_;
};

// Article ids of the synthetic archive: "a-00000", "a-00001", … (fixed width, so byte order is
// input order).
std::string synthetic_id(int index);

// `count` articles in JSON Lines, ids synthetic_id(0 … count-1), each body `words` French words
// drawn with `seed` plus the word "commun" (in every article) and the article's own marker word
// "marque<index>", so a test can find all of them or exactly one.
std::string synthetic_archive(int count, unsigned seed, int words = 40);

// One JSON Lines record with the given id, title and body (JSON-escaped).
std::string jsonl_record(const std::string& id, const std::string& title, const std::string& body);

// What an index holds: its document count and, per article id, how many documents carry it.
struct IndexContents {
  Xapian::doccount documents = 0;
  std::map<std::string, Xapian::doccount> ids;
};
IndexContents read_contents(const std::string& db);

// True when every id occurs exactly once and the document count matches them: nothing duplicated.
bool no_duplicates(const IndexContents& contents);

// The ids synthetic_id(0 … count-1).
std::vector<std::string> synthetic_prefix(int count);

// The ids of `contents`, in order.
std::vector<std::string> id_list(const IndexContents& contents);

// Runs /usr/bin/xapian-check on `db`.
testing::ProcessResult xapian_check(const std::string& db);

// True when `db` holds a Xapian database (its version file exists).
bool index_exists(const std::string& db);

// The lines of `text` holding `needle`.
std::vector<std::string> lines_containing(const std::string& text, const std::string& needle);

// Counts file writes under a directory, its subdirectories included, even those created later
// (inotify: files created, modified, closed after writing, renamed in), so a test can act while
// the indexer writes its files rather than at a random time.
class WriteWatch {
 public:
  explicit WriteWatch(const std::string& root);
  ~WriteWatch();
  WriteWatch(const WriteWatch&) = delete;
  WriteWatch& operator=(const WriteWatch&) = delete;

  // Reads pending events; returns the total seen so far.
  int poll(std::chrono::milliseconds wait);
  // Polls until `target` events were seen (true), or `still_going` says stop, or `timeout`.
  bool wait_for(int target, const std::function<bool()>& still_going,
                std::chrono::milliseconds timeout);

 private:
  void watch_tree(const fs::path& dir);

  int fd_ = -1;
  int events_ = 0;
  std::map<int, fs::path> dirs_;  // watch descriptor → directory
};

}  // namespace depeche::reliability
