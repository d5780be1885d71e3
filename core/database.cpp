// Translates Xapian's open errors into one-line IndexError messages.
#include "core/database.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <system_error>

#include "core/error.h"
#include "core/schema.h"
#include "core/shards.h"

namespace depeche {

void check_schema_version(const Xapian::Database& db, const std::string& path) {
  const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  if (version.empty()) {
    if (db.get_doccount() == 0) return;  // new, or never committed by Depeche
    throw IndexError(fmt::format("{}: not a Depeche index (no schema version)", path));
  }
  if (version != std::to_string(schema::kSchemaVersion)) {
    throw IndexError(fmt::format(
        "{}: index schema version {} but this depeche reads version {}; re-index the archive",
        path, version, schema::kSchemaVersion));
  }
}

Xapian::Database open_index_for_reading(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw IndexError(fmt::format("{}: no index here (create one with: depeche index --db {} FILE…)",
                                 path, path));
  }
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database db(path);
      check_schema_version(db, path);
      return db;
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed twice between the opening and the schema check: open the newest.
      if (attempt >= 9) throw;
    } catch (const Xapian::DatabaseVersionError& e) {
      throw IndexError(fmt::format("{}: unsupported index format: {}", path, e.get_msg()));
    } catch (const Xapian::DatabaseOpeningError& e) {
      throw IndexError(fmt::format("{}: cannot open index: {}", path, e.get_msg()));
    } catch (const Xapian::DatabaseCorruptError& e) {
      throw IndexError(fmt::format("{}: index is corrupt: {}", path, e.get_msg()));
    }
  }
}

Xapian::WritableDatabase open_index_for_writing(const std::string& path) {
  std::error_code ec;
  // Xapian would open a stub as one writable database over all its shards, adding documents
  // round-robin: routing would be lost.
  if (!stub_file_of(path).empty()) {
    throw IndexError(fmt::format("{}: is a sharded index or a stub file; depeche index and delete write to its shards", path));
  }
  std::filesystem::create_directories(path, ec);
  if (ec) throw IndexError(fmt::format("{}: cannot create index directory: {}", path, ec.message()));
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    check_schema_version(db, path);
    return db;
  } catch (const Xapian::DatabaseLockError& e) {
    // Xapian says "already locked" when another writer holds the lock; otherwise the lock file
    // could not be made (read-only file system, no space…): say that, not "locked".
    const std::string& why = e.get_msg();
    if (why.find("already locked") != std::string::npos) {
      throw IndexError(fmt::format(
          "{}: index is locked by another writer (is another depeche index or delete running?)",
          path));
    }
    const std::size_t colon = why.find(": ");  // after "Unable to get write lock on PATH"
    throw IndexError(fmt::format("{}: cannot write to the index: {}", path,
                                 colon == std::string::npos ? why : why.substr(colon + 2)));
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError(fmt::format("{}: index is corrupt: {}", path, e.get_msg()));
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw IndexError(fmt::format("{}: cannot open index for writing: {}", path, e.get_msg()));
  } catch (const Xapian::DatabaseCreateError& e) {
    throw IndexError(fmt::format("{}: cannot create index: {}", path, e.get_msg()));
  }
}

std::uint64_t index_size_bytes(const std::string& path) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

namespace {
constexpr const char* kGenerationFile = "depeche-generation";
}  // namespace

std::string index_generation(const std::string& path) {
  std::ifstream in(std::filesystem::path(path) / kGenerationFile, std::ios::binary);
  std::string generation;
  if (in) std::getline(in, generation);
  return generation;
}

void write_index_generation(const std::string& path, const std::string& generation) {
  const auto file = std::filesystem::path(path) / kGenerationFile;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << generation << '\n';
  out.flush();
  if (!out) throw IndexError(fmt::format("{}: cannot write {}", path, file.string()));
}

}  // namespace depeche
