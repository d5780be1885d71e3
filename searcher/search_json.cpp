// Serialises search results; the field names here are the public schema of docs/JSON.md.
#include "searcher/search_json.h"

namespace depeche::search {

nlohmann::json to_json(const Snippet& s) {
  nlohmann::json highlights = nlohmann::json::array();
  for (const Highlight& h : s.highlights) highlights.push_back({{"start", h.begin}, {"end", h.end}});
  return {{"text", render_plain(s)},
          {"html", render_html(s)},
          {"raw", s.text},
          {"highlights", highlights},
          {"source_start", s.source_begin},
          {"truncated_start", s.truncated_start},
          {"truncated_end", s.truncated_end}};
}

nlohmann::json to_json(const SearchResult& r, const SearchRequest& req) {
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& h : r.hits) {
    nlohmann::json countries = nlohmann::json::array();
    for (const CountryRef& c : h.countries) countries.push_back({{"code", c.code}, {"name", c.name}});
    hits.push_back({{"rank", h.rank},
                    {"id", h.id},
                    {"score", h.score},
                    {"percent", h.percent},
                    {"title", h.title},
                    {"title_html", render_html(h.title_snippet)},
                    {"date", h.date},
                    {"source", h.source},
                    {"url", h.url},
                    {"countries", countries},
                    {"speakers", h.speakers},
                    {"snippet", to_json(h.snippet)},
                    {"story", h.story},
                    {"similar", h.similar}});
  }
  nlohmann::json quotes = nlohmann::json::array();
  for (const QuoteHit& q : r.quotes) {
    quotes.push_back({{"text", q.text},
                      {"html", render_html(q.snippet)},
                      {"speaker", q.speaker},
                      {"role", q.role},
                      {"article_id", q.article_id},
                      {"title", q.title},
                      {"date", q.date},
                      {"source", q.source}});
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const Facet& f : r.facets) {
    nlohmann::json values = nlohmann::json::array();
    for (const FacetValue& v : f.values) {
      values.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
    }
    facets[f.name] = values;
  }
  nlohmann::json typos = nlohmann::json::array();
  for (const Correction& c : r.typos) typos.push_back({{"word", c.word}, {"replacement", c.replacement}});
  return {{"query", r.query},
          {"counts", {{"articles", r.articles}, {"stories", r.stories}, {"exact", r.counts_exact},
                      {"facets_count", "articles"}, {"quotes", r.quote_count}}},
          {"page", {{"offset", req.offset}, {"limit", req.limit}, {"returned", r.hits.size()}}},
          {"hits", hits},
          {"quotes", quotes},
          {"facets", facets},
          {"feedback",
           {{"corrected_query", r.corrected_query},
            {"showing_corrected", r.showing_corrected},
            {"typos", typos},
            {"ignored_stopwords", r.ignored_stopwords},
            {"relaxed_syntax", r.relaxed_syntax},
            {"timed_out", r.timed_out},
            {"partial", r.partial},
            {"missing_shards", r.missing_shards},
            {"notes", r.notes}}},
          {"timings_ms",
           {{"parse", r.timings.parse_ms},
            {"match", r.timings.match_ms},
            {"snippets", r.timings.snippets_ms},
            {"total", r.timings.total_ms}}}};
}

}  // namespace depeche::search
