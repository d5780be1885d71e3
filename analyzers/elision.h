// French elision: the article or pronoun glued by an apostrophe to the next word (l’armée,
// QU’il, jusqu’à, presqu’île) is not part of the word.
#pragma once

#include <unicode/unistr.h>

#include <cstdint>

namespace depeche::analysis {

// How many UTF-16 units of word[begin, end) form elided prefixes (several can stack:
// "qu’l’…" is unusual but harmless), 0 when none. Matching ignores case; the apostrophe may be
// ' ’ ‘ or ʼ; something must follow the apostrophe. "aujourd’hui" has none: "aujourd" is no elision.
int32_t elided_prefix_length(const icu::UnicodeString& text, int32_t begin, int32_t end);

}  // namespace depeche::analysis
