// Finds the « … » quotations of a text by scanning its bytes once: nesting, quotes that run over
// several paragraphs, and unbalanced guillemets in any input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace depeche::analysis {

struct QuoteSpan {
  std::uint32_t open = 0;    // byte offset of the opening «
  std::uint32_t close = 0;   // one past the closing » (or where an unclosed quote was cut)
  std::uint32_t inner_begin = 0;  // the quoted words, spaces trimmed
  std::uint32_t inner_end = 0;
  bool closed = false;       // false when no » closed it before the paragraph (or text) ended
  std::string text;          // the quoted words; the « reopening each paragraph is left out
};

// Top-level quotes in text order. Nested « » inside a quote belong to it. When a paragraph ends
// inside a quote, the quote goes on if the next paragraph reopens with « (the French convention
// for long quotes) or closes it with » before opening another; otherwise the quote is cut at the
// end of its paragraph, so a stray « never swallows the rest of an article. A » with no open
// quote is ignored. Linear time: each paragraph is read at most twice.
std::vector<QuoteSpan> find_quotes(std::string_view text);

}  // namespace depeche::analysis
