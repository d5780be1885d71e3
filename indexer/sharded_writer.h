// The writer of a sharded index (or of a plain one: then it is just its IndexWriter): same
// upsert / remove / commit / doc_count as IndexWriter, one IndexWriter per shard, every article
// routed to the shard that holds it. core/shards.h describes the directory; docs/SCALING.md the
// choices (routing, near-duplicates and spelling across shards).
#pragma once

#include <xapian.h>

#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/shards.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"

namespace depeche::indexer {

// How a new index is to be sharded (depeche index --shards N / --shard-by year). The layout is
// chosen when the index is created and recorded in its stub; later runs may repeat it or omit it.
struct ShardingRequest {
  unsigned shards = 0;   // N shards routed by article id; 0: not asked
  bool by_year = false;  // one shard per publication year, plus "undated"
  bool requested() const { return shards > 0 || by_year; }
};

inline constexpr unsigned kMaxShards = 1024;

class ShardedIndexWriter {
 public:
  // Opens the index at `path`, creating it when missing: sharded when `request` asks for it.
  // Throws UsageError when `request` contradicts the layout of an existing index, IndexError when
  // the index cannot be written (locked, a front end's stub listing remote shards…).
  explicit ShardedIndexWriter(const std::string& path, const ShardingRequest& request = {});
  ShardedIndexWriter(const ShardedIndexWriter&) = delete;
  ShardedIndexWriter& operator=(const ShardedIndexWriter&) = delete;

  // Adds the article to its shard, or replaces the version there. By year, an article whose year
  // changed is removed from its old shard (reported as an update).
  UpsertOutcome upsert(BuiltDocument&& built);

  // Removes the article with this id from the shard that holds it; false when there is none.
  bool remove(const std::string& id);

  // Commits every shard (each atomically; see docs/SCALING.md for a crash between two), then
  // brings the dictionary up to date.
  void commit();

  Xapian::doccount doc_count() const;
  std::size_t shard_count() const { return writers_.size(); }

  // A plain index writes new articles through parallel segments (IndexWriter::begin_bulk); the
  // shards of a sharded one are written directly. end_bulk() merges what is left (a full commit).
  void begin_bulk(unsigned threads) {
    if (!sharded()) writers_.front()->begin_bulk(threads);
  }
  void end_bulk() {
    for (auto& w : writers_) w->end_bulk();
  }
  bool sharded() const { return routing_ != ShardRouting::kNone; }

 private:
  void open_existing(const std::string& stub_file, const ShardingRequest& request);
  void create(const ShardingRequest& request);
  std::size_t add_shard(const std::string& name);
  std::size_t shard_of(const BuiltDocument& built);
  void share_duplicate_scope();
  void sync_dictionary(bool everything);

  std::string path_;
  ShardRouting routing_ = ShardRouting::kNone;  // kNone: a plain index, writers_ holds its writer
  StubFile stub_;
  std::vector<std::unique_ptr<IndexWriter>> writers_;
  std::unordered_map<std::string, std::size_t> by_name_;
  // Sharded only: the summed spelling data and metadata for query front ends (core/shards.h).
  std::unique_ptr<Xapian::WritableDatabase> dictionary_;
  bool dictionary_stale_ = false;           // rebuild it whole at the next commit
  std::set<std::string> touched_words_;     // spelling words of the articles since the last commit
};

}  // namespace depeche::indexer
