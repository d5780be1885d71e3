// Upserts, near-duplicate clustering, spelling data and commits.
#include "indexer/index_writer.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <unordered_set>

#include "analyzers/text_folding.h"
#include "core/database.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/schema.h"

namespace depeche::indexer {
namespace {
// CPU time of the calling thread, in seconds: the writer shares the machine with the builders.
double thread_cpu_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Adds the CPU time of a scope to a counter.
class CpuTimer {
 public:
  explicit CpuTimer(double& total) : total_(total), start_(thread_cpu_seconds()) {}
  ~CpuTimer() { total_ += thread_cpu_seconds() - start_; }
  CpuTimer(const CpuTimer&) = delete;
  CpuTimer& operator=(const CpuTimer&) = delete;

 private:
  double& total_;
  double start_;
};

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
  // The replaced version's number in the scope (shards interleave their document numbers).
  const Xapian::docid own = replaced ? (replaced - 1) * scope_count_ + scope_shard_ + 1 : 0;
  for (const std::string& band : dup_band_terms(*built.signature)) {
    Xapian::doccount seen = 0;
    for (auto it = dup_scope_.postlist_begin(band);
         it != dup_scope_.postlist_end(band) && seen < kMaxCandidatesPerBand; ++it, ++seen) {
      // The article's own previous version is no evidence of anything.
      if (*it == own) continue;
      Xapian::Document other = dup_scope_.get_document(*it, Xapian::DOC_ASSUME_VALID);
      auto sig = decode_dup_signature(other.get_value(schema::kSlotDupSignature));
      if (!sig) continue;
      const double similarity = dup_similarity(*built.signature, *sig);
      if (similarity > best) {
        best = similarity;
        best_key = other.get_value(schema::kSlotDupKey);
      }
    }
  }
  // Articles of this bulk run still in segments.
  for (const std::string& band : dup_band_terms(*built.signature)) {
    auto found = pending_bands_.find(fnv1a64(band));
    if (found == pending_bands_.end()) continue;
    Xapian::doccount seen = 0;
    for (std::uint32_t i : found->second) {
      if (++seen > kMaxCandidatesPerBand) break;
      const double similarity = dup_similarity(*built.signature, pending_sigs_[i].signature);
      if (similarity > best) {
        best = similarity;
        best_key = pending_sigs_[i].key;
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

void IndexWriter::set_duplicate_scope(const Xapian::Database& all_shards, Xapian::doccount shard,
                                      Xapian::doccount count) {
  dup_scope_ = all_shards;
  scope_is_own_ = false;
  scope_shard_ = shard;
  scope_count_ = count;
}

UpsertOutcome IndexWriter::upsert(BuiltDocument&& built) {
  Xapian::docid existing = 0;
  bool pending = false;
  {
    CpuTimer timer(costs_.lookup);
    if (auto it = db_.postlist_begin(built.id_term); it != db_.postlist_end(built.id_term)) {
      existing = *it;
    } else if (pool_) {
      pending = pending_ids_.count(built.id_term) > 0;
    }
  }
  std::string key;
  {
    CpuTimer timer(costs_.dup_keys);
    key = assign_dup_key(built, existing);
  }
  built.doc.add_boolean_term(schema::boolean_term(schema::kPrefixDupKey, key));
  built.doc.add_value(schema::kSlotDupKey, key);
  if (built.signature) {
    built.doc.add_value(schema::kSlotDupSignature, encode_dup_signature(*built.signature));
    for (const std::string& band : dup_band_terms(*built.signature)) {
      built.doc.add_boolean_term(band);
    }
  }
  if (!pool_ || existing) {
    CpuTimer timer(costs_.spelling);
    add_spelling(built, existing);
  }
  CpuTimer timer(costs_.replace);
  if (!pool_ || existing) {
    // By number, not by id term: Xapian's replace_document(term, …) costs almost as much again
    // as the addition itself, and the lookup above already says whether the article is there.
    if (existing) {
      db_.replace_document(existing, built.doc);
      return UpsertOutcome::kUpdated;
    }
    db_.add_document(built.doc);
    return UpsertOutcome::kAdded;
  }
  // Bulk mode, an article the index does not hold: to a segment. A repeated id goes to the thread
  // that wrote it before, so its newer copy is the one with the higher number after the merge.
  if (built.signature) {
    const auto index = static_cast<std::uint32_t>(pending_sigs_.size());
    pending_sigs_.push_back({*built.signature, key});
    for (const std::string& band : dup_band_terms(*built.signature)) pending_bands_[fnv1a64(band)].push_back(index);
  }
  unsigned thread;
  if (pending) {
    thread = pending_ids_[built.id_term];
    pending_repeated_.insert(built.id_term);
  } else {
    thread = next_thread_++ % pool_->threads();
    pending_ids_.emplace(built.id_term, thread);
    ++pending_docs_;
    if (pending_removed_.count(built.id_term)) pending_repeated_.insert(built.id_term);
  }
  pending_removed_.erase(built.id_term);
  pool_->add(thread, built.id_term, std::move(built.doc), std::move(built.spelling));
  return pending ? UpsertOutcome::kUpdated : UpsertOutcome::kAdded;
}

bool IndexWriter::remove(const std::string& id) {
  const std::string term = schema::id_term(id);
  if (pool_ && pending_ids_.erase(term)) {
    pending_removed_.insert(term);
    --pending_docs_;
    return true;
  }
  if (!db_.term_exists(term)) return false;
  db_.delete_document(term);
  return true;
}

void IndexWriter::commit() {
  if (!pool_) {
    commit_direct();
    return;
  }
  const Xapian::doccount in_index = db_.get_doccount();
  merge_segments(pending_docs_ >= in_index || pending_docs_ >= kMaxPendingDocs);
}

void IndexWriter::commit_direct() {
  const auto started = std::chrono::steady_clock::now();
  const double cpu_started = thread_cpu_seconds();
  for (const auto& [word, count] : pending_spelling_) db_.add_spelling(word, count);
  pending_spelling_.clear();
  db_.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
  db_.set_metadata(std::string(schema::kMetaLastUpdate),
                   fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                               fmt::gmtime(std::chrono::system_clock::to_time_t(
                                   std::chrono::system_clock::now()))));
  db_.commit();
  costs_.commit += thread_cpu_seconds() - cpu_started;
  spdlog::debug(
      "indexer: committed docs={} ms={}; writer CPU s so far: id lookups {:.2f}, duplicate keys "
      "{:.2f}, spelling {:.2f}, replace_document {:.2f}, commits {:.2f}",
      db_.get_doccount(),
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
          .count(),
      costs_.lookup, costs_.dup_keys, costs_.spelling, costs_.replace, costs_.commit);
}

// ---- Bulk mode --------------------------------------------------------------------------------

namespace {

// The id term of a document: its one term with the id prefix.
std::string id_term_of(const Xapian::Document& doc) {
  const std::string prefix(schema::kPrefixId);
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(prefix);
  if (it == doc.termlist_end() || (*it).compare(0, prefix.size(), prefix) != 0) return {};
  return *it;
}

void sync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void IndexWriter::begin_bulk(unsigned threads) {
  // Near-duplicates across shards are looked up in the shards' databases: segments would hide
  // the new articles from that lookup, so sharded writers write directly.
  if (pool_ || !scope_is_own_) return;
  const std::filesystem::path index(path_);
  scratch_dir_ = (index.parent_path() / ("." + index.filename().string() + ".bulk")).string();
  std::error_code ec;
  std::filesystem::remove_all(scratch_dir_, ec);  // what a crashed run left
  pool_ = std::make_unique<SegmentPool>(scratch_dir_, std::max(1u, threads), kDocsPerSegment);
}

void IndexWriter::end_bulk() {
  if (!pool_) return;
  merge_segments(true);
  pool_.reset();
  std::error_code ec;
  std::filesystem::remove_all(scratch_dir_, ec);
}

IndexWriter::~IndexWriter() {
  if (!pool_) return;
  // An abandoned bulk run (an error): segments are discarded, the index keeps its last commit.
  pool_.reset();
  std::error_code ec;
  std::filesystem::remove_all(scratch_dir_, ec);
}

void IndexWriter::clear_pending() {
  pending_ids_.clear();
  pending_repeated_.clear();
  pending_removed_.clear();
  pending_docs_ = 0;
  pending_sigs_.clear();
  pending_bands_.clear();
}

void IndexWriter::merge_segments(bool everything) {
  const auto started = std::chrono::steady_clock::now();
  if (!everything) {
    // Not worth a merge yet: only updates of indexed articles become durable.
    commit_direct();
    return;
  }
  const std::vector<Segment> segments = pool_->finish_segments();
  Xapian::doccount in_segments = 0;
  for (const Segment& s : segments) in_segments += s.documents;
  if (in_segments == 0) {
    commit_direct();
  } else if (static_cast<std::uint64_t>(in_segments) * 8 < db_.get_doccount()) {
    // A few articles for a large index: adding them costs less than copying the index.
    merge_by_copying(segments);
  } else {
    merge_by_compacting(segments);
  }
  std::error_code ec;
  for (const Segment& s : segments) std::filesystem::remove_all(s.path, ec);
  clear_pending();
  spdlog::debug("indexer: merged {} segments ({} articles) in {} ms; the index holds {}", segments.size(),
                in_segments,
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                    .count(),
                db_.get_doccount());
}

void IndexWriter::merge_by_copying(const std::vector<Segment>& segments) {
  for (const Segment& s : segments) {
    const Xapian::Database segment(s.path);
    for (auto it = segment.postlist_begin(""); it != segment.postlist_end(""); ++it) {
      const Xapian::Document doc = segment.get_document(*it);
      const std::string term = id_term_of(doc);
      if (term.empty() || pending_removed_.count(term)) continue;
      db_.replace_document(term, doc);  // segments in creation order: the newest copy wins
    }
    for (auto it = segment.spellings_begin(); it != segment.spellings_end(); ++it) {
      db_.add_spelling(*it, it.get_termfreq());
    }
  }
  commit_direct();
}

void IndexWriter::merge_by_compacting(const std::vector<Segment>& segments) {
  // Updates of indexed articles first: the merge reads the committed index.
  db_.commit();
  const std::string merged = scratch_dir_ + "/merged";
  std::error_code ec;
  std::filesystem::remove_all(merged, ec);
  {
    Xapian::Database sources(path_);
    for (const Segment& s : segments) sources.add_database(Xapian::Database(s.path));
    sources.compact(merged, Xapian::DBCOMPACT_MULTIPASS);
  }
  {
    Xapian::WritableDatabase out(merged, Xapian::DB_OPEN);
    // Sources are numbered in order (index, then segments by creation): of several copies of
    // one article the newest has the highest number.
    for (const std::string& term : pending_repeated_) {
      std::vector<Xapian::docid> copies(out.postlist_begin(term), out.postlist_end(term));
      const bool removed = pending_removed_.count(term) > 0;
      for (std::size_t i = 0; i < copies.size(); ++i) {
        if (removed || i + 1 < copies.size()) out.delete_document(copies[i]);
      }
    }
    for (const std::string& term : pending_removed_) {
      if (!pending_repeated_.count(term) && out.term_exists(term)) out.delete_document(term);
    }
    for (const auto& [word, count] : pending_spelling_) out.add_spelling(word, count);
    out.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
    out.set_metadata(std::string(schema::kMetaLastUpdate),
                     fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                                 fmt::gmtime(std::chrono::system_clock::to_time_t(
                                     std::chrono::system_clock::now()))));
    out.commit();
    write_index_generation(merged, out.get_uuid());
    out.close();
  }
  pending_spelling_.clear();
  // The merged index takes the place of the old one in one step: a crash leaves one or the other.
  if (::renameat2(AT_FDCWD, merged.c_str(), AT_FDCWD, path_.c_str(), RENAME_EXCHANGE) != 0) {
    throw IndexError(fmt::format("{}: cannot put the merged index in place: {}", path_, std::strerror(errno)));
  }
  sync_directory(std::filesystem::path(path_).parent_path().string());
  db_.close();  // the old index, now under the scratch directory
  db_ = open_index_for_writing(path_);
  if (scope_is_own_) dup_scope_ = db_;
  std::filesystem::remove_all(merged, ec);
}

}  // namespace depeche::indexer
