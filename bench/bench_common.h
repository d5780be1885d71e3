// What every query harness of bench/ shares (Depeche's and the peers'): the query file, the
// command line, the timing loop over 1..N threads and the one-line JSON report bench/run reads.
//
// Query file (bench/queries.tsv): one query a line, TAB-separated
//   text <TAB> country <TAB> from-year <TAB> to-year
// Only `text` is required. Modes:
//   plain   the text, top 10 by relevance, stored fields (id, title, date) read;
//   facet   plain, plus a facet counted exactly over every match;
//   filter  facet, plus the filters of the line (country, years);
//   full    filter, plus a highlighted title and body snippet for each of the 10 hits (when the
//           engine can make them).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace bench {

struct Query {
  std::string text;
  std::string country;  // ISO code, uppercase; empty: none
  int from_year = 0;    // 0: open
  int to_year = 0;
};

enum class Mode { kPlain, kFacet, kFilter, kFull };

inline const char* mode_name(Mode m) {
  switch (m) {
    case Mode::kPlain: return "plain";
    case Mode::kFacet: return "facet";
    case Mode::kFilter: return "filter";
    case Mode::kFull: return "full";
  }
  return "?";
}
inline bool with_facet(Mode m) { return m != Mode::kPlain; }
inline bool with_filters(Mode m) { return m == Mode::kFilter || m == Mode::kFull; }
inline bool with_snippets(Mode m) { return m == Mode::kFull; }

inline std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (true) {
    const std::size_t j = line.find('\t', i);
    out.push_back(line.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return out;
}

inline std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the query file " + path);
  std::vector<Query> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto f = split_tabs(line);
    Query q;
    q.text = f[0];
    if (f.size() > 1) q.country = f[1];
    if (f.size() > 2 && !f[2].empty()) q.from_year = std::stoi(f[2]);
    if (f.size() > 3 && !f[3].empty()) q.to_year = std::stoi(f[3]);
    out.push_back(std::move(q));
  }
  if (out.empty()) throw std::runtime_error("no query in " + path);
  return out;
}

// The common options of a query harness: --queries FILE --mode M --threads N --passes P
// [--per-query FILE].
struct RunOptions {
  std::string queries_path;
  Mode mode = Mode::kPlain;
  int threads = 1;
  int passes = 5;
  std::string engine;          // name written in the report
  std::string per_query_path;  // --per-query FILE: each query's median and worst time, as TSV
};

// Consumes the common options from argv; returns the others (harness-specific) in order.
inline std::vector<std::string> parse_run_options(int argc, char** argv, RunOptions& o) {
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--queries") {
      o.queries_path = value();
    } else if (a == "--mode") {
      const std::string m = value();
      if (m == "plain") {
        o.mode = Mode::kPlain;
      } else if (m == "facet") {
        o.mode = Mode::kFacet;
      } else if (m == "filter") {
        o.mode = Mode::kFilter;
      } else if (m == "full") {
        o.mode = Mode::kFull;
      } else {
        throw std::runtime_error("unknown mode " + m + " (plain, facet, filter, full)");
      }
    } else if (a == "--threads") {
      o.threads = std::max(1, std::stoi(value()));
    } else if (a == "--passes") {
      o.passes = std::max(1, std::stoi(value()));
    } else if (a == "--per-query") {
      o.per_query_path = value();
    } else {
      rest.push_back(a);
    }
  }
  if (o.queries_path.empty()) throw std::runtime_error("--queries FILE is required");
  return rest;
}

// What one query returned, to check that engines answer alike.
struct Outcome {
  std::uint64_t matches = 0;  // matching documents (exact in facet and full modes)
  std::size_t hits = 0;       // documents read (≤ 10)
};

// One per thread: opens its own handle on the index, then runs queries.
class Runner {
 public:
  virtual ~Runner() = default;
  virtual Outcome run(const Query& q, Mode mode) = 0;
};

struct Report {
  std::vector<double> latencies_ms;
  std::vector<std::vector<double>> per_query_ms;  // by query index
  std::vector<std::uint64_t> per_query_matches;   // warm-up pass
  double wall_s = 0;
  std::uint64_t matches = 0;  // summed over the query set (warm-up pass)
  std::size_t zero_match_queries = 0;
};

inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

// One untimed warm-up pass (caches, lazily built structures), then `passes` timed passes of the
// whole query set on each of `threads` threads, each thread starting at a different query.
inline Report measure(const std::vector<Query>& queries, const RunOptions& o,
                      const std::function<std::unique_ptr<Runner>()>& make_runner) {
  using Clock = std::chrono::steady_clock;
  std::vector<std::unique_ptr<Runner>> runners;
  for (int t = 0; t < o.threads; ++t) runners.push_back(make_runner());
  Report report;
  for (const Query& q : queries) {
    const Outcome r = runners[0]->run(q, o.mode);
    report.matches += r.matches;
    report.per_query_matches.push_back(r.matches);
    if (r.matches == 0) ++report.zero_match_queries;
  }
  // Per thread: (query index, milliseconds) of every timed query.
  std::vector<std::vector<std::pair<std::size_t, double>>> per_thread(static_cast<std::size_t>(o.threads));
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < o.threads; ++t) {
    threads.emplace_back([&, t] {
      auto& lat = per_thread[static_cast<std::size_t>(t)];
      const std::size_t n = queries.size();
      const std::size_t offset = n * static_cast<std::size_t>(t) / static_cast<std::size_t>(o.threads);
      for (int p = 0; p < o.passes; ++p) {
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t qi = (k + offset) % n;
          const auto t0 = Clock::now();
          runners[static_cast<std::size_t>(t)]->run(queries[qi], o.mode);
          lat.emplace_back(qi, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  report.wall_s = std::chrono::duration<double>(Clock::now() - started).count();
  report.per_query_ms.resize(queries.size());
  for (const auto& v : per_thread) {
    for (const auto& [qi, ms] : v) {
      report.latencies_ms.push_back(ms);
      report.per_query_ms[qi].push_back(ms);
    }
  }
  return report;
}

// --per-query FILE: query text, median ms, worst ms, matches (TSV), to find the slow queries.
inline void write_per_query(const std::string& path, const std::vector<Query>& queries, const Report& r) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << "query\tcountry\tfrom\tto\tmedian_ms\tmax_ms\tmatches\n";
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const Query& q = queries[i];
    out << q.text << '\t' << q.country << '\t' << (q.from_year ? std::to_string(q.from_year) : "") << '\t'
        << (q.to_year ? std::to_string(q.to_year) : "") << '\t' << percentile(r.per_query_ms[i], 0.5) << '\t'
        << percentile(r.per_query_ms[i], 1.0) << '\t' << r.per_query_matches[i] << '\n';
  }
}

// One JSON line on stdout: what bench/run collects.
inline void print_report(const RunOptions& o, const Report& r, std::size_t query_count) {
  const double n = static_cast<double>(r.latencies_ms.size());
  double sum = 0;
  for (double v : r.latencies_ms) sum += v;
  std::printf(
      "{\"engine\": \"%s\", \"mode\": \"%s\", \"threads\": %d, \"queries\": %zu, \"samples\": %zu, "
      "\"p50_ms\": %.3f, \"p95_ms\": %.3f, \"p99_ms\": %.3f, \"mean_ms\": %.3f, \"max_ms\": %.3f, "
      "\"qps\": %.1f, \"mean_matches\": %.1f, \"zero_match_queries\": %zu}\n",
      o.engine.c_str(), mode_name(o.mode), o.threads, query_count, r.latencies_ms.size(),
      percentile(r.latencies_ms, 0.50), percentile(r.latencies_ms, 0.95), percentile(r.latencies_ms, 0.99),
      n > 0 ? sum / n : 0, percentile(r.latencies_ms, 1.0), n / std::max(r.wall_s, 1e-9),
      static_cast<double>(r.matches) / static_cast<double>(query_count), r.zero_match_queries);
  std::fflush(stdout);
}

// Runs a query harness: parse options, build runners, measure, report. Returns the exit status.
inline int run_harness(int argc, char** argv, const char* engine,
                       const std::function<std::unique_ptr<Runner>(const std::vector<std::string>&)>& factory) {
  try {
    RunOptions o;
    o.engine = engine;
    const auto rest = parse_run_options(argc, argv, o);
    const auto queries = read_queries(o.queries_path);
    const Report r = measure(queries, o, [&] { return factory(rest); });
    print_report(o, r, queries.size());
    if (!o.per_query_path.empty()) write_per_query(o.per_query_path, queries, r);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
    return 1;
  }
}

// YYYYMMDD bounds of a query's year filter ("" when open).
inline std::string date_from(const Query& q) { return q.from_year ? std::to_string(q.from_year) + "0101" : ""; }
inline std::string date_to(const Query& q) { return q.to_year ? std::to_string(q.to_year) + "1231" : ""; }

}  // namespace bench
