// Front end of the indexer library: options in, progress and summaries out.
#include "cli/index_commands.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/signals.h"
#include "cli/text_output.h"
#include "core/error.h"
#include "core/shards.h"
#include "indexer/index_stats.h"
#include "indexer/index_writer.h"
#include "indexer/indexing_pipeline.h"
#include "indexer/sharded_writer.h"

namespace depeche::cli {
namespace {

// Thrown to end a command with a documented non-zero status after its output is printed.
struct ExitWith {
  int status;
};

std::string duration_text(double seconds) {
  const auto s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02d}:{:02d}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02d}", s / 60, s % 60);
}

// "[=========>          ]  45%  12 345 docs  1 234 docs/s  ETA 0:42", redrawn in place.
void draw_progress_bar(const indexer::IndexingProgress& p) {
  const double seconds = std::max(p.elapsed.count(), 1e-3);
  const double rate = static_cast<double>(p.documents) / seconds;
  std::string line;
  if (p.fraction_done >= 0) {
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(p.fraction_done * kWidth);
    line = fmt::format("[{}{}{}] {:3.0f}%  ", std::string(static_cast<std::size_t>(filled), '='),
                       filled < kWidth ? ">" : "",
                       std::string(static_cast<std::size_t>(std::max(0, kWidth - filled - 1)), ' '),
                       p.fraction_done * 100);
  }
  line += fmt::format("{} docs  {:.0f} docs/s", p.documents, rate);
  if (p.skipped) line += fmt::format("  {} skipped", p.skipped);
  if (p.fraction_done > 0.01) {
    line += "  ETA " + duration_text(seconds * (1 - p.fraction_done) / p.fraction_done);
  }
  std::cerr << "\r" << line << "\x1b[K" << std::flush;
}

// A CLI11 callback that runs `command` and turns ExitWith into the process exit status.
template <typename Options>
std::function<void()> with_exit_status(std::shared_ptr<Options> options,
                                       void (*command)(const Options&)) {
  return [options, command] {
    try {
      command(*options);
    } catch (const ExitWith& e) {
      throw CLI::RuntimeError(e.status);
    }
  };
}

struct IndexOptions {
  std::string db;
  std::vector<std::string> inputs;
  std::string format = "auto";
  unsigned threads = 0;
  std::uint64_t commit_every = 5000;
  bool strict = false;
  bool json = false;
  unsigned shards = 0;
  std::string shard_by;
};

indexer::ShardingRequest sharding_request(const IndexOptions& o) {
  indexer::ShardingRequest r;
  if (o.shard_by == "year") {
    if (o.shards) throw UsageError("--shard-by year makes one shard per year: it takes no --shards");
    r.by_year = true;
  } else if (o.shard_by == "id" && o.shards == 0) {
    throw UsageError("--shard-by id needs the number of shards: --shards N");
  }
  r.shards = o.shards;
  return r;
}

void run_index(const IndexOptions& o) {
  indexer::IndexingOptions opts;
  opts.db_path = o.db;
  opts.inputs = o.inputs;
  opts.format = indexer::parse_input_format(o.format);
  opts.threads = o.threads;
  opts.commit_every = o.commit_every;
  opts.strict = o.strict;
  opts.sharding = sharding_request(o);
  opts.stop_requested = &install_stop_signal_handlers();

  const bool quiet = !spdlog::should_log(spdlog::level::info);
  const bool tty = isatty(STDERR_FILENO) != 0;
  bool bar_drawn = false;
  auto last_log = std::chrono::steady_clock::now();
  if (!quiet) {
    opts.on_progress = [&](const indexer::IndexingProgress& p) {
      if (tty) {
        draw_progress_bar(p);
        bar_drawn = true;
      } else if (std::chrono::steady_clock::now() - last_log >= std::chrono::seconds(5)) {
        last_log = std::chrono::steady_clock::now();
        spdlog::info("indexer: progress docs={} skipped={} docs_per_s={:.0f}", p.documents,
                     p.skipped, static_cast<double>(p.documents) / std::max(p.elapsed.count(), 1e-3));
      }
    };
  }
  opts.on_record_error = [&](const indexer::RecordError& e) {
    if (bar_drawn) std::cerr << "\r\x1b[K";
    spdlog::warn("{}", indexer::to_string(e));
  };

  const indexer::IndexingSummary s = indexer::run_indexing(opts);
  if (bar_drawn) std::cerr << "\r\x1b[K" << std::flush;
  const int sig = stop_signal();
  if (o.json) {
    nlohmann::json j = {{"added", s.added},        {"updated", s.updated},
                        {"skipped", s.skipped},    {"commits", s.commits},
                        {"documents", s.total_documents}, {"interrupted", s.interrupted},
                        {"seconds", s.elapsed.count()}};
    std::cout << j.dump() << '\n';
  } else {
    std::cout << fmt::format(
        "indexed {} articles ({} new, {} updated), skipped {} bad records, {} in {:.1f} s; "
        "the index holds {} articles\n",
        s.added + s.updated, s.added, s.updated, s.skipped,
        s.commits == 1 ? std::string("1 commit") : fmt::format("{} commits", s.commits),
        s.elapsed.count(), s.total_documents);
  }
  if (sig) {
    spdlog::warn("indexer: stopped by signal {}; everything indexed so far is committed", sig);
    throw ExitWith{kExitInterrupted};
  }
  if (s.interrupted && o.strict) {
    spdlog::error("indexer: stopped at the first bad record (--strict)");
  }
  if (s.skipped) throw ExitWith{kExitInputRejected};
}

struct DeleteOptions {
  std::string db;
  std::vector<std::string> ids;
};

void run_delete(const DeleteOptions& o) {
  indexer::ShardedIndexWriter writer(o.db);  // each id goes to the shard that holds it
  std::vector<std::string> missing;
  std::size_t deleted = 0;
  for (const std::string& id : o.ids) {
    if (writer.remove(id)) {
      ++deleted;
    } else {
      missing.push_back(id);
    }
  }
  writer.commit();
  std::cout << fmt::format("deleted {} articles; the index holds {} articles\n", deleted,
                           writer.doc_count());
  for (const std::string& id : missing) spdlog::warn("delete: no article with id '{}'", id);
  if (!missing.empty()) throw ExitWith{kExitInputRejected};
}

struct StatsOptions {
  std::string db;
  bool json = false;
  std::size_t top = 10;
};

std::string human_size(std::uint64_t bytes) {
  if (bytes >= (1ULL << 30)) return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / (1ULL << 30));
  if (bytes >= (1ULL << 20)) return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1ULL << 20));
  return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024);
}

void run_stats(const StatsOptions& o) {
  const indexer::IndexStats s = indexer::read_index_stats(o.db, o.top);
  StubFile layout;  // a sharded index lists its shards (core/shards.h)
  if (const std::string stub = stub_file_of(o.db); !stub.empty()) layout = read_stub_file(stub);
  const char* shard_by = layout.routing == ShardRouting::kById     ? "id"
                         : layout.routing == ShardRouting::kByYear ? "year"
                                                                   : "";
  auto facet_json = [](const std::vector<indexer::FacetCount>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& f : v) a.push_back({{"value", f.value}, {"count", f.count}});
    return a;
  };
  if (o.json) {
    nlohmann::json j = {{"path", s.path},
                        {"documents", s.documents},
                        {"dated_documents", s.dated_documents},
                        {"first_date", s.first_date},
                        {"last_date", s.last_date},
                        {"top_countries", facet_json(s.top_countries)},
                        {"top_speakers", facet_json(s.top_speakers)},
                        {"top_sources", facet_json(s.top_sources)},
                        {"distinct_words", s.distinct_terms_estimate},
                        {"size_bytes", s.size_bytes},
                        {"last_update", s.last_update},
                        {"schema_version", s.schema_version},
                        {"shards", layout.shards.size()},
                        {"shard_by", shard_by}};
    std::cout << j.dump(2) << '\n';
    return;
  }
  std::cout << fmt::format("index         {}\n", s.path);
  std::cout << fmt::format("articles      {} ({} dated)\n", s.documents, s.dated_documents);
  if (!layout.shards.empty()) {
    std::cout << fmt::format("shards        {}{}\n", layout.shards.size(), *shard_by ? fmt::format(", by {}", shard_by) : "");
  }
  if (!s.first_date.empty()) std::cout << fmt::format("dates         {} .. {}\n", s.first_date, s.last_date);
  std::cout << fmt::format("words         {} distinct\n", s.distinct_terms_estimate);
  std::cout << fmt::format("size          {}\n", human_size(s.size_bytes));
  std::cout << fmt::format("last update   {}\n", s.last_update.empty() ? "never" : s.last_update);
  auto print_facet = [](const char* title, const std::vector<indexer::FacetCount>& v) {
    if (v.empty()) return;
    std::cout << '\n' << title << '\n';
    Table t({"count", "value"});
    for (const auto& f : v) t.add_row({std::to_string(f.count), f.value});
    t.print(std::cout);
  };
  print_facet("top countries", s.top_countries);
  print_facet("top speakers", s.top_speakers);
  print_facet("top sources", s.top_sources);
}

}  // namespace

void add_index_command(CLI::App& app) {
  auto o = std::make_shared<IndexOptions>();
  CLI::App* cmd = app.add_subcommand(
      "index", "Add or update articles from JSON Lines, plain-text articles or RSS/Atom feeds");
  cmd->add_option("--db", o->db, "Index directory (created when missing)")->required();
  cmd->add_option("inputs", o->inputs, "Files, directories (recursive) or - for standard input")
      ->required();
  cmd->add_option("--format", o->format, "Input format: auto, jsonl, text, rss")
      ->capture_default_str();
  cmd->add_option("--threads", o->threads, "Analysis threads (default: one per core)");
  cmd->add_option("--commit-every", o->commit_every, "Documents between commits (new articles become durable at merges, which grow further apart as the index grows: see README)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--strict", o->strict, "Stop at the first bad record (exit status 3)");
  cmd->add_option("--shards", o->shards,
                  "Create a sharded index of N shards, articles routed by id (docs/SCALING.md); fixed at creation")
      ->check(CLI::Range(1u, indexer::kMaxShards));
  cmd->add_option("--shard-by", o->shard_by, "id (with --shards N) or year: one shard per publication year")
      ->check(CLI::IsMember({"id", "year"}));
  cmd->add_flag("--json", o->json, "Print the summary as JSON");
  cmd->callback(with_exit_status(o, run_index));
}

void add_delete_command(CLI::App& app) {
  auto o = std::make_shared<DeleteOptions>();
  CLI::App* cmd = app.add_subcommand("delete", "Remove articles from an index by id");
  cmd->add_option("--db", o->db, "Index directory")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("ids", o->ids, "Article ids")->required();
  cmd->callback(with_exit_status(o, run_delete));
}

void add_stats_command(CLI::App& app) {
  auto o = std::make_shared<StatsOptions>();
  CLI::App* cmd = app.add_subcommand("stats", "Show what an index holds");
  cmd->add_option("--db", o->db, "Index directory")->required();
  cmd->add_flag("--json", o->json, "Print as JSON");
  cmd->add_option("--top", o->top, "How many top countries, speakers and sources")
      ->capture_default_str();
  cmd->callback([o] { run_stats(*o); });
}

}  // namespace depeche::cli
