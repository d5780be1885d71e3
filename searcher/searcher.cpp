// The search flow: parse → filters → spelling and typos → match (collapse, sort, facets, time
// limit) → hits with snippets. Front ends only render the SearchResult.
#include "searcher/searcher.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "analyzers/country_names.h"
#include "analyzers/date_parser.h"
#include "analyzers/text_folding.h"
#include "core/database.h"
#include "core/error.h"
#include "core/schema.h"
#include "searcher/facet_columns.h"
#include "searcher/match_extensions.h"
#include "searcher/remote_match.h"

namespace depeche::search {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxLimit = 1000;
constexpr std::size_t kMaxOffset = 100'000;
constexpr double kRecencyMaxWeight = 2.0;   // about one well-matched word's BM25 weight
constexpr double kRecencyHalfLifeDays = 365;
constexpr std::size_t kMaxMonthsInFacet = 36;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::string lowercase_ascii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Filter terms carry no weight: a filter narrows, it does not rank.
Xapian::Query any_of(const std::vector<std::string>& terms) {
  Xapian::Query q(Xapian::Query::OP_OR, terms.begin(), terms.end());
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
}

// "2022" | "2022-11" | "2022-11-08" → first and last day of that period, as YYYYMMDD.
std::pair<std::string, std::string> period(const std::string& value, const char* option) {
  int y = 0, m = 0, d = 0;
  const auto bad = [&] {
    return UsageError(fmt::format("{} '{}': expected a date as YYYY, YYYY-MM or YYYY-MM-DD",
                                  option, value));
  };
  const std::size_t n = value.size();
  auto digits = [&](std::size_t at, std::size_t len, int& out) {
    if (at + len > n) return false;
    out = 0;
    for (std::size_t i = at; i < at + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(value[i]))) return false;
      out = out * 10 + (value[i] - '0');
    }
    return true;
  };
  if (!digits(0, 4, y)) throw bad();
  if (n == 4) return {fmt::format("{:04d}0101", y), fmt::format("{:04d}1231", y)};
  if (n < 7 || value[4] != '-' || !digits(5, 2, m) || m < 1 || m > 12) throw bad();
  if (n == 7) {
    int last = 31;
    while (last > 28 && !analysis::is_valid_day(y, m, last)) --last;
    return {fmt::format("{:04d}{:02d}01", y, m), fmt::format("{:04d}{:02d}{:02d}", y, m, last)};
  }
  if (n != 10 || value[7] != '-' || !digits(8, 2, d) || !analysis::is_valid_day(y, m, d)) throw bad();
  const std::string day = fmt::format("{:04d}{:02d}{:02d}", y, m, d);
  return {day, day};
}

const char* french_month(int month) {
  static constexpr std::array<const char*, 12> kMonths = {
      "janvier", "février", "mars",      "avril",   "mai",      "juin",
      "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  return month >= 1 && month <= 12 ? kMonths[static_cast<std::size_t>(month - 1)] : "";
}

// Stem keys of free-text words from body or title ("Z" + lowercase) make the best
// more-like-this vocabulary: accent- and inflection-insensitive, no filters or ids.
class ContentStemDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    return term.size() >= 4 && term[0] == 'Z' && std::islower(static_cast<unsigned char>(term[1]));
  }
};

std::vector<FacetValue> top_values(const FacetTally::Counts& counts, std::size_t limit,
                                   const std::function<std::string(const std::string&)>& label) {
  std::vector<FacetValue> values;
  values.reserve(counts.size());
  for (const auto& [value, count] : counts) values.push_back({value, label(value), count});
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.label < b.label;
  });
  if (values.size() > limit) values.resize(limit);
  return values;
}

}  // namespace

void Searcher::collect_quotes(const SearchRequest& req, const Xapian::MSet& mset,
                              const HighlightTerms& terms, SearchResult& result) {
  std::vector<std::string> wanted_speakers;
  for (const std::string& s : req.speakers) wanted_speakers.push_back(analysis::fold_value(s));
  auto speaker_wanted = [&](const std::string& name) {
    if (wanted_speakers.empty()) return true;
    // Same rule as the filter terms: the full name, or any one word of it.
    const std::string folded = analysis::fold_value(name);
    const std::string padded = " " + folded + " ";
    return std::any_of(wanted_speakers.begin(), wanted_speakers.end(), [&](const std::string& w) {
      return w == folded || (w.find(' ') == std::string::npos && padded.find(" " + w + " ") != std::string::npos);
    });
  };
  std::size_t seen = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
    if (!data.is_object()) continue;
    for (const auto& q : data.value(std::string(schema::kFieldQuotes), nlohmann::json::array())) {
      const std::string text = q.value("text", "");
      const std::string speaker = q.value("speaker", "");
      if (text.empty() || (!wanted_speakers.empty() && !speaker_wanted(speaker))) continue;
      Snippet marked = highlighter_.highlight_all(text, terms);
      // An article matches when any of its quotes does: keep only the quotes that do.
      if (!terms.empty() && marked.highlights.empty()) continue;
      if (seen++ < req.offset || result.quotes.size() >= req.limit) continue;
      result.quotes.push_back({text, std::move(marked), speaker, q.value("role", ""),
                               data.value(std::string(schema::kFieldId), ""),
                               data.value(std::string(schema::kFieldTitle), ""),
                               data.value(std::string(schema::kFieldDate), ""),
                               data.value(std::string(schema::kFieldSource), "")});
    }
  }
  result.quote_count = seen;
}

Searcher::Searcher(const std::string& db_path) : Searcher(index_at(db_path)) {}

Searcher::Searcher(const IndexLocation& where)
    : path_(where.describe()), shards_(where), db_(shards_.db()) {}

SearchResult Searcher::search(const SearchRequest& request) {
  for (int attempt = 0;; ++attempt) {
    try {
      // A newer committed revision, if any (cheap when unchanged); shards left out are tried
      // again. Inside the try: reopening itself can meet a revision the writer just discarded.
      if (shards_.refresh()) columns_.reset();
      db_ = shards_.db();
      SearchResult result = run(request);
      note_missing_shards(result);
      return result;
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed twice while we read: start again on the newest revision (the
      // refresh above). Each attempt reads one revision whole; only a writer committing faster
      // than a search can run, every time, exhausts the attempts.
      if (attempt >= 9) throw;
      columns_.reset();
    } catch (const Xapian::NetworkError& e) {
      // A remote shard is down or slower than the remote timeout (or dropped an idle connection):
      // reconnect, and search without the shards that do not answer, or fail (IndexLocation).
      if (attempt >= 3) throw IndexError(fmt::format("{}: shards keep failing: {}", path_, e.get_description()));
      shards_.recover(e.get_description());
      db_ = shards_.db();
      columns_.reset();
    } catch (const Xapian::DatabaseOpeningError& e) {
      // A replica swapped in a full copy under us (docs/SCALING.md): open it anew.
      if (attempt >= 3) throw;
      shards_.recover(e.get_description());
      db_ = shards_.db();
      columns_.reset();
    }
  }
}

void Searcher::note_missing_shards(SearchResult& result) {
  std::vector<std::string> missing = shards_.missing();
  if (missing != last_missing_) {
    if (missing.empty()) {
      spdlog::info("searcher: every shard answers again");
    } else {
      spdlog::warn("searcher: searching without shard(s) {}", fmt::join(missing, ", "));
    }
    last_missing_ = missing;
  }
  if (missing.empty()) return;
  result.partial = true;
  result.counts_exact = false;
  result.notes.push_back(fmt::format("{} of {} shards did not answer ({}): their articles are missing from these "
                                     "results and counts",
                                     missing.size(), shards_.size(), fmt::join(missing, ", ")));
  result.missing_shards = std::move(missing);
}

std::shared_ptr<const FacetColumns> Searcher::facet_columns() {
  if (columns_) return columns_;
  // Searchers of one process share the columns of a revision. A database of several shards has
  // no single revision number: its columns stay with this Searcher.
  std::string key;
  try {
    key = db_.get_uuid() + "@" + std::to_string(db_.get_revision());
  } catch (const Xapian::InvalidOperationError&) {
  } catch (const Xapian::UnimplementedError&) {
  }
  if (key.empty()) return columns_ = FacetColumns::build(db_);
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<const FacetColumns>> shared;
  std::lock_guard lock(mu);  // one build per revision; the others wait for it
  if (auto existing = shared[key].lock()) return columns_ = existing;
  for (auto it = shared.begin(); it != shared.end();) it = it->second.expired() ? shared.erase(it) : std::next(it);
  columns_ = FacetColumns::build(db_);
  shared[key] = columns_;
  return columns_;
}

SearchResult Searcher::run(const SearchRequest& req) {
  const auto started = Clock::now();
  if (req.limit > kMaxLimit) throw UsageError(fmt::format("limit {} is over the maximum of {}", req.limit, kMaxLimit));
  if (req.offset > kMaxOffset) throw UsageError(fmt::format("offset {} is over the maximum of {}", req.offset, kMaxOffset));

  SearchResult result;
  result.query = req.query;
  // Quote search looks for the words inside quotations (the XQ field), not anywhere in the text.
  auto parse = [&](const std::string& text) {
    const bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
    return parser_.parse(req.quotes && !blank ? "quote:(" + text + ")" : text);
  };
  ParsedQuery parsed = parse(req.query);

  // ---- Filters given as options: OR within a facet, AND across facets.
  std::vector<Xapian::Query> filters;
  if (!req.countries.empty()) {
    std::vector<std::string> terms;
    for (const std::string& v : req.countries) {
      auto code = analysis::CountryNames::french().resolve(v);
      if (!code) {
        throw UsageError(fmt::format(
            "unknown country '{}' (give an ISO code such as KP or a French name such as "
            "\"Corée du Nord\")", v));
      }
      terms.push_back(schema::boolean_term(schema::kPrefixCountry, lowercase_ascii(*code)));
    }
    filters.push_back(any_of(terms));
  }
  if (!req.speakers.empty()) {
    std::vector<std::string> terms;
    for (const std::string& v : req.speakers) {
      const std::string folded = analysis::fold_value(v);
      if (folded.empty()) throw UsageError(fmt::format("speaker '{}': no name in it", v));
      terms.push_back(schema::boolean_term(
          folded.find(' ') == std::string::npos ? schema::kPrefixSpeakerLast : schema::kPrefixSpeaker,
          folded));
    }
    filters.push_back(any_of(terms));
  }
  if (!req.sources.empty()) {
    std::vector<std::string> terms;
    for (const std::string& v : req.sources) {
      terms.push_back(schema::boolean_term(schema::kPrefixSource, analysis::fold_value(v)));
    }
    filters.push_back(any_of(terms));
  }
  std::string date_low, date_high;
  if (!req.from.empty()) date_low = period(req.from, "--from").first;
  if (!req.to.empty()) date_high = period(req.to, "--to").second;
  if (!date_low.empty() && !date_high.empty() && date_low > date_high) {
    throw UsageError(fmt::format("--from {} is after --to {}", req.from, req.to));
  }
  if (!date_low.empty() && !date_high.empty()) {
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, date_low, date_high);
  } else if (!date_low.empty()) {
    filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, date_low);
  } else if (!date_high.empty()) {
    filters.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, date_high);
  }
  if (!req.expand_story.empty()) {
    filters.push_back(any_of({schema::boolean_term(schema::kPrefixDupKey, req.expand_story)}));
  }

  // ---- More like this: the article's most telling stem keys.
  Xapian::Query like;
  if (!req.like_id.empty()) {
    const std::string id_term = schema::id_term(req.like_id);
    auto pl = db_.postlist_begin(id_term);
    if (pl == db_.postlist_end(id_term)) throw UsageError(fmt::format("no article with id '{}'", req.like_id));
    Xapian::RSet rset;
    rset.add_document(*pl);
    Xapian::Enquire expand(db_);
    ContentStemDecider decider;
    // Exact term frequencies: Xapian otherwise estimates them per shard, and a sharded index
    // would choose other words than one index.
    Xapian::ESet eset = expand.get_eset(25, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    like = Xapian::Query(Xapian::Query::OP_OR, eset.begin(), eset.end());
    const std::string story = db_.get_document(*pl).get_value(schema::kSlotDupKey);
    std::vector<std::string> exclude = {id_term};
    if (!story.empty()) exclude.push_back(schema::boolean_term(schema::kPrefixDupKey, story));
    like = Xapian::Query(Xapian::Query::OP_AND_NOT, like,
                         Xapian::Query(Xapian::Query::OP_OR, exclude.begin(), exclude.end()));
  }

  // ---- Spelling: words the index has never seen.
  std::vector<Correction> corrections;
  bool typo_eligible = true;
  if ((req.spelling || req.typo_tolerance) && parsed.has_text) {
    for (const std::string& word : parsed.words) {
      for (const analysis::Token& t : analyzer_.analyze(word, analysis::AnalysisMode::kQuery)) {
        if (t.has(analysis::kFlagCompoundPart) || t.stems.empty()) continue;  // numbers, stopwords, wildcards
        bool known = db_.term_exists(t.term);
        for (const std::string& key : t.stems) known = known || db_.term_exists(std::string(schema::kPrefixStem) + key);
        if (known) continue;
        const std::size_t letters = icu::UnicodeString::fromUTF8(t.lower).countChar32();
        const std::string suggestion = db_.get_spelling_suggestion(t.lower, letters >= 9 ? 2 : 1);
        if (suggestion.empty() || suggestion == t.lower) continue;
        corrections.push_back({std::string(t.surface(word)), suggestion});
        if (letters < 5) typo_eligible = false;  // too short to guess safely: only suggest
      }
    }
  }
  auto corrected_text = [&] {
    std::string q = req.query;
    for (const Correction& c : corrections) {
      for (std::size_t at = q.find(c.word); at != std::string::npos; at = q.find(c.word, at + c.replacement.size())) {
        q.replace(at, c.word.size(), c.replacement);
      }
    }
    return q;
  };
  if (!corrections.empty()) {
    if (req.typo_tolerance && typo_eligible) {
      ParsedQuery fixed = parse(corrected_text());
      fixed.notes.insert(fixed.notes.begin(), parsed.notes.begin(), parsed.notes.end());
      parsed = std::move(fixed);
      result.typos = corrections;
    } else if (req.spelling) {
      result.corrected_query = corrected_text();
    }
  }
  result.ignored_stopwords = parsed.ignored_stopwords;
  result.relaxed_syntax = parsed.relaxed_syntax;
  result.notes = parsed.notes;
  result.timings.parse_ms = ms_since(started);

  // ---- The match.
  struct Match {
    Xapian::MSet mset;
    std::unique_ptr<FacetTally> spy;
    bool timed_out = false;
  };
  const bool browse = !parsed.has_text && like.empty();
  // Quotes are taken from the best articles, then paged: the match reads that many articles.
  constexpr Xapian::doccount kQuoteArticles = 200;
  const Xapian::doccount page_first = req.quotes ? 0 : static_cast<Xapian::doccount>(req.offset);
  const Xapian::doccount page_size = req.quotes ? kQuoteArticles : static_cast<Xapian::doccount>(req.limit);
  auto run_match = [&](const ParsedQuery& pq) {
    Xapian::Query q = pq.query;
    if (!like.empty()) q = q.empty() ? like : Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, like);
    if (q.empty()) q = Xapian::Query::MatchAll;
    for (const Xapian::Query& f : filters) q = Xapian::Query(Xapian::Query::OP_FILTER, q, f);
    // Remote shards (stock xapian-tcpsrv) only run Xapian's built-in classes: searcher/remote_match.h.
    const bool remote = shards_.remote();
    if (req.recency_boost && req.sort == SortOrder::kRelevance) {
      const double today = static_cast<double>(std::chrono::duration_cast<std::chrono::days>(
                                                   std::chrono::system_clock::now().time_since_epoch())
                                                   .count());
      if (remote) {
        Xapian::Query boost = remote_recency_boost(db_, today, kRecencyMaxWeight, kRecencyHalfLifeDays);
        if (!boost.empty()) q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, boost);
      } else {
        auto* boost = new RecencySource(schema::kSlotDayNumber, today, kRecencyMaxWeight, kRecencyHalfLifeDays);
        q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, Xapian::Query(boost->release()));
      }
    }
    auto expired = std::make_shared<std::atomic<bool>>(false);
    if (!remote) {
      auto* deadline = new DeadlineSource(Clock::now() + req.time_limit, expired);
      q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(deadline->release()));
    }

    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    const bool collapsing = req.collapse && req.expand_story.empty();
    if (collapsing) enquire.set_collapse_key(schema::kSlotDupKey);
    // Ties are broken by the sort key (date, then id), never by document numbers, which differ
    // between one index and the same articles in shards. Indexes written before the sort key
    // existed keep the date order.
    const bool newest_first = req.sort == SortOrder::kDateDescending || (browse && req.sort == SortOrder::kRelevance);
    const bool by_date = newest_first || req.sort == SortOrder::kDateAscending;
    if (by_date && browse && db_.get_value_freq(schema::kSlotSortKey) == db_.get_doccount()) {
      enquire.set_sort_by_value(schema::kSlotSortKey, newest_first);
    } else if (by_date) {
      enquire.set_sort_by_value_then_relevance(schema::kSlotDate, newest_first);
    } else {
      enquire.set_sort_by_relevance_then_value(schema::kSlotSortKey, true);
    }
    Match m;
    RemoteFacetTally* remote_tally = nullptr;
    if (remote) {
      auto tally = std::make_unique<RemoteFacetTally>();
      tally->attach(enquire, collapsing);
      remote_tally = tally.get();
      m.spy = std::move(tally);
    } else {
      if (use_facet_columns_) {
        m.spy = std::make_unique<ColumnFacetSpy>(facet_columns());
      } else {
        m.spy = std::make_unique<FacetSpy>();
      }
      enquire.add_matchspy(m.spy.get());
    }
    enquire.set_time_limit(std::chrono::duration<double>(req.time_limit).count());
    // Every matching article passes the spy: counts and facets are exact, not estimates.
    const auto match_start = Clock::now();
    m.mset = enquire.get_mset(page_first, page_size, db_.get_doccount());
    if (remote_tally) {
      remote_tally->use_collapsed_count(m.mset);
      remote_tally->count_story_sizes(db_, q, m.mset, std::chrono::duration<double>(req.time_limit).count());
    }
    m.spy->finish();
    m.timed_out = expired->load();
    // Shards stop at the time limit on their own: a match that lasted that long was cut short.
    if (remote) m.timed_out = Clock::now() - match_start >= req.time_limit;
    return m;
  };
  const auto match_started = Clock::now();
  Match match = run_match(parsed);
  if (match.mset.empty() && req.spelling && !result.corrected_query.empty()) {
    ParsedQuery retry = parse(result.corrected_query);
    Match second = run_match(retry);
    if (!second.mset.empty()) {
      match = std::move(second);
      parsed = std::move(retry);
      result.showing_corrected = true;
    }
  }
  result.timings.match_ms = ms_since(match_started);
  result.timed_out = match.timed_out;
  result.articles = match.spy->articles();
  result.stories = match.spy->stories();
  result.counts_exact = !match.timed_out;
  if (match.timed_out) {
    result.notes.push_back(fmt::format(
        "the time limit of {} ms was reached: results and counts are partial",
        req.time_limit.count()));
  }
  if (browse && filters.empty() && req.query.find_first_not_of(" \t\r\n") == std::string::npos) {
    result.notes.emplace_back("empty query: showing the latest articles");
  }

  const auto snippets_started = Clock::now();
  if (req.quotes) {
    // Which quotes of a matching article match: the words of the query itself.
    const std::string& asked = result.showing_corrected ? result.corrected_query : req.query;
    HighlightTerms quote_terms = parser_.parse(asked).highlight;
    if (!result.typos.empty()) quote_terms.merge(parsed.highlight);
    collect_quotes(req, match.mset, quote_terms, result);
    match.mset = Xapian::MSet();  // the answer is the quotes, not the articles
  }

  // ---- Hits.
  std::uint32_t rank = static_cast<std::uint32_t>(req.offset);
  for (auto it = match.mset.begin(); it != match.mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    const auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    Hit h;
    h.rank = ++rank;
    h.score = (req.sort == SortOrder::kRelevance && !browse) ? it.get_weight() : 0;
    h.percent = (req.sort == SortOrder::kRelevance && !browse) ? it.get_percent() : 0;
    h.similar = it.get_collapse_count();
    h.story = doc.get_value(schema::kSlotDupKey);
    if (data.is_object()) {
      h.id = data.value(std::string(schema::kFieldId), "");
      h.title = data.value(std::string(schema::kFieldTitle), "");
      h.date = data.value(std::string(schema::kFieldDate), "");
      h.source = data.value(std::string(schema::kFieldSource), "");
      h.url = data.value(std::string(schema::kFieldUrl), "");
      const std::string body = data.value(std::string(schema::kFieldBody), "");
      h.title_snippet = highlighter_.highlight_all(h.title, parsed.highlight);
      h.snippet = highlighter_.best_passage(body, parsed.highlight, {.max_bytes = req.snippet_bytes});
      for (const auto& c : data.value(std::string(schema::kFieldCountries), nlohmann::json::array())) {
        h.countries.push_back({c.value("code", ""), c.value("name", "")});
      }
      for (const auto& s : data.value(std::string(schema::kFieldSpeakers), nlohmann::json::array())) {
        if (s.is_string()) h.speakers.push_back(s.get<std::string>());
      }
    }
    result.hits.push_back(std::move(h));
  }
  // Over remote shards, collapse counts are counted apart (searcher/remote_match.h).
  if (const auto* tally = dynamic_cast<const RemoteFacetTally*>(match.spy.get())) tally->fill_similar(result.hits);
  result.timings.snippets_ms = ms_since(snippets_started);

  // ---- Facets, counted over every matching article.
  if (req.facets) {
    const FacetTally& spy = *match.spy;
    const auto& names = analysis::CountryNames::french();
    result.facets.push_back({"country", top_values(spy.countries(), req.facet_values, [&](const std::string& code) {
                               std::string n = names.name(code);
                               return n.empty() ? code : n;
                             })});
    // Names as written may differ in case or accents across outlets: merge on the folded form,
    // labelled with the most frequent spelling.
    struct Merged {
      std::string label;
      std::uint64_t label_count = 0;
      std::uint64_t total = 0;
    };
    std::unordered_map<std::string, Merged> merged;
    for (const auto& [name, count] : spy.speakers()) {
      Merged& m = merged[analysis::fold_value(name)];
      m.total += count;
      if (count > m.label_count) {
        m.label = name;
        m.label_count = count;
      }
    }
    FacetTally::Counts speaker_counts;
    for (const auto& [folded, m] : merged) speaker_counts[m.label] = m.total;
    result.facets.push_back({"speaker", top_values(speaker_counts, req.facet_values, [](const std::string& v) { return v; })});
    result.facets.push_back({"source", top_values(spy.sources(), req.facet_values, [](const std::string& v) { return v; })});
    // Years in chronological order (a timeline), and months too when they fit a short range.
    Facet years{"year", {}};
    for (const auto& [y, count] : std::map<std::string, std::uint64_t>(spy.years().begin(), spy.years().end())) {
      years.values.push_back({y, y, count});
    }
    result.facets.push_back(std::move(years));
    if (!spy.months().empty()) {
      std::map<std::string, std::uint64_t> months(spy.months().begin(), spy.months().end());
      const int first = std::stoi(months.begin()->first.substr(0, 4)) * 12 + std::stoi(months.begin()->first.substr(4, 2));
      const int last = std::stoi(months.rbegin()->first.substr(0, 4)) * 12 + std::stoi(months.rbegin()->first.substr(4, 2));
      if (static_cast<std::size_t>(last - first) < kMaxMonthsInFacet) {
        Facet month_facet{"month", {}};
        for (const auto& [m, count] : months) {
          month_facet.values.push_back({m.substr(0, 4) + "-" + m.substr(4, 2),
                                        fmt::format("{} {}", french_month(std::stoi(m.substr(4, 2))), m.substr(0, 4)),
                                        count});
        }
        result.facets.push_back(std::move(month_facet));
      }
    }
  }
  result.timings.total_ms = ms_since(started);
  spdlog::debug("searcher: query=\"{}\" articles={} stories={} hits={} ms={:.1f}", req.query,
                result.articles, result.stories, result.hits.size(), result.timings.total_ms);
  return result;
}

}  // namespace depeche::search
