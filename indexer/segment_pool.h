// Bulk writing in parallel: a few threads, each writing documents into small temporary Xapian
// databases ("segments") that IndexWriter later merges into the index with Xapian's Compactor.
//
// Why: Xapian's cost per added document grows with the size of what a WritableDatabase has
// buffered and with the size of the B-trees a flush updates, and one WritableDatabase is one
// thread. Small fresh databases written side by side and merged in one linear pass cost less than
// half as much per document and use every core (docs/BENCHMARKS.md has the measurements).
//
// Segments are scratch: written without fsync, never read by searches, deleted after a merge. A
// crash loses them, never the index.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace depeche::indexer {

struct Segment {
  std::uint64_t ordinal = 0;  // creation order across all threads
  std::string path;
  Xapian::doccount documents = 0;
};

class SegmentPool {
 public:
  // Segments go to directories under `scratch_dir` (created when needed); each holds at most
  // `docs_per_segment` documents.
  SegmentPool(std::string scratch_dir, unsigned threads, Xapian::doccount docs_per_segment);
  ~SegmentPool();
  SegmentPool(const SegmentPool&) = delete;
  SegmentPool& operator=(const SegmentPool&) = delete;

  unsigned threads() const { return static_cast<unsigned>(workers_.size()); }

  // Queues a document for thread `worker` (blocks while its queue is full). A document with an id
  // term its thread has written before replaces it when still in the same segment; otherwise the
  // newer copy lands in a segment of higher ordinal.
  // `spelling`: the article's words for the spelling data, written into the segment too (the
  // Compactor sums them when merging), so that cost is shared by the threads.
  void add(unsigned worker, std::string id_term, Xapian::Document&& doc,
           std::vector<std::pair<std::string, Xapian::termcount>>&& spelling);

  // Waits until every queued document is written, commits and closes the open segments, and
  // returns every segment written since the last call, in ordinal order. Rethrows the first
  // error a thread met (a full disk…).
  std::vector<Segment> finish_segments();

 private:
  struct Job {
    std::string id_term;
    Xapian::Document doc;
    std::vector<std::pair<std::string, Xapian::termcount>> spelling;
    bool flush = false;
  };
  struct Worker {
    std::mutex mu;
    std::condition_variable cv;
    std::deque<Job> queue;
    std::thread thread;
  };
  void run(Worker& w);
  Segment open_segment();

  std::string scratch_dir_;
  Xapian::doccount docs_per_segment_;
  std::vector<std::unique_ptr<Worker>> workers_;

  std::mutex mu_;  // guards what follows
  std::condition_variable done_cv_;
  std::uint64_t next_ordinal_ = 0;
  std::vector<Segment> finished_;
  unsigned flushes_pending_ = 0;
  std::exception_ptr error_;
  bool stopping_ = false;
};

}  // namespace depeche::indexer
