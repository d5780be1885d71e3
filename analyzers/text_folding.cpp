// Implements case and accent folding with ICU's normalizers (no transliterator on the hot path).
#include "analyzers/text_folding.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <stdexcept>

namespace depeche::analysis {
namespace {

const icu::Normalizer2& nfkc_casefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC_Casefold data unavailable");
  return *n;
}

const icu::Normalizer2& nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFD data unavailable");
  return *n;
}

// Letters with no canonical decomposition that a French reader treats as plain Latin letters.
const char* special_fold(UChar32 c) {
  switch (c) {
    case 0x0153: return "oe";  // œ
    case 0x00E6: return "ae";  // æ
    case 0x00F8: return "o";   // ø
    case 0x0111: return "d";   // đ
    case 0x00F0: return "d";   // ð
    case 0x0142: return "l";   // ł
    case 0x0131: return "i";   // ı
    case 0x00FE: return "th";  // þ
    case 0x00DF: return "ss";  // ß (NFKC_Casefold already maps it; kept for direct callers)
    case 0x0127: return "h";   // ħ
    default: return nullptr;
  }
}

void append_utf8(std::string& out, UChar32 c) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(len));
}

}  // namespace

bool is_apostrophe(UChar32 c) { return c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x02BC; }

std::string fold_case(const icu::UnicodeString& word) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = nfkc_casefold().normalize(word, status);
  if (U_FAILURE(status)) folded = word;
  for (int32_t i = 0; i < folded.length(); ++i) {
    if (is_apostrophe(folded.charAt(i))) folded.setCharAt(i, u'\'');
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

std::string fold_case(std::string_view utf8_word) {
  return fold_case(icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8_word.data(), static_cast<int32_t>(utf8_word.size()))));
}

std::string fold_accents(std::string_view lower) {
  std::string out;
  out.reserve(lower.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(lower.data());
  const auto length = static_cast<int32_t>(lower.size());
  const icu::Normalizer2& decomposer = nfd();
  icu::UnicodeString decomposition;
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;
    if (c < 0x80) {
      if (c != '\'') out.push_back(static_cast<char>(c));
      continue;
    }
    if (is_apostrophe(c) || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (const char* plain = special_fold(c)) {
      out.append(plain);
      continue;
    }
    if (!decomposer.getDecomposition(c, decomposition)) {
      append_utf8(out, c);
      continue;
    }
    for (int32_t k = 0; k < decomposition.length();) {
      UChar32 d = decomposition.char32At(k);
      k += U16_LENGTH(d);
      if (u_charType(d) == U_NON_SPACING_MARK) continue;
      if (const char* plain = special_fold(d)) {
        out.append(plain);
      } else {
        append_utf8(out, d);
      }
    }
  }
  return out;
}

std::string fold_value(std::string_view utf8) {
  // Hyphens separate name parts ("Jean-Yves") the way spaces do; apostrophes are already gone.
  std::string folded = fold_accents(fold_case(utf8));
  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  for (char c : folded) {
    const bool separator = c == ' ' || c == '-' || c == '\t' || c == '\n' ||
                           c == '\r' || c == '.' || c == ',' || static_cast<unsigned char>(c) < 0x20;
    if (separator) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace depeche::analysis
