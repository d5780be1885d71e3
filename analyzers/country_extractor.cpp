// Country mentions: builds the French country dictionary once, then walks a trie over token terms.
#include "analyzers/country_extractor.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "analyzers/country_names.h"
#include "analyzers/french_analyzer.h"
#include "analyzers/speaker_lexicon.h"

namespace depeche::analysis {

// The data file's text, embedded at build time (analyzers/data/embed_countries.cmake).
extern const std::string_view kCountriesFrTsv;

namespace {

enum EntryFlag : std::uint8_t {
  kCap = 1 << 0,        // the entry's first content word must be capitalised in the text
  kUpper = 1 << 1,      // every letter must be uppercase: acronyms that are also words (US, EAU)
  kFirstName = 1 << 2,  // also a first name: not when a capitalised word follows (Maurice Diouf)
  kSurname = 1 << 3,    // also a surname: not when a capitalised word precedes (George Washington)
  kPrefix = 1 << 4,     // a compound prefix (franco-): only as a non-final part of a compound
  kContext = 1 << 5,    // ambiguous without a default: dropped unless the text decides (Corée)
  kCue = 1 << 6,        // its mention decides kCued entries toward its code (Atlanta → US)
  kCued = 1 << 7,       // ambiguous, decided by kCue mentions only (Géorgie: GE, or the US state)
};

enum class EntryKind { kName, kDemonym, kMetonym, kBlock };

struct Entry {
  std::string code;  // empty for a block; the default when `alternatives` is not empty
  // Other countries an ambiguous form may mean (« Congo »: CG, or CD). The text decides when it
  // names exactly one of the candidates unambiguously elsewhere; otherwise `code` is kept, or the
  // mention dropped when the entry has kContext.
  std::vector<std::string> alternatives;
  EntryKind kind = EntryKind::kName;
  std::uint8_t flags = 0;
  std::uint8_t head = 0;  // index of the first word that is not a stopword
  bool from_data = false;
  std::string evidence;
};

// An entry as term sequence: what the analyzer makes of the entry's text.
struct AnalysedForm {
  std::vector<std::string> terms;
  std::uint8_t head = 0;
  std::size_t content_words = 0;
};

}  // namespace

class CountryDictionary {
 public:
  static const CountryDictionary& get() {
    static const CountryDictionary instance;
    return instance;
  }

  struct Node {
    std::unordered_map<std::string, std::uint32_t> next;
    std::int32_t entry = -1;
  };

  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Entry>& entries() const { return entries_; }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  CountryDictionary();
  void add_cldr_names(FrenchAnalyzer& analyzer);
  void add_data_file(FrenchAnalyzer& analyzer);
  void add(FrenchAnalyzer& analyzer, std::string_view form, Entry entry, int line);
  void insert(std::vector<std::string> terms, Entry entry, std::string_view form);
  void build_trie();

  std::map<std::vector<std::string>, Entry> by_terms_;  // only while building
  std::vector<Node> nodes_;
  std::vector<Entry> entries_;
  std::vector<std::string> problems_;
  std::unordered_set<std::string> known_codes_;
};

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    std::string_view field =
        trim(s.substr(start, at == std::string_view::npos ? s.npos : at - start));
    if (!field.empty()) out.push_back(field);
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The regular French inflections of a nationality adjective from its masculine singular, or from
// "masculine/feminine" when the feminine is irregular (grec/grecque). Plural masculine of a word
// in -s, -x or -z is the word itself (français, kirghiz); -en and -on double their n (ukrainienne,
// lettonne); a word in -e is its own feminine (russe, belge).
std::vector<std::string> inflect(std::string_view base) {
  std::string masc;
  std::string fem;
  if (const std::size_t slash = base.find('/'); slash != std::string_view::npos) {
    masc = std::string(trim(base.substr(0, slash)));
    fem = std::string(trim(base.substr(slash + 1)));
  } else {
    masc = std::string(base);
    if (ends_with(masc, "e")) {
      fem = masc;
    } else if (ends_with(masc, "en") || ends_with(masc, "on")) {
      fem = masc + "ne";
    } else {
      fem = masc + "e";
    }
  }
  const bool invariable_plural =
      ends_with(masc, "s") || ends_with(masc, "x") || ends_with(masc, "z");
  std::vector<std::string> forms{masc, invariable_plural ? masc : masc + "s"};
  if (fem != masc) {
    forms.push_back(fem);
    forms.push_back(fem + "s");
  }
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  return forms;
}

AnalysedForm analyse_form(FrenchAnalyzer& analyzer, std::string_view form) {
  AnalysedForm out;
  bool head_found = false;
  for (const Token& t : analyzer.analyze(form)) {
    if (t.has(kFlagCompound)) continue;
    if (t.term.empty()) return {};
    if (!t.has(kFlagStopword)) {
      ++out.content_words;
      if (!head_found) {
        out.head = static_cast<std::uint8_t>(out.terms.size());
        head_found = true;
      }
    }
    out.terms.push_back(t.term);
  }
  return out;
}

// CLDR writes a few names with a qualifier: "Myanmar (Birmanie)", "R.A.S. chinoise de Hong Kong",
// "Saint-Martin (partie néerlandaise)". Keep the names a journalist would write.
std::vector<std::string> cldr_forms(const std::string& name) {
  std::vector<std::string> forms;
  std::string main = name;
  if (const std::size_t open = name.find(" ("); open != std::string::npos) {
    main = name.substr(0, open);
    const std::size_t close = name.find(')', open);
    if (close != std::string::npos) {
      const std::string inner = name.substr(open + 2, close - open - 2);
      // A capitalised single name is an alternative name; a lowercase gloss is not a name.
      if (!inner.empty() && std::isupper(static_cast<unsigned char>(inner[0])) &&
          inner.find(' ') == std::string::npos) {
        forms.push_back(inner);
      }
    }
  }
  static constexpr std::string_view kSar = "R.A.S. chinoise de ";
  if (main.rfind(kSar, 0) == 0) main = main.substr(kSar.size());
  forms.insert(forms.begin(), main);
  return forms;
}

}  // namespace

CountryDictionary::CountryDictionary() {
  FrenchAnalyzer analyzer;
  for (const std::string& code : CountryNames::french().codes()) known_codes_.insert(code);
  add_cldr_names(analyzer);
  add_data_file(analyzer);
  build_trie();
}

void CountryDictionary::add_cldr_names(FrenchAnalyzer& analyzer) {
  const CountryNames& names = CountryNames::french();
  for (const std::string& code : names.codes()) {
    for (const std::string& form : cldr_forms(names.name(code))) {
      Entry entry;
      entry.code = code;
      entry.kind = EntryKind::kName;
      add(analyzer, form, std::move(entry), 0);
    }
  }
}

void CountryDictionary::add_data_file(FrenchAnalyzer& analyzer) {
  int line_number = 0;
  for (std::string_view line : split(kCountriesFrTsv, '\n')) {
    ++line_number;  // counts non-empty lines only: good enough to find a line by its text
    if (line.front() == '#') continue;
    const std::vector<std::string_view> fields = split(line, '\t');
    auto problem = [&](const std::string& what) {
      problems_.push_back("countries_fr.tsv: " + what + ": " + std::string(line));
    };
    if (fields.size() < 3 || fields.size() > 4) {
      problem("expected kind, code, form and optional flags");
      continue;
    }
    Entry entry;
    entry.from_data = true;
    if (fields[0] == "name") {
      entry.kind = EntryKind::kName;
    } else if (fields[0] == "demonym") {
      entry.kind = EntryKind::kDemonym;
    } else if (fields[0] == "metonym") {
      entry.kind = EntryKind::kMetonym;
    } else if (fields[0] == "block") {
      entry.kind = EntryKind::kBlock;
    } else {
      problem("unknown kind");
      continue;
    }
    if (entry.kind != EntryKind::kBlock) {
      const std::vector<std::string_view> codes = split(fields[1], '|');
      bool known = !codes.empty();
      for (std::string_view code : codes) known = known && known_codes_.count(std::string(code));
      if (!known) {
        problem("unknown ISO code");
        continue;
      }
      entry.code = std::string(codes[0]);
      entry.alternatives.assign(codes.begin() + 1, codes.end());
    }
    bool as_is = false;
    if (fields.size() == 4) {
      for (std::string_view flag : split(fields[3], ',')) {
        if (flag == "cap") {
          entry.flags |= kCap;
        } else if (flag == "upper") {
          entry.flags |= kUpper;
        } else if (flag == "first") {
          entry.flags |= kFirstName;
        } else if (flag == "last") {
          entry.flags |= kSurname;
        } else if (flag == "prefix") {
          entry.flags |= kPrefix;
        } else if (flag == "context") {
          entry.flags |= kContext;
        } else if (flag == "cue") {
          entry.flags |= kCue;
        } else if (flag == "cued") {
          entry.flags |= kCued;
        } else if (flag == "asis") {
          as_is = true;
        } else {
          problem("unknown flag '" + std::string(flag) + "'");
        }
      }
    }
    if (entry.kind == EntryKind::kDemonym && !as_is && !(entry.flags & kPrefix)) {
      for (const std::string& form : inflect(fields[2])) add(analyzer, form, entry, line_number);
    } else if (fields[2].find('/') != std::string_view::npos) {
      problem("masculine/feminine forms are for demonyms");
    } else {
      add(analyzer, fields[2], std::move(entry), line_number);
    }
  }
}

void CountryDictionary::add(FrenchAnalyzer& analyzer, std::string_view form, Entry entry,
                            int line) {
  AnalysedForm analysed = analyse_form(analyzer, form);
  if (analysed.terms.empty() || analysed.terms.size() > 255) {
    problems_.push_back("no usable words in '" + std::string(form) + "' (line " +
                        std::to_string(line) + ")");
    return;
  }
  entry.head = analysed.head;
  entry.evidence = std::string(form);
  // A single proper noun may also be a common word written lowercase (le chili, une grenade, la
  // réunion, les paris): names and metonyms of one content word must be capitalised. Names of
  // several words (etats-unis, corée du nord) are unambiguous in any case.
  if (entry.kind != EntryKind::kDemonym && entry.kind != EntryKind::kBlock &&
      analysed.content_words <= 1 && !(entry.flags & kPrefix)) {
    entry.flags |= kCap;
  }
  // « le Caire », « le Havre »: French contracts the article after à and de (« au Caire », « du
  // Havre »), so an entry that starts with le or les also stands with its contracted forms.
  if (analysed.terms.size() > 1 && (analysed.terms[0] == "le" || analysed.terms[0] == "les")) {
    const bool plural = analysed.terms[0] == "les";
    for (const char* contracted : {plural ? "aux" : "au", plural ? "des" : "du"}) {
      std::vector<std::string> terms = analysed.terms;
      terms[0] = contracted;
      insert(std::move(terms), entry, form);
    }
  }
  insert(std::move(analysed.terms), std::move(entry), form);
}

void CountryDictionary::insert(std::vector<std::string> terms, Entry entry, std::string_view form) {
  auto [it, inserted] = by_terms_.try_emplace(std::move(terms), entry);
  if (inserted) return;
  Entry& existing = it->second;
  if (!existing.from_data) {
    // The data file refines CLDR (flags, a block, another code); between two CLDR names the
    // first code wins (Saint-Martin: MF before SX).
    if (entry.from_data) existing = std::move(entry);
    return;
  }
  if (!entry.from_data) return;
  if (existing.code != entry.code || existing.kind != entry.kind ||
      existing.alternatives != entry.alternatives) {
    problems_.push_back("'" + std::string(form) + "' is already '" + existing.evidence + "' (" +
                        (existing.code.empty() ? "block" : existing.code) + ")");
  }
}

void CountryDictionary::build_trie() {
  nodes_.emplace_back();
  for (auto& [terms, entry] : by_terms_) {
    std::uint32_t node = 0;
    for (const std::string& term : terms) {
      auto found = nodes_[node].next.find(term);
      if (found == nodes_[node].next.end()) {
        const auto child = static_cast<std::uint32_t>(nodes_.size());
        nodes_[node].next.emplace(term, child);
        nodes_.emplace_back();
        node = child;
      } else {
        node = found->second;
      }
    }
    nodes_[node].entry = static_cast<std::int32_t>(entries_.size());
    entries_.push_back(std::move(entry));
  }
  by_terms_.clear();
}

namespace {

// One word of the text as matching sees it: a standalone token or one part of a compound.
struct Unit {
  const Token* token = nullptr;
  std::uint32_t compound = 0;  // 0 when standalone, else an id shared by the parts of a compound
  bool last_part = false;
};

std::vector<Unit> word_units(const std::vector<Token>& tokens, std::size_t text_size) {
  std::vector<Unit> units;
  units.reserve(tokens.size());
  std::uint32_t compound = 0;
  std::uint32_t parts_left = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.has(kFlagCompound)) {
      compound = static_cast<std::uint32_t>(i + 1);
      parts_left = t.parts;
      continue;
    }
    if (t.begin > t.end || t.end > text_size) continue;  // not tokens of this text: ignore them
    Unit u;
    u.token = &t;
    if (t.has(kFlagCompoundPart) && parts_left > 0) {
      u.compound = compound;
      u.last_part = --parts_left == 0;
    }
    units.push_back(u);
  }
  return units;
}

UChar32 first_code_point(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  if (begin >= end) return -1;
  std::int32_t i = 0;
  UChar32 c = -1;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data() + begin), i,
          static_cast<std::int32_t>(end - begin), c);
  return c;
}

bool is_capitalised(std::string_view text, const Token& t) {
  const UChar32 c = first_code_point(text, t.begin, t.end);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

bool has_lowercase(std::string_view text, const Token& t) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  std::int32_t i = static_cast<std::int32_t>(t.begin);
  const auto end = static_cast<std::int32_t>(t.end);
  while (i < end) {
    UChar32 c = -1;
    U8_NEXT(bytes, i, end, c);
    if (c < 0 || u_islower(c)) return true;
  }
  return false;
}

enum class Gap { kSpace, kWordBreak, kSentenceBreak };

// What lies between two words: only spaces (or a hyphen or an elided article), or punctuation
// that ends a phrase. A name never spans « Corée. Nord », and « Maurice, Diouf » is no person.
Gap gap_between(std::string_view text, std::uint32_t from, std::uint32_t to) {
  if (from > to) return Gap::kSentenceBreak;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  std::int32_t i = static_cast<std::int32_t>(from);
  const auto end = static_cast<std::int32_t>(to);
  Gap gap = Gap::kSpace;
  while (i < end) {
    UChar32 c = -1;
    U8_NEXT(bytes, i, end, c);
    switch (c) {
      case '.':
      case ',':
      case ';':
      case ':':
      case '!':
      case '?':
      case '(':
      case ')':
      case '[':
      case ']':
      case '"':
      case '/':
      case '|':
      case '\n':
      case '\r':
      case 0xAB:
      case 0xBB:
      case 0x201C:
      case 0x201D:
      case 0x2026:
      case 0x2013:
      case 0x2014:
        return Gap::kSentenceBreak;
      default:
        if (c < 0) return Gap::kSentenceBreak;
        if (!u_isUWhiteSpace(c)) gap = Gap::kWordBreak;  // hyphen, apostrophe of an elision
    }
  }
  return gap;
}

// Particles inside person names: « Dominique de Villepin », « Maurice van Damme ».
bool is_name_particle(const std::string& term) {
  static constexpr std::string_view kParticles[] = {"de", "du", "des", "d",     "van", "von", "der",
                                                    "da", "di", "del", "della", "ben", "bin", "al",
                                                    "el", "le", "la",  "mac",   "mc"};
  for (std::string_view p : kParticles) {
    if (term == p) return true;
  }
  return false;
}

// A capitalised word that is not a stopword: the next or previous piece of a person's name.
bool is_name_word(std::string_view text, const Unit& u) {
  return !u.token->has(kFlagStopword) && !u.token->has(kFlagNumber) &&
         is_capitalised(text, *u.token);
}

class Matcher {
 public:
  Matcher(std::string_view text, const std::vector<Unit>& units,
          const std::vector<CountryDictionary::Node>& nodes)
      : text_(text), units_(units), nodes_(nodes) {}

  // Checks that depend on the text around a candidate match units_[i..j].
  bool accepts(const Entry& e, std::size_t i, std::size_t j) const {
    for (std::size_t k = i; k < j; ++k) {
      if (gap_between(text_, units_[k].token->end, units_[k + 1].token->begin) ==
          Gap::kSentenceBreak) {
        return false;
      }
    }
    // A match that starts outside a hyphenated word cannot stop inside it: « au Cap-Vert » is
    // not « au Cap » (Le Cap, ZA) but Cap-Vert.
    if (units_[j].compound != 0 && !units_[j].last_part &&
        units_[i].compound != units_[j].compound) {
      return false;
    }
    if (e.kind == EntryKind::kBlock) return true;
    if (e.flags & kPrefix) {
      // franco- in « franco-allemand », never « Franco » the man or « franco de port ».
      if (units_[j].compound == 0 || units_[j].last_part) return false;
    }
    if ((e.flags & kCap) && !is_capitalised(text_, *units_[i + e.head].token)) return false;
    if (e.flags & kUpper) {
      for (std::size_t k = i; k <= j; ++k) {
        if (has_lowercase(text_, *units_[k].token)) return false;
      }
    }
    if ((e.flags & kFirstName) && followed_by_name(j)) return false;
    // Inside a longer hyphenated word that is not all country words, a place name is a given
    // name when a surname follows: « Marie-Lourdes Étienne », « Jean-Maurice Dupont ».
    if (!(e.flags & kPrefix) && inside_larger_compound(i, j) && followed_by_name(j)) return false;
    if ((e.flags & kSurname) && preceded_by_name(i)) return false;
    if (i == j && units_[i].compound == 0 && e.kind != EntryKind::kDemonym &&
        e.kind != EntryKind::kBlock && first_or_middle_name(i)) {
      return false;
    }
    // « tourné en russe », « traduit en anglais »: after « en », a lower-case nationality word is
    // a language, which many countries share and which says nothing of where a story happens.
    if (e.kind == EntryKind::kDemonym && i == j && i > 0 &&
        units_[i - 1].token->lower == "en" && !is_capitalised(text_, *units_[i].token) &&
        gap_between(text_, units_[i - 1].token->end, units_[i].token->begin) == Gap::kSpace) {
      return false;
    }
    // « Surnommé « Washington » par ses partisans »: a place name that is a whole quotation is a
    // name being cited (a nickname, a title), not the place.
    if (i == j && e.kind != EntryKind::kDemonym && quoted_alone(i, j)) return false;
    return true;
  }

 private:
  // « Kenya Brooks a déclaré », « Israël Katz », « Malte Andersen »: a one-word country or city
  // directly before a surname is a first name; between a first name and a surname (« George
  // Washington Tarpeh ») a middle name. After a preposition or an article it stays a place
  // (« en Russie Vladimir Poutine a… », « à Paris Jules Marin »). The surname must be a plain
  // capitalised word: not an acronym, not the start of another dictionary entry (« Israël Gaza »
  // in a headline), not a word that never names a person (« Russie Unie », « Paris Mardi »).
  bool first_or_middle_name(std::size_t i) const {
    const Token& t = *units_[i].token;
    if (!has_lowercase(text_, t)) return false;  // « UKRAINE RUSSIE » in a capitals headline
    const std::size_t k = i + 1;
    if (k >= units_.size()) return false;  // a hyphenated surname counts by its first part
    if (gap_between(text_, t.end, units_[k].token->begin) != Gap::kSpace) return false;
    const Token& next = *units_[k].token;
    if (!is_name_word(text_, units_[k]) || !has_lowercase(text_, next)) return false;
    if (next.has(kFlagElided) || starts_entry(k)) return false;
    if (SpeakerLexicon::get().is_non_name_word(next.term)) return false;
    if (preceded_by_name(i)) return true;  // a middle name
    if (t.has(kFlagElided)) return false;  // l’Inde, d’Israël: an article, so a place
    if (i == 0 || gap_between(text_, units_[i - 1].token->end, t.begin) != Gap::kSpace) {
      return true;  // at the start of a sentence or clause: « Israël Katz a déclaré »
    }
    return !CountryExtractor::introduces_place(units_[i - 1].token->lower);
  }

  bool quoted_alone(std::size_t i, std::size_t j) const {
    auto is_space = [](UChar32 c) { return u_isUWhiteSpace(c) != 0; };
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text_.data());
    // Walk back from the first word over spaces, then forward from the last one.
    std::int32_t b = static_cast<std::int32_t>(units_[i].token->begin);
    UChar32 before = -1;
    while (b > 0) {
      U8_PREV(bytes, 0, b, before);
      if (before < 0 || !is_space(before)) break;
    }
    std::int32_t f = static_cast<std::int32_t>(units_[j].token->end);
    const auto size = static_cast<std::int32_t>(text_.size());
    UChar32 after = -1;
    while (f < size) {
      U8_NEXT(bytes, f, size, after);
      if (after < 0 || !is_space(after)) break;
    }
    return (before == 0xAB && after == 0xBB) || (before == 0x201C && after == 0x201D);
  }

  // True when a dictionary entry of any kind starts at units_[k].
  bool starts_entry(std::size_t k) const {
    std::uint32_t node = 0;
    for (std::size_t j = k; j < units_.size() && j < k + 8; ++j) {
      const std::string& term = units_[j].token->term;
      if (term.empty()) return false;
      auto found = nodes_[node].next.find(term);
      if (found == nodes_[node].next.end()) return false;
      node = found->second;
      if (nodes_[node].entry >= 0) return true;
    }
    return false;
  }

  bool inside_larger_compound(std::size_t i, std::size_t j) const {
    const std::uint32_t c = units_[i].compound;
    if (c == 0 || units_[j].compound != c) return false;
    return (i > 0 && units_[i - 1].compound == c) || !units_[j].last_part;
  }

  bool followed_by_name(std::size_t j) const {
    std::size_t k = j + 1;
    // Parts of the same compound are not the next word: « Paris-Berlin » is two cities.
    while (k < units_.size() && units_[j].compound != 0 &&
           units_[k].compound == units_[j].compound) {
      ++k;
    }
    if (k >= units_.size()) return false;
    if (gap_between(text_, units_[k - 1].token->end, units_[k].token->begin) != Gap::kSpace) {
      return false;
    }
    if (is_name_word(text_, units_[k])) return true;
    // « Dominique de Villepin »: a particle, then a capitalised word.
    if (k + 1 < units_.size() && is_name_particle(units_[k].token->term) &&
        gap_between(text_, units_[k].token->end, units_[k + 1].token->begin) !=
            Gap::kSentenceBreak) {
      return is_name_word(text_, units_[k + 1]);
    }
    return false;
  }

  bool preceded_by_name(std::size_t i) const {
    if (i == 0) return false;
    const std::size_t k = i - 1;
    if (units_[i].compound != 0 && units_[k].compound == units_[i].compound) return false;
    if (gap_between(text_, units_[k].token->end, units_[i].token->begin) != Gap::kSpace) {
      return false;
    }
    if (!is_name_word(text_, units_[k])) return false;
    // A capitalised word that starts a sentence says nothing: « Selon Washington, … ».
    if (k == 0) return false;
    return gap_between(text_, units_[k - 1].token->end, units_[k].token->begin) !=
           Gap::kSentenceBreak;
  }

  std::string_view text_;
  const std::vector<Unit>& units_;
  const std::vector<CountryDictionary::Node>& nodes_;
};

CountryMentionKind mention_kind(EntryKind kind) {
  switch (kind) {
    case EntryKind::kDemonym:
      return CountryMentionKind::kDemonym;
    case EntryKind::kMetonym:
      return CountryMentionKind::kMetonym;
    default:
      return CountryMentionKind::kName;
  }
}

}  // namespace

namespace {

// An ambiguous mention takes the one candidate the same text names unambiguously; with none or
// several, it keeps its default, or is dropped when the entry has no default (kContext).
// A kCued entry is decided only by the codes of kCue mentions (`cues`): « Géorgie » is the US
// state in a text that names Atlanta, not in one that merely names Washington.
template <typename Ambiguous>
void resolve_ambiguous(std::vector<CountryMention>& mentions,
                       const std::vector<Ambiguous>& ambiguous,
                       const std::unordered_set<std::string>& cues) {
  std::vector<bool> is_ambiguous(mentions.size(), false);
  for (const Ambiguous& a : ambiguous) is_ambiguous[a.mention] = true;
  std::unordered_set<std::string> unambiguous;
  for (std::size_t k = 0; k < mentions.size(); ++k) {
    if (!is_ambiguous[k]) unambiguous.insert(mentions[k].code);
  }
  std::vector<bool> drop(mentions.size(), false);
  for (const Ambiguous& a : ambiguous) {
    const std::unordered_set<std::string>& named = (a.entry->flags & kCued) ? cues : unambiguous;
    const std::string* chosen = nullptr;
    int found = 0;
    if (named.count(a.entry->code)) {
      chosen = &a.entry->code;
      ++found;
    }
    for (const std::string& alt : a.entry->alternatives) {
      if (named.count(alt)) {
        chosen = &alt;
        ++found;
      }
    }
    if (found == 1) {
      mentions[a.mention].code = *chosen;
    } else if (a.entry->flags & kContext) {
      drop[a.mention] = true;
    }
  }
  std::size_t kept = 0;
  for (std::size_t k = 0; k < mentions.size(); ++k) {
    if (drop[k]) continue;
    if (kept != k) mentions[kept] = std::move(mentions[k]);  // never self-move: it empties strings
    ++kept;
  }
  mentions.resize(kept);
}

}  // namespace

CountryExtractor::CountryExtractor() : dictionary_(&CountryDictionary::get()) {}

std::vector<CountryMention> CountryExtractor::extract(std::string_view text,
                                                      const std::vector<Token>& tokens,
                                                      TextField field) const {
  std::vector<CountryMention> mentions;
  const std::vector<Unit> units = word_units(tokens, text.size());
  const auto& nodes = dictionary_->nodes();
  const auto& entries = dictionary_->entries();
  const Matcher matcher(text, units, nodes);
  struct Ambiguous {
    std::size_t mention;
    const Entry* entry;
  };
  std::vector<Ambiguous> ambiguous;
  std::unordered_set<std::string> cues;
  std::size_t i = 0;
  while (i < units.size()) {
    // Longest match from units[i] that the text around it accepts.
    std::int32_t best_entry = -1;
    std::size_t best_end = i;
    std::uint32_t node = 0;
    for (std::size_t j = i; j < units.size(); ++j) {
      const std::string& term = units[j].token->term;
      if (term.empty()) break;
      const auto& next = nodes[node].next;
      auto found = next.find(term);
      if (found == next.end()) break;
      node = found->second;
      const std::int32_t e = nodes[node].entry;
      if (e >= 0 && matcher.accepts(entries[static_cast<std::size_t>(e)], i, j)) {
        best_entry = e;
        best_end = j;
      }
    }
    if (best_entry < 0) {
      ++i;
      continue;
    }
    const Entry& e = entries[static_cast<std::size_t>(best_entry)];
    if (e.kind != EntryKind::kBlock) {
      if (!e.alternatives.empty()) ambiguous.push_back({mentions.size(), &e});
      if (e.flags & kCue) cues.insert(e.code);
      CountryMention m;
      m.code = e.code;
      m.kind = mention_kind(e.kind);
      m.field = field;
      // From the first content word: « au Caire » marks Caire, not the contracted article.
      m.begin = units[std::min(i + e.head, best_end)].token->begin;
      m.end = units[best_end].token->end;
      m.evidence = e.evidence;
      mentions.push_back(std::move(m));
    }
    i = best_end + 1;
  }
  if (!ambiguous.empty()) resolve_ambiguous(mentions, ambiguous, cues);
  return mentions;
}

bool CountryExtractor::introduces_place(std::string_view lower) {
  // Not « pour », « avec », « contre », « entre », « par », « chez », « selon »: they introduce
  // people as often as places (« Pour Kenya Brooks, professeure… », « avec Israël Katz »).
  static constexpr std::string_view kWords[] = {
      "à",      "au",   "aux",  "en",  "de",    "du",   "des",     "d'",     "la",
      "le",     "les",  "l'",   "vers", "sur",  "sous", "depuis",  "dans",   "via",
      "jusqu'à", "outre", "près", "hors", "dès",  "devant", "auprès", "parmi"};
  for (std::string_view w : kWords) {
    if (lower == w) return true;
  }
  return false;
}

std::vector<std::string> CountryExtractor::dictionary_problems() {
  return CountryDictionary::get().problems();
}

CountryExtractor::DictionaryStats CountryExtractor::dictionary_stats() {
  DictionaryStats stats;
  for (const Entry& e : CountryDictionary::get().entries()) {
    switch (e.kind) {
      case EntryKind::kName:
        ++stats.names;
        break;
      case EntryKind::kDemonym:
        ++stats.demonyms;
        break;
      case EntryKind::kMetonym:
        ++stats.metonyms;
        break;
      case EntryKind::kBlock:
        ++stats.blocks;
        break;
    }
  }
  return stats;
}

}  // namespace depeche::analysis
