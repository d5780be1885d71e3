// The query language's grammar: recursive descent over the lexer's output, bounded by the
// parenthesis depth limit, building the Xapian query bottom-up with term_generation's functions.
#include "searcher/query_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "analyzers/country_names.h"
#include "analyzers/term_generation.h"
#include "core/error.h"
#include "core/schema.h"
#include "searcher/query_filters.h"
#include "searcher/query_lexer.h"

namespace depeche::search {

std::optional<std::string> resolve_french_country(std::string_view code_or_name) {
  return analysis::CountryNames::french().resolve(code_or_name);
}

namespace {

using analysis::Token;
using Op = Xapian::Query::op;

// Where the words of an atom go: a free-text field (prefix) or a filter.
struct Scope {
  std::string_view prefix = schema::kPrefixBody;
  std::optional<FilterField> filter;
  std::string_view name;  // as typed, for notes
};

// The field names users may write; French aliases because the users are French readers.
std::optional<Scope> known_field(std::string_view typed) {
  std::string name(typed);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (name == "title" || name == "titre") return Scope{schema::kPrefixTitle, std::nullopt, typed};
  if (name == "quote" || name == "citation")
    return Scope{schema::kPrefixQuote, std::nullopt, typed};
  if (name == "country" || name == "pays") return Scope{{}, FilterField::kCountry, typed};
  if (name == "speaker") return Scope{{}, FilterField::kSpeaker, typed};
  if (name == "source") return Scope{{}, FilterField::kSource, typed};
  if (name == "year" || name == "annee") return Scope{{}, FilterField::kYear, typed};
  if (name == "date") return Scope{{}, FilterField::kDate, typed};
  return std::nullopt;
}

// A parsed sub-expression, with what its parent needs to combine it.
struct Operand {
  Xapian::Query query;
  bool negative = false;               // only excludes (NOT x, -x): the parent subtracts it
  bool optional = false;               // loose stopwords only: they add weight, never required
  std::vector<std::string> stopwords;  // their surface forms, reported if they end up optional
  bool empty() const { return query.empty(); }
};

Xapian::Query join(Op op, const std::vector<Xapian::Query>& qs) {
  if (qs.size() == 1) return qs.front();
  return Xapian::Query(op, qs.begin(), qs.end());
}

bool starts_unary(LexemeKind k) {
  return k == LexemeKind::kWord || k == LexemeKind::kPhrase || k == LexemeKind::kOpen ||
         k == LexemeKind::kNot || k == LexemeKind::kPlus || k == LexemeKind::kMinus ||
         k == LexemeKind::kField;
}

// The state of one parse: the lexemes, a cursor, and the ParsedQuery being filled.
class ParseRun {
 public:
  ParseRun(const std::vector<Lexeme>& lexemes, const QueryParserOptions& options,
           analysis::FrenchAnalyzer& analyzer, ParsedQuery& out)
      : lexemes_(lexemes), options_(options), analyzer_(analyzer), out_(out) {}

  Operand parse_query() {
    Operand result = parse_or(Scope{}, false);
    // parse_or consumes everything at depth 0 (stray ')' included); this is a safety net.
    while (pos_ < lexemes_.size()) {
      syntax_note(fmt::format("unexpected '{}' ignored", lexemes_[pos_].text));
      ++pos_;
    }
    return result;
  }

  std::size_t word_count() const { return word_count_; }

  void note(std::string text) {
    if (std::find(out_.notes.begin(), out_.notes.end(), text) == out_.notes.end()) {
      out_.notes.push_back(std::move(text));
    }
  }

  void syntax_note(std::string text) {
    out_.relaxed_syntax = true;
    note(std::move(text));
  }

 private:
  const Lexeme* peek() const { return pos_ < lexemes_.size() ? &lexemes_[pos_] : nullptr; }
  bool at(LexemeKind k) const { return peek() && peek()->kind == k; }
  bool next_starts_unary() const { return peek() && starts_unary(peek()->kind); }

  // An explicit operator needs something on each side; otherwise it is read as nothing.
  void check_binary(std::string_view op, bool has_left) {
    if (!has_left || !next_starts_unary()) {
      syntax_note(fmt::format("'{}' without something on each side ignored", op));
    }
  }

  // or := and ( OR and )*
  Operand parse_or(const Scope& scope, bool excluded) {
    std::vector<Operand> ops;
    for (;;) {
      const std::size_t start = pos_;
      Operand a = parse_and(scope, excluded);
      if (!a.empty()) ops.push_back(std::move(a));
      if (!at(LexemeKind::kOr)) break;
      ++pos_;
      check_binary("OR", pos_ - 1 > start);
    }
    return combine_or(std::move(ops), excluded);
  }

  // and := group ( AND group )*. With the default AND, a group already takes the explicit ANDs.
  Operand parse_and(const Scope& scope, bool excluded) {
    std::vector<Operand> ops;
    for (;;) {
      const std::size_t start = pos_;
      Operand g = parse_group(scope, excluded);
      if (!g.empty()) ops.push_back(std::move(g));
      if (!at(LexemeKind::kAnd)) break;
      ++pos_;
      check_binary("AND", pos_ - 1 > start);
    }
    return combine_and(Xapian::Query::OP_AND, std::move(ops), excluded);
  }

  // group := unary+, joined with the default operator (loose words).
  Operand parse_group(const Scope& scope, bool excluded) {
    const bool and_is_juxtaposition = options_.default_op == Xapian::Query::OP_AND;
    std::vector<Operand> ops;
    const std::size_t start = pos_;
    while (const Lexeme* l = peek()) {
      if (l->kind == LexemeKind::kOr) break;
      if (l->kind == LexemeKind::kAnd) {
        if (!and_is_juxtaposition) break;
        ++pos_;
        check_binary("AND", pos_ - 1 > start);
        continue;
      }
      if (l->kind == LexemeKind::kClose) {
        if (ignored_opens_ > 0) {  // closes a '(' dropped for depth
          --ignored_opens_;
          ++pos_;
          continue;
        }
        if (depth_ > 0) break;
        syntax_note("unbalanced ')' ignored");
        ++pos_;
        continue;
      }
      Operand u = parse_unary(scope, excluded);
      if (!u.empty()) ops.push_back(std::move(u));
    }
    return combine_and(options_.default_op, std::move(ops), excluded);
  }

  // unary := ( NOT | - | + )* [field] atom. Always consumes at least one lexeme.
  Operand parse_unary(const Scope& outer, bool excluded) {
    const std::size_t start = pos_;
    bool negate = false;
    bool required = false;
    std::string_view op_text;
    while (const Lexeme* l = peek()) {
      if (l->kind == LexemeKind::kNot || l->kind == LexemeKind::kMinus) {
        negate = !negate;
      } else if (l->kind == LexemeKind::kPlus) {
        required = true;
      } else {
        break;
      }
      op_text = l->text;
      ++pos_;
    }
    // Under an odd number of negations a word is excluded: not highlighted, not for spelling.
    const bool inner_excluded = excluded != negate;
    Scope scope = outer;
    std::optional<Operand> field_name_words;  // an unknown field's name, read as a word
    if (const Lexeme* l = peek(); l && l->kind == LexemeKind::kField) {
      ++pos_;
      if (l->empty_value) {
        syntax_note(fmt::format("empty field '{}:' ignored", l->text));
        return {};
      }
      if (auto known = known_field(l->text)) {
        scope = *known;
      } else {
        syntax_note(fmt::format(
            "unknown field '{}:' read as words (fields: title quote country speaker source year "
            "date)",
            l->text));
        field_name_words = text_atom(l->text, scope, inner_excluded, false);
      }
      op_text = {};
    }
    // Parentheses nested too deep are dropped (their ')' too): this bounds the recursion.
    while (at(LexemeKind::kOpen) && depth_ >= options_.max_depth) {
      syntax_note(fmt::format("parentheses nested deeper than {} levels: the inner ones ignored",
                              options_.max_depth));
      ++ignored_opens_;
      ++pos_;
    }
    const Lexeme* l = peek();
    Operand result;
    if (!l || (l->kind != LexemeKind::kOpen && l->kind != LexemeKind::kPhrase &&
               l->kind != LexemeKind::kWord)) {
      if (pos_ == start) {  // cannot happen from the loops above; never loop without progress
        ++pos_;
        return {};
      }
      if (!op_text.empty())
        syntax_note(fmt::format("'{}' without a word after it ignored", op_text));
      if (!field_name_words) return {};
      result = std::move(*field_name_words);
      field_name_words.reset();
    } else if (l->kind == LexemeKind::kOpen) {
      ++pos_;
      const std::size_t inner_start = pos_;
      ++depth_;
      result = parse_or(scope, inner_excluded);
      --depth_;
      if (at(LexemeKind::kClose)) {
        ++pos_;
        if (pos_ - 1 == inner_start) syntax_note("empty parentheses ignored");
      } else {
        syntax_note("missing ')' added at the end");
      }
    } else if (l->kind == LexemeKind::kPhrase) {
      ++pos_;
      if (l->unterminated) syntax_note("unbalanced quote: read as a phrase up to the end");
      result = text_atom(l->text, scope, inner_excluded, true);
    } else {  // a word
      ++pos_;
      result = text_atom(l->text, scope, inner_excluded, false);
    }
    if (field_name_words) {
      std::vector<Operand> both;
      if (!field_name_words->empty()) both.push_back(std::move(*field_name_words));
      if (!result.empty()) both.push_back(std::move(result));
      result = combine_and(options_.default_op, std::move(both), inner_excluded);
    }
    if (required) {
      result.optional = false;
      result.stopwords.clear();
    }
    if (negate) result.negative = !result.negative;
    return result;
  }

  // A word or phrase: free text of the scope's field, or a filter value.
  Operand text_atom(std::string_view text, const Scope& scope, bool excluded, bool phrase) {
    if (scope.filter) {
      ++word_count_;
      FilterResult f = filter_query(*scope.filter, text, options_.resolve_country);
      if (!f.note.empty()) note(std::move(f.note));
      if (f.query.empty() && f.note.empty()) {
        syntax_note(fmt::format("empty value for '{}:' ignored", scope.name));
      }
      Operand result;
      result.query = std::move(f.query);
      return result;
    }
    // Inside quotes a '*' is punctuation, not a wildcard: phrases are exact.
    const std::vector<Token> tokens = analyzer_.analyze(
        text, phrase ? analysis::AnalysisMode::kIndex : analysis::AnalysisMode::kQuery);
    const analysis::QueryFieldOptions field{.prefix = scope.prefix,
                                            .op = Xapian::Query::OP_AND,
                                            .wildcard_limit = options_.wildcard_limit};
    Operand result;
    result.query =
        phrase ? analysis::phrase_query(tokens, field) : analysis::words_query(tokens, field);
    bool all_stopwords = !tokens.empty();
    for (const Token& t : tokens) {
      if (t.has(analysis::kFlagCompoundPart)) continue;
      ++word_count_;
      if (!t.has(analysis::kFlagStopword)) all_stopwords = false;
    }
    if (result.empty()) return result;
    if (!phrase && all_stopwords) {
      result.optional = true;
      result.stopwords.emplace_back(text);
    }
    if (!excluded) {
      out_.has_text = true;
      out_.highlight.add(tokens);
      for (const Token& t : tokens) {
        if (t.flags & (analysis::kFlagStopword | analysis::kFlagNumber | analysis::kFlagCompound |
                       analysis::kFlagTooLong | analysis::kFlagWildcard)) {
          continue;
        }
        out_.words.emplace_back(t.surface(text));
      }
    }
    return result;
  }

  // Loose words and AND: the positive parts combined with `op`, loose stopwords optional unless
  // there is nothing else, and the excluded parts subtracted.
  Operand combine_and(Op op, std::vector<Operand> ops, bool excluded) {
    if (ops.size() == 1) return std::move(ops.front());
    std::vector<Xapian::Query> required, optional, negative;
    std::vector<std::string> stopwords;
    for (Operand& o : ops) {
      if (o.negative) {
        negative.push_back(std::move(o.query));
      } else if (o.optional) {
        optional.push_back(std::move(o.query));
        stopwords.insert(stopwords.end(), o.stopwords.begin(), o.stopwords.end());
      } else {
        required.push_back(std::move(o.query));
      }
    }
    Operand result;
    if (required.empty() && optional.empty()) {
      if (negative.empty()) return result;
      result.query = join(Xapian::Query::OP_OR, negative);
      result.negative = true;
      return result;
    }
    if (required.empty()) {
      // Nothing but stopwords ("le la"): search for them rather than for nothing. A parent with
      // other words may still make them optional.
      result.query = join(op, optional);
      if (negative.empty()) {
        result.optional = true;
        result.stopwords = std::move(stopwords);
      }
    } else {
      result.query = join(op, required);
      if (!optional.empty()) {
        result.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result.query,
                                     join(Xapian::Query::OP_OR, optional));
        if (!excluded) {
          out_.ignored_stopwords.insert(out_.ignored_stopwords.end(), stopwords.begin(),
                                        stopwords.end());
        }
      }
    }
    if (!negative.empty()) {
      result.query = Xapian::Query(Xapian::Query::OP_AND_NOT, result.query,
                                   join(Xapian::Query::OP_OR, negative));
    }
    return result;
  }

  // Explicit OR: any alternative matches. An excluded alternative ("a OR -b") can only mean
  // "every article without b".
  Operand combine_or(std::vector<Operand> ops, bool excluded) {
    if (ops.size() == 1) return std::move(ops.front());
    std::vector<Xapian::Query> required, optional;
    std::vector<std::string> stopwords;
    for (Operand& o : ops) {
      if (o.negative) {
        note("an excluded alternative of OR matches every article without it");
        required.emplace_back(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, o.query);
      } else if (o.optional) {
        optional.push_back(std::move(o.query));
        stopwords.insert(stopwords.end(), o.stopwords.begin(), o.stopwords.end());
      } else {
        required.push_back(std::move(o.query));
      }
    }
    Operand result;
    if (required.empty()) {
      if (optional.empty()) return result;
      result.query = join(Xapian::Query::OP_OR, optional);
      result.optional = true;
      result.stopwords = std::move(stopwords);
      return result;
    }
    result.query = join(Xapian::Query::OP_OR, required);
    if (!optional.empty()) {
      result.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result.query,
                                   join(Xapian::Query::OP_OR, optional));
      if (!excluded) {
        out_.ignored_stopwords.insert(out_.ignored_stopwords.end(), stopwords.begin(),
                                      stopwords.end());
      }
    }
    return result;
  }

  const std::vector<Lexeme>& lexemes_;
  const QueryParserOptions& options_;
  analysis::FrenchAnalyzer& analyzer_;
  ParsedQuery& out_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;          // open parentheses being parsed
  std::size_t ignored_opens_ = 0;  // '(' dropped for depth whose ')' is still to come
  std::size_t word_count_ = 0;
};

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c <= ' ' || c == 0x7F; });
}

}  // namespace

QueryParser::QueryParser(QueryParserOptions options) : options_(std::move(options)) {}

ParsedQuery QueryParser::parse(std::string_view query) {
  if (query.size() > options_.max_query_bytes) {
    throw UsageError(
        fmt::format("query too long: {} bytes (limit {})", query.size(), options_.max_query_bytes));
  }
  ParsedQuery out;
  const LexResult lexed = lex_query(query);
  ParseRun run(lexed.lexemes, options_, analyzer_, out);
  if (lexed.lone_operators > 0) run.syntax_note("'-' or '+' not followed by a word ignored");
  Operand result = run.parse_query();
  if (run.word_count() > options_.max_words) {
    throw UsageError(fmt::format("query has too many words: {} (limit {})", run.word_count(),
                                 options_.max_words));
  }
  if (result.empty()) {
    if (!is_blank(query)) run.note("nothing searchable in the query");
    return out;
  }
  if (result.negative) {
    run.note("the query only excludes: searching all articles except those");
    out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, result.query);
  } else {
    out.query = std::move(result.query);
  }
  return out;
}

}  // namespace depeche::search
