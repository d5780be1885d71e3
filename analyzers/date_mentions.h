// Dates written out in article text: « le 8 novembre 2022 », « mardi 1er mars 2024 », « 8/11/2022 ».
#pragma once

#include <string_view>
#include <vector>

#include "analyzers/entities.h"
#include "analyzers/token.h"

namespace depeche::analysis {

// Full dates (day, month, year) in `text`, in order. `tokens` are FrenchAnalyzer::analyze(text).
// Candidates are found by scanning tokens (day number, French month name, four-digit year) and
// confirmed by parse_date, so the calendar rules (no 30 février) are the date parser's.
std::vector<DateMention> find_date_mentions(std::string_view text, const std::vector<Token>& tokens,
                                            TextField field);

}  // namespace depeche::analysis
