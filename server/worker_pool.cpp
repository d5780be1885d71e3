// Workers keyed by thread id, so no Xapian handle ever crosses threads.
#include "server/worker_pool.h"


namespace depeche::server {

Worker::Worker(const IndexLocation& where) : searcher(where) {
  // A server answers many searches per revision: exact facets from shared in-memory columns.
  searcher.use_facet_columns(true);
}

Worker& WorkerPool::for_this_thread() {
  const auto id = std::this_thread::get_id();
  {
    std::lock_guard lock(mutex_);
    auto it = workers_.find(id);
    if (it != workers_.end()) return *it->second;
  }
  // Opened outside the lock: a slow open must not stall the other threads' lookups.
  auto worker = std::make_unique<Worker>(where_);
  std::lock_guard lock(mutex_);
  return *workers_.emplace(id, std::move(worker)).first->second;
}

}  // namespace depeche::server
