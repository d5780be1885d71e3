// Splits a query string into the lexemes of the query language (words, phrases, operators,
// parentheses, field names). Works on bytes, never fails, and never looks back: linear time.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace depeche::search {

enum class LexemeKind {
  kWord,    // a run of non-space characters; hyphens and apostrophes inside it stay in it
  kPhrase,  // the text between quotes (" " « » “ ” „ “), without the quotes
  kOpen,    // (
  kClose,   // )
  kAnd,     // AND (uppercase only: "et" is a French word)
  kOr,      // OR
  kNot,     // NOT
  kPlus,    // + at the start of a word: required
  kMinus,   // - at the start of a word: excluded
  kField,   // name: (ASCII letters, lowercased in `text`); its value follows unless `empty_value`
};

struct Lexeme {
  LexemeKind kind = LexemeKind::kWord;
  std::string_view text;      // points into the query string (kField: the name as typed)
  std::size_t offset = 0;     // byte offset in the query string
  bool unterminated = false;  // kPhrase: no closing quote, the phrase runs to the end
  bool empty_value = false;   // kField: nothing directly after the colon
};

struct LexResult {
  std::vector<Lexeme> lexemes;
  std::size_t lone_operators = 0;  // + or - followed by a space or nothing: dropped
};

LexResult lex_query(std::string_view query);

}  // namespace depeche::search
