// Routing articles to shards, creating the layout, and keeping the front ends' dictionary.
#include "indexer/sharded_writer.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "core/database.h"
#include "core/error.h"
#include "core/schema.h"

namespace depeche::indexer {
namespace {

namespace fs = std::filesystem;

// The dictionary's own record of whether it matches the shards: "pending" while shards commit, so
// a run killed between the two leaves it marked for a full rebuild.
constexpr const char* kMetaDictionaryState = "depeche:dictionary_state";

std::string describe(const StubFile& stub) {
  return stub.routing == ShardRouting::kByYear ? "one shard per year"
                                               : fmt::format("{} shards routed by article id", stub.count);
}

std::string now_iso() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

// Spelling frequencies of `words` (sorted) in `db`, in the same order; 0 for words it lacks.
std::vector<Xapian::termcount> spelling_frequencies(const Xapian::Database& db, const std::set<std::string>& words) {
  std::vector<Xapian::termcount> out;
  out.reserve(words.size());
  auto it = db.spellings_begin();
  const auto end = db.spellings_end();
  for (const std::string& w : words) {
    if (it != end) it.skip_to(w);
    out.push_back(it != end && *it == w ? it.get_termfreq() : 0);
  }
  return out;
}

}  // namespace

ShardedIndexWriter::ShardedIndexWriter(const std::string& path, const ShardingRequest& request) : path_(path) {
  if (request.shards > kMaxShards) {
    throw UsageError(fmt::format("--shards {}: at most {} shards", request.shards, kMaxShards));
  }
  if (request.shards > 0 && request.by_year) {
    throw UsageError("--shards N routes by article id; --shard-by year makes one shard per year: choose one");
  }
  std::error_code ec;
  const std::string stub = stub_file_of(path);
  if (!stub.empty()) {
    open_existing(stub, request);
  } else if (fs::exists(fs::path(path) / "iamglass", ec)) {
    if (request.requested()) {
      throw UsageError(fmt::format(
          "{}: is an unsharded index; the shard layout is chosen when an index is created (index into a new "
          "directory with --shards N)", path));
    }
    writers_.push_back(std::make_unique<IndexWriter>(path));
  } else if (request.requested()) {
    create(request);
  } else {
    writers_.push_back(std::make_unique<IndexWriter>(path));  // a plain index, created when missing
  }
}

void ShardedIndexWriter::open_existing(const std::string& stub_file, const ShardingRequest& request) {
  std::error_code ec;
  if (fs::is_regular_file(path_, ec)) {
    throw IndexError(fmt::format("{}: is a stub file; give depeche the sharded index directory", path_));
  }
  stub_ = read_stub_file(stub_file);
  if (stub_.routing == ShardRouting::kNone) {
    throw IndexError(fmt::format(
        "{}: lists shards but was not written by depeche index (a query front end's or a replica's stub); "
        "index into the indexer's directory", path_));
  }
  for (const ShardEntry& e : stub_.shards) {
    if (e.kind == ShardEntry::Kind::kRemote) {
      throw IndexError(fmt::format("{}: lists the remote shard {}; depeche writes local shards only", path_, e.label()));
    }
  }
  const bool same = (request.shards == 0 || (stub_.routing == ShardRouting::kById && stub_.count == request.shards)) &&
                    (!request.by_year || stub_.routing == ShardRouting::kByYear);
  if (!same) {
    throw UsageError(fmt::format(
        "{}: has {}; the layout is fixed when an index is created (omit --shards/--shard-by, or re-index into a new "
        "directory)", path_, describe(stub_)));
  }
  routing_ = stub_.routing;
  // The dictionary first: its lock keeps a second writer out before any shard is touched.
  dictionary_ = std::make_unique<Xapian::WritableDatabase>(
      open_index_for_writing((fs::path(path_) / std::string(kDictionaryName)).string()));
  dictionary_stale_ = dictionary_->get_metadata(kMetaDictionaryState) != "synced";
  for (const ShardEntry& e : stub_.shards) {
    by_name_[e.path] = writers_.size();
    writers_.push_back(std::make_unique<IndexWriter>((fs::path(path_) / e.path).string()));
  }
  share_duplicate_scope();
}

void ShardedIndexWriter::create(const ShardingRequest& request) {
  std::error_code ec;
  if (fs::exists(path_, ec) && !fs::is_empty(path_, ec)) {
    throw UsageError(fmt::format("{}: exists and is not an index; give a new or empty directory for a sharded index",
                                 path_));
  }
  fs::create_directories(path_, ec);
  if (ec) throw IndexError(fmt::format("{}: cannot create index directory: {}", path_, ec.message()));
  routing_ = request.by_year ? ShardRouting::kByYear : ShardRouting::kById;
  stub_.routing = routing_;
  stub_.count = request.by_year ? 0 : request.shards;
  dictionary_ = std::make_unique<Xapian::WritableDatabase>(
      open_index_for_writing((fs::path(path_) / std::string(kDictionaryName)).string()));
  dictionary_stale_ = true;
  for (unsigned i = 0; i < stub_.count; ++i) {
    ShardEntry e;
    e.path = fmt::format("shard-{:03d}", i);
    by_name_[e.path] = writers_.size();
    writers_.push_back(std::make_unique<IndexWriter>((fs::path(path_) / e.path).string()));
    stub_.shards.push_back(std::move(e));
  }
  // Written last: readers find either no index or every shard.
  write_stub_file((fs::path(path_) / std::string(kStubFileName)).string(), stub_);
  share_duplicate_scope();
}

std::size_t ShardedIndexWriter::add_shard(const std::string& name) {
  const std::size_t index = writers_.size();
  writers_.push_back(std::make_unique<IndexWriter>((fs::path(path_) / name).string()));
  by_name_[name] = index;
  ShardEntry e;
  e.path = name;
  stub_.shards.push_back(std::move(e));
  // The new (empty) shard exists before the stub names it, so readers can always open the list.
  write_stub_file((fs::path(path_) / std::string(kStubFileName)).string(), stub_);
  share_duplicate_scope();
  return index;
}

std::size_t ShardedIndexWriter::shard_of(const BuiltDocument& built) {
  switch (routing_) {
    case ShardRouting::kNone:
      return 0;
    case ShardRouting::kById:
      return shard_for_id_term(built.id_term, static_cast<unsigned>(writers_.size()));
    case ShardRouting::kByYear: {
      const std::string name = year_shard_name(built.doc.get_value(schema::kSlotYear));
      const auto it = by_name_.find(name);
      return it != by_name_.end() ? it->second : add_shard(name);
    }
  }
  return 0;
}

void ShardedIndexWriter::share_duplicate_scope() {
  // Near-duplicate candidates are looked up in every shard, uncommitted articles included, so
  // copies of a story get one key and collapse across shards as in a single index.
  Xapian::Database all;
  for (const auto& w : writers_) all.add_database(w->database());
  const auto count = static_cast<Xapian::doccount>(writers_.size());
  for (Xapian::doccount i = 0; i < count; ++i) writers_[i]->set_duplicate_scope(all, i, count);
}

UpsertOutcome ShardedIndexWriter::upsert(BuiltDocument&& built) {
  const std::size_t shard = shard_of(built);
  bool moved = false;
  if (routing_ == ShardRouting::kByYear) {
    // Its date may have changed since it was indexed: the old version goes.
    for (std::size_t i = 0; i < writers_.size(); ++i) {
      if (i != shard && writers_[i]->remove(built.id)) moved = true;
    }
  }
  if (dictionary_) {
    for (const auto& [word, count] : built.spelling) touched_words_.insert(word);
  }
  const UpsertOutcome outcome = writers_[shard]->upsert(std::move(built));
  return moved ? UpsertOutcome::kUpdated : outcome;
}

bool ShardedIndexWriter::remove(const std::string& id) {
  if (routing_ == ShardRouting::kById) {
    return writers_[shard_for_id_term(schema::id_term(id), static_cast<unsigned>(writers_.size()))]->remove(id);
  }
  bool removed = false;
  for (const auto& w : writers_) removed = w->remove(id) || removed;
  return removed;
}

void ShardedIndexWriter::commit() {
  if (!dictionary_) {
    for (const auto& w : writers_) w->commit();
    return;
  }
  if (!dictionary_stale_) {
    dictionary_->set_metadata(kMetaDictionaryState, "pending");
    dictionary_->commit();
  }
  for (const auto& w : writers_) w->commit();
  sync_dictionary(dictionary_stale_);
  dictionary_stale_ = false;
}

void ShardedIndexWriter::sync_dictionary(bool everything) {
  Xapian::Database all;
  for (const auto& w : writers_) all.add_database(w->database());
  if (everything) {
    // Rebuilt from the shards' spelling tables (a new dictionary, or one a crash left behind).
    touched_words_.clear();
    for (auto it = all.spellings_begin(); it != all.spellings_end(); ++it) touched_words_.insert(*it);
    for (auto it = dictionary_->spellings_begin(); it != dictionary_->spellings_end(); ++it) touched_words_.insert(*it);
  }
  // Read both sides before writing: an iterator must not watch a table it changes.
  const std::vector<Xapian::termcount> wanted = spelling_frequencies(all, touched_words_);
  const std::vector<Xapian::termcount> held = spelling_frequencies(*dictionary_, touched_words_);
  std::size_t i = 0;
  for (const std::string& word : touched_words_) {
    if (wanted[i] > held[i]) dictionary_->add_spelling(word, wanted[i] - held[i]);
    if (wanted[i] < held[i]) dictionary_->remove_spelling(word, held[i] - wanted[i]);
    ++i;
  }
  touched_words_.clear();
  dictionary_->set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
  dictionary_->set_metadata(std::string(schema::kMetaLastUpdate), now_iso());
  dictionary_->set_metadata(kMetaDictionaryState, "synced");
  dictionary_->commit();
}

Xapian::doccount ShardedIndexWriter::doc_count() const {
  Xapian::doccount total = 0;
  for (const auto& w : writers_) total += w->doc_count();
  return total;
}

}  // namespace depeche::indexer
