// The options every reading command shares for sharded and remote indexes: --remote,
// --shard-timeout, --on-shard-failure (docs/SCALING.md).
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "core/shards.h"

namespace depeche::cli {

struct ShardOptions {
  std::vector<std::string> remotes;  // HOST:PORT of shards served by xapian-tcpsrv
  unsigned timeout_ms = 0;           // 0: the search time limit plus one second
  std::string on_failure = "partial";
};

// Adds --remote, --shard-timeout and --on-shard-failure to `cmd`.
void add_shard_options(CLI::App* cmd, ShardOptions& options);

// Where to read: `db` (may be empty when remotes are given) and the remote shards, with the
// remote timeout derived from the search time limit unless given. Throws UsageError.
IndexLocation index_location(const std::string& db, const ShardOptions& options,
                             std::chrono::milliseconds time_limit);

}  // namespace depeche::cli
