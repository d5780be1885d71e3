// `depeche compact --db DB [--fuller]`: Xapian's compactor writes a copy of the index with full
// B-tree blocks into a sibling directory, which then atomically takes the index's place
// (renameat2 RENAME_EXCHANGE); the old files are removed. The write lock is held throughout, so
// no `depeche index` or `delete` can change the index meanwhile; readers (`depeche serve`) keep
// the files they opened and see the compacted index when they next reopen it. A sharded index
// (core/shards.h) is compacted shard by shard, its dictionary too; remote shards are left to the
// machines that hold them.
#include "cli/compact_command.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <stdio.h>
#include <xapian.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include "core/database.h"
#include "core/error.h"
#include "core/shards.h"

namespace depeche::cli {
namespace {

namespace fs = std::filesystem;

struct CompactOptions {
  std::string db;
  bool fuller = false;
};

std::string mib(std::uint64_t bytes) { return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20)); }

// Swaps two directories atomically; falls back to renames where the filesystem cannot.
void exchange(const fs::path& a, const fs::path& b) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return;
  if (errno != EINVAL && errno != ENOSYS) {
    throw IndexError(fmt::format("{}: cannot replace the index with its compacted copy: {}", b.string(),
                                 std::strerror(errno)));
  }
  const fs::path aside = b.string() + ".old";
  fs::remove_all(aside);
  fs::rename(b, aside);
  fs::rename(a, b);
  fs::rename(aside, a);
}

// Compacts one Xapian database directory in place.
void compact_one(const fs::path& db, bool fuller) {
  const fs::path copy = db.string() + ".compacting";
  fs::remove_all(copy);  // left by a compaction that was killed
  {
    Xapian::WritableDatabase lock = open_index_for_writing(db.string());
    try {
      Xapian::Database(db.string())
          .compact(copy.string(), Xapian::DBCOMPACT_NO_RENUMBER |
                                      (fuller ? Xapian::Compactor::FULLER : Xapian::Compactor::STANDARD));
    } catch (const Xapian::Error& e) {
      fs::remove_all(copy);
      throw IndexError(fmt::format("{}: compaction failed: {}", db.string(), e.get_description()));
    }
    // Readers notice the new database by its marker (core/database.h), not its revision.
    write_index_generation(copy.string(), Xapian::Database(copy.string()).get_uuid());
    exchange(copy, db);
  }  // the lock was on the old directory, now at `copy`
  fs::remove_all(copy);
}

void run_compact(const CompactOptions& o) {
  fs::path db = fs::path(o.db).lexically_normal();
  if (db.filename().empty()) db = db.parent_path();  // "index/" → "index"
  if (!fs::is_directory(db)) throw IndexError(fmt::format("{}: no index here", db.string()));
  open_index_for_reading(db.string());  // a clear error when it is not a Depeche index

  const auto started = std::chrono::steady_clock::now();
  const std::uint64_t before = index_size_bytes(db.string());
  std::size_t compacted = 0;
  const std::string stub = stub_file_of(db.string());
  if (stub.empty()) {
    compact_one(db, o.fuller);
    compacted = 1;
  } else {
    const fs::path base = fs::path(stub).parent_path();
    for (const ShardEntry& shard : read_stub_file(stub).shards) {
      if (shard.kind == ShardEntry::Kind::kRemote) {
        spdlog::warn("compact: shard {} is remote: compact it on the machine that holds it", shard.label());
        continue;
      }
      const fs::path p = fs::path(shard.path).is_absolute() ? fs::path(shard.path) : base / shard.path;
      compact_one(p.lexically_normal(), o.fuller);
      ++compacted;
    }
    const fs::path dictionary = base / std::string(kDictionaryName);
    if (fs::is_directory(dictionary)) compact_one(dictionary, o.fuller);
  }
  const std::uint64_t after = index_size_bytes(db.string());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("compacted {}{}: {} → {} ({:.0f} %) in {:.1f} s\n", db.string(),
                           stub.empty() ? "" : fmt::format(" ({} shards)", compacted), mib(before), mib(after),
                           before ? 100.0 * static_cast<double>(after) / static_cast<double>(before) : 100.0, seconds);
}

}  // namespace

void add_compact_command(CLI::App& app) {
  auto o = std::make_shared<CompactOptions>();
  CLI::App* cmd = app.add_subcommand("compact", "Rewrite an index in its most compact form, in place");
  cmd->add_option("--db", o->db, "Index directory (a plain or a sharded index)")->required();
  cmd->add_flag("--fuller", o->fuller,
                "Pack blocks completely: smallest, but the next updates are slower (for archives that no longer change)");
  cmd->callback([o] { run_compact(*o); });
}

}  // namespace depeche::cli
