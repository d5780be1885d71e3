// One Searcher per HTTP worker thread, created on first use: a Searcher owns its shards' database
// handles, a parser and an analyzer, none of which may be shared.
#pragma once

#include <xapian.h>

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "core/shards.h"
#include "searcher/searcher.h"

namespace depeche::server {

struct Worker {
  explicit Worker(const IndexLocation& where);
  search::Searcher searcher;
  // For article lookups and health: the searcher's shards, refreshed before each use.
  ShardSet& index() { return searcher.shards(); }
};

class WorkerPool {
 public:
  explicit WorkerPool(IndexLocation where) : where_(std::move(where)) {}

  // The calling thread's worker. Throws IndexError when the index cannot be opened.
  Worker& for_this_thread();

 private:
  IndexLocation where_;
  std::mutex mutex_;  // guards the map only; a worker is used by its own thread alone
  std::unordered_map<std::thread::id, std::unique_ptr<Worker>> workers_;
};

}  // namespace depeche::server
