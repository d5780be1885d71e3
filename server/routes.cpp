// Every HTTP route of `depeche serve`, in one table; each handler only renders what the searcher,
// the suggester or the stored article says. Error kinds map to statuses here and nowhere else.
#include "server/routes.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <string_view>

#include "core/error.h"
#include "core/schema.h"
#include "searcher/search_json.h"
#include "server/params.h"
#include "server/web_assets.h"

namespace depeche::server {
namespace {

using nlohmann::json;
using Handler = void (*)(const RouteContext&, const httplib::Request&, httplib::Response&, const std::smatch&);

// An error the handler chose, with its status (404 for an unknown article).
struct HttpError {
  int status;
  std::string message;
};

void send_json(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, json{{"error", message}}, status);
}

// ---- GET /api/search -----------------------------------------------------------------------------
void search_route(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res, const std::smatch&) {
  search::SearchRequest request = parse_search_params(parse_query_string(req.target));
  request.time_limit = ctx.options.time_limit;
  const search::SearchResult result = ctx.workers.for_this_thread().searcher.search(request);
  send_json(res, search::to_json(result, request));
}

// ---- GET /api/suggest ----------------------------------------------------------------------------
void suggest_route(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res, const std::smatch&) {
  const SuggestParams params = parse_suggest_params(parse_query_string(req.target));
  const std::vector<Suggestion> suggestions = ctx.suggester.suggest(params.q);
  if (params.opensearch) {
    json texts = json::array();
    for (const auto& s : suggestions) texts.push_back(s.text);
    res.status = 200;
    res.set_content(json::array({params.q, texts}).dump(-1, ' ', false, json::error_handler_t::replace),
                    "application/x-suggestions+json; charset=utf-8");
    return;
  }
  json list = json::array();
  for (const auto& s : suggestions) list.push_back({{"text", s.text}, {"kind", s.kind}, {"count", s.count}});
  send_json(res, json{{"query", params.q}, {"suggestions", std::move(list)}});
}

// ---- GET /api/articles/{id} ----------------------------------------------------------------------
// The id is looked up as an index term, never as a file: "../" in it is just characters.
void article_route(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res, const std::smatch& m) {
  check_names(parse_query_string(req.target), {}, {});
  const std::string id = m[1].str();
  if (id.size() > 1024) throw UsageError("article id is longer than 1024 bytes");
  ShardSet& index = ctx.workers.for_this_thread().index();
  for (int attempt = 0;; ++attempt) {
    try {
      index.refresh();
      Xapian::Database& db = index.db();
      const std::string term = schema::id_term(id);
      auto posting = db.postlist_begin(term);
      if (posting == db.postlist_end(term)) {
        // With shards left out, the article may well be in one of them.
        if (!index.missing().empty()) throw HttpError{503, "a shard of the index is unavailable; try again later"};
        throw HttpError{404, fmt::format("no article with id '{}'", id)};
      }
      const json data = json::parse(db.get_document(*posting).get_data(), nullptr, false);
      json out = json::object();
      for (std::string_view key : {schema::kFieldId, schema::kFieldTitle, schema::kFieldBody, schema::kFieldDate,
                                   schema::kFieldSource, schema::kFieldUrl, schema::kFieldAuthor, schema::kFieldLang,
                                   schema::kFieldCountries, schema::kFieldSpeakers, schema::kFieldQuotes}) {
        const std::string k(key);
        if (data.is_object() && data.contains(k)) out[k] = data[k];
      }
      for (const char* list : {"countries", "speakers", "quotes"}) {
        if (!out.contains(list)) out[list] = json::array();
      }
      send_json(res, out);
      return;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 2) throw;  // a writer committed twice meanwhile: read the newest revision
    } catch (const Xapian::NetworkError& e) {
      // A remote shard went away: reconnect, or leave it out (core/shards.h).
      if (attempt >= 2) throw IndexError(e.get_description());
      index.recover(e.get_description());
    }
  }
}

// ---- GET /healthz --------------------------------------------------------------------------------
void health_route(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res, const std::smatch&) {
  check_names(parse_query_string(req.target), {}, {});
  ShardSet& index = ctx.workers.for_this_thread().index();
  try {
    index.refresh();
  } catch (const Xapian::NetworkError& e) {
    index.recover(e.get_description());
  }
  // "degraded": searches answer without the shards listed as down (--on-shard-failure partial).
  json body{{"status", index.missing().empty() ? "ok" : "degraded"},
            {"documents", index.db().get_doccount()},
            {"revision", index.revision()}};
  if (index.size() > 1 || index.remote()) {
    json shards = json::array();
    for (const ShardStatus& s : index.status()) {
      shards.push_back({{"shard", s.label}, {"remote", s.remote}, {"up", s.up}, {"documents", s.documents}});
    }
    body["shards"] = std::move(shards);
  }
  send_json(res, body);
}

// ---- GET /opensearch.xml -------------------------------------------------------------------------
std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// Where clients should send searches: --public-url, else what the client called us (a host name
// and port only: anything else in the Host header is ignored).
std::string base_url(const RouteContext& ctx, const httplib::Request& req) {
  if (!ctx.options.public_url.empty()) {
    std::string url = ctx.options.public_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }
  const std::string host = req.get_header_value("Host");
  const bool plain = !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
  return "http://" + (plain ? host : fmt::format("{}:{}", ctx.options.host, req.local_port));
}

void opensearch_route(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res, const std::smatch&) {
  check_names(parse_query_string(req.target), {}, {});
  const std::string base = xml_escape(base_url(ctx, req));
  res.status = 200;
  res.set_content(fmt::format(R"(<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>Depeche</ShortName>
  <Description>Recherche dans les archives d’actualité en français</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Language>fr</Language>
  <Url type="application/json" method="get" template="{0}/api/search?q={{searchTerms}}"/>
  <Url type="application/x-suggestions+json" method="get" template="{0}/api/suggest?format=opensearch&amp;q={{searchTerms}}"/>
</OpenSearchDescription>
)",
                              base),
                  "application/opensearchdescription+xml; charset=utf-8");
}

// ---- GET /, /app.js, /style.css, /widget.js -----------------------------------------------------
// The search page and the widget, from memory (server/embed_web.cmake). The page reads its state
// from its own query string (?q=…), so parameters are not checked here.
void asset_route(const RouteContext&, const httplib::Request& req, httplib::Response& res, const std::smatch&) {
  const std::string path = req.path == "/" ? "/index.html" : req.path;
  for (const WebAsset& asset : web_assets()) {
    if (asset.path != path) continue;
    res.status = 200;
    res.set_content(std::string(asset.body), std::string(asset.content_type));
    res.set_header("Cache-Control", "no-cache");
    if (path == "/index.html") {
      // Only the page's own scripts, styles and API: no inline code, no third party.
      res.set_header("Content-Security-Policy",
                     "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' "
                     "data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
      res.set_header("Referrer-Policy", "no-referrer");
    }
    return;
  }
  throw HttpError{404, "no such endpoint (see docs/API.md)"};
}

// ---- The route table -----------------------------------------------------------------------------
struct Route {
  std::string_view method;  // GET routes also answer HEAD; every route answers OPTIONS
  std::regex path;          // matched against the percent-decoded path, whole
  Handler handler;
};

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      {"GET", std::regex("/api/search"), search_route},
      {"GET", std::regex("/api/suggest"), suggest_route},
      {"GET", std::regex("/api/articles/(.+)"), article_route},  // ids may contain '/'
      {"GET", std::regex("/healthz"), health_route},
      {"GET", std::regex("/opensearch.xml"), opensearch_route},
      {"GET", std::regex("/|/app\\.js|/style\\.css|/widget\\.js"), asset_route},  // web/, embedded
  };
  return table;
}

bool cors_allowed(const RouteContext& ctx, const std::string& origin) {
  return !origin.empty() &&
         std::find(ctx.options.cors_origins.begin(), ctx.options.cors_origins.end(), origin) !=
             ctx.options.cors_origins.end();
}

// Paths and messages come from the client: no control characters reach the log.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 300)) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

void dispatch(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const Route* path_match = nullptr;
  std::smatch m;
  for (const Route& route : routes()) {
    if (!std::regex_match(req.path, m, route.path)) continue;
    path_match = &route;
    break;
  }
  if (!path_match) throw HttpError{404, "no such endpoint (see docs/API.md)"};
  const std::string allow = fmt::format("{}, HEAD, OPTIONS", path_match->method);
  if (req.method == "OPTIONS") {
    // A CORS preflight: answered for listed origins only (the others get no Access-Control-*).
    res.status = 204;
    res.set_header("Allow", allow);
    if (cors_allowed(ctx, req.get_header_value("Origin"))) {
      res.set_header("Access-Control-Allow-Methods", allow);
      res.set_header("Access-Control-Allow-Headers", "Content-Type");
      res.set_header("Access-Control-Max-Age", "600");
    }
    return;
  }
  if (req.method != path_match->method && !(req.method == "HEAD" && path_match->method == "GET")) {
    res.set_header("Allow", allow);
    throw HttpError{405, fmt::format("method {} is not allowed here (allowed: {})", req.method, allow)};
  }
  path_match->handler(ctx, req, res, m);
}

}  // namespace

void handle_request(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const auto started = std::chrono::steady_clock::now();
  try {
    dispatch(ctx, req, res);
  } catch (const HttpError& e) {
    send_error(res, e.status, e.message);
  } catch (const UsageError& e) {
    send_error(res, 400, e.what());
  } catch (const IndexError& e) {
    spdlog::error("server: index unavailable: {}", e.what());
    send_error(res, 503, "the index is unavailable; try again later");
  } catch (const Xapian::DatabaseError& e) {
    spdlog::error("server: index error: {}", e.get_description());
    send_error(res, 503, "the index is unavailable; try again later");
  } catch (const Xapian::Error& e) {
    spdlog::error("server: {} {}: {}", req.method, printable(req.path), e.get_description());
    send_error(res, 500, "internal error");
  } catch (const std::exception& e) {
    spdlog::error("server: {} {}: {}", req.method, printable(req.path), e.what());
    send_error(res, 500, "internal error");
  }
  const std::string origin = req.get_header_value("Origin");
  if (!ctx.options.cors_origins.empty()) res.set_header("Vary", "Origin");
  if (cors_allowed(ctx, origin)) res.set_header("Access-Control-Allow-Origin", origin);
  res.set_header("X-Content-Type-Options", "nosniff");
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("server: {} {} status={} ms={:.1f} bytes={}", req.method, printable(req.path), res.status, ms,
               res.body.size());
}

void fill_protocol_error(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return;  // one of ours, already JSON
  std::string message = "bad request";
  if (res.status == 413) message = "request body too large: no endpoint accepts a body";
  if (res.status == 414) message = "request URI too long";
  send_json(res, json{{"error", message}}, res.status);
  spdlog::info("server: {} {} status={} ms=0.0 bytes={}", printable(req.method), printable(req.path), res.status,
               res.body.size());
}

}  // namespace depeche::server
