// Upserts, near-duplicate clustering, spelling data and commits.
#include "indexer/index_writer.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <unordered_set>

#include "analyzers/text_folding.h"
#include "core/database.h"
#include "core/schema.h"

namespace depeche::indexer {
namespace {
// Candidates examined per band: copies of one story are few; a band shared by hundreds of
// articles (boilerplate text) says nothing about any one of them.
constexpr Xapian::doccount kMaxCandidatesPerBand = 32;
}  // namespace

IndexWriter::IndexWriter(const std::string& path)
    : path_(path), db_(open_index_for_writing(path)) {}

std::string IndexWriter::assign_dup_key(const BuiltDocument& built, Xapian::docid replaced) {
  if (!built.signature) return new_dup_key(built.id);
  double best = 0;
  std::string best_key;
  for (const std::string& band : dup_band_terms(*built.signature)) {
    Xapian::doccount seen = 0;
    for (auto it = db_.postlist_begin(band); it != db_.postlist_end(band) && seen < kMaxCandidatesPerBand;
         ++it, ++seen) {
      // The article's own previous version is no evidence of anything.
      if (*it == replaced) continue;
      Xapian::Document other = db_.get_document(*it, Xapian::DOC_ASSUME_VALID);
      auto sig = decode_dup_signature(other.get_value(schema::kSlotDupSignature));
      if (!sig) continue;
      const double similarity = dup_similarity(*built.signature, *sig);
      if (similarity > best) {
        best = similarity;
        best_key = other.get_value(schema::kSlotDupKey);
      }
    }
  }
  if (best >= kDupThreshold && !best_key.empty()) return best_key;
  return new_dup_key(built.id);
}

void IndexWriter::add_spelling(const BuiltDocument& built, Xapian::docid replaced) {
  // Re-indexing an unchanged article must not inflate frequencies: for a replaced article, only
  // words its previous version did not have are counted.
  std::unordered_set<std::string> previous_terms;
  if (replaced) {
    Xapian::Document previous = db_.get_document(replaced);
    previous_terms.insert(previous.termlist_begin(), previous.termlist_end());
  }
  for (const auto& [word, count] : built.spelling) {
    if (replaced && previous_terms.count(analysis::fold_accents(word))) continue;
    pending_spelling_[word] += count;
  }
}

UpsertOutcome IndexWriter::upsert(BuiltDocument&& built) {
  Xapian::docid existing = 0;
  if (auto it = db_.postlist_begin(built.id_term); it != db_.postlist_end(built.id_term)) {
    existing = *it;
  }
  const std::string key = assign_dup_key(built, existing);
  built.doc.add_boolean_term(schema::boolean_term(schema::kPrefixDupKey, key));
  built.doc.add_value(schema::kSlotDupKey, key);
  if (built.signature) {
    built.doc.add_value(schema::kSlotDupSignature, encode_dup_signature(*built.signature));
    for (const std::string& band : dup_band_terms(*built.signature)) {
      built.doc.add_boolean_term(band);
    }
  }
  add_spelling(built, existing);
  db_.replace_document(built.id_term, built.doc);
  return existing ? UpsertOutcome::kUpdated : UpsertOutcome::kAdded;
}

bool IndexWriter::remove(const std::string& id) {
  const std::string term = schema::id_term(id);
  if (!db_.term_exists(term)) return false;
  db_.delete_document(term);
  return true;
}

void IndexWriter::commit() {
  const auto started = std::chrono::steady_clock::now();
  for (const auto& [word, count] : pending_spelling_) db_.add_spelling(word, count);
  pending_spelling_.clear();
  db_.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
  db_.set_metadata(std::string(schema::kMetaLastUpdate),
                   fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                               fmt::gmtime(std::chrono::system_clock::to_time_t(
                                   std::chrono::system_clock::now()))));
  db_.commit();
  spdlog::debug("indexer: committed docs={} ms={}", db_.get_doccount(),
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count());
}

}  // namespace depeche::indexer
