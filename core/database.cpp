// Translates Xapian's open errors into one-line IndexError messages.
#include "core/database.h"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "core/error.h"
#include "core/schema.h"

namespace depeche {
namespace {

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

}  // namespace

Xapian::Database open_index_for_reading(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw IndexError(fmt::format("{}: no index here (create one with: depeche index --db {} FILE…)",
                                 path, path));
  }
  try {
    Xapian::Database db(path);
    check_schema_version(db, path);
    return db;
  } catch (const Xapian::DatabaseVersionError& e) {
    throw IndexError(fmt::format("{}: unsupported index format: {}", path, e.get_msg()));
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw IndexError(fmt::format("{}: cannot open index: {}", path, e.get_msg()));
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError(fmt::format("{}: index is corrupt: {}", path, e.get_msg()));
  }
}

Xapian::WritableDatabase open_index_for_writing(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) throw IndexError(fmt::format("{}: cannot create index directory: {}", path, ec.message()));
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    check_schema_version(db, path);
    return db;
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError(fmt::format(
        "{}: index is locked by another writer (is another depeche index or delete running?)",
        path));
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

}  // namespace depeche
