// Snippet selection (sliding window over matches), UTF-8-safe excerpting, and the three renderings.
#include "searcher/highlighter.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

namespace depeche::search {
namespace {

using analysis::Token;

// Long texts are analysed piece by piece so memory stays bounded by the piece, not the text
// (a whole 5 MB body at once costs a quarter of a gigabyte of tokens).
constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;
// How far a boundary search may wander past its target in text without whitespace.
constexpr std::size_t kMaxBoundarySearch = 64;

// A matched word in the original text, with the query word it stands for.
struct Match {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t word = 0;  // dense id: equal ids are the same query word
};

// Which matches are "the same word" for counting distinct words: HighlightTerms says whether a
// token matches, not which query word it matched, so tokens are grouped by the keys they share
// (folded word, stem keys, the wildcard prefix they fall under). élection/élections share a stem;
// sécurité {secur, securit} joins securite {securit}. Union-find over those keys.
class WordGroups {
 public:
  // The group of a matched token (its first key's id; unify before reading roots).
  std::uint32_t add(const Token& t, const HighlightTerms& terms) {
    const std::uint32_t first = id("t" + t.term);
    for (const std::string& s : t.stems) unite(first, id("s" + s));
    for (const std::string& p : terms.prefixes) {
      if (t.term.compare(0, p.size(), p) == 0) unite(first, id("p" + p));
    }
    return first;
  }

  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

  // Rewrites each match's group as a dense id 0..n-1; returns n.
  std::uint32_t densify(std::vector<Match>& matches) {
    std::vector<std::uint32_t> dense(parent_.size(), UINT32_MAX);
    std::uint32_t n = 0;
    for (Match& m : matches) {
      std::uint32_t& d = dense[find(m.word)];
      if (d == UINT32_MAX) d = n++;
      m.word = d;
    }
    return n;
  }

 private:
  std::uint32_t id(std::string key) {
    auto [it, inserted] = ids_.try_emplace(std::move(key), static_cast<std::uint32_t>(ids_.size()));
    if (inserted) parent_.push_back(it->second);
    return it->second;
  }

  std::uint32_t find(std::uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }

  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::uint32_t> parent_;
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Backs `p` up to the start of its UTF-8 sequence (at most 3 bytes: bad bytes stay put).
std::size_t char_boundary_at_or_before(std::string_view text, std::size_t p, std::size_t floor) {
  for (int i = 0; i < 3 && p > floor && p < text.size() && is_continuation(text[p]); ++i) --p;
  return p;
}

// Where to end a piece of a long text: after a newline if possible, else after a space, so that
// no word (nor elision or compound, which never span whitespace) is cut.
std::size_t chunk_end(std::string_view text, std::size_t begin) {
  if (text.size() - begin <= kChunkBytes) return text.size();
  const std::size_t limit = begin + kChunkBytes;
  const std::string_view window = text.substr(begin + kChunkBytes / 2, kChunkBytes / 2);
  if (std::size_t nl = window.rfind('\n'); nl != std::string_view::npos) {
    return begin + kChunkBytes / 2 + nl + 1;
  }
  for (std::size_t p = limit; p > begin + kChunkBytes / 2; --p) {
    if (is_space(text[p - 1])) return p;
  }
  // One "word" of 32 KB: cutting it costs nothing, such a token is never indexed anyway.
  return char_boundary_at_or_before(text, limit, begin + 1);
}

// Every matched word of `text`, in text order; a matched compound is one match covering its parts.
std::vector<Match> find_matches(analysis::FrenchAnalyzer& analyzer, std::string_view text,
                                const HighlightTerms& terms, std::uint32_t& word_count) {
  std::vector<Match> matches;
  word_count = 0;
  if (terms.empty() || text.empty()) return matches;
  WordGroups groups;
  // Only words that may share a stem with the query's are stemmed: most of the cost otherwise.
  const analysis::StemFilter filter = analysis::StemFilter::of(terms.stems);
  for (std::size_t base = 0; base < text.size();) {
    const std::size_t stop = chunk_end(text, base);
    const std::vector<Token> tokens =
        analyzer.analyze(text.substr(base, stop - base), analysis::AnalysisMode::kIndex, filter);
    const auto offset = static_cast<std::uint32_t>(base);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      if (!terms.matches(t)) continue;
      const std::uint32_t word = groups.add(t, terms);
      if (t.has(analysis::kFlagCompound)) {
        // The compound stands for its parts: one mark, one word (the query's etats-unis also puts
        // etats and unis in the terms; counting three words for one would skew the window).
        const std::size_t last = std::min(tokens.size() - 1, i + t.parts);
        for (std::size_t k = i + 1; k <= last; ++k) {
          if (terms.matches(tokens[k])) groups.unite(word, groups.add(tokens[k], terms));
        }
        i = last;
      }
      matches.push_back({offset + t.begin, offset + t.end, word});
    }
    base = stop;
  }
  word_count = groups.densify(matches);
  return matches;
}

// True when a sentence (or paragraph) ends just before `e`: text[e] is whitespace or the end, and
// before it come . ! ? or … , possibly followed by closing quotes or brackets.
bool sentence_ends_at(std::string_view text, std::size_t e) {
  if (e == 0 || e > text.size() || is_space(text[e - 1])) return false;
  if (e < text.size()) {
    if (!is_space(text[e])) return false;
    if (text[e] == '\n' || text[e] == '\r') return true;  // end of a paragraph
  }
  std::string_view head = text.substr(0, e);
  // Closing quotes and brackets, and the (narrow) no-break space French puts before ».
  for (bool stripped = true; stripped && !head.empty();) {
    stripped = false;
    for (std::string_view closer :
         {"\"", "'", ")", "]", "\u00BB", "\u201D", "\u2019", "\u00A0", "\u202F"}) {
      if (head.ends_with(closer)) {
        head.remove_suffix(closer.size());
        stripped = true;
        break;
      }
    }
  }
  if (head.ends_with("\u2026") || head.ends_with('!') || head.ends_with('?')) return true;
  if (!head.ends_with('.')) return false;
  // "M. Macron", "J. Biden": an initial, not the end of a sentence.
  const std::size_t n = head.size();
  if (n >= 2 && head[n - 2] >= 'A' && head[n - 2] <= 'Z' && (n == 2 || is_space(head[n - 3]))) {
    return false;
  }
  return true;
}

// True when a sentence or paragraph starts at `p`.
bool sentence_starts_at(std::string_view text, std::size_t p) {
  if (p == 0) return true;
  if (p >= text.size() || is_space(text[p]) || !is_space(text[p - 1])) return false;
  std::size_t q = p;
  while (q > 0 && is_space(text[q - 1])) {
    if (text[q - 1] == '\n') return true;
    --q;
  }
  return q == 0 || sentence_ends_at(text, q);
}

bool word_starts_at(std::string_view text, std::size_t p) {
  return p == 0 || (p < text.size() && !is_space(text[p]) && is_space(text[p - 1]));
}

// Where the excerpt starts, for matches spanning [first, last) and a budget of max_bytes.
std::size_t choose_start(std::string_view text, std::size_t first, std::size_t last,
                         std::size_t max_bytes) {
  const std::size_t lowest = last > max_bytes ? last - max_bytes : 0;
  // The sentence holding the first match, when it fits.
  for (std::size_t p = first + 1; p-- > lowest;) {
    if (sentence_starts_at(text, p)) return p;
  }
  // Otherwise a little context before the first match, starting at a word.
  const std::size_t spare = max_bytes > last - first ? max_bytes - (last - first) : 0;
  const std::size_t target = std::max(lowest, first - std::min(first, spare / 4));
  for (std::size_t p = target; p <= first; ++p) {
    if (word_starts_at(text, p)) return p;
  }
  // The matched word is glued to what precedes it (l’armée, États-Unis): back to its start.
  const std::size_t floor = target > kMaxBoundarySearch ? target - kMaxBoundarySearch : 0;
  for (std::size_t p = target; p-- > floor;) {
    if (word_starts_at(text, p)) return p;
  }
  return first;  // no whitespace anywhere near: a token boundary is the best there is
}

// Where the excerpt ends, given its start and the end of its last chosen match.
std::size_t choose_end(std::string_view text, std::size_t start, std::size_t last,
                       std::size_t max_bytes) {
  const std::size_t limit = std::max(start + max_bytes, last);
  if (limit >= text.size()) return text.size();
  // The latest sentence end in reach, unless it would leave the excerpt short.
  const std::size_t sentence_floor = std::max(last, start + max_bytes / 2);
  for (std::size_t e = limit; e >= sentence_floor && e > start; --e) {
    if (sentence_ends_at(text, e)) return e;
  }
  for (std::size_t e = limit; e > last; --e) {
    if (is_space(text[e])) return e;
  }
  if (is_space(text[last])) return last;
  const std::size_t far = std::min(text.size(), limit + kMaxBoundarySearch);
  for (std::size_t e = limit; e < far; ++e) {
    if (is_space(text[e])) return e;
  }
  if (far == text.size()) return far;
  return std::max(last, char_boundary_at_or_before(text, limit, last));
}

// Length of the UTF-8 sequence at text[p] (p < end) and whether it is well formed (Unicode's
// table 3-7); an ill-formed one is its maximal subpart, which becomes one U+FFFD.
std::pair<std::size_t, bool> utf8_sequence(std::string_view text, std::size_t p, std::size_t end) {
  const auto c = static_cast<unsigned char>(text[p]);
  if (c < 0x80) return {1, true};
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return {1, false};
  }
  for (std::size_t n = 1; n <= need; ++n) {
    if (p + n >= end) return {n, false};
    const auto b = static_cast<unsigned char>(text[p + n]);
    if (n == 1 ? (b < lo || b > hi) : !is_continuation(text[p + n])) return {n, false};
  }
  return {need + 1, true};
}

// Builds the snippet of text[begin, end) with the matches inside it marked.
Snippet make_snippet(std::string_view text, std::size_t begin, std::size_t end,
                     const std::vector<Match>& matches) {
  Snippet s;
  s.source_begin = static_cast<std::uint32_t>(begin);
  s.source_end = static_cast<std::uint32_t>(end);
  // Marks in original offsets; a compound and anything touching it merge into one.
  auto first = std::lower_bound(matches.begin(), matches.end(), begin,
                                [](const Match& m, std::size_t b) { return m.begin < b; });
  for (auto it = first; it != matches.end() && it->begin < end; ++it) {
    if (it->end > end || it->end <= it->begin) continue;
    if (!s.source_highlights.empty() && it->begin <= s.source_highlights.back().end) {
      s.source_highlights.back().end = std::max(s.source_highlights.back().end, it->end);
    } else {
      s.source_highlights.push_back({it->begin, it->end});
    }
  }
  // Copy, replacing ill-formed bytes, and carry each mark boundary over to the copy's offsets.
  std::vector<std::uint32_t> points;
  points.reserve(s.source_highlights.size() * 2);
  for (const Highlight& h : s.source_highlights) {
    points.push_back(h.begin);
    points.push_back(h.end);
  }
  std::vector<std::uint32_t> mapped(points.size());
  std::size_t k = 0;
  s.text.reserve(end - begin);
  for (std::size_t p = begin; p < end;) {
    for (; k < points.size() && points[k] <= p; ++k) {
      mapped[k] = static_cast<std::uint32_t>(s.text.size());
    }
    const auto [len, valid] = utf8_sequence(text, p, end);
    if (valid) {
      s.text.append(text.substr(p, len));
    } else {
      s.text.append("\uFFFD");
    }
    p += len;
  }
  for (; k < points.size(); ++k) mapped[k] = static_cast<std::uint32_t>(s.text.size());
  std::vector<Highlight> source;
  for (std::size_t i = 0; i < s.source_highlights.size(); ++i) {
    // A mark made empty by a replacement is dropped from both lists, which must stay parallel.
    if (mapped[2 * i] >= mapped[2 * i + 1]) continue;
    s.highlights.push_back({mapped[2 * i], mapped[2 * i + 1]});
    source.push_back(s.source_highlights[i]);
  }
  s.source_highlights = std::move(source);
  // "…" only when there is something else to show on that side.
  std::size_t before = begin;
  while (before > 0 && is_space(text[before - 1])) --before;
  s.truncated_start = before > 0;
  std::size_t after = end;
  while (after < text.size() && is_space(text[after])) ++after;
  s.truncated_end = after < text.size();
  return s;
}

// Whitespace and control characters (C0, DEL, C1, line and paragraph separators) at text[p]:
// their length in bytes, or 0. Controls count as whitespace so that an ESC stored in a text cannot
// reach a terminal.
std::size_t blank_length(std::string_view text, std::size_t p) {
  const auto c = static_cast<unsigned char>(text[p]);
  if (c < 0x20 || c == 0x7F || c == ' ') return 1;
  if (c == 0xC2 && p + 1 < text.size()) {
    const auto d = static_cast<unsigned char>(text[p + 1]);
    if (d >= 0x80 && d <= 0x9F) return 2;
  }
  if (text.substr(p, 3) == "\u2028" || text.substr(p, 3) == "\u2029") return 3;
  return 0;
}

std::size_t char_length(std::string_view text, std::size_t p) {
  std::size_t n = 1;
  while (p + n < text.size() && n < 4 && is_continuation(text[p + n])) ++n;
  return n;
}

void append_html_escaped(std::string& out, std::string_view chars) {
  for (char c : chars) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

struct Style {
  std::string_view open;
  std::string_view close;
  std::string_view ellipsis;
  bool html = false;
};

std::string render(const Snippet& s, const Style& style) {
  const std::string_view text = s.text;
  const std::vector<Highlight>& marks = s.highlights;
  std::string out;
  out.reserve(text.size() + marks.size() * (style.open.size() + style.close.size()) + 8);
  if (s.truncated_start) out += style.ellipsis;
  bool wrote = false;  // something visible written: a blank after it becomes one space
  bool pending_blank = false;
  bool in_mark = false;
  std::size_t k = 0;
  for (std::size_t p = 0; p < text.size();) {
    // Closing before opening: defensive against hand-made, unsorted or out-of-range marks too.
    while (k < marks.size() && marks[k].end <= p) {
      if (in_mark) out += style.close;
      in_mark = false;
      ++k;
    }
    if (const std::size_t blank = blank_length(text, p)) {
      pending_blank = true;
      p += blank;
      continue;
    }
    if (pending_blank && wrote) out += ' ';
    pending_blank = false;
    if (!in_mark && k < marks.size() && marks[k].begin <= p) {
      out += style.open;
      in_mark = true;
    }
    const std::size_t len = char_length(text, p);
    if (style.html) {
      append_html_escaped(out, text.substr(p, len));
    } else {
      out.append(text.substr(p, len));
    }
    wrote = true;
    p += len;
  }
  if (in_mark) out += style.close;
  if (s.truncated_end) out += style.ellipsis;
  return out;
}

}  // namespace

Snippet Highlighter::best_passage(std::string_view text, const HighlightTerms& terms,
                                  const SnippetOptions& options) {
  const std::size_t max_bytes = std::max<std::size_t>(options.max_bytes, 1);
  std::uint32_t word_count = 0;
  const std::vector<Match> matches = find_matches(analyzer_, text, terms, word_count);

  if (matches.empty()) {
    // The lead: a news text's first sentences say what it is about.
    std::size_t start = 0;
    while (start < text.size() && is_space(text[start])) ++start;
    if (start == text.size()) return make_snippet(text, start, start, matches);
    return make_snippet(text, start, choose_end(text, start, start, max_bytes), matches);
  }

  // Sliding window over matches: for each last match, the earliest first match that keeps the
  // span within max_bytes. Strictly better only replaces the best, so ties keep the earliest.
  std::vector<std::uint32_t> seen(word_count, 0);
  std::size_t distinct = 0, best_distinct = 0, best_count = 0, best_first = 0, best_last = 0;
  for (std::size_t first = 0, last = 0; last < matches.size(); ++last) {
    if (seen[matches[last].word]++ == 0) ++distinct;
    while (first < last && matches[last].end - matches[first].begin > max_bytes) {
      if (--seen[matches[first].word] == 0) --distinct;
      ++first;
    }
    const std::size_t count = last - first + 1;
    if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
      best_distinct = distinct;
      best_count = count;
      best_first = first;
      best_last = last;
    }
  }
  const std::size_t span_begin = matches[best_first].begin;
  const std::size_t span_end = matches[best_last].end;
  const std::size_t start = choose_start(text, span_begin, span_end, max_bytes);
  const std::size_t end = choose_end(text, start, span_end, max_bytes);
  return make_snippet(text, start, end, matches);
}

Snippet Highlighter::highlight_all(std::string_view text, const HighlightTerms& terms) {
  std::uint32_t word_count = 0;
  const std::vector<Match> matches = find_matches(analyzer_, text, terms, word_count);
  return make_snippet(text, 0, text.size(), matches);
}

std::string render_plain(const Snippet& s) { return render(s, {"", "", "\u2026", false}); }

std::string render_ansi(const Snippet& s) {
  return render(s, {"\x1b[1m", "\x1b[0m", "\u2026", false});
}

std::string render_html(const Snippet& s) {
  return render(s, {"<mark>", "</mark>", "&hellip;", true});
}

}  // namespace depeche::search
