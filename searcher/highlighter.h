// Snippets: the passage of a text that best shows why it matched, every matched word marked.
//
// Matching is HighlightTerms::matches on the tokens of FrenchAnalyzer (index mode), so a snippet
// marks exactly what the query found: `armee` marks l’<mark>armée</mark> (the elided article stays
// outside the mark), `élection` marks élections, a matched compound (États-Unis) is marked once.
// Offsets are bytes; renderers collapse whitespace and neutralise control characters, so neither a
// stored text nor a crafted one can inject HTML or terminal escape sequences.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/french_analyzer.h"
#include "searcher/highlight_terms.h"

namespace depeche::search {

// A marked range, [begin, end) in bytes.
struct Highlight {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool operator==(const Highlight&) const = default;
};

struct Snippet {
  // An excerpt of the original, always valid UTF-8: ill-formed bytes became U+FFFD. Whitespace is
  // kept as stored (renderers collapse it) so that offsets stay those of the excerpt.
  std::string text;
  // Into `text`; sorted, non-overlapping, never empty (a compound and its parts are one mark).
  std::vector<Highlight> highlights;
  // The same marks in bytes of the original field text, for JSON consumers that point into the
  // stored document. Equal to source_begin + highlights unless bad bytes were replaced (U+FFFD is
  // 3 bytes where the bad byte was 1).
  std::vector<Highlight> source_highlights;
  std::uint32_t source_begin = 0;  // where `text` starts in the original field text
  std::uint32_t source_end = 0;    // where it ends there (one past)
  bool truncated_start = false;    // text comes before the excerpt: show "…"
  bool truncated_end = false;      // text comes after it: show "…"
};

struct SnippetOptions {
  // Roughly the excerpt's length: it ends at a word or sentence boundary at or before this many
  // bytes after its start (a single longer matched word is never cut).
  std::size_t max_bytes = 260;
};

// One per thread: it owns a FrenchAnalyzer, which is not thread-safe.
class Highlighter {
 public:
  // The window of about max_bytes that holds the most distinct matched query words, then the most
  // matches, then comes first; it starts at a sentence start when one is in reach, else at a word
  // start, and ends at a sentence end or a word end. Every match inside it is marked. With no
  // match (or no terms), the opening of the text without marks. Linear in the text's length.
  Snippet best_passage(std::string_view text, const HighlightTerms& terms,
                       const SnippetOptions& options = {});

  // The whole text (a title) with every match marked.
  Snippet highlight_all(std::string_view text, const HighlightTerms& terms);

 private:
  analysis::FrenchAnalyzer analyzer_;
};

// Renderings. All three collapse each run of whitespace or control characters (newlines between
// paragraphs included) to one space and trim both ends; a truncated side shows "…".
std::string render_plain(const Snippet& s);  // no marks
std::string render_ansi(const Snippet& s);  // marks in ESC[1m … ESC[0m (the caller checks isatty)
std::string render_html(const Snippet& s);  // & < > " ' escaped, marks in <mark>, "…" as &hellip;

}  // namespace depeche::search
