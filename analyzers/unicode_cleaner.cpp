// Implements clean_text: the one place input bytes are decoded.
#include "analyzers/unicode_cleaner.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace depeche::analysis {

bool is_invisible_format_char(UChar32 c) { return u_charType(c) == U_FORMAT_CHAR; }

CleanText clean_text(std::string_view utf8) {
  CleanText out;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  out.offsets.reserve(utf8.size() + 1);
  UChar* buffer = out.text.getBuffer(length + 1);  // UTF-16 never needs more units than UTF-8 bytes
  int32_t units = 0;
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      c = 0xFFFD;  // ill-formed sequence: U8_NEXT skipped its maximal subpart
    } else if (c == '\n') {
      // Kept: later stages (quotes, paragraphs) read line structure from the original anyway.
    } else if (is_invisible_format_char(c)) {
      continue;
    } else {
      const int8_t type = u_charType(c);
      if (type == U_SPACE_SEPARATOR || type == U_LINE_SEPARATOR ||
          type == U_PARAGRAPH_SEPARATOR || type == U_CONTROL_CHAR) {
        c = ' ';
      }
    }
    if (U16_LENGTH(c) == 2) {
      buffer[units++] = U16_LEAD(c);
      out.offsets.push_back(static_cast<std::uint32_t>(start));
      buffer[units++] = U16_TRAIL(c);
    } else {
      buffer[units++] = static_cast<UChar>(c);
    }
    out.offsets.push_back(static_cast<std::uint32_t>(start));
  }
  out.text.releaseBuffer(units);
  out.offsets.push_back(static_cast<std::uint32_t>(length));
  return out;
}

}  // namespace depeche::analysis
