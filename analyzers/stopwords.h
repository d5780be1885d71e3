// The French stopword list. Stopwords are marked on tokens, never dropped: they keep their
// positions so phrases stay exact, and queries do not require them to match.
#pragma once

#include <span>
#include <string_view>

namespace depeche::analysis {

// True when a case-folded word (accents kept, apostrophes as ') is a French stopword.
bool is_french_stopword(std::string_view lower);

// The whole list, sorted, for documentation and tests.
std::span<const std::string_view> french_stopwords();

}  // namespace depeche::analysis
