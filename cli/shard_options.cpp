// --remote, --shard-timeout, --on-shard-failure.
#include "cli/shard_options.h"

#include "core/error.h"

namespace depeche::cli {

void add_shard_options(CLI::App* cmd, ShardOptions& o) {
  cmd->add_option("--remote", o.remotes,
                  "A shard served by xapian-tcpsrv, HOST:PORT; repeat for each (with or without --db)")
      ->allow_extra_args(false);
  cmd->add_option("--shard-timeout", o.timeout_ms,
                  "Milliseconds a remote shard may take to connect or answer (default: time limit + 1000)")
      ->check(CLI::Range(1u, 600000u));
  cmd->add_option("--on-shard-failure", o.on_failure,
                  "partial: answer without shards that are down, flagged; error: fail the search")
      ->check(CLI::IsMember({"partial", "error"}))
      ->capture_default_str();
}

IndexLocation index_location(const std::string& db, const ShardOptions& o, std::chrono::milliseconds time_limit) {
  if (db.empty() && o.remotes.empty()) throw UsageError("give the index with --db DIR, --remote HOST:PORT, or both");
  IndexLocation where;
  where.path = db;
  for (const std::string& r : o.remotes) parse_remote_shard(r);  // a malformed one is a usage error now
  where.remotes = o.remotes;
  where.remote_timeout = o.timeout_ms ? std::chrono::milliseconds(o.timeout_ms) : time_limit + std::chrono::seconds(1);
  where.on_failure = parse_shard_failure_policy(o.on_failure);
  return where;
}

}  // namespace depeche::cli
