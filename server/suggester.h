// Search-as-you-type: completions of the last word of a query from an in-memory copy of the
// index vocabulary (Xapian's spelling table) and entity names (speakers, countries).
// No Xapian query per keystroke: a background thread rebuilds the copy when the revision changes.
#pragma once

#include <xapian.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/shards.h"

namespace depeche::server {

struct Suggestion {
  std::string text;         // the whole query with its last word completed
  std::string kind;         // "word", "speaker" or "country"
  std::uint64_t count = 0;  // word frequency, or articles of the speaker / country
};

// An immutable snapshot of the vocabulary; shared by every request thread.
class Vocabulary {
 public:
  static std::shared_ptr<const Vocabulary> load(const Xapian::Database& db);

  // At most `max` completions of the last word of `query`.
  std::vector<Suggestion> suggest(std::string_view query, std::size_t max) const;

  std::size_t word_count() const { return words_.size(); }

 private:
  struct Word {
    std::string folded;   // case and accents folded: what typed prefixes are compared with
    std::string display;  // the most frequent accented spelling
    std::uint64_t freq = 0;
  };
  struct Entity {
    std::string name;                 // as displayed: "Corée du Nord"
    std::string folded;               // fold_value(name): "coree du nord"
    std::vector<std::string> words;   // folded words of the name
    std::string kind;
    std::uint64_t count = 0;
  };
  static constexpr std::size_t kTopK = 8;
  static constexpr std::size_t kPrecomputedPrefixBytes = 3;  // longer prefixes: bounded scan
  static constexpr std::size_t kMaxScan = 20000;

  std::vector<std::uint32_t> top_words(std::string_view folded_prefix) const;

  std::vector<Word> words_;  // sorted by folded
  // Short prefixes match too many words to scan on every keystroke: their top k is precomputed.
  std::unordered_map<std::string, std::vector<std::uint32_t>> top_by_prefix_;
  std::vector<Entity> entities_;  // by count, most frequent first
};

struct SuggesterOptions {
  std::size_t max_suggestions = 8;
  std::chrono::milliseconds refresh_interval{1000};  // how often the index revision is checked
};

class Suggester {
 public:
  // Loads the vocabulary now (throws IndexError when the index cannot be opened), then watches
  // for new revisions in the background.
  explicit Suggester(const std::string& db_path, SuggesterOptions options = {});
  // The same over every shard of a sharded or remote index (core/shards.h).
  explicit Suggester(const IndexLocation& where, SuggesterOptions options = {});
  ~Suggester();
  Suggester(const Suggester&) = delete;
  Suggester& operator=(const Suggester&) = delete;

  std::vector<Suggestion> suggest(std::string_view query) const;

 private:
  void watch();
  std::shared_ptr<const Vocabulary> snapshot() const;

  SuggesterOptions options_;
  std::string revision_key() const;

  ShardSet index_;  // used by the constructor, then by the watcher thread only
  std::string revision_;  // revision_key() of the loaded vocabulary

  mutable std::mutex mutex_;  // guards vocabulary_ (the pointer) and stopping_
  std::shared_ptr<const Vocabulary> vocabulary_;
  bool stopping_ = false;
  std::condition_variable wake_;
  std::thread watcher_;
};

}  // namespace depeche::server
