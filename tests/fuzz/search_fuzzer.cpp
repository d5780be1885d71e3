// Fuzz target: query parsing and search on a small index.
// LLVMFuzzerInitialize indexes a few French articles (built by the real indexer code) into a
// temporary directory once; each input is a request: its first line the query string, each
// further line one option "name value" (country KP, from 2022-11, sort date, limit 3, quotes 1 …).
// Invariants: QueryParser::parse and Searcher::search return or throw depeche::UsageError — any
// other exception is a bug; for a UTF-8 query the parser's notes and words are UTF-8; a result
// page has at most `limit` hits of indexed articles, ranked offset+1, offset+2 …, every snippet
// is UTF-8 with sorted, disjoint, non-empty marks inside it; facets are bounded; the JSON form
// renders.
#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "searcher/query_parser.h"
#include "searcher/search_json.h"
#include "searcher/searcher.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace depeche;
namespace fs = std::filesystem;

std::string g_dir;    // the temporary directory, removed at exit
std::string g_index;  // the index inside it
std::set<std::string> g_ids;

Article make(std::string id, std::string title, std::string body, Date date, std::string source,
             std::vector<std::string> countries = {}, std::vector<std::string> speakers = {}) {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  a.date = date;
  a.source = std::move(source);
  a.url = "https://depeches.example.org/" + a.id;
  a.countries = std::move(countries);
  a.speakers = std::move(speakers);
  return a;
}

std::vector<Article> articles() {
  const std::string missile =
      "La Corée du Nord a lancé jeudi un missile balistique qui est retombé en mer du Japon, "
      "selon l’état-major sud-coréen. « C’est une provocation inacceptable », a déclaré "
      "Jennifer Caldwell, porte-parole du département d’État. Tokyo a convoqué l’ambassadeur.";
  return {
      make("missile-1", "Pyongyang tire un missile balistique", missile, {2023, 3, 16, {}, {}},
           "Agence Presse Monde", {"KP", "JP", "KR", "US"}, {"Jennifer Caldwell"}),
      make("missile-2", "Nouveau tir de missile nord-coréen",
           missile + " Séoul a renforcé sa vigilance.", {2023, 3, 16, 30600, 60},
           "Le Quotidien du Soir", {"KP", "JP", "KR"}),
      make("kherson", "L’armée ukrainienne entre dans Kherson",
           "Les soldats ukrainiens sont entrés vendredi 11 novembre 2022 dans Kherson. « Nous "
           "sommes chez nous », a affirmé Iryna Bondarenko. L’armée russe s’est retirée sur la "
           "rive gauche du Dniepr, a indiqué le Kremlin.",
           {2022, 11, 11, {}, {}}, "Radio Continentale", {"UA", "RU"}, {"Iryna Bondarenko"}),
      make(
          "vendanges", "Vendanges précoces en Bourgogne",
          "Les vignerons bourguignons ont commencé les vendanges dès le 20 août, un record. "
          "Selon Hélène Marchetti, œnologue, « le millésime sera concentré mais peu abondant ».\n\n"
          "Les coopératives s’inquiètent des coûts de l’énergie.",
          {2022, 8, 22, {}, {}}, "L'Écho du Vignoble", {"FR"}, {"Hélène Marchetti"}),
      make("onu", "Réunion d’urgence à l’O.N.U.",
           "Le Conseil de sécurité des Nations unies s’est réuni mardi à New York. Les États-Unis "
           "et le Royaume-Uni réclament des sanctions ; Pékin et Moscou s’y opposent.",
           {2019, 5, 7, {}, {}}, "Agence Presse Monde", {"US", "GB", "CN", "RU"}),
      make("budget", "Le budget 2024 adopté à l’Assemblée",
           "Les députés ont adopté le projet de loi de finances par 289 voix contre 250. Le "
           "déficit atteindrait 4,4 % du PIB, soit 200 000 emplois aidés en moins, a-t-il précisé.",
           {2023, 12, 19, {}, {}}, "Le Quotidien du Soir", {"FR"}),
      make("sans-date", "Brève sans date", "Aujourd’hui, la brume recouvre le port de Brest.", {},
           "", {}),
  };
}

void remove_index() {
  if (!g_dir.empty()) {
    std::error_code ec;
    fs::remove_all(g_dir, ec);
  }
}

std::size_t number(std::string_view s, std::size_t max) {
  std::size_t n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return std::min(n, max);
}

search::SearchRequest request_from(std::string_view input) {
  search::SearchRequest r;
  r.time_limit = std::chrono::milliseconds(5000);
  const std::size_t newline = input.find('\n');
  r.query = std::string(input.substr(0, newline));
  std::string_view rest = newline == std::string_view::npos ? "" : input.substr(newline + 1);
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? "" : rest.substr(end + 1);
    const std::size_t space = line.find(' ');
    const std::string_view name = line.substr(0, space);
    const std::string value(space == std::string_view::npos ? "" : line.substr(space + 1));
    if (name == "country")
      r.countries.push_back(value);
    else if (name == "speaker")
      r.speakers.push_back(value);
    else if (name == "source")
      r.sources.push_back(value);
    else if (name == "from")
      r.from = value;
    else if (name == "to")
      r.to = value;
    else if (name == "sort")
      r.sort = value == "date"    ? search::SortOrder::kDateAscending
               : value == "-date" ? search::SortOrder::kDateDescending
                                  : search::SortOrder::kRelevance;
    else if (name == "recency")
      r.recency_boost = value == "1";
    else if (name == "offset")
      r.offset = number(value, 200'000);
    else if (name == "limit")
      r.limit = number(value, 2'000);
    else if (name == "facets")
      r.facets = value == "1";
    else if (name == "facet_values")
      r.facet_values = number(value, 100);
    else if (name == "collapse")
      r.collapse = value == "1";
    else if (name == "expand")
      r.expand_story = value;
    else if (name == "like")
      r.like_id = value;
    else if (name == "quotes")
      r.quotes = value == "1";
    else if (name == "spelling")
      r.spelling = value == "1";
    else if (name == "typos")
      r.typo_tolerance = value == "1";
    else if (name == "snippet")
      r.snippet_bytes = number(value, 1'000);
  }
  return r;
}

void check_snippet(const search::Snippet& s, const std::string& where) {
  DEPECHE_FUZZ_CHECK(fuzz::is_valid_utf8(s.text), where + ": snippet not UTF-8");
  DEPECHE_FUZZ_CHECK(s.source_begin <= s.source_end, where + ": snippet source range");
  std::uint32_t last_end = 0;
  for (const search::Highlight& h : s.highlights) {
    DEPECHE_FUZZ_CHECK(h.begin < h.end && h.end <= s.text.size() && h.begin >= last_end,
                       where + ": marks not sorted, disjoint, non-empty and inside the text");
    last_end = h.end;
  }
  DEPECHE_FUZZ_CHECK(s.source_highlights.size() == s.highlights.size(), where + ": source marks");
  for (const search::Highlight& h : s.source_highlights) {
    DEPECHE_FUZZ_CHECK(h.begin < h.end && h.begin >= s.source_begin && h.end <= s.source_end,
                       where + ": source mark outside the excerpt");
  }
  (void)search::render_plain(s);
  (void)search::render_html(s);
}

void check_result(const search::SearchRequest& r, const search::SearchResult& res) {
  DEPECHE_FUZZ_CHECK(res.hits.size() <= r.limit, "more hits than the limit");
  std::set<std::string> page;
  for (std::size_t i = 0; i < res.hits.size(); ++i) {
    const search::Hit& h = res.hits[i];
    const std::string where = "hit " + std::to_string(i + 1) + " '" + h.id + "'";
    DEPECHE_FUZZ_CHECK(g_ids.count(h.id) == 1, where + ": not an indexed article");
    DEPECHE_FUZZ_CHECK(page.insert(h.id).second, where + ": twice on one page");
    DEPECHE_FUZZ_CHECK(h.rank == r.offset + i + 1, where + ": rank " + std::to_string(h.rank));
    DEPECHE_FUZZ_CHECK(h.percent >= 0 && h.percent <= 100, where + ": percent");
    check_snippet(h.snippet, where + " body");
    check_snippet(h.title_snippet, where + " title");
  }
  if (r.quotes) {
    DEPECHE_FUZZ_CHECK(res.quotes.size() <= r.limit, "more quotes than the limit");
    for (const search::QuoteHit& q : res.quotes) {
      DEPECHE_FUZZ_CHECK(g_ids.count(q.article_id) == 1, "quote of an unknown article");
      check_snippet(q.snippet, "quote of " + q.article_id);
    }
  }
  if (!r.facets) DEPECHE_FUZZ_CHECK(res.facets.empty(), "facets nobody asked for");
  for (const search::Facet& f : res.facets) {
    // Years and months are timelines, whole (months only over a span of under 36).
    const std::size_t bound = f.name == "year"    ? g_ids.size()
                              : f.name == "month" ? 36
                                                  : r.facet_values;
    DEPECHE_FUZZ_CHECK(f.values.size() <= bound, "facet " + f.name + " over its bound");
    for (const search::FacetValue& v : f.values) {
      DEPECHE_FUZZ_CHECK(!v.value.empty() && v.count > 0 && v.count <= g_ids.size(),
                         "facet " + f.name + " value '" + v.value + "'");
    }
  }
  DEPECHE_FUZZ_CHECK(res.stories <= res.articles || !res.counts_exact,
                     "more stories than articles");
  (void)search::to_json(res, r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::string dir = (fs::temp_directory_path() / "depeche-fuzz-search-XXXXXX").string();
  if (!::mkdtemp(dir.data())) {
    std::perror("mkdtemp");
    std::abort();
  }
  g_dir = dir;
  g_index = dir + "/index";
  std::atexit(remove_index);
  indexer::IndexWriter writer(g_index);
  indexer::DocumentBuilder builder;
  for (const Article& a : articles()) {
    writer.upsert(builder.build(a));
    g_ids.insert(a.id);
  }
  writer.commit();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static search::QueryParser parser;
  static std::unique_ptr<search::Searcher> searcher;
  if (!searcher) {
    // The replay driver and libFuzzer both call LLVMFuzzerInitialize first.
    DEPECHE_FUZZ_CHECK(!g_index.empty(), "the index was not built");
    searcher = std::make_unique<search::Searcher>(g_index);
  }
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const search::SearchRequest request = request_from(input);

  try {
    const search::ParsedQuery parsed = parser.parse(request.query);
    (void)parsed.query.get_description();
    if (fuzz::is_valid_utf8(request.query)) {
      for (const std::string& note : parsed.notes) {
        DEPECHE_FUZZ_CHECK(fuzz::is_valid_utf8(note), "note not UTF-8: " + note);
      }
      for (const std::string& word : parsed.words) {
        DEPECHE_FUZZ_CHECK(fuzz::is_valid_utf8(word), "word not UTF-8: " + word);
      }
    }
  } catch (const UsageError&) {
  } catch (...) {
    fuzz::fail(__FILE__, __LINE__, "QueryParser::parse threw " + fuzz::current_exception_message());
  }

  try {
    check_result(request, searcher->search(request));
  } catch (const UsageError& e) {
    DEPECHE_FUZZ_CHECK(std::string_view(e.what()).find('\n') == std::string_view::npos,
                       "a usage error of more than one line");
  } catch (...) {
    fuzz::fail(__FILE__, __LINE__, "Searcher::search threw " + fuzz::current_exception_message());
  }
  return 0;
}
