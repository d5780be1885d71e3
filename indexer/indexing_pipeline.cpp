// The indexing pipeline. Threads: one reader, N builders, and the caller as the only writer.
// Items carry a sequence number and the writer takes them strictly in input order, so a run is
// deterministic (duplicate ids: last one wins; near-duplicates: first one founds the story).
// Memory is bounded: the reader blocks when kQueuePerThread × N articles wait to be built, and
// builders block when as many built documents wait for the writer.
#include "indexer/indexing_pipeline.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

#include "core/error.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "indexer/sharded_writer.h"

namespace depeche::indexer {
namespace {

constexpr std::size_t kQueuePerThread = 32;
constexpr auto kProgressInterval = std::chrono::milliseconds(500);

using Clock = std::chrono::steady_clock;

struct Input {
  std::uint64_t seq = 0;
  std::variant<Article, RecordError> item;
};

struct Output {
  std::variant<BuiltDocument, RecordError> item;
  std::uint64_t input_bytes = 0;  // estimate of the input this record used, for progress
};

// Articles waiting to be built: a bounded FIFO that can be closed (no more input) or aborted.
class InputQueue {
 public:
  explicit InputQueue(std::size_t capacity) : capacity_(capacity) {}

  // False when aborted.
  bool push(Input&& v) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return aborted_ || items_.size() < capacity_; });
    if (aborted_) return false;
    items_.push_back(std::move(v));
    not_empty_.notify_one();
    return true;
  }

  std::optional<Input> pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return aborted_ || closed_ || !items_.empty(); });
    if (aborted_ || items_.empty()) return std::nullopt;
    Input v = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return v;
  }

  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

  void abort() {
    std::lock_guard lock(mu_);
    aborted_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<Input> items_;
  std::size_t capacity_;
  bool closed_ = false;
  bool aborted_ = false;
};

// Built documents waiting for the writer, keyed by sequence number so it can take them in order.
class ReorderBuffer {
 public:
  explicit ReorderBuffer(std::size_t capacity) : capacity_(capacity) {}

  // Blocks while full, except for the item the writer waits for (so the pipeline cannot jam).
  void put(std::uint64_t seq, Output&& v) {
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return aborted_ || seq == next_ || items_.size() < capacity_; });
    if (aborted_) return;
    items_.emplace(seq, std::move(v));
    ready_.notify_all();
  }

  // The next item in order; nullopt after `timeout` or when every producer is done and none is left.
  std::optional<Output> take(std::chrono::milliseconds timeout, bool& finished) {
    std::unique_lock lock(mu_);
    ready_.wait_for(lock, timeout, [&] { return items_.count(next_) || producers_ == 0; });
    auto it = items_.find(next_);
    if (it == items_.end()) {
      finished = producers_ == 0;
      return std::nullopt;
    }
    Output v = std::move(it->second);
    items_.erase(it);
    ++next_;
    space_.notify_all();
    return v;
  }

  void set_producers(unsigned n) { producers_ = n; }
  void producer_done() {
    std::lock_guard lock(mu_);
    --producers_;
    ready_.notify_all();
  }
  void abort() {
    std::lock_guard lock(mu_);
    aborted_ = true;
    space_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::map<std::uint64_t, Output> items_;
  std::uint64_t next_ = 0;
  std::size_t capacity_;
  unsigned producers_ = 0;
  bool aborted_ = false;
};

struct StopReading {};

// The readers' sink: numbers records and queues them; throws StopReading to end reading early.
class QueueSink : public ArticleSink {
 public:
  QueueSink(InputQueue& queue, const std::atomic<bool>& stop) : queue_(queue), stop_(stop) {}
  void on_article(Article&& a) override { push(Input{seq_++, std::move(a)}); }
  void on_error(RecordError&& e) override { push(Input{seq_++, std::move(e)}); }

 private:
  void push(Input&& v) {
    if (stop_.load() || !queue_.push(std::move(v))) throw StopReading{};
  }
  InputQueue& queue_;
  const std::atomic<bool>& stop_;
  std::uint64_t seq_ = 0;
};

std::uint64_t input_size(const std::vector<std::string>& inputs, bool& known) {
  known = true;
  std::uint64_t total = 0;
  std::error_code ec;
  for (const std::string& path : inputs) {
    if (path == "-") {
      known = false;
      continue;
    }
    if (std::filesystem::is_directory(path, ec)) {
      for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) total += it->file_size(ec);
      }
    } else {
      total += std::filesystem::file_size(path, ec);
    }
  }
  return total;
}

std::uint64_t estimated_input_bytes(const Article& a) {
  // Title, body and the other fields, plus the syntax around them in the input.
  return a.title.size() + a.body.size() + a.url.size() + a.source.size() + a.id.size() + 120;
}

}  // namespace

IndexingSummary run_indexing(const IndexingOptions& opt) {
  if (opt.inputs.empty()) throw UsageError("no input given (files, directories or - for stdin)");
  for (const std::string& path : opt.inputs) {
    std::error_code ec;
    if (path != "-" && !std::filesystem::exists(path, ec)) {
      throw InputError(path + ": No such file or directory");
    }
  }
  if (opt.commit_every == 0) throw UsageError("--commit-every must be at least 1");
  const auto started = Clock::now();
  bool size_known = false;
  const std::uint64_t total_bytes = input_size(opt.inputs, size_known);

  // One IndexWriter, or one per shard (indexer/sharded_writer.h). Throws before any thread starts.
  ShardedIndexWriter writer(opt.db_path, opt.sharding);

  const unsigned threads = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
  // New articles through parallel segments, merged into the index (indexer/segment_pool.h).
  writer.begin_bulk(threads);
  InputQueue inputs(kQueuePerThread * threads);
  ReorderBuffer outputs(kQueuePerThread * threads);
  outputs.set_producers(threads);
  std::atomic<bool> stop{false};
  std::exception_ptr reader_error;

  std::thread reader([&] {
    try {
      QueueSink sink(inputs, stop);
      read_inputs(opt.inputs, opt.format, sink);
    } catch (const StopReading&) {
    } catch (...) {
      reader_error = std::current_exception();
    }
    inputs.close();
  });
  std::vector<std::thread> builders;
  for (unsigned t = 0; t < threads; ++t) {
    builders.emplace_back([&] {
      DocumentBuilder builder;
      while (std::optional<Input> in = inputs.pop()) {
        Output out;
        if (auto* article = std::get_if<Article>(&in->item)) {
          out.input_bytes = estimated_input_bytes(*article);
          try {
            out.item = builder.build(*article);
          } catch (const std::exception& e) {
            out.item = RecordError{article->origin, std::string("cannot index: ") + e.what()};
          }
        } else {
          out.item = std::move(std::get<RecordError>(in->item));
        }
        outputs.put(in->seq, std::move(out));
      }
      outputs.producer_done();
    });
  }
  auto shut_down = [&] {
    stop = true;
    inputs.abort();
    outputs.abort();
    reader.join();
    for (auto& b : builders) b.join();
  };

  IndexingSummary summary;
  std::uint64_t since_commit = 0;
  std::uint64_t bytes_done = 0;
  auto last_progress = Clock::now();
  auto report = [&](bool finished_run) {
    if (!opt.on_progress) return;
    IndexingProgress p;
    p.documents = summary.added + summary.updated;
    p.skipped = summary.skipped;
    p.elapsed = Clock::now() - started;
    if (size_known && total_bytes > 0) {
      // Input bytes are estimated from the articles, so only the end of the run says 100 %.
      p.fraction_done = finished_run ? 1.0
                                     : std::min(0.99, static_cast<double>(bytes_done) /
                                                          static_cast<double>(total_bytes));
    }
    opt.on_progress(p);
  };
  try {
    bool finished = false;
    while (!finished) {
      if (opt.stop_requested && opt.stop_requested->load()) {
        summary.interrupted = true;
        break;
      }
      std::optional<Output> out = outputs.take(std::chrono::milliseconds(200), finished);
      if (out) {
        bytes_done += out->input_bytes;
        if (auto* built = std::get_if<BuiltDocument>(&out->item)) {
          for (const std::string& w : built->warnings) {
            spdlog::warn("{}:{}: {}", built->origin.file, built->origin.line, w);
          }
          if (writer.upsert(std::move(*built)) == UpsertOutcome::kAdded) {
            ++summary.added;
          } else {
            ++summary.updated;
          }
          if (++since_commit >= opt.commit_every) {
            writer.commit();
            ++summary.commits;
            since_commit = 0;
          }
        } else {
          const auto& error = std::get<RecordError>(out->item);
          ++summary.skipped;
          if (opt.on_record_error) opt.on_record_error(error);
          if (opt.strict) {
            summary.interrupted = true;
            break;
          }
        }
      }
      if (Clock::now() - last_progress >= kProgressInterval) {
        report(false);
        last_progress = Clock::now();
      }
    }
  } catch (...) {
    shut_down();  // the index stays at its last commit
    throw;
  }
  shut_down();
  writer.end_bulk();
  writer.commit();
  ++summary.commits;
  summary.total_documents = writer.doc_count();
  summary.elapsed = Clock::now() - started;
  if (!summary.interrupted) report(true);
  if (reader_error && !summary.interrupted) std::rethrow_exception(reader_error);
  return summary;
}

}  // namespace depeche::indexer
