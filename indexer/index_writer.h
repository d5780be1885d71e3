// The one writer of an index: upserts built documents, assigns near-duplicate keys, keeps the
// spelling data, deletes by id, and commits. Only ever used from one thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>

#include "indexer/document_builder.h"

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

  // Makes everything so far durable and visible to readers (atomic in Xapian).
  void commit();

  Xapian::doccount doc_count() const { return db_.get_doccount(); }

 private:
  std::string assign_dup_key(const BuiltDocument& built, Xapian::docid replaced);
  void add_spelling(const BuiltDocument& built, Xapian::docid replaced);

  std::string path_;
  Xapian::WritableDatabase db_;
  // Spelling frequencies gathered since the last commit, written in one go at commit time.
  std::map<std::string, Xapian::termcount> pending_spelling_;
};

}  // namespace depeche::indexer
