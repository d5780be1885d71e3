// Implements elision stripping on the raw UTF-16 word, so offsets stay exact.
#include "analyzers/elision.h"

#include <array>
#include <string_view>

#include "analyzers/text_folding.h"

namespace depeche::analysis {
namespace {

// The French words that elide before a vowel (Grevisse §44-45), lowercase ASCII.
constexpr std::array<std::string_view, 14> kElisions = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"};

bool is_elision(const icu::UnicodeString& text, int32_t begin, int32_t end) {
  const int32_t n = end - begin;
  for (std::string_view e : kElisions) {
    if (static_cast<int32_t>(e.size()) != n) continue;
    bool same = true;
    for (int32_t k = 0; k < n && same; ++k) {
      UChar c = text.charAt(begin + k);
      if (c >= u'A' && c <= u'Z') c = static_cast<UChar>(c - u'A' + u'a');
      same = c == static_cast<UChar>(e[static_cast<std::size_t>(k)]);
    }
    if (same) return true;
  }
  return false;
}

}  // namespace

int32_t elided_prefix_length(const icu::UnicodeString& text, int32_t begin, int32_t end) {
  int32_t stripped = 0;
  while (true) {
    const int32_t start = begin + stripped;
    int32_t k = start;
    // The longest elision is 6 letters; stop scanning well before the end of long words.
    while (k < end && k - start <= 6 && !is_apostrophe(text.charAt(k))) ++k;
    if (k >= end || k == start || k - start > 6 || k + 1 >= end) return stripped;
    if (!is_elision(text, start, k)) return stripped;
    stripped = k + 1 - begin;
  }
}

}  // namespace depeche::analysis
