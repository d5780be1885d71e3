// Fuzz target: HTTP parameter parsing (server/params), the input being a request target
// ("/api/search?q=corée&country=KP&page=2").
// Invariants: parse_query_string never throws, and percent-encoding every name and value it found
// and parsing again gives the same parameters (decoding is exact); parse_search_params and
// parse_suggest_params return or throw depeche::UsageError, and a request they accept keeps every
// documented bound (docs/API.md): query length, page depth, per_page, values per name, value
// length, no empty or space-padded filter value.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "server/params.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace depeche;
using server::QueryParams;

std::string encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void check_values(const std::vector<std::string>& values, std::string_view name) {
  DEPECHE_FUZZ_CHECK(values.size() <= server::kMaxValuesPerName, std::string(name) + ": too many");
  for (const std::string& v : values) {
    DEPECHE_FUZZ_CHECK(
        !v.empty() && v.size() <= server::kMaxValueBytes && v.front() != ' ' && v.back() != ' ',
        std::string(name) + " value '" + v + "'");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  QueryParams params;
  try {
    params = server::parse_query_string(target);
  } catch (...) {
    fuzz::fail(__FILE__, __LINE__, "parse_query_string threw " + fuzz::current_exception_message());
  }

  std::string again = "/api/search?";
  for (const auto& [name, value] : params) again += encode(name) + "=" + encode(value) + "&";
  const QueryParams reparsed = server::parse_query_string(again);
  // A pair without '=' decodes to an empty value, as "name=" does: compare the decoded forms.
  DEPECHE_FUZZ_CHECK(reparsed == params,
                     "percent-encoding the parameters and parsing them again "
                     "gives other parameters");

  try {
    const search::SearchRequest r = server::parse_search_params(params);
    DEPECHE_FUZZ_CHECK(r.query.size() <= server::kMaxQueryBytes, "query over its bound");
    DEPECHE_FUZZ_CHECK(r.limit >= 1 && r.limit <= server::kMaxPerPage, "per_page out of bounds");
    DEPECHE_FUZZ_CHECK(r.offset % r.limit == 0 && r.offset + r.limit <= server::kMaxDepth,
                       "page out of bounds");
    check_values(r.countries, "country");
    check_values(r.speakers, "speaker");
    check_values(r.sources, "source");
    DEPECHE_FUZZ_CHECK(r.from.size() <= 10 && r.to.size() <= 10, "from/to over their bound");
    DEPECHE_FUZZ_CHECK(r.like_id.size() <= server::kMaxValueBytes, "like over its bound");
    DEPECHE_FUZZ_CHECK(r.expand_story.size() <= 64, "expand over its bound");
    DEPECHE_FUZZ_CHECK(params.count("q") <= 1 && params.count("page") <= 1, "a repeated parameter");
  } catch (const UsageError& e) {
    DEPECHE_FUZZ_CHECK(std::string_view(e.what()).rfind("parameter", 0) == 0 ||
                           std::string_view(e.what()).rfind("unknown parameter", 0) == 0 ||
                           std::string_view(e.what()).rfind("page ", 0) == 0,
                       std::string("a usage error that does not name the parameter: ") + e.what());
  } catch (...) {
    fuzz::fail(__FILE__, __LINE__,
               "parse_search_params threw " + fuzz::current_exception_message());
  }

  try {
    const server::SuggestParams s = server::parse_suggest_params(params);
    DEPECHE_FUZZ_CHECK(s.q.size() <= server::kMaxQueryBytes, "suggest query over its bound");
  } catch (const UsageError&) {
  } catch (...) {
    fuzz::fail(__FILE__, __LINE__,
               "parse_suggest_params threw " + fuzz::current_exception_message());
  }
  return 0;
}
