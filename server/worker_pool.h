// One Searcher (and one plain database handle) per HTTP worker thread, created on first use:
// a Searcher owns a Xapian::Database, a parser and an analyzer, none of which may be shared.
#pragma once

#include <xapian.h>

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "searcher/searcher.h"

namespace depeche::server {

struct Worker {
  explicit Worker(const std::string& db_path);
  search::Searcher searcher;
  Xapian::Database db;  // for article lookups and health: reopened before each use
};

class WorkerPool {
 public:
  explicit WorkerPool(std::string db_path) : db_path_(std::move(db_path)) {}

  // The calling thread's worker. Throws IndexError when the index cannot be opened.
  Worker& for_this_thread();

 private:
  std::string db_path_;
  std::mutex mutex_;  // guards the map only; a worker is used by its own thread alone
  std::unordered_map<std::thread::id, std::unique_ptr<Worker>> workers_;
};

}  // namespace depeche::server
