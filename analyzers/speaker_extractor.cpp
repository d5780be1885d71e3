// Speaker extraction: speech verbs found on the token stream, their subjects parsed around them,
// names resolved to the article's full names, then quotes attributed (see speaker_extractor.h).
#include "analyzers/speaker_extractor.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "analyzers/country_names.h"
#include "analyzers/speaker_lexicon.h"
#include "analyzers/speaker_quotes.h"

namespace depeche::analysis {
namespace {

using Det = SpeakerLexicon::Determiner;

// Punctuation seen between two words.
enum GapFlag : std::uint16_t {
  kGapComma = 1 << 0,
  kGapStop = 1 << 1,  // . ! ? …
  kGapColon = 1 << 2,
  kGapSemicolon = 1 << 3,
  kGapOpenQuote = 1 << 4,   // «
  kGapCloseQuote = 1 << 5,  // »
  kGapNewline = 1 << 6,
  kGapParen = 1 << 7,       // ( ) [ ]
  kGapDash = 1 << 8,        // – — or a spaced hyphen
  kGapHyphen = 1 << 9,      // a hyphen touching both words: a-t-il, dit-elle
  kGapOther = 1 << 10,      // “ ” " / & … anything else that is not a space
};
constexpr std::uint16_t kGapClauseEnd =
    kGapStop | kGapColon | kGapSemicolon | kGapOpenQuote | kGapCloseQuote | kGapNewline |
    kGapParen | kGapDash;

struct Word {
  std::uint32_t begin = 0;  // the word, after any elided article
  std::uint32_t end = 0;
  std::uint32_t lead = 0;   // start of the elided article (l’, d’, qu’) when there is one
  std::string_view lower;
  std::string_view term;
  std::string elision;      // "l", "d", "qu", "n", "s"… (lower case), empty when none
  std::uint16_t gap = 0;    // GapFlag bits between the previous word and this one
  bool cap = false;         // starts with an upper-case letter
  bool acronym = false;     // two or more letters, all upper case: ONU, KCNA
  bool stop = false;
  bool number = false;
  bool single_letter = false;
  int quote = -1;           // index of the quote span it is inside, -1 outside quotes
  std::uint32_t sentence = 0;
};

enum class SubjectKind { kNone, kPerson, kRole, kInstitution, kPronoun };

// Who a speech verb's subject turned out to be, before names are resolved.
struct Subject {
  SubjectKind kind = SubjectKind::kNone;
  std::size_t first = 0;  // words of the name, role or pronoun
  std::size_t last = 0;
  bool titled = false;    // a title or role noun stands before the name (M. Kirby, le ministre X)
  Gender gender = Gender::kUnknown;
  std::string_view role_head;  // the role noun: "ministre"
  Det det = Det::kNone;
  std::string pattern;
};

struct Person {
  std::string name;                // as first written
  std::vector<std::string> terms;  // folded words
  Gender gender = Gender::kUnknown;
  std::string role_head;
  bool spoke = false;
};

// A reported act of speech: where its verb is and who it is attributed to.
struct Event {
  std::size_t first = 0;  // verb group (or « selon »)
  std::size_t last = 0;
  std::uint32_t sentence = 0;
  int person = -1;   // index into persons
  int unnamed = -1;  // index into unnamed roles
};

struct HistoryEntry {
  std::size_t word = 0;
  int person = -1;
  int unnamed = -1;
  Gender gender = Gender::kUnknown;
  bool mention = false;  // a name written outside any speech clause
};

struct UnnamedRole {
  std::string role;
  std::string head;  // role noun, for « le responsable » later
  Gender gender = Gender::kUnknown;
};

bool gender_agrees(Gender a, Gender b) {
  return a == Gender::kUnknown || b == Gender::kUnknown || a == b;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Copies text with every run of white space (NBSP and newlines included) turned into one space.
std::string squeeze_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      n = 1;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      n = 2;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               ((static_cast<unsigned char>(s[i + 2]) >= 0x80 &&
                 static_cast<unsigned char>(s[i + 2]) <= 0x8A) ||
                static_cast<unsigned char>(s[i + 2]) == 0xAF)) {
      n = 3;
    }
    if (n > 0) {
      space = !out.empty();
      i += n - 1;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(s[i]);
  }
  return out;
}

// "Un responsable" → "un responsable": roles are common nouns, written as in running text.
std::string lower_first_letter(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') {
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  } else if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC3) {
    // Latin-1 capitals with accents (É À Ç …) are C3 80–9E; their lower case is +0x20.
    const auto c = static_cast<unsigned char>(s[1]);
    if (c >= 0x80 && c <= 0x9E && c != 0x97) s[1] = static_cast<char>(c + 0x20);
  }
  return s;
}

std::uint16_t scan_gap(std::string_view text, std::size_t from, std::size_t to) {
  std::uint16_t gap = 0;
  for (std::size_t i = from; i < to && i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case ',': gap |= kGapComma; break;
        case '.': case '!': case '?': gap |= kGapStop; break;
        case ':': gap |= kGapColon; break;
        case ';': gap |= kGapSemicolon; break;
        case '\n': case '\r': gap |= kGapNewline; break;
        case '(': case ')': case '[': case ']': gap |= kGapParen; break;
        case '-': {
          const bool tight = i == from && i + 1 == to;
          gap |= tight ? kGapHyphen : kGapDash;
          break;
        }
        case ' ': case '\t': case '\'': break;
        default:
          if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) gap |= kGapOther;
      }
      ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < to) {
      const auto d = static_cast<unsigned char>(text[i + 1]);
      if (d == 0xAB) gap |= kGapOpenQuote;
      else if (d == 0xBB) gap |= kGapCloseQuote;
      else if (d != 0xA0) gap |= kGapOther;
      i += 2;
      continue;
    }
    if (c == 0xE2 && i + 2 < to && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      const auto d = static_cast<unsigned char>(text[i + 2]);
      if (d == 0x93 || d == 0x94) gap |= kGapDash;
      else if (d == 0xA6) gap |= kGapStop;
      else if (d == 0x90 || d == 0x91) gap |= (i == from && i + 3 == to) ? kGapHyphen : kGapDash;
      else if (!((d >= 0x80 && d <= 0x8A) || d == 0xAF || d == 0x98 || d == 0x99)) gap |= kGapOther;
      i += 3;
      continue;
    }
    if (c == 0xCA && i + 1 < to && static_cast<unsigned char>(text[i + 1]) == 0xBC) {  // ʼ
      i += 2;
      continue;
    }
    gap |= kGapOther;
    ++i;
  }
  return gap;
}

// The elided article before a token (l’, d’, qu’…): its lower-case letters and where it starts.
void find_elision(std::string_view text, Word& w) {
  std::size_t p = w.begin;
  std::size_t apostrophe = 0;
  if (p >= 1 && text[p - 1] == '\'') {
    apostrophe = 1;
  } else if (p >= 3 && text[p - 3] == '\xE2' && text[p - 2] == '\x80' &&
             (text[p - 1] == '\x99' || text[p - 1] == '\x98')) {
    apostrophe = 3;
  } else if (p >= 2 && text[p - 2] == '\xCA' && text[p - 1] == '\xBC') {
    apostrophe = 2;
  }
  if (apostrophe == 0) return;
  std::size_t q = p - apostrophe;
  std::size_t start = q;
  while (start > 0 && q - start < 8) {
    const char c = text[start - 1];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) break;
    --start;
  }
  if (start == q) return;
  w.elision = ascii_lower(text.substr(start, q - start));
  w.lead = static_cast<std::uint32_t>(start);
}

class Extraction {
 public:
  Extraction(const SpeakerLexicon& lex, std::string_view text, const std::vector<Token>& tokens,
             TextField field)
      : lex_(lex), text_(text), field_(field) {
    build_words(tokens);
  }

  SpeakerExtractor::Result run() {
    register_people();
    find_events();
    attribute_quotes();
    return std::move(result_);
  }

 private:
  // ---- words, sentences, quotes ------------------------------------------------------------

  void build_words(const std::vector<Token>& tokens) {
    words_.reserve(tokens.size());
    for (const Token& t : tokens) {
      if (t.has(kFlagCompoundPart) || t.end > text_.size() || t.begin >= t.end) continue;
      Word w;
      w.begin = t.begin;
      w.end = t.end;
      w.lead = t.begin;
      w.lower = t.lower;
      w.term = t.term;
      w.stop = t.has(kFlagStopword);
      w.number = t.has(kFlagNumber);
      if (t.has(kFlagElided)) find_elision(text_, w);
      classify_case(w);
      const std::size_t gap_from = words_.empty() ? 0 : words_.back().end;
      w.gap = gap_from <= w.lead ? scan_gap(text_, gap_from, w.lead) : 0;
      if (joins_previous_name_word(w)) continue;
      words_.push_back(std::move(w));
    }
    quotes_ = find_quotes(text_);
    std::size_t q = 0;
    for (Word& w : words_) {
      while (q < quotes_.size() && quotes_[q].close <= w.begin) ++q;
      if (q < quotes_.size() && quotes_[q].open < w.begin) w.quote = static_cast<int>(q);
    }
    std::uint32_t sentence = 0;
    for (std::size_t i = 0; i < words_.size(); ++i) {
      if (i > 0 && sentence_starts(i)) ++sentence;
      words_[i].sentence = sentence;
      if (!words_[i].cap && words_[i].quote < 0) lowercase_seen_.insert(words_[i].lower);
    }
  }

  // The analyzer splits « -il » off as a clitic pronoun (« dit-il »), which also cuts given
  // names written with a hyphen and a lower-case syllable: « Kim Song-il », « Kim Jong-il ».
  // After two capitalised words, the syllable belongs to the second: verbs are not capitalised
  // inside a sentence, so « Kim Song » cannot be a verb with its subject pronoun.
  bool joins_previous_name_word(const Word& w) {
    if (w.gap != kGapHyphen || w.cap || !w.elision.empty() || words_.size() < 2) return false;
    if (!(w.lower == "il" || w.lower == "elle" || w.lower == "on")) return false;
    Word& prev = words_.back();
    const Word& before = words_[words_.size() - 2];
    if (!prev.cap || prev.acronym || prev.number || prev.stop || prev.gap != 0) return false;
    if (!before.cap || before.acronym || before.number || before.stop) return false;
    std::string& joined = owned_terms_.emplace_back(prev.term);
    joined.append(w.term);
    prev.term = joined;
    prev.lower = joined;
    prev.end = w.end;
    return true;
  }

  void classify_case(Word& w) const {
    const auto* s = reinterpret_cast<const std::uint8_t*>(text_.data());
    int32_t i = static_cast<int32_t>(w.begin);
    const auto end = static_cast<int32_t>(w.end);
    int letters = 0;
    int uppers = 0;
    bool first = true;
    while (i < end) {
      UChar32 c;
      U8_NEXT(s, i, end, c);
      if (c < 0 || !u_isalpha(c)) {
        first = false;
        continue;
      }
      ++letters;
      const bool upper = u_isupper(c) || u_istitle(c);
      if (upper) ++uppers;
      if (first) w.cap = upper;
      first = false;
    }
    w.acronym = letters >= 2 && uppers == letters;
    w.single_letter = letters == 1 && w.cap;
  }

  bool is_title(std::size_t i) const {
    const Word& w = words_[i];
    const std::string_view s = surface(i);
    if (!lex_.title_gender(s)) return false;
    if (s == "M" || s == "Me" || s == "Pr" || s == "Dr") {
      // « M » alone is a letter; « Me » and « Pr » are titles only before a name.
      if (s == "M" && !(w.end < text_.size() && text_[w.end] == '.')) return false;
      return i + 1 < words_.size() && words_[i + 1].cap;
    }
    return true;
  }

  bool is_abbreviation(std::size_t i) const { return is_title(i) || words_[i].single_letter; }

  bool sentence_starts(std::size_t i) const {
    const Word& w = words_[i];
    const Word& p = words_[i - 1];
    if (w.quote >= 0 && w.quote == p.quote) return false;
    if (w.gap & kGapNewline) return true;
    if (!(w.gap & kGapStop)) return false;
    if (is_abbreviation(i - 1)) return false;
    return w.cap || w.number || (w.gap & kGapOpenQuote) != 0;
  }

  std::string_view surface(std::size_t i) const {
    return text_.substr(words_[i].begin, words_[i].end - words_[i].begin);
  }

  bool plain_gap(std::size_t i) const { return (words_[i].gap & ~kGapHyphen) == 0; }

  bool is_country(std::string_view term) const {
    return term.size() > 3 && CountryNames::french().resolve(term).has_value();
  }

  bool is_particle(std::size_t i) const {
    const Word& w = words_[i];
    return w.elision.empty() && lex_.is_name_particle(w.lower);
  }

  // A word that can be part of a name: capitalised, not an acronym, number, title or function word.
  bool is_name_word(std::size_t i) const {
    const Word& w = words_[i];
    if (!w.cap || w.acronym || w.number || w.stop) return false;
    if (!w.elision.empty() && w.elision != "d") return false;
    if (is_title(i)) return false;
    return true;
  }

  bool is_non_name(std::size_t i) const {
    const Word& w = words_[i];
    return w.acronym || w.number || lex_.is_non_name_word(w.term) || is_country(w.term) ||
           lex_.role_gender(w.term) != nullptr;
  }

  // The word before i introduces a complement (de la Défense, du Kremlin, à Reuters), so a
  // capitalised word at i names a thing the sentence talks about, not the speaker.
  // The word before i is an article (le, la, les, l’): « la Française Léa Fontaine ».
  bool article_before(std::size_t i) const {
    const Word& w = words_[i];
    if (w.elision == "l") return true;
    if (i == 0 || !plain_gap(i)) return false;
    const std::string_view p = words_[i - 1].lower;
    return p == "le" || p == "la" || p == "les";
  }

  bool complement_before(std::size_t i) const {
    const Word& w = words_[i];
    if (w.elision == "l" || w.elision == "d") return true;
    if (i == 0 || !plain_gap(i)) return false;
    const std::string_view p = words_[i - 1].lower;
    return p == "de" || p == "du" || p == "des" || p == "le" || p == "la" || p == "les" ||
           p == "au" || p == "aux" || p == "à" || p == "en" || p == "par" || p == "sur" ||
           p == "dans" || p == "pour" || p == "avec" || p == "chez" || p == "vers" ||
           (words_[i - 1].elision == "l" && words_[i - 1].stop);
  }

  // ---- name runs ---------------------------------------------------------------------------

  struct Run {
    std::size_t first = 0;
    std::size_t last = 0;
    int names = 0;
    bool ok = false;
  };

  // Capitalised words from i on, with particles between them and initials (John F. Kennedy).
  std::size_t run_end_forward(std::size_t i, std::size_t limit) const {
    std::size_t last = i;
    std::size_t j = i + 1;
    while (j < limit && j < words_.size()) {
      const Word& w = words_[j];
      if (w.sentence != words_[i].sentence || w.quote != words_[i].quote) break;
      const bool initial_gap = words_[j - 1].single_letter && (w.gap & ~kGapStop) == 0;
      if (!plain_gap(j) && !initial_gap) break;
      if (is_name_word(j) || (w.elision == "d" && w.cap)) {
        last = j;
        ++j;
        continue;
      }
      if (is_particle(j) && j + 1 < words_.size() && plain_gap(j + 1) &&
          (is_name_word(j + 1) || is_particle(j + 1))) {
        ++j;
        continue;
      }
      break;
    }
    return last;
  }

  std::size_t run_start_backward(std::size_t k, std::size_t floor) const {
    std::size_t first = k;
    std::size_t j = k;
    while (j > floor) {
      if (!plain_gap(j) && !(words_[j - 1].single_letter && (words_[j].gap & ~kGapStop) == 0)) {
        break;
      }
      const std::size_t p = j - 1;
      if (words_[p].quote != words_[k].quote || words_[p].sentence != words_[k].sentence) break;
      if (is_name_word(p) || (words_[p].elision == "d" && words_[p].cap && p > floor &&
                              is_name_word(p - 1))) {
        first = p;
        j = p;
        continue;
      }
      if (is_particle(p) && p > floor && (is_name_word(p - 1) || words_[p - 1].cap)) {
        j = p;
        continue;
      }
      // A capitalised particle opening the run: « Le Drian », « Van Gaal ».
      if (is_particle(p) && words_[p].cap) first = p;
      break;
    }
    return first;
  }

  // Trims a run of capitalised words down to a person's name, or marks it not one.
  Run shape(std::size_t a, std::size_t b) const {
    Run r;
    bool at_start = true;         // only particles dropped so far
    bool leading_article = false;  // « La Norvégienne Ingrid Solberg » at a sentence start
    bool dropped = false;
    while (a <= b) {
      if (at_start && !leading_article && a < b && place_name_before_surname(a) &&
          !complement_before(a)) {
        break;  // « Paris Kourouma », « Maurice Ndiaye »: a first name
      }
      if (is_particle(a) || is_non_name(a)) {
        const std::string_view l = words_[a].lower;
        if (at_start && is_particle(a) && (l == "le" || l == "la" || l == "les")) {
          leading_article = true;
        }
        at_start = at_start && is_particle(a);
        dropped = dropped || names_a_thing(words_[a].term);
        ++a;
        continue;
      }
      // « le quartier de Sham Shui Po », « la fille de Jean Dupont »: a proper noun inside a
      // complement names a place, a firm or someone spoken of, not the speaker.
      if (at_start && leading_article) {
        std::size_t names_after = 0;
        for (std::size_t j = a + 1; j <= b; ++j) names_after += is_particle(j) ? 0 : 1;
        at_start = false;
        if (names_after >= 2) {
          ++a;
          continue;
        }
      }
      if (at_start && complement_before(a)) {
        // « la Française Léa Fontaine », « le Sud-Africain John Smith »: an article, then a
        // capitalised epithet, then a full name.
        std::size_t names_after = 0;
        for (std::size_t j = a + 1; j <= b; ++j) names_after += is_particle(j) ? 0 : 1;
        if (!article_before(a) || names_after < 2) return r;
        dropped = false;
        at_start = false;
        ++a;
        continue;
      }
      at_start = false;
      // A sentence's first word that the text also writes in lower case is a common word.
      const bool sentence_first = a == 0 || words_[a - 1].sentence != words_[a].sentence;
      if (sentence_first && a < b && lowercase_seen_.count(words_[a].lower) != 0) {
        ++a;
        continue;
      }
      break;
    }
    if (a > b) return r;
    for (std::size_t j = a; j <= b; ++j) {
      if (is_particle(j)) continue;
      if (j < b && place_name_before_surname(j)) continue;  // « George Washington Tarpeh »
      // A role noun after a first name is a surname: « Jules Marin », « Anne Chevalier ».
      if (j > a && is_name_word(j) && lex_.role_gender(words_[j].term) &&
          !lex_.is_non_name_word(words_[j].term)) {
        continue;
      }
      if (is_non_name(j) || !(is_name_word(j) || words_[j].elision == "d")) {
        if (lex_.is_organisation_suffix(words_[j].term)) return r;
        if (j == a) return r;
        b = j - 1;
        break;
      }
    }
    while (b > a && is_particle(b)) --b;
    for (std::size_t j = a; j <= b; ++j) {
      if (!is_particle(j)) ++r.names;
    }
    // « à Radio Continentale Chiara Lombardi »: after a word like Radio or Banque, three
    // capitalised words are more likely the rest of its name, then a first name and surname
    // (whereas « le ministre des Finances George Washington Tarpeh » keeps all three).
    while (dropped && r.names > 2) {
      if (!is_particle(a)) --r.names;
      ++a;
      while (a < b && is_particle(a)) ++a;
    }
    r.first = a;
    r.last = b;
    r.ok = r.names >= 1 && r.names <= 4;
    return r;
  }

  static bool names_a_thing(std::string_view term) {
    static const std::unordered_set<std::string_view> kThings = {
        "radio", "television", "tele", "journal", "magazine", "agence", "banque", "groupe",
        "club", "festival", "fondation", "institut", "universite", "hopital", "ecole", "lycee",
        "stade", "compagnie", "societe", "musee", "theatre", "prix", "editions", "chaine"};
    return kThings.count(term) != 0;
  }

  // Only an article and capitalised words (an epithet) between the clause start and word j:
  // « le Portugais Nuno Serrão ».
  bool opens_clause(std::size_t j) const {
    const std::size_t start = segment_start(j);
    for (std::size_t k = start; k < j; ++k) {
      const std::string_view l = words_[k].lower;
      if (!(l == "le" || l == "la" || l == "les" || words_[k].cap)) return false;
    }
    return true;
  }

  // A country or city name (not a region or cardinal point) that can be a first name, followed
  // by a capitalised word that is nothing but a name: « Kenya Brooks », « Israel Gomes ».
  bool place_name_before_surname(std::size_t j) const {
    static const std::unordered_set<std::string_view> kGeographic = {
        "nord", "sud", "est", "ouest", "orient", "occident", "moyen", "proche", "golfe",
        "afrique", "europe", "asie", "amerique", "oceanie", "sahel", "maghreb", "new", "san",
        "los", "las", "sao", "hong", "kong", "tel", "abou", "port", "cap", "mer", "ocean"};
    const Word& w = words_[j];
    if (!is_name_word(j) || kGeographic.count(w.term) != 0) return false;
    if (!(lex_.is_place(w.term) || is_country(w.term))) return false;
    if (w.acronym || lex_.role_gender(w.term)) return false;
    if (lex_.is_non_name_word(w.term) && !lex_.is_place(w.term) && !is_country(w.term)) return false;
    const std::size_t n = j + 1;
    return n < words_.size() && plain_gap(n) && is_name_word(n) && !is_non_name(n) &&
           words_[n].quote == w.quote;
  }

  // True when the name starts at word j, or after particles only (« Le Goff » → Goff).
  bool starts_at(const Run& r, std::size_t j) const {
    for (std::size_t k = j; k < r.first; ++k) {
      if (!is_particle(k)) return false;
    }
    return r.first >= j;
  }

  // A run right after « selon » or « Pour »: the word before it is not a complement.
  Run shape_after_introducer(std::size_t a, std::size_t b) const {
    Run r = shape(a, b);
    if ((r.ok && r.first == a) || a == 0 || !complement_before(a) || !words_[a].elision.empty()) {
      return r;
    }
    // shape() trimmed or rejected it for the preposition before it; judge the words alone.
    Run alone;
    std::size_t names = 0;
    for (std::size_t j = a; j <= b; ++j) {
      if (is_particle(j)) continue;
      if ((is_non_name(j) && !place_name_before_surname(j)) || !is_name_word(j)) return r;
      ++names;
    }
    alone.first = a;
    alone.last = b;
    alone.names = static_cast<int>(names);
    alone.ok = names >= 1 && names <= 4;
    return alone.ok ? alone : r;
  }

  // ---- people ------------------------------------------------------------------------------

  std::string key_of(std::size_t a, std::size_t b) const {
    std::string key;
    for (std::size_t j = a; j <= b; ++j) {
      if (!key.empty()) key.push_back(' ');
      key.append(words_[j].term);
    }
    return key;
  }

  int add_person(std::size_t a, std::size_t b) {
    Person p;
    p.name = squeeze_spaces(text_.substr(words_[a].begin, words_[b].end - words_[a].begin));
    for (std::size_t j = a; j <= b; ++j) p.terms.emplace_back(words_[j].term);
    const int id = static_cast<int>(persons_.size());
    by_full_.emplace(key_of(a, b), id);
    if (b > a) {
      by_last_[p.terms.back()].push_back({a, id});
      by_first_[p.terms.front()].push_back({a, id});
    }
    persons_.push_back(std::move(p));
    return id;
  }

  // Latest person in `list` mentioned before word `at`, else the first one after it.
  static int pick(const std::vector<std::pair<std::size_t, int>>& list, std::size_t at) {
    // Bounded to the latest entries: hostile text can repeat a surname endlessly.
    const std::size_t from = list.size() > 64 ? list.size() - 64 : 0;
    for (std::size_t k = list.size(); k-- > from;) {
      if (list[k].first < at) return list[k].second;
    }
    return list[from].second;
  }

  // The person a run of words names: the full name written earlier, a new full name, or a
  // short name (surname, then first name) resolved to one; -1 when it is not a known person.
  int resolve(const Run& r, bool titled, bool create) {
    if (!r.ok) return -1;
    const std::string key = key_of(r.first, r.last);
    if (auto it = by_full_.find(key); it != by_full_.end()) return it->second;
    const std::string_view last_term = words_[r.last].term;
    if (r.names >= 2) {
      // « Le Drian » after « Jean-Yves Le Drian »: the run ends a longer name.
      if (auto it = by_last_.find(std::string(last_term)); it != by_last_.end()) {
        const auto& list = it->second;
        for (std::size_t k = list.size() > 16 ? list.size() - 16 : 0; k < list.size(); ++k) {
          const auto& entry = list[k];
          const Person& p = persons_[static_cast<std::size_t>(entry.second)];
          std::string full;
          for (const std::string& t : p.terms) full += (full.empty() ? "" : " ") + t;
          if (full.size() > key.size() && full.ends_with(" " + key)) return entry.second;
        }
      }
      return create ? add_person(r.first, r.last) : -1;
    }
    if (auto it = by_last_.find(std::string(last_term)); it != by_last_.end()) {
      return pick(it->second, r.first);
    }
    std::string_view first_term;
    for (std::size_t j = r.first; j <= r.last; ++j) {
      if (!is_particle(j)) {
        first_term = words_[j].term;
        break;
      }
    }
    if (auto it = by_first_.find(std::string(first_term)); it != by_first_.end()) {
      return pick(it->second, r.first);
    }
    if (titled && create) return add_person(r.first, r.last);
    return -1;
  }

  // Every full name (two capitalised words or more) in the text, in order, so that « Kirby »
  // finds « John Kirby » even when he was first named outside a speech clause.
  void register_people() {
    std::size_t i = 0;
    while (i < words_.size()) {
      if (!(is_name_word(i) || (is_particle(i) && words_[i].cap))) {
        ++i;
        continue;
      }
      const std::size_t end = run_end_forward(i, words_.size());
      const Run r = shape(i, end);
      if (r.ok && r.names >= 2) {
        const int id = resolve(r, false, true);
        if (words_[r.first].quote < 0) {
          mentions_.push_back({r.first, id, -1, context_gender(r.first), true});
          if (id >= 0) note_role(id, r.first);
        }
      }
      i = end + 1;
    }
  }

  // Gender shown by a title or a determiner + role noun right before word i.
  Gender context_gender(std::size_t i) const {
    if (i == 0) return Gender::kUnknown;
    if (is_title(i - 1)) return *lex_.title_gender(surface(i - 1));
    for (std::size_t j = i; j-- > 0 && i - j <= 4;) {
      const Gender* g = lex_.role_gender(words_[j].term);
      if (!g) continue;
      if (*g != Gender::kUnknown) return *g;
      if (words_[j].elision.empty() && j > 0) {
        const std::string_view d = words_[j - 1].lower;
        if (d == "la" || d == "une" || d == "cette") return Gender::kFeminine;
        if (d == "le" || d == "un" || d == "ce" || d == "cet") return Gender::kMasculine;
      }
      return Gender::kUnknown;
    }
    return Gender::kUnknown;
  }

  void note_role(int id, std::size_t i) {
    Person& p = persons_[static_cast<std::size_t>(id)];
    if (p.gender == Gender::kUnknown) p.gender = context_gender(i);
    if (!p.role_head.empty() || i == 0) return;
    for (std::size_t j = i; j-- > 0 && i - j <= 4;) {
      if (lex_.role_gender(words_[j].term)) {
        p.role_head = std::string(words_[j].term);
        return;
      }
      if (words_[j].gap & kGapClauseEnd) return;
    }
  }

  // True when a role noun or title stands right before the name at i (le ministre Lavrov).
  bool titled_before(std::size_t i) const {
    if (i == 0) return false;
    if (is_title(i - 1)) return true;
    for (std::size_t j = i; j-- > 0 && i - j <= 3;) {
      if (lex_.role_gender(words_[j].term)) return true;
      if (words_[j].cap || (words_[j + 1].gap & ~kGapComma) != 0) return false;
    }
    return false;
  }

  // ---- speech verbs ------------------------------------------------------------------------

  struct VerbGroup {
    std::size_t first = 0;
    std::size_t last = 0;
    bool negated = false;
    bool selon = false;
    bool inverted_hint = false;   // comme l’a dit X, ce qu’a déclaré X
    bool pour = false;            // « Pour X, … » at the head of a sentence
    int pronoun = -1;             // word of a clitic subject (a-t-il, dit-elle)
  };

  bool is_pronoun_subject(std::size_t i) const {
    const std::string_view l = words_[i].lower;
    return l == "il" || l == "elle";
  }

  // A clitic pronoun subject after a verb: -t-il, -elle. Returns the pronoun's word or -1;
  // `next` is moved past it.
  int clitic_after(std::size_t& next) const {
    std::size_t j = next;
    if (j < words_.size() && (words_[j].gap & kGapHyphen) && words_[j].lower == "t") ++j;
    if (j < words_.size() && (words_[j].gap & (kGapHyphen | kGapDash)) &&
        (words_[j].gap & ~(kGapHyphen | kGapDash)) == 0) {
      const std::string_view l = words_[j].lower;
      if (l == "il" || l == "elle" || l == "on" || l == "ils" || l == "elles") {
        next = j + 1;
        return static_cast<int>(j);
      }
    }
    return -1;
  }

  bool reflexive_before(std::size_t i) const {
    if (words_[i].elision == "s") return true;
    return i > 0 && words_[i - 1].lower == "se" && plain_gap(i);
  }

  std::optional<VerbGroup> verb_group_at(std::size_t i) const {
    const Word& w = words_[i];
    if (w.quote >= 0) return std::nullopt;
    VerbGroup g;
    g.first = i;
    if (w.lower == "selon" || (w.term == "apres" && w.elision == "d")) {
      g.selon = true;
      g.last = i;
      return g;
    }
    // « Pour Thomas Keller, professeur d’économie, la crise … »: an opinion attributed at the
    // head of a sentence, as « selon » does.
    if (w.lower == "pour" &&
        (i == 0 || words_[i - 1].sentence != w.sentence ||
         ((words_[i - 1].lower == "mais" || words_[i - 1].lower == "et") &&
          (i == 1 || words_[i - 2].sentence != w.sentence)))) {
      g.selon = true;
      g.pour = true;
      g.last = i;
      return g;
    }
    if (w.cap) return std::nullopt;
    const bool reflexive = reflexive_before(i);
    const bool etre = w.lower == "est" || w.lower == "sont" || w.lower == "était";
    if (etre ? reflexive : lex_.is_auxiliary(w.lower)) {
      if (w.lower == "a" && w.elision == "qu") g.inverted_hint = true;
      if (w.elision == "l" && i > 0 && words_[i - 1].lower == "comme") g.inverted_hint = true;
      if (w.elision == "n" || (i > 0 && words_[i - 1].lower == "ne")) g.negated = true;
      std::size_t j = i + 1;
      g.pronoun = clitic_after(j);
      for (int fillers = 0; j < words_.size() && fillers < 5; ++fillers) {
        const Word& f = words_[j];
        if (f.quote >= 0 || (f.gap & kGapClauseEnd)) return std::nullopt;
        const bool speech = reflexive ? (lex_.is_reflexive_speech_participle(f.term) ||
                                         lex_.is_speech_participle(f.term))
                                      : lex_.is_speech_participle(f.term);
        if (speech && !f.cap) {
          // « a déclaré forfait », « a déclaré faillite »: idioms, not speech.
          if (j + 1 < words_.size() &&
              (words_[j + 1].term == "forfait" || words_[j + 1].term == "faillite")) {
            return std::nullopt;
          }
          g.last = j;
          return g;
        }
        if (f.term == "fait" && j + 1 < words_.size()) {
          const std::string_view n = words_[j + 1].term;
          if (n == "savoir" || n == "valoir" || n == "remarquer" || n == "observer") {
            g.last = j + 1;
            return g;
          }
        }
        if (f.term == "mis" && j + 2 < words_.size() && words_[j + 1].lower == "en" &&
            words_[j + 2].term == "garde") {
          g.last = j + 2;
          return g;
        }
        if (f.term == "pas" || f.term == "jamais" || f.term == "guere") g.negated = true;
        if (!lex_.is_verb_filler(f.term) || f.cap) return std::nullopt;
        ++j;
      }
      return std::nullopt;
    }
    const bool present = reflexive ? (lex_.is_reflexive_speech_present(w.term) ||
                                      lex_.is_speech_present(w.term))
                                   : lex_.is_speech_present(w.term);
    if (!present) return std::nullopt;
    // « comme le souligne X », « comme l’explique X »: the pronoun le/l’ is not an article.
    if (i > 0 && words_[i - 1].lower == "le" && i > 1 && words_[i - 2].lower == "comme") {
      g.inverted_hint = true;
    } else if (w.elision == "l" && i > 0 && words_[i - 1].lower == "comme") {
      g.inverted_hint = true;
    } else if (!reflexive) {
      // A determiner or preposition before it makes it a noun: « la note », « le juge ».
      if (!w.elision.empty() && w.elision != "n") return std::nullopt;
      if (i > 0 && plain_gap(i)) {
        const std::string_view p = words_[i - 1].lower;
        if (lex_.determiner(p) != Det::kNone || p == "de" || p == "du" || p == "au" ||
            p == "aux" || p == "à" || p == "en" || p == "qui" || p == "que" || p == "se" ||
            p == "pour" || p == "sans" || p == "par" || p == "sur" || words_[i - 1].number) {
          return std::nullopt;
        }
      }
    }
    if (w.elision == "n" || (i > 0 && words_[i - 1].lower == "ne")) g.negated = true;
    g.last = i;
    std::size_t j = i + 1;
    g.pronoun = clitic_after(j);
    if (g.pronoun >= 0) g.last = static_cast<std::size_t>(g.pronoun);
    return g;
  }

  // ---- subjects ----------------------------------------------------------------------------

  Subject person_subject(const Run& r, const char* pattern) const {
    Subject s;
    s.kind = SubjectKind::kPerson;
    s.first = r.first;
    s.last = r.last;
    s.titled = titled_before(r.first);
    s.gender = context_gender(r.first);
    s.pattern = pattern;
    return s;
  }

  // Determiner + (adjectives) + role or institution noun starting at p; returns the head word.
  std::optional<std::size_t> noun_phrase_head(std::size_t p, std::size_t limit, Det& det,
                                              bool any_noun = false) const {
    const Word& w = words_[p];
    det = lex_.determiner(w.lower);
    std::size_t h = p + 1;
    if (det == Det::kNone) {
      if (w.elision != "l") return std::nullopt;
      det = Det::kDefinite;  // l’entraîneur: the article is elided onto the noun
      h = p;
    } else if (!w.elision.empty()) {
      return std::nullopt;
    }
    while (h < limit && h < words_.size() && h != p && lex_.is_role_adjective(words_[h].term) &&
           !lex_.role_gender(words_[h].term)) {
      ++h;
    }
    // « haut responsable », « premier ministre »: adjectives that are also roles.
    while (h + 1 < limit && h + 1 < words_.size() && lex_.is_role_adjective(words_[h].term) &&
           (lex_.role_gender(words_[h + 1].term) || lex_.is_institution_noun(words_[h + 1].term))) {
      ++h;
    }
    if (h >= limit || h >= words_.size()) return std::nullopt;
    // « a confié l’Italien », « a lancé la Britannique »: a nationality as epithet.
    const bool demonym = any_noun && words_[h].cap && !is_non_name(h) && looks_demonym(words_[h].term);
    if (words_[h].cap && h != p && !lex_.role_gender(words_[h].term) && !demonym) {
      return std::nullopt;
    }
    if (demonym) return h;
    if (lex_.role_gender(words_[h].term) || lex_.is_institution_noun(words_[h].term)) return h;
    // Right after « », a déclaré », a noun phrase is the speaker whatever its noun
    // (« l’épéiste de 26 ans »): only the common nouns of time are not.
    if (any_noun && !words_[h].cap && !words_[h].stop && !words_[h].number &&
        !is_time_word(words_[h].term) && words_[h].quote < 0 && plain_gap(h)) {
      return h;
    }
    return std::nullopt;
  }

  static bool looks_demonym(std::string_view term) {
    for (std::string_view end : {"ien", "ienne", "ais", "aise", "ois", "oise", "ain", "aine",
                                 "an", "ane", "ol", "ole", "ique", "ite", "ote", "and", "ande"}) {
      if (term.size() > end.size() + 3 && term.ends_with(end)) return true;
    }
    return false;
  }

  Gender role_np_gender(std::size_t p, std::size_t head, Det det) const {
    const Gender* g = lex_.role_gender(words_[head].term);
    if (g && *g != Gender::kUnknown) return *g;
    if (words_[head].term == "source" || words_[head].term == "sources") return Gender::kUnknown;
    if (det == Det::kNone) return Gender::kUnknown;
    const std::string_view d = words_[p].lower;
    if (d == "la" || d == "une" || d == "cette") return Gender::kFeminine;
    if (d == "le" || d == "un" || d == "ce" || d == "cet") return Gender::kMasculine;
    return Gender::kUnknown;
  }

  // A role noun phrase read forwards from its determiner at p, as the subject after a verb:
  // « le porte-parole de la Maison Blanche, John Kirby », « la ministre Fatou Diallo »,
  // « une source diplomatique », « le ministère ».
  std::optional<Subject> role_forward(std::size_t p, std::size_t limit,
                                      bool any_noun = false) const {
    Det det = Det::kNone;
    auto head = noun_phrase_head(p, limit, det, any_noun);
    if (!head) return std::nullopt;
    Subject s;
    s.det = det;
    s.first = p;
    s.role_head = words_[*head].term;
    s.gender = role_np_gender(p, *head, det);
    if (lex_.is_institution_noun(words_[*head].term)) {
      s.kind = SubjectKind::kInstitution;
      s.last = *head;
      return s;
    }
    s.kind = SubjectKind::kRole;
    std::size_t e = *head;
    for (std::size_t j = *head + 1; j < limit && j < words_.size() && j - *head <= 18; ++j) {
      const Word& w = words_[j];
      if (w.sentence != words_[p].sentence || w.quote != words_[p].quote) break;
      if (w.gap & kGapComma) {
        // Apposition: « le porte-parole du Kremlin, Dmitri Peskov », also after a bracketed
        // acronym: « la commissaire de la CEDEAO (CEDEAO), Ngozi Okafor ».
        if (is_name_word(j) && only_parens(w.gap)) {
          const std::size_t end = run_end_forward(j, limit);
          const Run r = shape(j, end);
          if (r.ok && starts_at(r, j)) {
            Subject n = person_subject(r, "apposition");
            n.titled = true;
            n.gender = s.gender;
            n.role_head = s.role_head;
            return n;
          }
        }
        break;
      }
      if ((w.gap & kGapParen) && only_parens(w.gap)) {
        e = j;  // a bracketed acronym or aside inside the role: « (CEDEAO) »
        continue;
      }
      if (!plain_gap(j) || w.lower == "que" || w.lower == "qui" || w.elision == "qu") break;
      if (ends_role(w.term)) break;
      if (is_name_word(j) || (is_particle(j) && w.cap)) {
        const std::size_t end = run_end_forward(j, limit);
        const Run r = shape(j, end);
        if (r.ok && !(r.first == j && complement_before(j) && r.names < 2)) {
          Subject n = person_subject(r, "role NAME");
          n.titled = true;
          n.gender = s.gender;
          n.role_head = s.role_head;
          return n;
        }
        e = end;
        j = end;
        continue;
      }
      if (is_title(j)) break;
      const std::string_view l = w.lower;
      // « un diplomate en poste à Bruxelles », « une source diplomatique à Amman »: a place
      // belongs to the role; « à l’AFP », « à la presse » are the verb's.
      if ((l == "à" || l == "au" || l == "en") && j + 1 < words_.size() && plain_gap(j + 1) &&
          (located(words_[j - 1].term) ||
           (l == "à" && words_[j + 1].cap && !words_[j + 1].acronym &&
            words_[j + 1].elision.empty()))) {
        e = j;
        continue;
      }
      if (l == "dans" || l == "lors" || l == "à" || l == "au" || l == "aux" || l == "sur" ||
          l == "devant" || l == "pour" || l == "par" || l == "selon" || l == "sous" ||
          l == "avant" || l == "après" || l == "pendant" || l == "depuis" || l == "avec" ||
          l == "chez" || l == "et" || l == "ou" || l == "mais" || l == "qui" || l == "lundi" ||
          l == "mardi" || l == "mercredi" || l == "jeudi" || l == "vendredi" || l == "samedi" ||
          l == "dimanche" || l == "hier" || l == "ce" || l == "cette" || l == "lui" ||
          l == "elle" || lex_.is_auxiliary(l) || lex_.is_speech_present(w.term)) {
        break;
      }
      e = j;
    }
    s.last = e;
    return s;
  }

  // Participles that end a role: « un dirigeant de la fédération joint par téléphone ».
  static bool ends_role(std::string_view term) {
    return term == "joint" || term == "jointe" || term == "joints" || term == "contacte" ||
           term == "contactee" || term == "interroge" || term == "interrogee" ||
           term == "cite" || term == "citee" || term == "interviewe" || term == "intervieweee" ||
           term == "sous" || term == "qui";
  }

  // Words after which « à / en + place » belongs to the role: présent à, installé à, en poste à.
  static bool located(std::string_view term) {
    return term == "present" || term == "presente" || term == "presents" ||
           term == "installe" || term == "installee" || term == "base" || term == "basee" ||
           term == "poste" || term == "etabli" || term == "etablie" || term == "refugie" ||
           term == "refugiee" || term == "exile" || term == "exilee" || term == "stationne" ||
           term == "deploye" || term == "originaire" || term == "venu" || term == "venue";
  }

  // The subject after a speech verb (inverted order) or after « selon »: skips complements
  // (à l’AFP, mardi, au Messager du Sahel) up to the name or role.
  std::optional<Subject> subject_forward(std::size_t start, bool after_quote = false) const {
    if (start >= words_.size()) return std::nullopt;
    const std::uint32_t sentence = words_[start].sentence;
    const std::size_t limit = std::min(words_.size(), start + 18);
    // Inside a complement (« à l’AFP », « devant les journalistes ») noun phrases and proper
    // nouns belong to it; outside one, a noun phrase that is not a person is the verb's object
    // and the clause is not inverted.
    bool complement = false;
    for (std::size_t j = start; j < limit; ++j) {
      const Word& w = words_[j];
      if (w.sentence != sentence || w.quote >= 0) break;
      if (j > start && (w.gap & kGapClauseEnd) && !only_parens(w.gap)) break;
      if (j == start && (w.gap & (kGapClauseEnd & ~kGapDash))) break;
      if (w.lower == "que" || w.elision == "qu" || w.lower == "si" || w.lower == "comment" ||
          w.lower == "combien" || w.lower == "pourquoi") {
        break;
      }
      if (is_title(j)) {
        if (j + 1 >= words_.size() || (words_[j + 1].gap & ~kGapStop) != 0) break;
        const Run r = shape(j + 1, run_end_forward(j + 1, words_.size()));
        if (!r.ok || r.first != j + 1) break;
        Subject s = person_subject(r, "title NAME");
        s.titled = true;
        return s;
      }
      if (is_time_word(w.term)) continue;
      const bool after_preposition = complement && j > start && is_preposition(words_[j - 1]);
      if (is_preposition(w)) {
        complement = true;
        if (w.elision != "d") continue;
      }
      Det det = Det::kNone;
      const bool any_noun = after_quote && !complement;
      if (!after_preposition && noun_phrase_head(j, limit, det, any_noun)) {
        auto s = role_forward(j, words_.size(), any_noun);
        if (s && (s->kind != SubjectKind::kInstitution || !complement)) return s;
      }
      if (is_name_word(j) || (is_particle(j) && w.cap)) {
        const std::size_t end = run_end_forward(j, words_.size());
        if (j == start || !complement_before(j)) {
          const Run r = j == start ? shape_after_introducer(j, end) : shape(j, end);
          if (r.ok && starts_at(r, j)) return person_subject(r, "NAME");
        } else {
          // « à Paris Jules Marin », « à Radio Continentale Chiara Lombardi »: a place or
          // medium, then a full name.
          const Run r = shape(j, end);
          if (r.ok && r.first > j && r.names >= 2) return person_subject(r, "NAME");
        }
        j = end;
        continue;
      }
      if (complement || lex_.is_verb_filler(w.term)) continue;
      if (lex_.determiner(w.lower) != Det::kNone && j + 1 < limit &&
          is_time_word(words_[j + 1].term)) {
        continue;  // « la semaine dernière », « ce matin »
      }
      break;  // an object, an infinitive, an adjective: not an inverted subject
    }
    return std::nullopt;
  }

  static bool only_parens(std::uint16_t gap) { return (gap & ~(kGapParen | kGapComma)) == 0; }

  bool is_time_word(std::string_view term) const {
    static const std::unordered_set<std::string_view> kTime = {
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier",
        "aujourdhui", "soir", "matin", "midi", "nuit", "semaine", "mois", "annee", "an",
        "jour", "veille", "lendemain", "weekend", "dernier", "derniere", "prochain",
        "prochaine", "apresmidi", "tard", "plus", "recemment", "encore", "egalement", "aussi",
        "ensuite", "alors", "enfin", "notamment", "deja", "finalement", "toutefois"};
    return kTime.count(term) != 0;
  }

  static bool is_preposition(const Word& w) {
    const std::string_view l = w.lower;
    if (w.elision == "d" && l != "après") return true;
    return l == "à" || l == "au" || l == "aux" || l == "dans" || l == "lors" || l == "devant" ||
           l == "sur" || l == "en" || l == "depuis" || l == "pendant" || l == "par" ||
           l == "après" || l == "avant" || l == "pour" || l == "chez" || l == "auprès" ||
           l == "via" || l == "sous" || l == "face" || l == "avec" || l == "entre" || l == "de" ||
           l == "du" || l == "des" || l == "vers" || l == "contre" || l == "parmi" ||
           l == "malgré" || l == "outre" || l == "dès";
  }

  // The subject noun phrase ending at word k (just before a verb), inside a clause that starts
  // at `floor`: a name, « un responsable du ministère … », « le ministère », or nothing.
  std::optional<Subject> subject_ending_at(std::size_t k, std::size_t floor) const {
    const Word& w = words_[k];
    if (w.quote >= 0) return std::nullopt;
    if (is_pronoun_subject(k)) {
      Subject s;
      s.kind = SubjectKind::kPronoun;
      s.first = s.last = k;
      s.gender = w.lower == "elle" ? Gender::kFeminine : Gender::kMasculine;
      s.pattern = "pronoun";
      return s;
    }
    if (is_name_word(k)) {
      const std::size_t start = run_start_backward(k, floor);
      const Run r = shape(start, k);
      if (r.ok && r.last == k) return person_subject(r, "NAME VERB");
    }
    for (std::size_t p = k + 1; p-- > floor && k - p <= 14;) {
      if (p < k && (words_[p + 1].gap & (kGapClauseEnd | kGapComma))) break;
      if (words_[p].lower == "des" && p != floor) continue;
      if (p > floor && plain_gap(p)) {
        const std::string_view b = words_[p - 1].lower;
        if (b == "de" || b == "à" || b == "par" || b == "pour" || b == "avec" || b == "sur" ||
            b == "contre" || b == "entre" || b == "chez" || b == "dans" || b == "que" ||
            words_[p - 1].elision == "d") {
          continue;
        }
      }
      Det det = Det::kNone;
      auto head = noun_phrase_head(p, k + 1, det);
      if (!head) continue;
      Subject s;
      s.first = p;
      s.last = k;
      s.det = det;
      s.role_head = words_[*head].term;
      s.gender = role_np_gender(p, *head, det);
      s.kind = lex_.role_gender(words_[*head].term) ? SubjectKind::kRole
                                                     : SubjectKind::kInstitution;
      s.pattern = "ROLE VERB";
      return s;
    }
    return std::nullopt;
  }

  // First word of the clause that ends at word k (after a comma, a quote, a sentence start).
  std::size_t segment_start(std::size_t k) const {
    std::size_t j = k;
    while (j > 0 && k - j < 40) {
      if (words_[j].gap & (kGapComma | kGapClauseEnd)) return j;
      if (words_[j - 1].sentence != words_[k].sentence) return j;
      --j;
    }
    return j;
  }

  bool starts_relative(std::size_t j) const {
    const std::string_view l = words_[j].lower;
    return l == "qui" || l == "que" || l == "dont" || l == "lequel" || l == "laquelle" ||
           l == "où" || words_[j].elision == "qu";
  }

  bool role_within(std::size_t from, std::size_t to) const {
    for (std::size_t j = from; j < to; ++j) {
      if (lex_.role_gender(words_[j].term) || is_title(j)) return true;
    }
    return false;
  }

  // The subject before a speech verb starting at word g.
  std::optional<Subject> subject_backward(std::size_t g) const {
    if (g == 0) return std::nullopt;
    const std::size_t k = g - 1;
    if (words_[k].sentence != words_[g].sentence || words_[k].quote >= 0) return std::nullopt;
    if (words_[g].gap & (kGapCloseQuote | kGapOpenQuote | kGapStop | kGapNewline)) {
      return std::nullopt;
    }
    // « X, qui a déclaré … »: the antecedent of qui.
    if (words_[k].lower == "qui" && !(words_[g].gap & kGapComma)) {
      if (k == 0 || words_[k - 1].sentence != words_[g].sentence) return std::nullopt;
      return subject_ending_at(k - 1, segment_start(k - 1));
    }
    if (!(words_[g].gap & kGapComma)) return subject_ending_at(k, segment_start(k));
    // A comma before the verb closes an insertion: an apposition (« …, John Kirby, a déclaré »),
    // a relative clause or an age; the subject ends the clause before it.
    std::size_t end = k;
    for (int round = 0; round < 4; ++round) {
      const std::size_t start = segment_start(end);
      if (start > end) break;
      if (!starts_relative(start)) {
        if (is_name_word(end)) {
          const std::size_t run_start = run_start_backward(end, start);
          const Run r = shape(run_start, end);
          if (r.ok && r.last == end && (round > 0 || r.first == start || role_within(start, r.first))) {
            Subject s = person_subject(r, round == 0 ? "apposition" : "NAME, …, VERB");
            if (r.first == start && start > 0 && round == 0) {
              // « La ministre des Affaires étrangères, Fatou Diallo, a estimé »: the role
              // before the comma gives the title and the gender.
              std::size_t prev_end = start - 1;
              auto role = subject_ending_at(prev_end, segment_start(prev_end));
              if (role && role->kind == SubjectKind::kRole) {
                s.titled = true;
                if (s.gender == Gender::kUnknown) s.gender = role->gender;
                s.role_head = role->role_head;
              }
            }
            return s;
          }
        }
        if (round > 0) {
          auto s = subject_ending_at(end, start);
          if (s && s->kind != SubjectKind::kPronoun) return s;
        }
      }
      if (start == 0 || words_[start - 1].sentence != words_[g].sentence ||
          !(words_[start].gap & kGapComma)) {
        break;
      }
      end = start - 1;
    }
    return std::nullopt;
  }

  // ---- events ------------------------------------------------------------------------------

  std::string verb_text(const VerbGroup& g) const {
    const std::size_t from = words_[g.first].lead;
    return squeeze_spaces(text_.substr(from, words_[g.last].end - from));
  }

  void find_events() {
    std::size_t next_mention = 0;
    for (std::size_t i = 0; i < words_.size(); ++i) {
      auto g = verb_group_at(i);
      if (!g || g->negated) continue;
      while (next_mention < mentions_.size() && mentions_[next_mention].word < i) {
        history_.push_back(mentions_[next_mention++]);
      }
      Event e;
      e.first = g->first;
      e.last = g->last;
      e.sentence = words_[i].sentence;
      const std::string verb = verb_text(*g);
      std::optional<Subject> s;
      if (g->selon) {
        const std::size_t n = g->first + 1;
        if (n < words_.size() && plain_gap(n) &&
            (words_[n].lower == "lui" || words_[n].lower == "elle")) {
          Subject p;
          p.kind = SubjectKind::kPronoun;
          p.first = p.last = n;
          p.gender = words_[n].lower == "elle" ? Gender::kFeminine : Gender::kMasculine;
          p.pattern = "pronoun";
          s = p;
        } else if (n < words_.size() && plain_gap(n)) {
          s = subject_forward(n);
          if (s && g->pour &&
              (s->kind == SubjectKind::kInstitution || s->last + 1 >= words_.size() ||
               !(words_[s->last + 1].gap & kGapComma))) {
            s.reset();
          }
        }
        if (!s && g->pour) continue;
      } else if (g->pronoun >= 0) {
        const std::string_view l = words_[static_cast<std::size_t>(g->pronoun)].lower;
        if (l == "il" || l == "elle") {
          Subject p;
          p.kind = SubjectKind::kPronoun;
          p.first = p.last = static_cast<std::size_t>(g->pronoun);
          p.gender = l == "elle" ? Gender::kFeminine : Gender::kMasculine;
          p.pattern = "pronoun";
          s = p;
        }
        i = g->last;
        if (!s) continue;
      } else {
        const std::uint16_t before = words_[g->first].gap;
        const bool clause_start = g->first == 0 ||
                                  words_[g->first - 1].sentence != words_[g->first].sentence ||
                                  (before & (kGapComma | kGapCloseQuote | kGapColon |
                                             kGapParen | kGapDash | kGapOpenQuote)) != 0;
        const bool after_quote = (before & kGapCloseQuote) != 0;
        if (g->inverted_hint || clause_start) s = subject_forward(g->last + 1, after_quote);
        if ((!s || s->kind == SubjectKind::kInstitution) && !g->inverted_hint && !after_quote) {
          auto back = subject_backward(g->first);
          if (back && (!s || back->kind == SubjectKind::kPerson)) s = back;
        }
        // « X a qualifié … et a déclaré »: a coordinated verb shares the previous subject.
        const bool coordinated =
            !s && g->first > 0 && plain_gap(g->first) &&
            (words_[g->first - 1].lower == "et" || words_[g->first - 1].lower == "puis");
        if (coordinated && !events_.empty() && events_.back().sentence == e.sentence) {
          e.person = events_.back().person;
          e.unnamed = events_.back().unnamed;
          events_.push_back(e);
          i = g->last;
          continue;
        }
        if (coordinated) s = sentence_subject(g->first);
      }
      if (s) record(e, *s, *g, verb);
      events_.push_back(e);
      i = g->last;
    }
  }

  void record(Event& e, const Subject& s, const VerbGroup& g, const std::string& verb) {
    std::string pattern = g.selon ? verb + " NAME" : s.pattern;
    switch (s.kind) {
      case SubjectKind::kPerson: {
        Run r;
        r.first = s.first;
        r.last = s.last;
        r.names = 0;
        for (std::size_t j = s.first; j <= s.last; ++j) r.names += is_particle(j) ? 0 : 1;
        r.ok = true;
        const int id = resolve(r, s.titled, true);
        if (id < 0) return;
        Person& p = persons_[static_cast<std::size_t>(id)];
        if (p.gender == Gender::kUnknown) p.gender = s.gender;
        if (p.role_head.empty() && !s.role_head.empty()) p.role_head = std::string(s.role_head);
        note_role(id, s.first);
        p.spoke = true;
        e.person = id;
        emit_speaker(id, words_[s.first].begin, words_[s.last].end, pattern + " [" + verb + "]");
        history_.push_back({s.first, id, -1, p.gender});
        return;
      }
      case SubjectKind::kPronoun: {
        for (std::size_t h = history_.size(); h-- > 0;) {
          const HistoryEntry& entry = history_[h];
          if (entry.word > s.first) continue;
          std::size_t pick = h;
          if (entry.mention) {
            // Names merely mentioned: « il » and « elle » take up the sentence's subject, its
            // first name, rather than the last name written.
            std::size_t k = h;
            while (k > 0 && history_[k - 1].mention &&
                   words_[history_[k - 1].word].sentence == words_[entry.word].sentence) {
              --k;
            }
            if (gender_agrees(history_[k].gender, s.gender)) {
              pick = k;
            } else if (!gender_agrees(entry.gender, s.gender)) {
              continue;
            }
          } else if (!gender_agrees(entry.gender, s.gender)) {
            continue;
          }
          e.person = history_[pick].person;
          e.unnamed = history_[pick].unnamed;
          break;
        }
        if (e.person >= 0) {
          emit_speaker(e.person, words_[s.first].begin, words_[s.last].end,
                       "pronoun → NAME [" + verb + " " + std::string(words_[s.first].lower) +
                           "]");
        }
        return;
      }
      case SubjectKind::kRole: {
        // « le responsable », « la ministre », « cette mère de famille »: someone already
        // introduced, when a speaker with that role came before.
        if (s.det == Det::kDefinite || s.det == Det::kDemonstrative ||
            s.det == Det::kPossessive) {
          for (std::size_t h = history_.size(); h-- > 0;) {
            const HistoryEntry& entry = history_[h];
            std::string_view head;
            if (entry.person >= 0) head = persons_[static_cast<std::size_t>(entry.person)].role_head;
            if (entry.unnamed >= 0) head = unnamed_[static_cast<std::size_t>(entry.unnamed)].head;
            if (head != s.role_head || !gender_agrees(entry.gender, s.gender)) continue;
            e.person = entry.person;
            e.unnamed = entry.unnamed;
            if (e.person >= 0) {
              emit_speaker(e.person, words_[s.first].begin, words_[s.last].end,
                           "ROLE → NAME [" + verb + "]");
            }
            history_.push_back({s.first, e.person, e.unnamed, entry.gender});
            return;
          }
          // « …, la Française Léa Fontaine a gagné. « … », a déclaré l’épéiste de 26 ans »:
          // a definite epithet right after someone is named, before they have spoken.
          if (s.det != Det::kPossessive && words_[s.first].lead > 0) {
            // The subject of that sentence is its first name, not the latest one.
            std::optional<std::size_t> topic;
            for (std::size_t h = history_.size(); h-- > 0;) {
              const HistoryEntry& entry = history_[h];
              if (entry.word >= s.first) continue;
              if (topic && words_[entry.word].sentence != words_[history_[*topic].word].sentence) {
                break;
              }
              if (!entry.mention) break;
              topic = h;
            }
            if (topic) {
              const HistoryEntry& entry = history_[*topic];
              if (entry.person >= 0 && !persons_[static_cast<std::size_t>(entry.person)].spoke &&
                  words_[entry.word].sentence + 1 >= words_[s.first].sentence &&
                  gender_agrees(entry.gender, s.gender)) {
                e.person = entry.person;
                persons_[static_cast<std::size_t>(e.person)].spoke = true;
                emit_speaker(e.person, words_[s.first].begin, words_[s.last].end,
                             "epithet → NAME [" + verb + "]");
                history_.push_back({s.first, e.person, -1, entry.gender, false});
                return;
              }
            }
          }
          if (s.det == Det::kDemonstrative) return;
        }
        const std::uint32_t b = words_[s.first].lead;
        const std::uint32_t end = words_[s.last].end;
        std::string role = lower_first_letter(squeeze_spaces(text_.substr(b, end - b)));
        int id = -1;
        for (std::size_t u = 0; u < unnamed_.size(); ++u) {
          if (unnamed_[u].role == role) id = static_cast<int>(u);
        }
        if (id < 0) {
          id = static_cast<int>(unnamed_.size());
          unnamed_.push_back({role, std::string(s.role_head), s.gender});
          UnnamedSpeaker out;
          out.role = role;
          out.field = field_;
          out.begin = b;
          out.end = end;
          out.evidence = std::string(s.pattern.empty() ? "VERB ROLE" : s.pattern) + " [" +
                         verb + "]";
          result_.unnamed.push_back(std::move(out));
        }
        e.unnamed = id;
        history_.push_back({s.first, -1, id, s.gender});
        return;
      }
      case SubjectKind::kInstitution:
      case SubjectKind::kNone:
        return;
    }
  }

  void emit_speaker(int id, std::uint32_t begin, std::uint32_t end, std::string evidence) {
    SpeakerMention m;
    m.name = persons_[static_cast<std::size_t>(id)].name;
    m.field = field_;
    m.begin = begin;
    m.end = end;
    m.evidence = std::move(evidence);
    result_.speakers.push_back(std::move(m));
  }

  // ---- quotes ------------------------------------------------------------------------------

  void set_speaker(Quote& q, const Event& e, const char* evidence) {
    if (e.person >= 0) q.speaker = persons_[static_cast<std::size_t>(e.person)].name;
    if (e.person < 0 && e.unnamed >= 0) q.role = unnamed_[static_cast<std::size_t>(e.unnamed)].role;
    // An institution, a place or an unresolved pronoun: the verb is known, the person is not.
    q.evidence = e.person < 0 && e.unnamed < 0 ? std::string(evidence) + " (no person)" : evidence;
  }

  void attribute_quotes() {
    // Word ranges of each quote: first word inside, first word after.
    std::size_t w = 0;
    for (std::size_t qi = 0; qi < quotes_.size(); ++qi) {
      const QuoteSpan& span = quotes_[qi];
      Quote q;
      q.text = span.text;
      q.field = field_;
      q.begin = span.inner_begin;
      q.end = span.inner_end;
      q.evidence = "no attribution";
      while (w < words_.size() && words_[w].begin < span.open) ++w;
      const std::size_t inside = w;
      std::size_t after = w;
      while (after < words_.size() && words_[after].begin < span.close) ++after;
      const bool has_before = inside > 0;
      const std::uint32_t sentence = inside < words_.size() ? words_[inside].sentence
                                     : has_before              ? words_[inside - 1].sentence
                                                               : 0;
      // Events near the quote in the same sentence (bounded, for linear time).
      auto lo = std::lower_bound(events_.begin(), events_.end(), inside > 60 ? inside - 60 : 0,
                                 [](const Event& e, std::size_t v) { return e.first < v; });
      int right_after = -1;
      int before = -1;
      int later = -1;
      for (auto it = lo; it != events_.end() && it->first < after + 60; ++it) {
        if (it->sentence != sentence) continue;
        const int idx = static_cast<int>(it - events_.begin());
        if (it->first >= after && it->first <= after + 2 && right_after < 0) right_after = idx;
        if (it->last < inside) before = idx;
        if (it->first >= after && later < 0) later = idx;
      }
      int chosen = right_after >= 0 ? right_after : before >= 0 ? before : later;
      const char* evidence = right_after >= 0 ? "« … », VERB NAME"
                             : before >= 0    ? "NAME VERB « … »"
                                              : "same sentence";
      if (chosen < 0 && inside > 0 && inside < words_.size() && (words_[inside].gap & kGapColon) &&
          words_[inside - 1].sentence == sentence) {
        // « L’éditrice Louise-Anne Pelletier, présente sur le stand, ne désespère pas : « … » »:
        // a colon hands the quote to the subject of the clause before it.
        const int id = colon_subject(inside);
        if (id >= 0) {
          q.speaker = persons_[static_cast<std::size_t>(id)].name;
          q.evidence = "NAME … : « … »";
          result_.quotes.push_back(std::move(q));
          continue;
        }
      }
      if (chosen < 0 && standalone(inside, after, sentence)) {
        // A quote standing alone goes on with the last speaker, quoted or reported, if recent
        // (at most two sentences back; the scan is bounded for linear time).
        auto it = std::lower_bound(events_.begin(), events_.end(), inside,
                                   [](const Event& e, std::size_t v) { return e.first < v; });
        for (int steps = 0; it != events_.begin() && steps < 64; ++steps) {
          --it;
          if (it->sentence + 2 < sentence) break;
          if (it->person >= 0 || it->unnamed >= 0) {
            chosen = static_cast<int>(it - events_.begin());
            evidence = "previous speaker";
            break;
          }
        }
      }
      if (chosen >= 0) {
        const Event& e = events_[static_cast<std::size_t>(chosen)];
        set_speaker(q, e, evidence);
      }
      result_.quotes.push_back(std::move(q));
    }
  }

  // The person opening the sentence that word g is in (« Karim Touati a rejeté … et a affirmé »).
  std::optional<Subject> sentence_subject(std::size_t g) const {
    std::size_t first = g;
    while (first > 0 && g - first < 40 && words_[first - 1].sentence == words_[g].sentence) {
      --first;
    }
    for (std::size_t j = first; j < g; ++j) {
      // « Elle a remercié … et dit espérer … »: a subject pronoun opening a clause of the
      // sentence, right before its verb, is the subject the coordinated verb shares.
      if (words_[j].quote < 0 && is_pronoun_subject(j) && words_[j].elision.empty() &&
          segment_start(j) == j && j + 1 < g && plain_gap(j + 1) && !words_[j + 1].cap &&
          words_[j + 1].quote < 0) {
        Subject p;
        p.kind = SubjectKind::kPronoun;
        p.first = p.last = j;
        p.gender = words_[j].lower == "elle" ? Gender::kFeminine : Gender::kMasculine;
        p.pattern = "pronoun … et VERB";
        return p;
      }
      if (words_[j].quote >= 0 || !is_name_word(j) || (complement_before(j) && !article_before(j))) {
        continue;
      }
      if (!opens_clause(j) && !titled_before(j)) continue;
      const Run r = shape(j, run_end_forward(j, g));
      if (r.ok && starts_at(r, j)) return person_subject(r, "NAME … et VERB");
      return std::nullopt;
    }
    return std::nullopt;
  }

  // The person who is the subject of the sentence ending with « : » before word `inside`.
  int colon_subject(std::size_t inside) {
    std::size_t first = inside;
    while (first > 0 && inside - first < 40 &&
           words_[first - 1].sentence == words_[inside].sentence) {
      --first;
    }
    for (std::size_t j = first; j < inside; ++j) {
      // « le Portugais Nuno Serrão » passes: shape() drops the epithet after the article.
      if (words_[j].quote >= 0 || !is_name_word(j) || (complement_before(j) && !article_before(j))) {
        continue;
      }
      if (!opens_clause(j) && !titled_before(j)) continue;
      const Run r = shape(j, run_end_forward(j, inside));
      if (!r.ok || !starts_at(r, j)) continue;
      const bool titled = titled_before(j);
      const int id = resolve(r, titled, r.names >= 2 || titled);
      if (id < 0) continue;
      persons_[static_cast<std::size_t>(id)].spoke = true;
      emit_speaker(id, words_[r.first].begin, words_[r.last].end, "NAME … : « … »");
      return id;
    }
    return -1;
  }

  // True when a quote stands as its own sentence: nothing but the quote in it, or only a colon
  // clause before it (« Il a poursuivi : « … » »).
  bool standalone(std::size_t inside, std::size_t after, std::uint32_t sentence) const {
    if (inside >= words_.size()) return false;
    if (inside > 0 && words_[inside - 1].sentence == sentence && !(words_[inside].gap & kGapColon)) {
      return false;
    }
    return after >= words_.size() || words_[after].sentence != sentence;
  }

  const SpeakerLexicon& lex_;
  std::string_view text_;
  TextField field_;
  std::vector<Word> words_;
  std::deque<std::string> owned_terms_;  // terms of words joined in build_words (stable storage)
  std::vector<QuoteSpan> quotes_;
  std::unordered_set<std::string_view> lowercase_seen_;
  std::vector<Person> persons_;
  std::unordered_map<std::string, int> by_full_;
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, int>>> by_last_;
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, int>>> by_first_;
  std::vector<HistoryEntry> mentions_;  // full names outside quotes, from register_people
  std::vector<HistoryEntry> history_;   // speakers and mentions so far, for pronouns
  std::vector<UnnamedRole> unnamed_;
  std::vector<Event> events_;
  SpeakerExtractor::Result result_;
};

}  // namespace

SpeakerExtractor::SpeakerExtractor() : lexicon_(&SpeakerLexicon::get()) {}

SpeakerExtractor::Result SpeakerExtractor::extract(std::string_view text,
                                                   const std::vector<Token>& tokens,
                                                   TextField field) const {
  Extraction extraction(*lexicon_, text, tokens, field);
  return extraction.run();
}

}  // namespace depeche::analysis
