// Stub files, routing, and ShardSet: opening shards with bounded timeouts and a failure policy.
#include "core/shards.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <sstream>

#include "core/database.h"
#include "core/error.h"
#include "core/hash.h"

namespace depeche {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kRoutingRecord = "# depeche-shards:";

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

std::optional<unsigned> parse_unsigned(std::string_view s) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

// Writes all of `text` to a new file and makes it durable before it is renamed into place.
void write_durably(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw IndexError(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      throw IndexError(fmt::format("{}: cannot write: {}", path, std::strerror(err)));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    throw IndexError(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
}

struct Opened {
  std::optional<Xapian::Database> db;
  std::string error;
};

Opened open_remote(const ShardEntry& entry, std::chrono::milliseconds timeout) {
  Opened out;
  const auto ms = static_cast<useconds_t>(std::max<std::int64_t>(1, timeout.count()));
  try {
    Xapian::Database db = Xapian::Remote::open(entry.host, entry.port, ms, ms);
    check_schema_version(db, entry.label());
    out.db = std::move(db);
  } catch (const Xapian::Error& e) {
    out.error = e.get_msg().empty() ? e.get_type() : e.get_msg();
  } catch (const IndexError& e) {
    out.error = e.what();
  }
  return out;
}

}  // namespace

// ---- Stub files ------------------------------------------------------------------------------------

std::string ShardEntry::label() const {
  if (kind == Kind::kLocal) return path;
  return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port)
                                             : fmt::format("{}:{}", host, port);
}

std::string stub_file_of(const std::string& path) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec) return {};
  if (fs::is_regular_file(st)) return path;
  if (fs::is_directory(st)) {
    if (fs::exists(fs::path(path) / "iamglass", ec)) return {};
    const fs::path stub = fs::path(path) / std::string(kStubFileName);
    if (fs::is_regular_file(stub, ec)) return stub.string();
  }
  return {};
}

ShardEntry parse_remote_shard(std::string_view spec) {
  const auto bad = [&](const char* why) {
    return UsageError(fmt::format("remote shard '{}': {} (expected HOST:PORT or [IPv6]:PORT)", spec, why));
  };
  ShardEntry e;
  e.kind = ShardEntry::Kind::kRemote;
  std::string_view port;
  if (!spec.empty() && spec.front() == '[') {
    const auto close = spec.find("]:");
    if (close == std::string_view::npos) throw bad("no port");
    e.host = std::string(spec.substr(1, close - 1));
    port = spec.substr(close + 2);
  } else {
    const auto colon = spec.rfind(':');
    if (colon == std::string_view::npos) throw bad("no port");
    e.host = std::string(spec.substr(0, colon));
    port = spec.substr(colon + 1);
    if (e.host.find(':') != std::string::npos) throw bad("write an IPv6 address in brackets");
  }
  if (e.host.empty()) throw bad("no host");
  const auto p = parse_unsigned(port);
  if (!p || *p == 0 || *p > 65535) throw bad("the port must be a number from 1 to 65535");
  e.port = *p;
  return e;
}

StubFile read_stub_file(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw IndexError(fmt::format("{}: cannot read the shard list: {}", file, std::strerror(errno)));
  StubFile stub;
  std::string line;
  unsigned line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string text = trim(line);
    if (text.empty()) continue;
    if (text[0] == '#') {
      if (text.rfind(kRoutingRecord, 0) != 0) continue;
      std::istringstream record(text.substr(kRoutingRecord.size()));
      std::string kind, count;
      record >> kind >> count;
      if (kind == "year" && count.empty()) {
        stub.routing = ShardRouting::kByYear;
      } else if (auto n = parse_unsigned(count); kind == "id" && n && *n > 0) {
        stub.routing = ShardRouting::kById;
        stub.count = *n;
      } else {
        throw IndexError(fmt::format("{}:{}: unreadable shard record (expected \"{} id N\" or \"{} year\")",
                                     file, line_no, kRoutingRecord, kRoutingRecord));
      }
      continue;
    }
    const auto space = text.find(' ');
    const std::string type = text.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : trim(std::string_view(text).substr(space + 1));
    if ((type == "auto" || type == "glass") && !rest.empty()) {
      ShardEntry e;
      e.path = rest;
      stub.shards.push_back(std::move(e));
    } else if (type == "remote" && !rest.empty()) {
      if (rest[0] == ':') {
        throw IndexError(fmt::format(
            "{}:{}: remote programs are not supported: serve the shard with xapian-tcpsrv and write "
            "remote HOST:PORT", file, line_no));
      }
      try {
        stub.shards.push_back(parse_remote_shard(rest));
      } catch (const UsageError& e) {
        throw IndexError(fmt::format("{}:{}: {}", file, line_no, e.what()));
      }
    } else {
      throw IndexError(fmt::format("{}:{}: unknown line (expected auto PATH, remote HOST:PORT or # comment)",
                                   file, line_no));
    }
  }
  if (stub.routing == ShardRouting::kById && stub.count != stub.shards.size()) {
    throw IndexError(fmt::format("{}: the shard record says {} shards but {} are listed", file, stub.count,
                                 stub.shards.size()));
  }
  return stub;
}

void write_stub_file(const std::string& file, const StubFile& stub) {
  std::string text =
      "# Depeche sharded index (docs/SCALING.md): Xapian searches the shards below as one database.\n"
      "# Written by depeche index. A query front end lists the same shards in a stub of its own,\n"
      "# as remote HOST:PORT lines for shards served by xapian-tcpsrv.\n";
  if (stub.routing == ShardRouting::kById) text += fmt::format("{} id {}\n", kRoutingRecord, stub.count);
  if (stub.routing == ShardRouting::kByYear) text += fmt::format("{} year\n", kRoutingRecord);
  for (const ShardEntry& e : stub.shards) {
    text += e.kind == ShardEntry::Kind::kLocal ? "auto " + e.path + "\n" : "remote " + e.label() + "\n";
  }
  const std::string temp = file + ".tmp";
  write_durably(temp, text);
  std::error_code ec;
  fs::rename(temp, file, ec);
  if (ec) throw IndexError(fmt::format("{}: cannot replace the shard list: {}", file, ec.message()));
  // The rename itself is durable once the directory is.
  const std::string dir = fs::path(file).parent_path().string();
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

unsigned shard_for_id_term(std::string_view id_term, unsigned count) {
  return count <= 1 ? 0 : static_cast<unsigned>(mix64(fnv1a64(id_term)) % count);
}

std::string year_shard_name(std::string_view year) {
  const bool valid = year.size() == 4 && std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; });
  return valid ? "y" + std::string(year) : "undated";
}

// ---- ShardSet --------------------------------------------------------------------------------------

ShardFailurePolicy parse_shard_failure_policy(std::string_view text) {
  if (text == "partial") return ShardFailurePolicy::kPartial;
  if (text == "error") return ShardFailurePolicy::kError;
  throw UsageError(fmt::format("--on-shard-failure '{}': expected partial or error", text));
}

std::string IndexLocation::describe() const {
  std::string s = path;
  for (const std::string& r : remotes) s += (s.empty() ? "" : " + ") + r;
  return s;
}

ShardSet::ShardSet(IndexLocation where) : where_(std::move(where)) {
  if (where_.path.empty() && where_.remotes.empty()) throw UsageError("no index given (--db DIR or --remote HOST:PORT)");
  load_layout();
  std::vector<std::size_t> all(shards_.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  open_shards(all);
  apply_policy("cannot connect");
  combine();
}

void ShardSet::load_layout() {
  shards_.clear();
  stub_ = where_.path.empty() ? std::string() : stub_file_of(where_.path);
  if (!stub_.empty()) {
    const fs::path base = fs::path(stub_).parent_path();
    for (ShardEntry& e : read_stub_file(stub_).shards) {
      Shard s;
      if (e.kind == ShardEntry::Kind::kLocal) {
        s.resolved = fs::path(e.path).is_absolute() ? e.path : (base / e.path).string();
      }
      s.entry = std::move(e);
      shards_.push_back(std::move(s));
    }
    if (shards_.empty() && where_.remotes.empty()) throw IndexError(fmt::format("{}: lists no shard", stub_));
  } else if (!where_.path.empty()) {
    Shard s;
    s.entry.path = where_.path;
    s.resolved = where_.path;
    shards_.push_back(std::move(s));
  }
  for (const std::string& r : where_.remotes) {
    Shard s;
    s.entry = parse_remote_shard(r);
    shards_.push_back(std::move(s));
  }
  remote_ = std::any_of(shards_.begin(), shards_.end(),
                        [](const Shard& s) { return s.entry.kind == ShardEntry::Kind::kRemote; });
  stub_seen_ = stub_signature();
}

void ShardSet::open_shards(const std::vector<std::size_t>& which) {
  // Remote shards connect in parallel, so a dead one costs one timeout, not one per shard.
  std::vector<std::pair<std::size_t, std::future<Opened>>> pending;
  for (std::size_t i : which) {
    Shard& s = shards_[i];
    if (s.entry.kind == ShardEntry::Kind::kRemote) {
      pending.emplace_back(i, std::async(std::launch::async, open_remote, s.entry, where_.remote_timeout));
      continue;
    }
    // A local shard is part of this machine's index: a problem with it is always an error.
    s.generation = index_generation(s.resolved);
    s.db = open_index_for_reading(s.resolved);
    s.up = true;
    s.error.clear();
  }
  for (auto& [i, future] : pending) {
    Shard& s = shards_[i];
    Opened opened = future.get();
    s.up = opened.db.has_value();
    s.error = opened.error;
    if (s.up) {
      s.db = std::move(*opened.db);
    } else {
      s.db = Xapian::Database();
      s.retry_at = Clock::now() + where_.retry_interval;
    }
  }
}

void ShardSet::apply_policy(const std::string& cause) {
  std::vector<std::string> down;
  for (const Shard& s : shards_) {
    if (!s.up) down.push_back(fmt::format("{} ({})", s.entry.label(), s.error.empty() ? cause : s.error));
  }
  if (down.empty()) return;
  if (down.size() == shards_.size()) {
    throw IndexError(fmt::format("{}: no shard answered: {}", where_.describe(), fmt::join(down, ", ")));
  }
  if (where_.on_failure == ShardFailurePolicy::kError) {
    throw IndexError(fmt::format("{}: shard{} unavailable: {}", where_.describe(), down.size() > 1 ? "s" : "",
                                 fmt::join(down, ", ")));
  }
}

void ShardSet::combine() {
  db_ = Xapian::Database();
  for (const Shard& s : shards_) {
    if (s.up) db_.add_database(s.db);
  }
}

std::string ShardSet::stub_signature() const {
  if (stub_.empty()) return {};
  struct stat st {};
  if (::stat(stub_.c_str(), &st) != 0) return "missing";
  return fmt::format("{}:{}:{}.{}", st.st_ino, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

std::vector<std::string> ShardSet::missing() const {
  std::vector<std::string> out;
  for (const Shard& s : shards_) {
    if (!s.up) out.push_back(s.entry.label());
  }
  return out;
}

std::vector<ShardStatus> ShardSet::status() const {
  std::vector<ShardStatus> out;
  for (const Shard& s : shards_) {
    ShardStatus st;
    st.label = s.entry.label();
    st.remote = s.entry.kind == ShardEntry::Kind::kRemote;
    st.up = s.up;
    st.error = s.error;
    if (s.up) st.documents = s.db.get_doccount();
    out.push_back(std::move(st));
  }
  return out;
}

std::uint64_t ShardSet::revision() const {
  std::uint64_t sum = 0;
  for (const Shard& s : shards_) {
    if (!s.up || s.entry.kind == ShardEntry::Kind::kRemote) continue;
    try {
      sum += s.db.get_revision();
    } catch (const Xapian::Error&) {
      // A local entry that is itself a stub of several databases has no single revision.
    }
  }
  return sum;
}

bool ShardSet::refresh() {
  if (stub_signature() != stub_seen_) {
    // The stub was rewritten (a new year shard, or a replica's swap): open everything anew.
    load_layout();
    recover("cannot connect");
    return true;
  }
  // Shards left out are tried again once their retry time has come (at once under kError: a
  // search is never answered without them).
  std::vector<std::size_t> due;
  const auto now = Clock::now();
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    const Shard& s = shards_[i];
    if (!s.up && (s.retry_at <= now || where_.on_failure == ShardFailurePolicy::kError)) due.push_back(i);
  }
  // A bulk indexing run put a whole new database in place of a local shard (core/database.h).
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    const Shard& s = shards_[i];
    if (s.up && s.entry.kind == ShardEntry::Kind::kLocal && index_generation(s.resolved) != s.generation) {
      due.push_back(i);
    }
  }
  bool changed = false;
  if (!due.empty()) {
    open_shards(due);
    apply_policy("cannot connect");
    combine();
    changed = true;
  }
  try {
    // reopen() itself may meet a writer's second commit: try again on the newer revision.
    for (int attempt = 0;; ++attempt) {
      try {
        changed = db_.reopen() || changed;
        break;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= 10) throw;
      }
    }
  } catch (const Xapian::DatabaseOpeningError& e) {
    // xapian-replicate swapped in a full copy and removed the directory we had open.
    recover(e.get_description());
    changed = true;
  } catch (const Xapian::NetworkError& e) {
    recover(e.get_description());
    changed = true;
  }
  return changed;
}

void ShardSet::recover(const std::string& cause) {
  std::vector<std::size_t> all(shards_.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  open_shards(all);
  apply_policy(cause);
  combine();
}

}  // namespace depeche
