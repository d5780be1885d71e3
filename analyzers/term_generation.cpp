// Implements the token → term mapping on both sides.
#include "analyzers/term_generation.h"

#include <string>

#include "core/schema.h"

namespace depeche::analysis {
namespace {

std::string prefixed(std::string_view prefix, std::string_view term) {
  std::string s;
  s.reserve(prefix.size() + term.size());
  s.append(prefix).append(term);
  return s;
}

std::string stem_term(std::string_view prefix, std::string_view key) {
  std::string s(schema::kPrefixStem);
  s.append(prefix).append(key);
  return s;
}

bool indexable(const Token& tok) { return !tok.term.empty() && !tok.has(kFlagTooLong); }

Xapian::Query stems_query(const Token& tok, std::string_view prefix) {
  std::vector<Xapian::Query> keys;
  keys.reserve(tok.stems.size());
  for (const std::string& key : tok.stems) keys.emplace_back(stem_term(prefix, key));
  if (keys.size() == 1) return keys.front();
  return Xapian::Query(Xapian::Query::OP_SYNONYM, keys.begin(), keys.end());
}

// Exact positional terms for tokens [first, last), skipping compound wholes (parts carry them).
Xapian::Query exact_sequence(const std::vector<Token>& tokens, std::size_t first, std::size_t last,
                             std::string_view prefix) {
  std::vector<Xapian::Query> terms;
  for (std::size_t k = first; k < last; ++k) {
    const Token& tok = tokens[k];
    if (tok.has(kFlagCompound) || !indexable(tok)) continue;
    terms.emplace_back(prefixed(prefix, tok.term));
  }
  if (terms.empty()) return Xapian::Query();
  if (terms.size() == 1) return terms.front();
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size()));
}

}  // namespace

void index_tokens(Xapian::Document& doc, const std::vector<Token>& tokens,
                  const IndexFieldOptions& options) {
  for (const Token& tok : tokens) {
    if (!indexable(tok)) continue;
    std::string term = prefixed(options.prefix, tok.term);
    if (tok.has(kFlagCompound) || !options.positions) {
      doc.add_term(term, options.wdf);
    } else {
      doc.add_posting(term, options.position_offset + tok.position, options.wdf);
    }
    for (const std::string& key : tok.stems) doc.add_term(stem_term(options.prefix, key), options.wdf);
  }
}

Xapian::Query word_query(const std::vector<Token>& tokens, std::size_t i,
                         const QueryFieldOptions& options) {
  const Token& tok = tokens[i];
  if (!indexable(tok)) return Xapian::Query();
  if (tok.has(kFlagWildcard)) {
    return Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed(options.prefix, tok.term),
                         options.wildcard_limit, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  }
  Xapian::Query single =
      tok.stems.empty() ? Xapian::Query(prefixed(options.prefix, tok.term))
                        : stems_query(tok, options.prefix);
  if (!tok.has(kFlagCompound)) return single;
  // A compound written whole in one document and as separate words in another ("Etats Unis"):
  // either form matches, weighed as one word.
  const std::size_t parts_end = std::min(tokens.size(), i + 1 + tok.parts);
  Xapian::Query parts = exact_sequence(tokens, i + 1, parts_end, options.prefix);
  if (parts.empty()) return single;
  return Xapian::Query(Xapian::Query::OP_SYNONYM, single, parts);
}

Xapian::Query words_query(const std::vector<Token>& tokens, const QueryFieldOptions& options) {
  std::vector<Xapian::Query> required;
  std::vector<Xapian::Query> optional;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& tok = tokens[i];
    Xapian::Query q = word_query(tokens, i, options);
    if (tok.has(kFlagCompound)) i += tok.parts;  // the parts are inside q already
    if (q.empty()) continue;
    (tok.has(kFlagStopword) ? optional : required).push_back(std::move(q));
  }
  if (required.empty()) {
    // Only stopwords ("le la"): search for them rather than for nothing.
    if (optional.empty()) return Xapian::Query();
    return Xapian::Query(options.op, optional.begin(), optional.end());
  }
  Xapian::Query main = required.size() == 1
                           ? required.front()
                           : Xapian::Query(options.op, required.begin(), required.end());
  if (optional.empty()) return main;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, main,
                       Xapian::Query(Xapian::Query::OP_OR, optional.begin(), optional.end()));
}

Xapian::Query phrase_query(const std::vector<Token>& tokens, const QueryFieldOptions& options) {
  return exact_sequence(tokens, 0, tokens.size(), options.prefix);
}

}  // namespace depeche::analysis
