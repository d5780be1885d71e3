// Lexing of the query language: one forward pass over the bytes, decoding UTF-8 only to recognise
// spaces and typographic quotes; ill-formed bytes are word characters (the analyzer copes).
#include "searcher/query_lexer.h"

namespace depeche::search {
namespace {

constexpr char32_t kInvalid = 0xFFFD;

// The code point at s[i] and its length in bytes; ill-formed sequences are one invalid byte.
char32_t decode_at(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  len = 1;
  if (b0 < 0x80) return b0;
  std::size_t need = 0;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
  } else {
    return kInvalid;
  }
  if (i + need >= s.size()) return kInvalid;  // truncated at the end of the string
  for (std::size_t k = 1; k <= need; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return kInvalid;
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not characters.
  if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return kInvalid;
  }
  len = need + 1;
  return cp;
}

// Spaces and control characters separate lexemes; French typing puts no-break spaces inside
// guillemets and before colons, so those count too.
bool is_space(char32_t c) {
  return c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_opening_quote(char32_t c) { return c == '"' || c == 0xAB || c == 0x201C || c == 0x201E; }
// Closing quotes met outside a phrase are punctuation: skipped like spaces.
bool is_closing_only_quote(char32_t c) { return c == 0xBB || c == 0x201D; }

bool closes(char32_t opener, char32_t c) {
  switch (opener) {
    case '"':
      return c == '"' || c == 0x201D;
    case 0xAB:  // «
      return c == 0xBB;
    case 0x201C:  // “
      return c == 0x201D || c == '"';
    default:  // „ closes with “ (German) or ”
      return c == 0x201C || c == 0x201D;
  }
}

bool ends_word(char32_t c) {
  return is_space(c) || c == '(' || c == ')' || is_opening_quote(c) || is_closing_only_quote(c);
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

LexResult lex_query(std::string_view s) {
  LexResult out;
  const std::size_t n = s.size();
  std::size_t i = 0;
  // Right after "name:" the next lexeme is the field's value: never an operator or another field.
  bool field_value = false;
  auto emit = [&](LexemeKind kind, std::size_t begin, std::size_t end) {
    out.lexemes.push_back({kind, s.substr(begin, end - begin), begin, false, false});
  };
  while (i < n) {
    std::size_t len = 0;
    const char32_t c = decode_at(s, i, len);
    if (is_space(c) || is_closing_only_quote(c)) {
      field_value = false;
      i += len;
      continue;
    }
    if (c == '(' || c == ')') {
      emit(c == '(' ? LexemeKind::kOpen : LexemeKind::kClose, i, i + 1);
      field_value = false;
      ++i;
      continue;
    }
    if (is_opening_quote(c)) {
      const std::size_t begin = i + len;
      std::size_t j = begin;
      std::size_t close_len = 0;
      bool closed = false;
      while (j < n) {
        const char32_t d = decode_at(s, j, close_len);
        if (closes(c, d)) {
          closed = true;
          break;
        }
        j += close_len;
      }
      emit(LexemeKind::kPhrase, begin, j);
      out.lexemes.back().unterminated = !closed;
      i = closed ? j + close_len : n;
      field_value = false;
      continue;
    }
    if (!field_value && (c == '+' || c == '-')) {
      std::size_t next_len = 0;
      const bool lone = i + 1 >= n || is_space(decode_at(s, i + 1, next_len)) || s[i + 1] == ')';
      if (lone) {
        ++out.lone_operators;
        ++i;
        continue;
      }
      emit(c == '+' ? LexemeKind::kPlus : LexemeKind::kMinus, i, i + 1);
      ++i;
      // "--word" and "+-word" are typing slips, not double negations: the first sign counts.
      while (i < n && (s[i] == '+' || s[i] == '-')) ++i;
      continue;
    }
    if (!field_value) {
      std::size_t j = i;
      while (j < n && is_ascii_letter(s[j])) ++j;
      if (j > i && j < n && s[j] == ':') {
        emit(LexemeKind::kField, i, j);
        std::size_t next_len = 0;
        const char32_t next = j + 1 < n ? decode_at(s, j + 1, next_len) : char32_t{' '};
        const bool empty = is_space(next) || next == ')' || is_closing_only_quote(next);
        out.lexemes.back().empty_value = empty;
        field_value = !empty;
        i = j + 1;
        continue;
      }
    }
    std::size_t j = i;
    while (j < n) {
      std::size_t l = 0;
      if (ends_word(decode_at(s, j, l))) break;
      j += l;
    }
    const std::string_view word = s.substr(i, j - i);
    LexemeKind kind = LexemeKind::kWord;
    if (!field_value) {
      if (word == "AND") kind = LexemeKind::kAnd;
      if (word == "OR") kind = LexemeKind::kOr;
      if (word == "NOT") kind = LexemeKind::kNot;
    }
    emit(kind, i, j);
    field_value = false;
    i = j;
  }
  return out;
}

}  // namespace depeche::search
