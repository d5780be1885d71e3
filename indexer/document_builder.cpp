// Builds documents: terms from the French analysis chain, boolean filter terms, value slots, and
// the stored JSON that result lists and snippets read.
#include "indexer/document_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "analyzers/country_names.h"
#include "analyzers/term_generation.h"
#include "analyzers/text_folding.h"
#include "core/schema.h"
#include "indexer/text_cleanup.h"

namespace depeche::indexer {
namespace {

void add_boolean(Xapian::Document& doc, std::string_view prefix, std::string_view value) {
  if (!value.empty()) doc.add_boolean_term(schema::boolean_term(prefix, value));
}

// "https://www.example.org/a/b" → "www.example.org"
std::string host_of(std::string_view url) {
  std::size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::string host(url.substr(start, end == std::string_view::npos ? url.npos : end - start));
  if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  if (auto colon = host.rfind(':'); colon != std::string::npos) host.erase(colon);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

// Every word of a folded name: "jeon min seok" → jeon, min, seok. Name order differs across
// cultures (family name first in Korean), so a one-word speaker filter matches any of them.
std::vector<std::string> name_words(std::string_view folded_full_name) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < folded_full_name.size()) {
    std::size_t space = folded_full_name.find(' ', start);
    if (space == std::string_view::npos) space = folded_full_name.size();
    if (space > start) words.emplace_back(folded_full_name.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

void collect_spelling(const std::vector<analysis::Token>& tokens,
                      std::map<std::string, Xapian::termcount>& words) {
  for (const analysis::Token& t : tokens) {
    if (t.flags & (analysis::kFlagStopword | analysis::kFlagNumber | analysis::kFlagCompound |
                   analysis::kFlagTooLong)) {
      continue;
    }
    // Words of two letters or more with at least one letter: no "x", no "3e".
    if (t.term.size() < 2 || t.lower.size() > 40) continue;
    if (std::none_of(t.term.begin(), t.term.end(),
                     [](unsigned char c) { return std::isalpha(c) || c >= 0x80; })) {
      continue;
    }
    ++words[t.lower];
  }
}

}  // namespace

BuiltDocument DocumentBuilder::build(const Article& a) {
  BuiltDocument out;
  out.id = a.id;
  out.id_term = schema::id_term(a.id);
  out.origin = a.origin;
  Xapian::Document& doc = out.doc;
  doc.add_boolean_term(out.id_term);

  // Title: its own field, and the free-text field with a higher wdf (title boost).
  const auto title_tokens = analyzer_.analyze(a.title);
  analysis::index_tokens(doc, title_tokens, {.prefix = schema::kPrefixTitle});
  analysis::index_tokens(doc, title_tokens,
                         {.prefix = schema::kPrefixBody, .wdf = schema::kTitleWdf});
  const Xapian::termpos title_end = title_tokens.empty() ? 0 : title_tokens.back().position;

  const auto body_tokens = analyzer_.analyze(a.body);
  analysis::index_tokens(doc, body_tokens,
                         {.prefix = schema::kPrefixBody,
                          .position_offset = title_end + schema::kBodyPositionGap});
  out.signature = dup_signature(body_tokens);

  // Entities: extracted facets merge with any the input supplied.
  const analysis::Entities entities = extractor_.extract(a.title, title_tokens, a.body, body_tokens);
  std::vector<std::string> given_countries = a.countries;
  for (const std::string& code : analysis::EntityExtractor::country_facet(entities)) {
    given_countries.push_back(code);
  }
  std::vector<std::string> given_speakers = a.speakers;
  for (const std::string& name : analysis::EntityExtractor::speaker_facet(entities)) {
    given_speakers.push_back(name);
  }
  // Quote words get their own field, so a search can ask what was said rather than written.
  nlohmann::json quotes = nlohmann::json::array();
  for (const analysis::Quote& q : entities.quotes) {
    const auto& tokens = q.field == analysis::TextField::kTitle ? title_tokens : body_tokens;
    std::vector<analysis::Token> inside;
    for (const analysis::Token& t : tokens) {
      if (t.begin >= q.begin && t.end <= q.end) inside.push_back(t);
    }
    analysis::index_tokens(doc, inside, {.prefix = schema::kPrefixQuote});
    quotes.push_back({{"text", q.text},
                      {"speaker", q.speaker},
                      {"role", q.role},
                      {"field", q.field == analysis::TextField::kTitle ? "title" : "body"},
                      {"begin", q.begin},
                      {"end", q.end}});
  }

  std::map<std::string, Xapian::termcount> spelling;
  collect_spelling(title_tokens, spelling);
  collect_spelling(body_tokens, spelling);
  out.spelling.assign(spelling.begin(), spelling.end());

  if (a.date) {
    const Date& d = *a.date;
    const std::string compact = d.compact();
    add_boolean(doc, schema::kPrefixDate, compact);
    add_boolean(doc, schema::kPrefixMonth, compact.substr(0, 6));
    add_boolean(doc, schema::kPrefixYear, compact.substr(0, 4));
    doc.add_value(schema::kSlotDate, compact);
    doc.add_value(schema::kSlotYear, compact.substr(0, 4));
    doc.add_value(schema::kSlotMonth, compact.substr(0, 6));
    doc.add_value(schema::kSlotDayNumber,
                  Xapian::sortable_serialise(static_cast<double>(d.day_number())));
  }
  // Date then id: ties in sorting are broken the same way in one index and across shards.
  doc.add_value(schema::kSlotSortKey, (a.date ? a.date->compact() : std::string(8, '0')) + out.id_term);
  if (!a.source.empty()) {
    add_boolean(doc, schema::kPrefixSource, analysis::fold_value(a.source));
    doc.add_value(schema::kSlotSource, a.source);
  }
  if (!a.url.empty()) {
    add_boolean(doc, schema::kPrefixUrl, a.url);
    add_boolean(doc, schema::kPrefixHost, host_of(a.url));
  }
  if (!a.author.empty()) add_boolean(doc, schema::kPrefixAuthor, analysis::fold_value(a.author));
  if (!a.lang.empty()) add_boolean(doc, schema::kPrefixLang, analysis::fold_value(a.lang));

  // Countries: ISO code as the facet value, French CLDR name for display.
  nlohmann::json countries = nlohmann::json::array();
  std::vector<std::string> codes;
  const auto& names = analysis::CountryNames::french();
  for (const std::string& given : given_countries) {
    auto code = names.resolve(given);
    if (!code) {
      out.warnings.push_back(fmt::format("unknown country '{}' ignored", excerpt(given)));
      continue;
    }
    if (std::find(codes.begin(), codes.end(), *code) != codes.end()) continue;
    codes.push_back(*code);
  }
  std::sort(codes.begin(), codes.end());
  for (const std::string& code : codes) {
    std::string lower = code;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    add_boolean(doc, schema::kPrefixCountry, lower);
    countries.push_back({{"code", code}, {"name", names.name(code)}});
  }
  if (!codes.empty()) doc.add_value(schema::kSlotCountries, schema::pack_list(codes));

  // Speakers: the canonical full name as written; the folded full name and each of its words as
  // filter terms.
  std::vector<std::string> speakers;
  for (const std::string& name : given_speakers) {
    const std::string folded = analysis::fold_value(name);
    if (folded.empty()) continue;
    if (std::any_of(speakers.begin(), speakers.end(),
                    [&](const std::string& s) { return analysis::fold_value(s) == folded; })) {
      continue;
    }
    speakers.push_back(name);
    add_boolean(doc, schema::kPrefixSpeaker, folded);
    for (const std::string& word : name_words(folded)) add_boolean(doc, schema::kPrefixSpeakerLast, word);
  }
  if (!speakers.empty()) doc.add_value(schema::kSlotSpeakers, schema::pack_list(speakers));

  nlohmann::json data = {{schema::kFieldId, a.id},         {schema::kFieldTitle, a.title},
                         {schema::kFieldBody, a.body},     {schema::kFieldUrl, a.url},
                         {schema::kFieldSource, a.source}, {schema::kFieldAuthor, a.author},
                         {schema::kFieldLang, a.lang},     {schema::kFieldCountries, countries},
                         {schema::kFieldSpeakers, speakers},
                         {schema::kFieldQuotes, quotes}};
  if (a.date) data[schema::kFieldDate] = a.date->iso();
  if (!a.extra.empty()) {
    nlohmann::json extra = nlohmann::json::object();
    for (const auto& [key, json_text] : a.extra) {
      extra[key] = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    }
    data[schema::kFieldExtra] = std::move(extra);
  }
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return out;
}

}  // namespace depeche::indexer
