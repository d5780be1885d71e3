// Fuzz target: the entity extractor (countries, speakers, unnamed speakers, quotes, dates).
// Input: the first line is the title, the rest the body, both analysed as indexing does.
// Invariants: extraction never throws; every mention points at a non-empty byte range of its own
// field; names, roles, quotes and evidence are valid UTF-8 (for UTF-8 input); country codes are
// two capital letters; dates are real and plausible; the facets are sorted and unique (countries)
// or unique (speakers) and name only what the mentions found.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "analyzers/entity_extractor.h"
#include "analyzers/french_analyzer.h"
#include "tests/fuzz/reader_checks.h"

namespace {

using namespace depeche;
using analysis::TextField;

struct Fields {
  std::string_view title, body;
  bool utf8 = true;
  std::string_view of(TextField f) const { return f == TextField::kTitle ? title : body; }
};

template <typename Mention>
void check_range(const Fields& fields, const Mention& m, std::string_view kind) {
  const std::string_view text = fields.of(m.field);
  DEPECHE_FUZZ_CHECK(m.begin < m.end && m.end <= text.size(),
                     std::string(kind) + " at [" + std::to_string(m.begin) + ", " +
                         std::to_string(m.end) + ") of a field of " + std::to_string(text.size()) +
                         " bytes");
}

void check_text(const Fields& fields, const std::string& s, std::string_view what) {
  if (fields.utf8) {
    DEPECHE_FUZZ_CHECK(fuzz::is_valid_utf8(s), std::string(what) + " not UTF-8");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static analysis::FrenchAnalyzer analyzer;
  static const analysis::EntityExtractor extractor;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  Fields fields;
  fields.title = input.substr(0, newline);
  fields.body = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  fields.utf8 = fuzz::is_valid_utf8(input);

  const auto title_tokens = analyzer.analyze(fields.title);
  const auto body_tokens = analyzer.analyze(fields.body);
  analysis::Entities e;
  try {
    e = extractor.extract(fields.title, title_tokens, fields.body, body_tokens);
  } catch (...) {
    fuzz::fail(__FILE__, __LINE__, "extract threw " + fuzz::current_exception_message());
  }

  std::set<std::string> codes;
  for (const auto& m : e.countries) {
    check_range(fields, m, "country mention");
    DEPECHE_FUZZ_CHECK(m.code.size() == 2 && std::isupper(static_cast<unsigned char>(m.code[0])) &&
                           std::isupper(static_cast<unsigned char>(m.code[1])),
                       "country code '" + m.code + "'");
    DEPECHE_FUZZ_CHECK(!m.evidence.empty(), "country mention without evidence");
    check_text(fields, m.evidence, "country evidence");
    codes.insert(m.code);
  }
  std::set<std::string> names;
  for (const auto& m : e.speakers) {
    check_range(fields, m, "speaker mention");
    DEPECHE_FUZZ_CHECK(!m.name.empty(), "speaker without a name");
    check_text(fields, m.name, "speaker name");
    check_text(fields, m.evidence, "speaker evidence");
    names.insert(m.name);
  }
  for (const auto& m : e.unnamed_speakers) {
    check_range(fields, m, "unnamed speaker");
    DEPECHE_FUZZ_CHECK(!m.role.empty(), "unnamed speaker without a role");
    check_text(fields, m.role, "role");
  }
  for (const auto& q : e.quotes) {
    DEPECHE_FUZZ_CHECK(q.begin <= q.end && q.end <= fields.of(q.field).size(), "quote range");
    check_text(fields, q.text, "quote");
    check_text(fields, q.speaker, "quote speaker");
    check_text(fields, q.role, "quote role");
  }
  for (const auto& d : e.dates) {
    check_range(fields, d, "date mention");
    fuzz::check_date(d.date, "date mention '" + d.evidence + "'");
  }

  const auto country_facet = analysis::EntityExtractor::country_facet(e);
  DEPECHE_FUZZ_CHECK(
      std::is_sorted(country_facet.begin(), country_facet.end()) &&
          std::adjacent_find(country_facet.begin(), country_facet.end()) == country_facet.end(),
      "country facet not sorted and unique");
  for (const std::string& code : country_facet) {
    DEPECHE_FUZZ_CHECK(codes.count(code) == 1, "country facet value " + code + " with no mention");
  }
  const auto speaker_facet = analysis::EntityExtractor::speaker_facet(e);
  std::set<std::string> seen;
  for (const std::string& name : speaker_facet) {
    DEPECHE_FUZZ_CHECK(seen.insert(name).second, "speaker facet repeats '" + name + "'");
    DEPECHE_FUZZ_CHECK(names.count(name) == 1, "speaker facet value '" + name + "' never spoke");
  }
  return 0;
}
