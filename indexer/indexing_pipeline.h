// `depeche index` as a library call: readers → parallel document builders → one writer, with
// periodic commits, bounded memory, and a clean stop on request.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "indexer/input_reader.h"
#include "indexer/sharded_writer.h"

namespace depeche::indexer {

struct IndexingProgress {
  std::uint64_t documents = 0;     // written to the index so far (added + updated)
  std::uint64_t skipped = 0;       // bad records so far
  double fraction_done = -1;       // 0–1 estimate from input bytes, -1 when unknown (stdin)
  std::chrono::duration<double> elapsed{};
};

struct IndexingOptions {
  std::string db_path;
  std::vector<std::string> inputs;             // files, directories, or "-" for stdin
  InputFormat format = InputFormat::kAuto;
  unsigned threads = 0;                        // analysis threads; 0: one per core
  std::uint64_t commit_every = 5000;           // documents between commits
  bool strict = false;                         // stop at the first bad record
  ShardingRequest sharding;                    // --shards / --shard-by for a new index
  // Called from the writer thread about twice a second.
  std::function<void(const IndexingProgress&)> on_progress;
  // Called for each bad record (already counted), from the writer thread, in input order.
  std::function<void(const RecordError&)> on_record_error;
  // Set asynchronously (signal handler) to stop: what is done is committed, then run returns.
  const std::atomic<bool>* stop_requested = nullptr;
};

struct IndexingSummary {
  std::uint64_t added = 0;
  std::uint64_t updated = 0;
  std::uint64_t skipped = 0;
  std::uint64_t commits = 0;
  std::uint64_t total_documents = 0;  // in the index at the end
  bool interrupted = false;           // stopped on request (or --strict) before the end
  std::chrono::duration<double> elapsed{};
};

// Runs the whole job. Throws UsageError / InputError / IndexError for problems that stop it before
// or during the run (missing input, locked index); anything committed before stays committed.
IndexingSummary run_indexing(const IndexingOptions& options);

}  // namespace depeche::indexer
