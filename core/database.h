// Opening a Depeche index, with errors a user can act on instead of Xapian's exception names.
#pragma once

#include <xapian.h>

#include <string>

namespace depeche {

// Opens an existing index read-only. Throws IndexError when it is missing, unreadable, corrupt or
// written with another schema version.
Xapian::Database open_index_for_reading(const std::string& path);

// Opens an index for writing, creating it (and its directory) when missing. Throws IndexError when
// another writer holds the lock, the directory is not writable, or the schema version differs.
Xapian::WritableDatabase open_index_for_writing(const std::string& path);

// Total size in bytes of the files of an index directory (0 when missing).
std::uint64_t index_size_bytes(const std::string& path);

}  // namespace depeche
