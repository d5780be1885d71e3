// Byte scanner for « … » quotations (see speaker_quotes.h for the rules).
#include "analyzers/speaker_quotes.h"

namespace depeche::analysis {
namespace {

// « and » are C2 AB and C2 BB in UTF-8; C2 is always a lead byte, so matching the pair is exact
// even in text with invalid sequences around it.
bool is_open_at(std::string_view t, std::size_t i) {
  return i + 1 < t.size() && t[i] == '\xC2' && t[i + 1] == '\xAB';
}
bool is_close_at(std::string_view t, std::size_t i) {
  return i + 1 < t.size() && t[i] == '\xC2' && t[i + 1] == '\xBB';
}

// Length of the white space (ASCII, NBSP, U+2000–U+200A, narrow NBSP) starting at i, 0 if none.
std::size_t space_at(std::string_view t, std::size_t i) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) {
    const auto d = static_cast<unsigned char>(t[i + 2]);
    if ((d >= 0x80 && d <= 0x8A) || d == 0xAF) return 3;
  }
  return 0;
}

// Length of the white space ending just before i, 0 if none.
std::size_t space_before(std::string_view t, std::size_t i) {
  if (i >= 1 && space_at(t, i - 1) == 1) return 1;
  if (i >= 2 && space_at(t, i - 2) == 2) return 2;
  if (i >= 3 && space_at(t, i - 3) == 3) return 3;
  return 0;
}

// First non-space byte at or after i (spaces of any kind, newlines included).
std::size_t skip_spaces(std::string_view t, std::size_t i) {
  while (i < t.size()) {
    std::size_t n = space_at(t, i);
    if (n == 0) break;
    i += n;
  }
  return i;
}

QuoteSpan make_span(std::string_view t, std::size_t open, std::size_t inner_end_raw,
                    std::size_t close, bool closed, const std::vector<std::size_t>& reopens) {
  QuoteSpan q;
  q.open = static_cast<std::uint32_t>(open);
  q.close = static_cast<std::uint32_t>(close);
  q.closed = closed;
  std::size_t b = skip_spaces(t, open + 2);
  std::size_t e = inner_end_raw;
  while (e > b) {
    std::size_t n = space_before(t, e);
    if (n == 0) break;
    e -= n;
  }
  if (e < b) e = b;
  q.inner_begin = static_cast<std::uint32_t>(b);
  q.inner_end = static_cast<std::uint32_t>(e);
  // Copy the words, leaving out each paragraph's reopening « and the spaces after it.
  std::size_t from = b;
  for (std::size_t r : reopens) {
    if (r < from || r >= e) continue;
    q.text.append(t.substr(from, r - from));
    from = skip_spaces(t, r + 2);
  }
  if (from < e) q.text.append(t.substr(from, e - from));
  return q;
}

}  // namespace

std::vector<QuoteSpan> find_quotes(std::string_view text) {
  std::vector<QuoteSpan> quotes;
  int depth = 0;
  std::size_t open = 0;
  std::vector<std::size_t> reopens;  // paragraph-opening « inside the current quote
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n' && depth > 0) {
      // A paragraph ends inside a quote: does the next one carry it on?
      std::size_t next = skip_spaces(text, i);
      if (next < text.size() && is_open_at(text, next)) {
        reopens.push_back(next);
        i = next + 2;
        continue;
      }
      bool closes = false;
      for (std::size_t k = next; k < text.size() && text[k] != '\n'; ++k) {
        if (is_open_at(text, k)) break;
        if (is_close_at(text, k)) {
          closes = true;
          break;
        }
      }
      if (closes) {
        i = next;
        continue;
      }
      quotes.push_back(make_span(text, open, i, i, false, reopens));
      depth = 0;
      reopens.clear();
      ++i;
      continue;
    }
    if (is_open_at(text, i)) {
      if (depth == 0) {
        open = i;
        reopens.clear();
      }
      ++depth;
      i += 2;
      continue;
    }
    if (is_close_at(text, i)) {
      if (depth > 0 && --depth == 0) {
        quotes.push_back(make_span(text, open, i, i + 2, true, reopens));
        reopens.clear();
      }
      i += 2;
      continue;
    }
    ++i;
  }
  if (depth > 0) quotes.push_back(make_span(text, open, text.size(), text.size(), false, reopens));
  return quotes;
}

}  // namespace depeche::analysis
