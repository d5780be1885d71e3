// A token of analysed text: where it is in the original bytes, and the terms it becomes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace depeche::analysis {

enum TokenFlag : std::uint16_t {
  kFlagStopword = 1 << 0,      // marked, never dropped: it keeps its position for phrases
  kFlagNumber = 1 << 1,        // ICU number token (digits, 3,5, 200 000 joined)
  kFlagAcronym = 1 << 2,       // O.N.U. written with dots, folded to onu
  kFlagElided = 1 << 3,        // an elided article or pronoun (l’, qu’…) was stripped before it
  kFlagCompound = 1 << 4,      // a whole hyphenated compound; its parts follow it
  kFlagCompoundPart = 1 << 5,  // one part of the compound token before it
  kFlagWildcard = 1 << 6,      // query mode only: written with a trailing * (prefix match)
  kFlagTooLong = 1 << 7,       // longer than schema::kMaxTermBytes: keeps its position, no term
};

struct Token {
  std::uint32_t begin = 0;     // byte offset of the word in the original text (after any elision)
  std::uint32_t end = 0;       // one past its last byte
  std::uint32_t position = 0;  // word position from 1; a compound shares its first part's
  std::uint16_t flags = 0;
  std::uint16_t parts = 0;     // for a compound: how many part tokens follow it
  std::string lower;           // NFKC + full case folding, accents kept, ’ as ': spelling, display
  std::string term;            // lower with accents and apostrophes folded away: the index term
  std::vector<std::string> stems;  // stem keys (see FrenchStemmer); empty when not stemmed

  bool has(TokenFlag f) const { return (flags & f) != 0; }
  std::string_view surface(std::string_view text) const {
    return text.substr(begin, end - begin);
  }
};

}  // namespace depeche::analysis
