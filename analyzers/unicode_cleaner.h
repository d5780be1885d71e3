// Lossless-in-meaning clean-up before word breaking: decode UTF-8 (invalid bytes become U+FFFD),
// drop invisible format characters, turn every kind of space and control into a plain space, and
// remember for each UTF-16 unit the byte offset it came from so tokens can point at the original.
#pragma once

#include <unicode/unistr.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace depeche::analysis {

struct CleanText {
  icu::UnicodeString text;
  // offsets[i] is the byte offset in the input of text[i]; offsets[text.length()] is the input size.
  std::vector<std::uint32_t> offsets;
};

// Never fails: any byte sequence gives a result.
CleanText clean_text(std::string_view utf8);

// True for the characters dropped inside words: soft hyphen, zero-width space/joiners, word joiner,
// BOM, bidi marks — every Unicode format (Cf) character.
bool is_invisible_format_char(UChar32 c);

}  // namespace depeche::analysis
