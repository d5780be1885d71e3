// Raw Xapian, the reference Depeche is measured against: the same queries, run on the index
// scriptindex built (bench/peers/scriptindex.script), with Xapian's own QueryParser (French
// stemmer, STEM_SOME, AND by default) and the same exact facet counting Depeche does
// (a ValueCountMatchSpy on the country slot, check_at_least = doccount).
//
//   bench-xapian-query --db DB --queries bench/queries.tsv --mode plain|facet|filter|full
//                      [--threads N] [--passes P]
//
// plain: top 10, check_at_least 0 (Xapian's default), stored fields read. facet: every match
// passes the spy, top 10 facet values read. filter: plus the line's filters (country term, date
// value range). full: plus MSet::snippet() of each hit's title and body.
#include <xapian.h>

#include <string>
#include <vector>

#include "bench/bench_common.h"

namespace {

constexpr Xapian::valueno kSlotDate = 0;     // YYYYMMDD (scriptindex.script)
constexpr Xapian::valueno kSlotCountry = 1;  // main country, ISO code

// scriptindex stores fields as "name=value" lines; body is last and may span lines.
std::string field(const std::string& data, const std::string& name) {
  const std::string key = name + "=";
  std::size_t at = data.compare(0, key.size(), key) == 0 ? 0 : data.find("\n" + key);
  if (at == std::string::npos) return {};
  if (at != 0) ++at;
  at += key.size();
  const std::size_t end = name == "body" ? data.size() : data.find('\n', at);
  return data.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

class XapianRunner : public bench::Runner {
 public:
  explicit XapianRunner(const std::string& path) : db_(path), stem_("french") {
    parser_.set_database(db_);
    parser_.set_stemmer(stem_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_AND);
  }

  bench::Outcome run(const bench::Query& q, bench::Mode mode) override {
    Xapian::Query query = parser_.parse_query(q.text, Xapian::QueryParser::FLAG_DEFAULT);
    if (bench::with_filters(mode)) {
      if (!q.country.empty()) {
        std::string code = q.country;
        for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query("XC" + code));
      }
      if (q.from_year || q.to_year) {
        const std::string from = q.from_year ? bench::date_from(q) : "00000000";
        const std::string to = q.to_year ? bench::date_to(q) : "99999999";
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotDate, from, to));
      }
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    Xapian::ValueCountMatchSpy spy(kSlotCountry);
    const bool facet = bench::with_facet(mode);
    if (facet) enquire.add_matchspy(&spy);
    const Xapian::MSet mset = enquire.get_mset(0, 10, facet ? db_.get_doccount() : 0);
    std::size_t bytes = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string data = it.get_document().get_data();
      const std::string id = field(data, "id"), title = field(data, "title"), date = field(data, "date");
      bytes += id.size() + title.size() + date.size();
      if (bench::with_snippets(mode)) {
        const std::string body = field(data, "body");
        const int flags = Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE;
        bytes += mset.snippet(title, title.size() + 16, stem_, flags, "<b>", "</b>", "…").size();
        bytes += mset.snippet(body, 260, stem_, flags, "<b>", "</b>", "…").size();
      }
    }
    if (facet) {
      for (auto v = spy.top_values_begin(10); v != spy.top_values_end(10); ++v) bytes += (*v).size();
    }
    sink_ += bytes;
    return {mset.get_matches_estimated(), mset.size()};
  }

 private:
  Xapian::Database db_;
  Xapian::Stem stem_;
  Xapian::QueryParser parser_;
  std::size_t sink_ = 0;  // keeps the reads from being optimised away
};

}  // namespace

int main(int argc, char** argv) {
  return bench::run_harness(argc, argv, "xapian",
                            [](const std::vector<std::string>& rest) -> std::unique_ptr<bench::Runner> {
                              std::string db;
                              for (std::size_t i = 0; i < rest.size(); ++i) {
                                if (rest[i] == "--db" && i + 1 < rest.size()) db = rest[++i];
                              }
                              if (db.empty()) throw std::runtime_error("--db DB is required");
                              return std::make_unique<XapianRunner>(db);
                            });
}
