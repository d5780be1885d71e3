// Workers keyed by thread id, so no Xapian handle ever crosses threads.
#include "server/worker_pool.h"

#include "core/database.h"

namespace depeche::server {

Worker::Worker(const std::string& db_path)
    : searcher(db_path), db(open_index_for_reading(db_path)) {}

Worker& WorkerPool::for_this_thread() {
  const auto id = std::this_thread::get_id();
  {
    std::lock_guard lock(mutex_);
    auto it = workers_.find(id);
    if (it != workers_.end()) return *it->second;
  }
  // Opened outside the lock: a slow open must not stall the other threads' lookups.
  auto worker = std::make_unique<Worker>(db_path_);
  std::lock_guard lock(mutex_);
  return *workers_.emplace(id, std::move(worker)).first->second;
}

}  // namespace depeche::server
