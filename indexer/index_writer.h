// The one writer of an index: upserts built documents, assigns near-duplicate keys, keeps the
// spelling data, deletes by id, and commits. Only ever used from one thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>
#include <string>

#include "indexer/document_builder.h"
#include "indexer/segment_pool.h"

namespace depeche::indexer {

enum class UpsertOutcome { kAdded, kUpdated };

class IndexWriter {
 public:
  explicit IndexWriter(const std::string& path);
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Adds the document, or replaces the one with the same id.
  UpsertOutcome upsert(BuiltDocument&& built);

  // Removes the article with this id; false when there is none.
  bool remove(const std::string& id);

  // Makes everything so far durable and visible to readers (atomic in Xapian). In bulk mode,
  // new articles become durable only at merges, which this call makes when worthwhile: when the
  // articles waiting in segments are at least as many as the index holds (so merging, which
  // copies the index, costs time linear in the run), or kMaxPendingDocs. Updates of articles
  // already in the index are always made durable.
  void commit();

  // ---- Bulk mode (indexer/segment_pool.h) ----
  // New articles go to temporary segments written by `threads` threads in parallel, merged into
  // the index with Xapian's Compactor, the merged index replacing the old one atomically
  // (renameat2 RENAME_EXCHANGE). Readers notice the new index through index_identity().
  void begin_bulk(unsigned threads);
  // Merges everything still in segments (a full commit) and leaves bulk mode.
  void end_bulk();
  static constexpr Xapian::doccount kMaxPendingDocs = 250000;
  // Small segments are cheap to write (Xapian's per-document cost grows with what it buffers) and
  // cheap to merge; measured in docs/BENCHMARKS.md.
  static constexpr Xapian::doccount kDocsPerSegment = 250;

  ~IndexWriter();

  // Articles in the index, those waiting in bulk segments included.
  Xapian::doccount doc_count() const { return db_.get_doccount() + pending_docs_; }

  // ---- Sharded indexes (indexer/sharded_writer.h) ----
  // Near-duplicate candidates are looked up in `all_shards` (every shard's database combined, this
  // one being number `shard` of `count`), so copies of a story share a key whichever shard holds
  // them. By default the scope is this index alone.
  void set_duplicate_scope(const Xapian::Database& all_shards, Xapian::doccount shard, Xapian::doccount count);
  // The database being written, uncommitted changes included (shares this writer's handle).
  Xapian::Database database() const { return db_; }

 private:
  std::string assign_dup_key(const BuiltDocument& built, Xapian::docid replaced);
  void commit_direct();
  void merge_segments(bool everything);
  void merge_by_copying(const std::vector<Segment>& segments);
  void merge_by_compacting(const std::vector<Segment>& segments);
  void clear_pending();
  void add_spelling(const BuiltDocument& built, Xapian::docid replaced);

  // Where the writer thread's time goes (thread CPU seconds), logged at debug level at each commit.
  struct Costs {
    double lookup = 0, dup_keys = 0, spelling = 0, replace = 0, commit = 0;
  };

  std::string path_;
  Xapian::WritableDatabase db_;
  Costs costs_;
  // Spelling frequencies gathered since the last commit, written in one go at commit time.
  std::unordered_map<std::string, Xapian::termcount> pending_spelling_;
  // Where near-duplicate candidates are looked up (see set_duplicate_scope).
  Xapian::Database dup_scope_ = db_;
  Xapian::doccount scope_shard_ = 0, scope_count_ = 1;
  bool scope_is_own_ = true;

  // Bulk mode state: what is in segments and not yet in the index.
  std::unique_ptr<SegmentPool> pool_;
  std::string scratch_dir_;
  std::unordered_map<std::string, unsigned> pending_ids_;  // id term → segment thread
  std::unordered_set<std::string> pending_repeated_;       // id terms written twice or more
  std::unordered_set<std::string> pending_removed_;        // id terms removed after being written
  Xapian::doccount pending_docs_ = 0;
  unsigned next_thread_ = 0;
  // Near-duplicate lookups among the articles in segments: band hash → indexes of pending_sigs_.
  struct PendingSignature {
    DupSignature signature;
    std::string key;
  };
  std::vector<PendingSignature> pending_sigs_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> pending_bands_;
};

}  // namespace depeche::indexer
