// `depeche search`: renders a SearchResult for a terminal (or a pipe), or as JSON.
#include "cli/search_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/shard_options.h"
#include "core/error.h"
#include "searcher/search_json.h"
#include "searcher/searcher.h"

namespace depeche::cli {
namespace {

struct SearchOptions {
  std::string db;
  std::vector<std::string> query;  // joined with spaces
  search::SearchRequest request;
  std::string sort = "relevance";
  std::string color = "auto";
  unsigned time_limit_ms = 2000;
  bool no_facets = false;
  bool no_collapse = false;
  bool no_spelling = false;
  bool no_typos = false;
  bool json = false;
  ShardOptions shards;
};

search::SortOrder parse_sort(const std::string& s) {
  if (s == "relevance") return search::SortOrder::kRelevance;
  if (s == "date") return search::SortOrder::kDateAscending;
  if (s == "-date") return search::SortOrder::kDateDescending;
  throw UsageError(fmt::format("--sort '{}': expected relevance, date (oldest first) or -date (newest first)", s));
}

struct Style {
  bool ansi = false;
  std::string bold(const std::string& s) const { return ansi ? "\x1b[1m" + s + "\x1b[0m" : s; }
  std::string dim(const std::string& s) const { return ansi ? "\x1b[2m" + s + "\x1b[0m" : s; }
  std::string marked(const search::Snippet& s) const {
    return ansi ? search::render_ansi(s) : search::render_plain(s);
  }
};

void print_text(const search::SearchResult& r, const search::SearchRequest& req, const Style& st) {
  std::ostream& out = std::cout;
  if (r.showing_corrected) {
    out << fmt::format("No results for \"{}\"; showing results for \"{}\".\n", r.query, r.corrected_query);
  } else if (!r.corrected_query.empty()) {
    out << fmt::format("Did you mean: {}\n", st.bold(r.corrected_query));
  }
  for (const auto& t : r.typos) {
    out << fmt::format("\"{}\" is not in the index: matched as \"{}\".\n", t.word, t.replacement);
  }
  if (!r.ignored_stopwords.empty()) {
    out << st.dim(fmt::format("Not required (common words): {}\n", fmt::join(r.ignored_stopwords, ", ")));
  }
  for (const auto& n : r.notes) out << "Note: " << n << '\n';
  const std::string approx = r.counts_exact ? "" : "about ";
  if (req.quotes) {
    out << fmt::format("{}{} quotes in {} articles  {:.1f} ms\n\n", approx, r.quote_count, r.articles,
                       r.timings.total_ms);
  } else {
    out << fmt::format("{}{} articles ({} stories){}  {:.1f} ms\n\n", approx, r.articles, r.stories,
                       req.collapse && req.expand_story.empty() ? ", one hit per story" : "",
                       r.timings.total_ms);
  }
  for (const auto& h : r.hits) {
    out << fmt::format("{:>3}. {}  {}\n", h.rank, h.date.empty() ? "(no date)" : h.date.substr(0, 10),
                       st.dim(h.source));
    out << "     " << st.marked(h.title_snippet) << '\n';
    std::vector<std::string> facts;
    for (const auto& c : h.countries) facts.push_back(c.name);
    std::string line = fmt::format("{}", fmt::join(facts, ", "));
    if (!h.speakers.empty()) line += (line.empty() ? "" : " · ") + fmt::format("{}", fmt::join(h.speakers, ", "));
    if (!line.empty()) out << "     " << st.dim(line) << '\n';
    const std::string snippet = st.marked(h.snippet);
    if (!snippet.empty()) out << "     " << snippet << '\n';
    out << st.dim(fmt::format("     id: {}", h.id));
    if (h.similar) out << st.dim(fmt::format("  · {} similar (--expand {})", h.similar, h.story));
    out << "\n\n";
  }
  for (const auto& q : r.quotes) {
    out << fmt::format("« {} »\n     — {}, {}  {}\n     {}\n\n", st.marked(q.snippet),
                       q.speaker.empty() ? q.role : q.speaker, q.date.substr(0, std::min<std::size_t>(10, q.date.size())),
                       st.dim(q.source), st.dim("id: " + q.article_id));
  }
  for (const auto& f : r.facets) {
    if (f.values.empty()) continue;
    std::vector<std::string> parts;
    for (const auto& v : f.values) parts.push_back(fmt::format("{} {}", v.label, v.count));
    out << fmt::format("{:<8} {}\n", f.name, fmt::join(parts, " · "));
  }
}

void run_search(const SearchOptions& o) {
  search::SearchRequest req = o.request;
  req.query = fmt::format("{}", fmt::join(o.query, " "));
  req.sort = parse_sort(o.sort);
  req.facets = !o.no_facets;
  req.collapse = !o.no_collapse;
  req.spelling = !o.no_spelling;
  req.typo_tolerance = !o.no_typos;
  req.time_limit = std::chrono::milliseconds(o.time_limit_ms);
  if (req.limit == 0) throw UsageError("--limit must be at least 1");
  search::Searcher searcher(index_location(o.db, o.shards, req.time_limit));
  const search::SearchResult result = searcher.search(req);
  if (o.json) {
    std::cout << search::to_json(result, req).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return;
  }
  Style style;
  style.ansi = o.color == "always" || (o.color == "auto" && isatty(STDOUT_FILENO));
  print_text(result, req, style);
}

}  // namespace

void add_search_command(CLI::App& app) {
  auto o = std::make_shared<SearchOptions>();
  CLI::App* cmd = app.add_subcommand("search", "Search an index (query language: docs/QUERY.md)");
  cmd->add_option("--db", o->db, "Index directory, sharded index or stub file (see also --remote)");
  add_shard_options(cmd, o->shards);
  cmd->add_option("query", o->query, "The query; words are joined with spaces");
  // Each occurrence takes one value: "--speaker kirby obus" is a speaker and a query word.
  cmd->add_option("--country", o->request.countries,
                  "Only articles about this country (ISO code or French name); repeat for any of several")
      ->allow_extra_args(false);
  cmd->add_option("--speaker", o->request.speakers,
                  "Only articles quoting this person (full or last name); repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--source", o->request.sources, "Only articles from this outlet (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--from", o->request.from, "Published on or after: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--to", o->request.to, "Published on or before: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--sort", o->sort, "relevance, date (oldest first) or -date (newest first; write --sort=-date)")
      ->capture_default_str();
  cmd->add_flag("--recency", o->request.recency_boost, "Favour recent articles in relevance ranking");
  cmd->add_option("--limit", o->request.limit, "Hits per page")->capture_default_str();
  cmd->add_option("--offset", o->request.offset, "Hits to skip")->capture_default_str();
  cmd->add_flag("--no-facets", o->no_facets, "Do not count facets");
  cmd->add_flag("--no-collapse", o->no_collapse, "Show every copy of a wire story");
  cmd->add_option("--expand", o->request.expand_story, "Show all articles of this story key");
  cmd->add_option("--like", o->request.like_id, "Articles like this one (by id)");
  cmd->add_flag("--quotes", o->request.quotes, "Answer with quotes and who said them");
  cmd->add_flag("--no-spelling", o->no_spelling, "No did-you-mean and no retry with it");
  cmd->add_flag("--no-typos", o->no_typos, "No typo tolerance for unknown words");
  cmd->add_option("--time-limit", o->time_limit_ms, "Milliseconds the match may take")->capture_default_str();
  cmd->add_option("--color", o->color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_flag("--json", o->json, "Print the result as JSON (docs/JSON.md)");
  cmd->callback([o] { run_search(*o); });
}

}  // namespace depeche::cli
