// Fuzz target: the French analysis chain and term generation on arbitrary bytes.
// Invariants: analyze never throws; every token covers a non-empty range of the input, carries
// valid UTF-8, and numbers its positions 1, 2, 3… (a compound shares its first part's, and its
// parts follow it); no generated term is longer than schema::kMaxTermBytes (plus its prefixes);
// query-mode analysis of the same text finds the same words; and every term a words or phrase
// query asks for was written by indexing that text (index/query parity).
#include <xapian.h>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/french_analyzer.h"
#include "analyzers/term_generation.h"
#include "core/schema.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using depeche::analysis::AnalysisMode;
using depeche::analysis::Token;
namespace a = depeche::analysis;
namespace schema = depeche::schema;

void check_tokens(std::string_view text, const std::vector<Token>& tokens, AnalysisMode mode) {
  std::uint32_t position = 0;
  std::uint32_t last_begin = 0;
  std::size_t parts_left = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const std::string where =
        "token " + std::to_string(i) + " '" + depeche::fuzz::shown(t.lower) + "'";
    DEPECHE_FUZZ_CHECK(t.begin < t.end && t.end <= text.size(), where);
    DEPECHE_FUZZ_CHECK(t.begin >= last_begin, where + ": offsets go backwards");
    last_begin = t.begin;
    DEPECHE_FUZZ_CHECK(!t.lower.empty(), where + ": empty lower form");
    DEPECHE_FUZZ_CHECK(depeche::fuzz::is_valid_utf8(t.lower), where + ": lower form not UTF-8");
    DEPECHE_FUZZ_CHECK(depeche::fuzz::is_valid_utf8(t.term), where + ": term not UTF-8");
    const bool wildcard = t.has(a::kFlagWildcard);
    DEPECHE_FUZZ_CHECK(mode == AnalysisMode::kQuery || !wildcard,
                       where + ": wildcard in index mode");
    if (!wildcard) {
      DEPECHE_FUZZ_CHECK(t.has(a::kFlagTooLong) == (t.term.size() > schema::kMaxTermBytes),
                         where + ": too-long flag disagrees with the term's length");
    }
    for (const std::string& stem : t.stems) {
      DEPECHE_FUZZ_CHECK(!stem.empty() && stem.size() <= schema::kMaxTermBytes,
                         where + ": stem key '" + stem + "'");
      DEPECHE_FUZZ_CHECK(depeche::fuzz::is_valid_utf8(stem), where + ": stem key not UTF-8");
    }
    if (t.has(a::kFlagCompound)) {
      DEPECHE_FUZZ_CHECK(parts_left == 0 && t.parts >= 2 && i + t.parts < tokens.size(),
                         where + ": compound without its parts");
      DEPECHE_FUZZ_CHECK(t.position == position + 1, where + ": compound position");
      DEPECHE_FUZZ_CHECK(t.begin == tokens[i + 1].begin && t.end == tokens[i + t.parts].end,
                         where + ": compound range is not its parts'");
      parts_left = t.parts;
      continue;
    }
    DEPECHE_FUZZ_CHECK(t.position == ++position, where + ": positions must count 1, 2, 3…");
    if (parts_left > 0) {
      DEPECHE_FUZZ_CHECK(t.has(a::kFlagCompoundPart), where + ": compound part not flagged");
      --parts_left;
    }
  }
  DEPECHE_FUZZ_CHECK(parts_left == 0, "the last compound lacks parts");
}

std::set<std::string> query_terms(const Xapian::Query& q) {
  std::set<std::string> out;
  for (auto it = q.get_unique_terms_begin(); it != q.get_unique_terms_end(); ++it) out.insert(*it);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The analyzer is per thread and reused, as indexing and searching use it: state carried from
  // one text to the next (the stemmer's memo, ICU's iterator) is part of what is tested.
  static a::FrenchAnalyzer analyzer;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const std::vector<Token> indexed = analyzer.analyze(text, AnalysisMode::kIndex);
  check_tokens(text, indexed, AnalysisMode::kIndex);
  const std::vector<Token> queried = analyzer.analyze(text, AnalysisMode::kQuery);
  check_tokens(text, queried, AnalysisMode::kQuery);
  DEPECHE_FUZZ_CHECK(indexed.size() == queried.size(), "query mode finds other words");
  bool any_wildcard = false;
  for (std::size_t i = 0; i < indexed.size(); ++i) {
    DEPECHE_FUZZ_CHECK(indexed[i].begin == queried[i].begin && indexed[i].end == queried[i].end &&
                           indexed[i].term == queried[i].term &&
                           indexed[i].position == queried[i].position,
                       "query mode analyses token " + std::to_string(i) + " differently");
    any_wildcard = any_wildcard || queried[i].has(a::kFlagWildcard);
  }

  // Terms of the body field and of the title field (prefixed, title positions offset).
  Xapian::Document doc;
  a::index_tokens(doc, indexed, {});
  a::index_tokens(doc, indexed, {schema::kPrefixTitle, schema::kTitleWdf, 0, true});
  std::set<std::string> written;
  const std::size_t max_term =
      schema::kMaxTermBytes + schema::kPrefixStem.size() + schema::kPrefixTitle.size();
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string term = *it;
    DEPECHE_FUZZ_CHECK(!term.empty() && term.size() <= max_term,
                       "term '" + depeche::fuzz::shown(term) + "'");
    DEPECHE_FUZZ_CHECK(depeche::fuzz::is_valid_utf8(term), "term not UTF-8");
    written.insert(term);
  }

  // Parity: what the query side looks for is what the index side wrote. Wildcards expand against
  // the index instead, so texts with a '*' after a word only check that the queries build.
  for (std::string_view prefix : {schema::kPrefixBody, schema::kPrefixTitle}) {
    const a::QueryFieldOptions options{prefix, Xapian::Query::OP_AND, 100};
    const Xapian::Query words = a::words_query(queried, options);
    const Xapian::Query phrase = a::phrase_query(queried, options);
    (void)words.get_description();
    (void)phrase.get_description();
    if (any_wildcard) continue;
    for (const std::string& term : query_terms(words)) {
      DEPECHE_FUZZ_CHECK(written.count(term) == 1, "query term '" + term + "' was never indexed");
    }
    for (const std::string& term : query_terms(phrase)) {
      DEPECHE_FUZZ_CHECK(written.count(term) == 1, "phrase term '" + term + "' was never indexed");
    }
  }
  return 0;
}
