// Sharded indexes: the stub file that lists an index's shards (local directories or remote
// xapian-tcpsrv servers), how articles are routed to shards, and ShardSet, which opens every shard
// with bounded timeouts and searches them as one Xapian::Database. docs/SCALING.md explains the
// layouts and the failure policy.
//
// A sharded index directory, as `depeche index --shards N` writes it:
//
//   DIR/XAPIANDB      the stub: "# depeche-shards: id 4" then "auto shard-000" … one line a shard.
//                     Xapian opens it natively, so every reader sees all shards as one database.
//   DIR/shard-000/    one ordinary Xapian (glass) database per shard
//   DIR/dictionary/   no documents: the summed spelling data and the metadata of all shards, for
//                     query front ends whose shards are remote (the remote protocol has no spelling)
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace depeche {

// ---- The stub file ------------------------------------------------------------------------------

inline constexpr std::string_view kStubFileName = "XAPIANDB";
inline constexpr std::string_view kDictionaryName = "dictionary";

enum class ShardRouting {
  kNone,    // a stub not written by depeche index (a front end's or a replica's): read-only
  kById,    // a fixed number of shards; shard = hash of the article id modulo the count
  kByYear,  // one shard per publication year ("y2022"), plus "undated"
};

struct ShardEntry {
  enum class Kind { kLocal, kRemote };
  Kind kind = Kind::kLocal;
  std::string path;  // kLocal: as written (relative paths are relative to the stub's directory)
  std::string host;  // kRemote
  unsigned port = 0;

  // "shard-000" or "10.0.0.5:33333": how messages name the shard.
  std::string label() const;
};

struct StubFile {
  ShardRouting routing = ShardRouting::kNone;
  unsigned count = 0;  // kById: the fixed shard count
  std::vector<ShardEntry> shards;
};

// The stub file of `path`: path/XAPIANDB when path is a directory holding one, path itself when
// it is a regular file, empty when path is a plain index directory or does not exist.
std::string stub_file_of(const std::string& path);

// Reads a stub file: "auto PATH", "glass PATH", "remote HOST:PORT" ("[::1]:PORT") lines, "#"
// comments, and Depeche's "# depeche-shards: id N" / "# depeche-shards: year" record.
// Throws IndexError naming the file and line of anything else.
StubFile read_stub_file(const std::string& file);

// Writes the stub through a temporary file renamed over the old one: readers see the old or the
// new stub, never a half-written one.
void write_stub_file(const std::string& file, const StubFile& stub);

// "HOST:PORT" or "[IPv6]:PORT". Throws UsageError.
ShardEntry parse_remote_shard(std::string_view spec);

// The shard of an article routed by id, from its id term (schema::id_term): a stable hash, the
// same on every platform and release.
unsigned shard_for_id_term(std::string_view id_term, unsigned count);

// The shard name of a publication year ("2022" → "y2022"; empty → "undated").
std::string year_shard_name(std::string_view year);

// ---- Reading every shard as one database -------------------------------------------------------

enum class ShardFailurePolicy {
  kPartial,  // leave out shards that are down or too slow; results say so (the default)
  kError,    // fail the search with an error naming the shard
};

// "partial" | "error". Throws UsageError.
ShardFailurePolicy parse_shard_failure_policy(std::string_view text);

// Where an index is read from: a path (plain index, sharded index directory or stub file) and/or
// remote shards served by xapian-tcpsrv.
struct IndexLocation {
  std::string path;                  // may be empty when remotes are given
  std::vector<std::string> remotes;  // "HOST:PORT", searched with the shards of `path`
  // Bound on every exchange with a remote shard (connecting included): a shard that takes longer
  // is "down" for this search.
  std::chrono::milliseconds remote_timeout{3000};
  ShardFailurePolicy on_failure = ShardFailurePolicy::kPartial;
  // A shard left out is tried again on the first search after this long.
  std::chrono::milliseconds retry_interval{2000};

  std::string describe() const;  // for messages: the path and the remotes
};

// An index read from `path` alone, with the default timeout and policy.
inline IndexLocation index_at(std::string path) {
  IndexLocation where;
  where.path = std::move(path);
  return where;
}

struct ShardStatus {
  std::string label;
  bool remote = false;
  bool up = false;
  Xapian::doccount documents = 0;
  std::string error;  // why it is down
};

// Every shard of an index, opened read-only and combined. Not thread-safe: one per thread, like
// a Xapian::Database.
class ShardSet {
 public:
  using Clock = std::chrono::steady_clock;

  // Opens every shard (remote ones in parallel, each bounded by remote_timeout). Throws IndexError
  // when the index is missing, corrupt, of another schema version, when no shard answers, or when
  // a shard is down and the policy is kError.
  explicit ShardSet(IndexLocation where);

  // The combination of every shard that is up.
  Xapian::Database& db() { return db_; }
  const Xapian::Database& db() const { return db_; }

  // True when any shard is remote: Xapian then only accepts its built-in extension classes.
  bool remote() const { return remote_; }
  std::size_t size() const { return shards_.size(); }
  ShardFailurePolicy policy() const { return where_.on_failure; }
  // Labels of the shards left out (always empty under kError).
  std::vector<std::string> missing() const;
  std::vector<ShardStatus> status() const;
  // Sum of the revisions of the local shards: changes whenever one of them commits (remote
  // shards do not tell their revision).
  std::uint64_t revision() const;

  // Before each search: reopens at the latest revision, follows a changed stub file (a new year
  // shard) and replica swaps (xapian-replicate's full copies), and tries again the shards left
  // out whose retry time has come. True when the database may have changed. Throws like recover().
  bool refresh();

  // After an exchange with a shard failed (Xapian::NetworkError, DatabaseOpeningError): reopens
  // every shard, leaves out those that fail (kPartial) or throws IndexError naming them (kError).
  // `cause` is the failure, for the message. Bounded by remote_timeout.
  void recover(const std::string& cause);

 private:
  struct Shard {
    ShardEntry entry;
    std::string resolved;  // local: path resolved against the stub's directory
    Xapian::Database db;
    std::string generation;  // local: index_generation() when opened (bulk merges swap databases)
    bool up = false;
    std::string error;
    Clock::time_point retry_at{};
  };

  void load_layout();
  void open_shards(const std::vector<std::size_t>& which);
  void apply_policy(const std::string& cause);
  void combine();
  std::string stub_signature() const;

  IndexLocation where_;
  std::string stub_;  // empty: `path` is a plain index (or absent)
  std::string stub_seen_;
  std::vector<Shard> shards_;
  Xapian::Database db_;
  bool remote_ = false;
};

}  // namespace depeche
