// Opening a Depeche index, with errors a user can act on instead of Xapian's exception names.
#pragma once

#include <xapian.h>

#include <string>

namespace depeche {

// Opens an existing index read-only. Throws IndexError when it is missing, unreadable, corrupt or
// written with another schema version.
Xapian::Database open_index_for_reading(const std::string& path);

// Opens an index for writing, creating it (and its directory) when missing. Throws IndexError when
// another writer holds the lock, the directory is not writable, the schema version differs, or
// the path is a sharded index or stub file (indexer/sharded_writer.h writes those shard by shard).
Xapian::WritableDatabase open_index_for_writing(const std::string& path);

// Throws IndexError when `db` was written with another schema version, or has documents but no
// version at all. `label` names the index in the message. On several databases combined, Xapian
// reads the metadata of the first one.
void check_schema_version(const Xapian::Database& db, const std::string& label);

// Which physical database sits at `path` now: the contents of its generation marker, written
// when a bulk merge puts a whole new database in place (indexer/index_writer.h). Readers compare
// it before each search: Xapian's reopen() only follows commits to the database it opened, and a
// swapped-in database may carry the same revision number. Empty when there is no marker.
std::string index_generation(const std::string& path);
// Writes the marker into the database directory `path` (before it is swapped in).
void write_index_generation(const std::string& path, const std::string& generation);

// Total size in bytes of the files of an index directory (0 when missing).
std::uint64_t index_size_bytes(const std::string& path);

}  // namespace depeche
