// The French pipeline, in order, in FrenchAnalyzer::analyze.
#include "analyzers/french_analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <stdexcept>

#include "analyzers/elision.h"
#include "analyzers/stopwords.h"
#include "analyzers/text_folding.h"
#include "analyzers/unicode_cleaner.h"
#include "core/schema.h"

namespace depeche::analysis {
namespace {

// A word as ICU found it, in UTF-16 units of the cleaned text.
struct RawWord {
  int32_t start = 0;  // first unit, before elision
  int32_t end = 0;    // one past the last unit
  bool number = false;
};

bool is_hyphen(UChar c) { return c == u'-' || c == u'\u2010' || c == u'\u2011'; }

constexpr std::size_t kMaxCompoundParts = std::numeric_limits<decltype(Token::parts)>::max();

bool all_digits_or_spaces(const icu::UnicodeString& t, int32_t start, int32_t end) {
  for (int32_t i = start; i < end; ++i) {
    UChar c = t.charAt(i);
    if (!(c == u' ' || (c >= u'0' && c <= u'9'))) return false;
  }
  return true;
}

// Length of the digit group at [start, end) counted from the front, up to the first space.
int32_t first_group_length(const icu::UnicodeString& t, int32_t start, int32_t end) {
  int32_t i = start;
  while (i < end && t.charAt(i) != u' ') ++i;
  return i - start;
}

// Pronouns and the euphonic t that follow a verb after a hyphen (a-t-il, dit-elle, pensez-vous):
// they are words of their own, never part of a compound.
bool is_clitic(std::string_view lower) {
  static constexpr std::array<std::string_view, 21> kClitics = {
      "ce",  "elle", "elles", "en",  "il",   "ils", "je",  "la",  "le",   "les", "leur",
      "lui", "moi",  "nous",  "on",  "t",    "toi", "tu",  "vous", "y",   "là"};
  return std::find(kClitics.begin(), kClitics.end(), lower) != kClitics.end();
}

// "o.n.u" → "onu": single letters separated by dots. Returns false (and leaves s) otherwise.
bool fold_dotted_acronym(std::string& s) {
  if (s.size() < 3 || s.find('.') == std::string::npos) return false;
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t dot = s.find('.', i);
    std::size_t len = (dot == std::string::npos ? s.size() : dot) - i;
    if (len == 0) return false;
    // One code point: an ASCII letter, or one multi-byte UTF-8 sequence.
    auto lead = static_cast<unsigned char>(s[i]);
    std::size_t cp_len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (len != cp_len || (lead < 0x80 && !std::isalpha(lead))) return false;
    out.append(s, i, len);
    if (dot == std::string::npos) break;
    i = dot + 1;
  }
  s = std::move(out);
  return true;
}

// Byte offset just past the character ending at unit `last_unit` of the cleaned text.
std::uint32_t end_byte(const CleanText& ct, std::string_view text, int32_t last_unit) {
  std::uint32_t begin = ct.offsets[static_cast<std::size_t>(last_unit)];
  std::uint32_t limit = ct.offsets[static_cast<std::size_t>(last_unit) + 1];
  auto lead = static_cast<unsigned char>(text[begin]);
  std::uint32_t len = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3
                      : (lead & 0xF8) == 0xF0 ? 4 : 1;
  return std::min(begin + len, std::max(limit, begin + 1));
}

}  // namespace

FrenchAnalyzer::FrenchAnalyzer() {
  UErrorCode status = U_ZERO_ERROR;
  breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getFrench(), status));
  if (U_FAILURE(status) || !breaker_) {
    throw std::runtime_error(std::string("ICU word break rules unavailable: ") +
                             u_errorName(status));
  }
}

FrenchAnalyzer::~FrenchAnalyzer() = default;

StemFilter::StemFilter(const std::vector<std::string>& stems) {
  for (const std::string& s : stems) heads_.push_back(s.substr(0, 2));
  std::sort(heads_.begin(), heads_.end());
  heads_.erase(std::unique(heads_.begin(), heads_.end()), heads_.end());
}

bool StemFilter::wants(std::string_view term) const {
  // A one-letter stem (from a short word) compares on its whole length.
  for (std::size_t n = 1; n <= 2 && n <= term.size(); ++n) {
    if (std::binary_search(heads_.begin(), heads_.end(), term.substr(0, n),
                           [](std::string_view a, std::string_view b) { return a < b; })) {
      return true;
    }
  }
  return false;
}

std::vector<Token> FrenchAnalyzer::analyze(std::string_view text, AnalysisMode mode) {
  return run(text, mode, nullptr);
}

std::vector<Token> FrenchAnalyzer::analyze(std::string_view text, AnalysisMode mode,
                                           const StemFilter& filter) {
  return run(text, mode, &filter);
}

std::vector<Token> FrenchAnalyzer::run(std::string_view text, AnalysisMode mode, const StemFilter* filter) {
  // 1. Decode and clean, keeping the map back to original bytes.
  CleanText ct = clean_text(text);
  const icu::UnicodeString& t = ct.text;

  // 2. ICU word breaking; only segments ICU tags as words (letters, numbers, ideographs) count.
  std::vector<RawWord> raw;
  breaker_->setText(t);
  int32_t start = breaker_->first();
  for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker_->next()) {
    const int32_t status = breaker_->getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;
    const bool number = status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT;
    // 3. Numbers: "200 000" is one number when a 1–3 digit group is followed, after one space,
    //    by a group of exactly three digits (French thousands separator).
    if (number && !raw.empty() && raw.back().number && start == raw.back().end + 1 &&
        t.charAt(raw.back().end) == u' ' && end - start == 3 &&
        all_digits_or_spaces(t, start, end) &&
        all_digits_or_spaces(t, raw.back().start, raw.back().end) &&
        first_group_length(t, raw.back().start, raw.back().end) <= 3) {
      raw.back().end = end;
      continue;
    }
    raw.push_back({start, end, number});
  }

  std::vector<Token> words;
  words.reserve(raw.size());
  for (const RawWord& w : raw) {
    Token tok;
    // 4. Elision, on the raw UTF-16 so offsets stay exact.
    const int32_t elided = w.number ? 0 : elided_prefix_length(t, w.start, w.end);
    const int32_t begin = w.start + elided;
    if (elided) tok.flags |= kFlagElided;
    // 5. Case folding (lossy from here on).
    tok.lower = fold_case(t.tempSubString(begin, w.end - begin));
    if (w.number) {
      tok.flags |= kFlagNumber;
      std::erase(tok.lower, ' ');
    }
    // 6. Dotted acronyms.
    if (!w.number && fold_dotted_acronym(tok.lower)) tok.flags |= kFlagAcronym;
    // 7. Accent folding gives the index term.
    tok.term = fold_accents(tok.lower);
    // 8. Stopwords are marked.
    if (is_french_stopword(tok.lower)) tok.flags |= kFlagStopword;
    if (mode == AnalysisMode::kQuery && w.end < t.length() && t.charAt(w.end) == u'*') {
      tok.flags |= kFlagWildcard;
    }
    if (tok.term.size() > schema::kMaxTermBytes) tok.flags |= kFlagTooLong;
    // 9. Stem keys for words that carry meaning.
    if (!tok.term.empty() &&
        !tok.has(static_cast<TokenFlag>(kFlagStopword | kFlagNumber | kFlagWildcard |
                                        kFlagTooLong)) &&
        (!filter || filter->wants(tok.term))) {
      tok.stems = stemmer_.keys(tok.lower);
    }
    tok.begin = ct.offsets[static_cast<std::size_t>(begin)];
    tok.end = end_byte(ct, text, w.end - 1);
    words.push_back(std::move(tok));
  }

  // 10. Hyphenated compounds: words joined by single hyphens, less trailing clitics.
  std::vector<Token> tokens;
  tokens.reserve(words.size() + words.size() / 8);
  std::uint32_t position = 0;
  std::size_t i = 0;
  while (i < words.size()) {
    std::size_t last = i;
    // Token::parts counts at most kMaxCompoundParts: a longer run of hyphenated words (only ever
    // seen in crafted input; its term is far too long to index anyway) splits into compounds.
    while (last + 1 < words.size() && last + 1 - i < kMaxCompoundParts && !raw[last].number &&
           !raw[last + 1].number && raw[last + 1].start == raw[last].end + 1 &&
           is_hyphen(t.charAt(raw[last].end))) {
      ++last;
    }
    std::size_t compound_end = last;  // inclusive
    while (compound_end > i && is_clitic(words[compound_end].lower)) --compound_end;
    if (compound_end > i) {
      Token compound;
      compound.flags = kFlagCompound;
      compound.begin = words[i].begin;
      compound.end = words[compound_end].end;
      compound.position = position + 1;
      compound.parts = static_cast<std::uint16_t>(compound_end - i + 1);
      for (std::size_t k = i; k <= compound_end; ++k) {
        compound.lower += words[k].lower;
        compound.term += words[k].term;
      }
      if (words[compound_end].has(kFlagWildcard)) {
        compound.flags |= kFlagWildcard;
      } else if (compound.term.size() > schema::kMaxTermBytes) {
        compound.flags |= kFlagTooLong;
      } else if (!filter || filter->wants(compound.term)) {
        compound.stems = stemmer_.keys(compound.lower);
      }
      tokens.push_back(std::move(compound));
      for (std::size_t k = i; k <= compound_end; ++k) words[k].flags |= kFlagCompoundPart;
    }
    for (std::size_t k = i; k <= last; ++k) {
      words[k].position = ++position;
      tokens.push_back(std::move(words[k]));
    }
    i = last + 1;
  }
  return tokens;
}

}  // namespace depeche::analysis
