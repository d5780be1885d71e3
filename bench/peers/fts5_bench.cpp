// The SQLite FTS5 peer of bench/run (libsqlite3): one FTS5 table with the unicode61 tokenizer
// and remove_diacritics 2 (accents and case folded, NO stemming: « élections » does not find
// « élection »), ranked by bm25 with the title weighted 3.
//
//   bench-fts5 index --out FILE --jsonl articles.jsonl --countries articles.countries.tsv
//   bench-fts5 optimize --db FILE        (FTS5 'optimize' merge, then VACUUM)
//   bench-fts5 query --db FILE --queries bench/queries.tsv --mode plain|facet|filter|full
//                    [--threads N] [--passes P]
//
// Every field is stored (FTS5 keeps the text in its content table; snippet() reads it). Filters
// and the country facet are plain SQL over UNINDEXED columns of the matching rows.
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "bench/peers/peer_input.h"

namespace {

std::string arg(const std::vector<std::string>& a, const std::string& name) {
  for (std::size_t i = 0; i + 1 < a.size(); ++i) {
    if (a[i] == name) return a[i + 1];
  }
  throw std::runtime_error(name + " is required");
}

class Db {
 public:
  Db(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(db_));
    }
  }
  ~Db() { sqlite3_close_v2(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      const std::string msg = err ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error(sql.substr(0, 60) + ": " + msg);
    }
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
      throw std::runtime_error("prepare: " + std::string(sqlite3_errmsg(db_)));
    }
    return s;
  }
  sqlite3* get() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

void bind_text(sqlite3_stmt* s, int i, const std::string& v) { sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }

int run_index(const std::vector<std::string>& args) {
  const std::string out = arg(args, "--out");
  std::filesystem::remove(out);
  std::filesystem::remove(out + "-wal");
  std::filesystem::remove(out + "-shm");
  bench::PeerReader reader(arg(args, "--jsonl"), arg(args, "--countries"));
  Db db(out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  db.exec(
      "CREATE VIRTUAL TABLE doc USING fts5(id UNINDEXED, title, body, date UNINDEXED, source UNINDEXED, "
      "url UNINDEXED, country UNINDEXED, countries UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');"
      "INSERT INTO doc(doc, rank) VALUES('rank', 'bm25(0.0, 3.0, 1.0)');");
  sqlite3_stmt* insert = db.prepare("INSERT INTO doc(id, title, body, date, source, url, country, countries) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  std::string json, tsv;
  std::size_t n = 0;
  db.exec("BEGIN");
  while (reader.next_lines(json, tsv)) {
    const bench::PeerArticle a = bench::PeerReader::parse(json, tsv);
    std::string countries = " ";
    for (const auto& c : a.countries) countries += c + " ";
    bind_text(insert, 1, a.id);
    bind_text(insert, 2, a.title);
    bind_text(insert, 3, a.body);
    bind_text(insert, 4, a.date);
    bind_text(insert, 5, a.source);
    bind_text(insert, 6, a.url);
    bind_text(insert, 7, a.countries.empty() ? std::string() : a.countries[0]);
    bind_text(insert, 8, countries);
    if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db.get()));
    sqlite3_reset(insert);
    if (++n % 5000 == 0) db.exec("COMMIT; BEGIN");  // commits as often as Depeche's default
  }
  db.exec("COMMIT");
  sqlite3_finalize(insert);
  db.exec("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
  std::printf("{\"engine\": \"fts5\", \"documents\": %zu}\n", n);
  return 0;
}

int run_optimize(const std::vector<std::string>& args) {
  Db db(arg(args, "--db"), SQLITE_OPEN_READWRITE);
  db.exec("INSERT INTO doc(doc) VALUES('optimize'); VACUUM;");
  return 0;
}

// The query set's words and "phrases" in FTS5 syntax: each one a quoted string, ANDed.
std::string fts_query(const std::string& text) {
  std::string out;
  for (std::string part : bench::query_parts(text)) {
    if (part.size() >= 2 && part.front() == '"' && part.back() == '"') part = part.substr(1, part.size() - 2);
    std::string quoted = "\"";
    for (char c : part) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += (out.empty() ? "" : " ") + quoted + "\"";
  }
  return out;
}

class Fts5Runner : public bench::Runner {
 public:
  explicit Fts5Runner(const std::string& path) : db_(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX) {
    const std::string filters = " AND (?2 = '' OR instr(countries, ?2) > 0) AND date BETWEEN ?3 AND ?4";
    plain_ = db_.prepare("SELECT id, title, date FROM doc WHERE doc MATCH ?1 ORDER BY rank LIMIT 10");
    filtered_ = db_.prepare("SELECT id, title, date FROM doc WHERE doc MATCH ?1" + filters + " ORDER BY rank LIMIT 10");
    full_ = db_.prepare(
        "SELECT id, title, date, highlight(doc, 1, '<b>', '</b>'), snippet(doc, 2, '<b>', '</b>', '…', 40) "
        "FROM doc WHERE doc MATCH ?1" + filters + " ORDER BY rank LIMIT 10");
    facet_ = db_.prepare("SELECT country, count(*) AS n FROM doc WHERE doc MATCH ?1" + filters +
                         " GROUP BY country ORDER BY n DESC");
  }
  ~Fts5Runner() override {
    sqlite3_finalize(plain_);
    sqlite3_finalize(filtered_);
    sqlite3_finalize(full_);
    sqlite3_finalize(facet_);
  }

  bench::Outcome run(const bench::Query& q, bench::Mode mode) override {
    const std::string match = fts_query(q.text);
    const bool filters = bench::with_filters(mode);
    const std::string country = filters && !q.country.empty() ? " " + q.country + " " : "";
    const std::string from = filters && q.from_year ? bench::date_from(q) : "00000000";
    const std::string to = filters && q.to_year ? bench::date_to(q) : "99999999";
    auto bind_all = [&](sqlite3_stmt* s, bool with_filters) {
      sqlite3_reset(s);
      bind_text(s, 1, match);
      if (with_filters) {
        bind_text(s, 2, country);
        bind_text(s, 3, from);
        bind_text(s, 4, to);
      }
    };
    bench::Outcome out;
    sqlite3_stmt* top = bench::with_snippets(mode) ? full_ : filters ? filtered_ : plain_;
    bind_all(top, top != plain_);
    const int columns = top == full_ ? 5 : 3;
    while (sqlite3_step(top) == SQLITE_ROW) {
      for (int c = 0; c < columns; ++c) sink_ += static_cast<std::size_t>(sqlite3_column_bytes(top, c));
      ++out.hits;
    }
    out.matches = out.hits;
    if (bench::with_facet(mode)) {
      bind_all(facet_, true);
      out.matches = 0;
      int values = 0;
      while (sqlite3_step(facet_) == SQLITE_ROW) {
        out.matches += static_cast<std::uint64_t>(sqlite3_column_int64(facet_, 1));
        if (++values <= 10) sink_ += static_cast<std::size_t>(sqlite3_column_bytes(facet_, 0));
      }
    }
    return out;
  }

 private:
  Db db_;
  sqlite3_stmt* plain_ = nullptr;
  sqlite3_stmt* filtered_ = nullptr;
  sqlite3_stmt* full_ = nullptr;
  sqlite3_stmt* facet_ = nullptr;
  std::size_t sink_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  try {
    std::vector<std::string> args(argv + 2, argv + std::max(argc, 2));
    if (command == "index") return run_index(args);
    if (command == "optimize") return run_optimize(args);
    if (command == "query") {
      return bench::run_harness(argc - 1, argv + 1, "fts5",
                                [](const std::vector<std::string>& rest) -> std::unique_ptr<bench::Runner> {
                                  return std::make_unique<Fts5Runner>(arg(rest, "--db"));
                                });
    }
    std::fprintf(stderr, "usage: bench-fts5 index|optimize|query … (see the top of bench/peers/fts5_bench.cpp)\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench-fts5: %s\n", e.what());
  }
  return 1;
}
