// Parameter validation: strict, with messages that name the parameter and its bounds.
#include "server/params.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/error.h"

namespace depeche::server {
namespace {

const std::vector<std::string> kSearchNames = {"q",    "country", "speaker",  "source", "from",
                                               "to",   "sort",    "page",     "per_page", "quotes",
                                               "like", "expand",  "collapse", "recency"};
const std::vector<std::string> kSearchRepeatable = {"country", "speaker", "source"};

const std::string* single(const QueryParams& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? nullptr : &it->second;
}

std::size_t integer(const QueryParams& params, const std::string& name, std::size_t low,
                    std::size_t high, std::size_t fallback) {
  const std::string* v = single(params, name);
  if (!v) return fallback;
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc() || end != v->data() + v->size() || n < low || n > high) {
    throw UsageError(fmt::format("parameter '{}' must be an integer from {} to {}", name, low, high));
  }
  return n;
}

bool flag(const QueryParams& params, const std::string& name, bool fallback) {
  const std::string* v = single(params, name);
  if (!v) return fallback;
  if (*v == "1") return true;
  if (*v == "0") return false;
  throw UsageError(fmt::format("parameter '{}' must be 0 or 1", name));
}

std::string text(const QueryParams& params, const std::string& name, std::size_t max_bytes) {
  const std::string* v = single(params, name);
  if (!v) return {};
  if (v->size() > max_bytes) {
    throw UsageError(fmt::format("parameter '{}' is longer than {} bytes", name, max_bytes));
  }
  return *v;
}

// Repeated and comma-separated values alike ("country=KP&country=JP" or "country=KP,JP").
std::vector<std::string> list(const QueryParams& params, const std::string& name, bool split_commas) {
  std::vector<std::string> out;
  auto [first, last] = params.equal_range(name);
  for (auto it = first; it != last; ++it) {
    std::string_view rest = it->second;
    while (true) {
      const std::size_t comma = split_commas ? rest.find(',') : std::string_view::npos;
      std::string_view part = rest.substr(0, comma);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
      if (part.size() > kMaxValueBytes) {
        throw UsageError(fmt::format("parameter '{}' has a value longer than {} bytes", name, kMaxValueBytes));
      }
      if (!part.empty()) out.emplace_back(part);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (out.size() > kMaxValuesPerName) {
    throw UsageError(fmt::format("parameter '{}' takes at most {} values", name, kMaxValuesPerName));
  }
  return out;
}

std::string decode_component(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];  // a stray '%' stays literal, as browsers leave it
    }
  }
  return out;
}

}  // namespace

QueryParams parse_query_string(std::string_view target) {
  QueryParams params;
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return params;
  std::string_view query = target.substr(question + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (!pair.empty()) {
      const std::size_t eq = pair.find('=');
      params.emplace(decode_component(pair.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : decode_component(pair.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return params;
}

void check_names(const QueryParams& params, const std::vector<std::string>& known,
                 const std::vector<std::string>& repeatable) {
  for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
    const std::string& name = it->first;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string shown = name.size() > 40 ? name.substr(0, 40) + "…" : name;
      throw UsageError(fmt::format("unknown parameter '{}' (expected one of: {})", shown, fmt::join(known, ", ")));
    }
    const bool many = std::find(repeatable.begin(), repeatable.end(), name) != repeatable.end();
    if (!many && params.count(name) > 1) {
      throw UsageError(fmt::format("parameter '{}' may be given only once", name));
    }
    if (many && params.count(name) > kMaxValuesPerName) {
      throw UsageError(fmt::format("parameter '{}' takes at most {} values", name, kMaxValuesPerName));
    }
  }
}

search::SearchRequest parse_search_params(const QueryParams& params) {
  check_names(params, kSearchNames, kSearchRepeatable);
  search::SearchRequest req;
  req.query = text(params, "q", kMaxQueryBytes);
  // Country names never contain commas; speaker and source names may ("Dupont, Jean"), so only
  // the repeated form lists several of those.
  req.countries = list(params, "country", true);
  req.speakers = list(params, "speaker", false);
  req.sources = list(params, "source", false);
  req.from = text(params, "from", 10);
  req.to = text(params, "to", 10);
  if (const std::string* sort = single(params, "sort")) {
    if (*sort == "relevance") {
      req.sort = search::SortOrder::kRelevance;
    } else if (*sort == "date") {
      req.sort = search::SortOrder::kDateAscending;
    } else if (*sort == "-date") {
      req.sort = search::SortOrder::kDateDescending;
    } else {
      throw UsageError("parameter 'sort' must be relevance, date (oldest first) or -date (newest first)");
    }
  }
  const std::size_t per_page = integer(params, "per_page", 1, kMaxPerPage, kDefaultPerPage);
  const std::size_t page = integer(params, "page", 1, kMaxDepth, 1);
  if (page * per_page > kMaxDepth) {
    throw UsageError(fmt::format("page {} of {} results is too deep: page × per_page must be at most {}",
                                 page, per_page, kMaxDepth));
  }
  req.limit = per_page;
  req.offset = (page - 1) * per_page;
  req.quotes = flag(params, "quotes", false);
  req.collapse = flag(params, "collapse", true);
  req.recency_boost = flag(params, "recency", false);
  req.like_id = text(params, "like", kMaxValueBytes);
  req.expand_story = text(params, "expand", 64);
  return req;
}

SuggestParams parse_suggest_params(const QueryParams& params) {
  check_names(params, {"q", "format"}, {});
  SuggestParams out;
  out.q = text(params, "q", kMaxQueryBytes);
  if (const std::string* format = single(params, "format")) {
    if (*format == "opensearch") {
      out.opensearch = true;
    } else if (*format != "json") {
      throw UsageError("parameter 'format' must be json or opensearch");
    }
  }
  return out;
}

}  // namespace depeche::server
