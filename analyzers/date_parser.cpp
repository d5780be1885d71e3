// Date recognition for inputs: hand-written scanners for the machine formats (ISO 8601, RFC 2822,
// numeric), ICU's French date format for month names, so spelling variants stay ICU's business.
#include "analyzers/date_parser.h"

#include <unicode/calendar.h>
#include <unicode/dtfmtsym.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzers/text_folding.h"

namespace depeche::analysis {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A cursor over the input; every reader leaves `pos` untouched when it fails.
struct Scanner {
  std::string_view s;
  std::size_t pos = 0;

  bool done() const { return pos == s.size(); }
  bool eat(char c) {
    if (pos < s.size() && s[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  void skip_spaces() {
    while (pos < s.size() && is_space(s[pos])) ++pos;
  }
  // Between min_digits and max_digits decimal digits, not followed by another digit.
  bool number(std::size_t min_digits, std::size_t max_digits, int& out,
              std::size_t* count = nullptr) {
    std::size_t end = pos;
    while (end < s.size() && is_digit(s[end])) ++end;
    const std::size_t n = end - pos;
    if (n < min_digits || n > max_digits) return false;
    int value = 0;
    for (std::size_t i = pos; i < end; ++i) value = value * 10 + (s[i] - '0');
    out = value;
    if (count) *count = n;
    pos = end;
    return true;
  }
  std::string_view word() {
    const std::size_t start = pos;
    while (pos < s.size() && is_alpha(s[pos])) ++pos;
    return s.substr(start, pos - start);
  }
};

std::optional<Date> make_date(int year, int month, int day) {
  if (year < kMinPlausibleYear || year > kMaxPlausibleYear) return std::nullopt;
  if (!is_valid_day(year, month, day)) return std::nullopt;
  Date d;
  d.year = year;
  d.month = month;
  d.day = day;
  return d;
}

// HH:MM[:SS[.fff]] into seconds of the day. A leap second (:60) is clamped so the day stays right.
bool read_clock(Scanner& in, int& seconds_of_day, bool allow_fraction) {
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  if (!in.number(2, 2, hours) || !in.eat(':') || !in.number(2, 2, minutes)) return false;
  if (in.eat(':')) {
    if (!in.number(2, 2, seconds)) return false;
    if (allow_fraction && (in.eat('.') || in.eat(','))) {
      int ignored = 0;
      if (!in.number(1, 9, ignored)) return false;
    }
  }
  if (hours > 23 || minutes > 59 || seconds > 60) return false;
  if (seconds == 60) seconds = 59;
  seconds_of_day = hours * 3600 + minutes * 60 + seconds;
  return true;
}

// ±HH:MM, ±HHMM or ±HH (ISO 8601), or Z.
bool read_iso_offset(Scanner& in, int& offset_minutes) {
  if (in.eat('Z') || in.eat('z')) {
    offset_minutes = 0;
    return true;
  }
  int sign = 0;
  if (in.eat('+')) {
    sign = 1;
  } else if (in.eat('-')) {
    sign = -1;
  } else {
    return false;
  }
  int digits = 0;
  std::size_t count = 0;
  if (!in.number(2, 4, digits, &count) || count == 3) return false;
  int hours = count == 4 ? digits / 100 : digits;
  int minutes = count == 4 ? digits % 100 : 0;
  if (count == 2 && in.eat(':') && !in.number(2, 2, minutes)) return false;
  if (hours > 23 || minutes > 59) return false;
  offset_minutes = sign * (hours * 60 + minutes);
  return true;
}

std::optional<Date> parse_iso(std::string_view text) {
  Scanner in{text};
  int year = 0;
  int month = 0;
  int day = 0;
  if (!in.number(4, 4, year) || !in.eat('-') || !in.number(2, 2, month) || !in.eat('-') ||
      !in.number(2, 2, day)) {
    return std::nullopt;
  }
  std::optional<Date> date = make_date(year, month, day);
  if (!date || in.done()) return date;
  if (!in.eat('T') && !in.eat('t') && !in.eat(' ')) return std::nullopt;
  int seconds_of_day = 0;
  if (!read_clock(in, seconds_of_day, /*allow_fraction=*/true)) return std::nullopt;
  date->seconds_of_day = seconds_of_day;
  if (in.done()) return date;
  in.skip_spaces();
  int offset = 0;
  if (!read_iso_offset(in, offset) || !in.done()) return std::nullopt;
  date->utc_offset_minutes = offset;
  return date;
}

constexpr std::array<std::string_view, 12> kEnglishMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kEnglishDays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// Three-letter abbreviation or full English name; 0 when not a month.
int english_month(std::string_view word) {
  for (std::size_t i = 0; i < kEnglishMonths.size(); ++i) {
    if (iequals(word, kEnglishMonths[i]) || iequals(word, kEnglishMonths[i].substr(0, 3))) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

bool is_english_day(std::string_view word) {
  for (std::string_view d : kEnglishDays) {
    if (iequals(word, d) || iequals(word, d.substr(0, 3))) return true;
  }
  return false;
}

// RFC 2822 §3.3 and §4.3 zones. Military letters carry no reliable offset (RFC 2822 says to treat
// them as -0000), so they give an unknown offset; CET/CEST are not in the RFC but French feeds use
// them. Returns false for an unknown zone name.
bool rfc_zone(std::string_view name, std::optional<int>& offset) {
  struct Zone {
    std::string_view name;
    int minutes;
  };
  static constexpr std::array<Zone, 13> kZones = {{{"UT", 0},
                                                   {"UTC", 0},
                                                   {"GMT", 0},
                                                   {"Z", 0},
                                                   {"EST", -300},
                                                   {"EDT", -240},
                                                   {"CST", -360},
                                                   {"CDT", -300},
                                                   {"MST", -420},
                                                   {"MDT", -360},
                                                   {"PST", -480},
                                                   {"PDT", -420},
                                                   {"CET", 60}}};
  for (const Zone& z : kZones) {
    if (iequals(name, z.name)) {
      offset = z.minutes;
      return true;
    }
  }
  if (iequals(name, "CEST")) {
    offset = 120;
    return true;
  }
  if (name.size() == 1 && lower(name[0]) != 'j') {
    offset.reset();
    return true;
  }
  return false;
}

std::optional<Date> parse_rfc2822(std::string_view text) {
  Scanner in{text};
  // Optional day name, then a comma (which RFC 2822 requires but feeds sometimes drop).
  if (!in.done() && is_alpha(in.s[0])) {
    if (!is_english_day(in.word())) return std::nullopt;
    in.skip_spaces();
    in.eat(',');
    in.skip_spaces();
  }
  int day = 0;
  if (!in.number(1, 2, day)) return std::nullopt;
  in.skip_spaces();
  const int month = english_month(in.word());
  if (month == 0) return std::nullopt;
  in.skip_spaces();
  int year = 0;
  std::size_t year_digits = 0;
  if (!in.number(2, 4, year, &year_digits)) return std::nullopt;
  // RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx; three-digit years add 1900.
  if (year_digits == 2) year += year < 50 ? 2000 : 1900;
  if (year_digits == 3) year += 1900;
  std::optional<Date> date = make_date(year, month, day);
  if (!date) return std::nullopt;
  in.skip_spaces();
  if (in.done()) return date;

  int seconds_of_day = 0;
  if (!read_clock(in, seconds_of_day, /*allow_fraction=*/false)) return std::nullopt;
  date->seconds_of_day = seconds_of_day;
  in.skip_spaces();
  if (in.done()) return date;
  if (in.s[in.pos] == '+' || in.s[in.pos] == '-') {
    const int sign = in.s[in.pos] == '-' ? -1 : 1;
    ++in.pos;
    int hhmm = 0;
    if (!in.number(4, 4, hhmm) || hhmm / 100 > 23 || hhmm % 100 > 59) return std::nullopt;
    date->utc_offset_minutes = sign * (hhmm / 100 * 60 + hhmm % 100);
  } else {
    std::optional<int> offset;
    if (!rfc_zone(in.word(), offset)) return std::nullopt;
    date->utc_offset_minutes = offset;
  }
  in.skip_spaces();
  // A trailing comment names the zone for humans: "+0100 (CET)".
  if (in.eat('(')) {
    while (!in.done() && in.s[in.pos] != ')') ++in.pos;
    if (!in.eat(')')) return std::nullopt;
    in.skip_spaces();
  }
  if (!in.done()) return std::nullopt;
  return date;
}

// 08/11/2022 or 8.11.2022: day first, as in French; the year must have four digits because
// 08/11/22 is ambiguous.
std::optional<Date> parse_numeric(std::string_view text) {
  Scanner in{text};
  int day = 0;
  int month = 0;
  int year = 0;
  if (!in.number(1, 2, day) || in.done()) return std::nullopt;
  const char separator = in.s[in.pos];
  if (separator != '/' && separator != '.') return std::nullopt;
  ++in.pos;
  if (!in.number(1, 2, month) || !in.eat(separator) || !in.number(4, 4, year) || !in.done()) {
    return std::nullopt;
  }
  return make_date(year, month, day);
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (is_space(s[i]) || s[i] == ',')) ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != ',') ++i;
    if (i > start) words.emplace_back(s.substr(start, i - start));
  }
  return words;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// "14h05", "14h", "14:05": the time French copy gives after "à".
std::optional<int> french_clock(std::string_view word) {
  Scanner in{word};
  int hours = 0;
  int minutes = 0;
  if (!in.number(1, 2, hours)) return std::nullopt;
  if (in.eat('h')) {
    if (!in.done() && !in.number(2, 2, minutes)) return std::nullopt;
  } else if (!in.eat(':') || !in.number(2, 2, minutes)) {
    return std::nullopt;
  }
  if (!in.done() || hours > 23 || minutes > 59) return std::nullopt;
  return hours * 3600 + minutes * 60;
}

// ICU's French month names, folded like the input, so "février", "FEVRIER" and "févr." all match.
// ICU already ignores case and accepts abbreviations without their final dot.
class FrenchDateFormat {
 public:
  FrenchDateFormat() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale french("fr");
    icu::DateFormatSymbols symbols(french, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU French date symbols unavailable");
    set_folded(symbols, icu::DateFormatSymbols::WIDE);
    set_folded(symbols, icu::DateFormatSymbols::ABBREVIATED);
    format_ =
        std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(u"d MMMM y"), symbols, status);
    calendar_.reset(
        icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), french, status));
    if (U_FAILURE(status) || !calendar_)
      throw std::runtime_error("ICU French date format unavailable");
    format_->setLenient(false);  // also makes the calendar reject 30 février
    calendar_->setLenient(false);
  }

  std::optional<Date> parse(const std::string& day_month_year) {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(day_month_year);
    icu::ParsePosition position(0);
    calendar_->clear();
    format_->parse(text, *calendar_, position);
    if (position.getErrorIndex() >= 0 || position.getIndex() != text.length()) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    const int year = calendar_->get(UCAL_EXTENDED_YEAR, status);
    const int month = calendar_->get(UCAL_MONTH, status) + 1;
    const int day = calendar_->get(UCAL_DATE, status);
    if (U_FAILURE(status)) return std::nullopt;
    return make_date(year, month, day);
  }

 private:
  static void set_folded(icu::DateFormatSymbols& symbols,
                         icu::DateFormatSymbols::DtWidthType width) {
    int32_t count = 0;
    const icu::UnicodeString* months =
        symbols.getMonths(count, icu::DateFormatSymbols::FORMAT, width);
    std::vector<icu::UnicodeString> folded;
    for (int32_t i = 0; i < count; ++i) {
      folded.push_back(icu::UnicodeString::fromUTF8(fold_accents(fold_case(months[i]))));
    }
    symbols.setMonths(folded.data(), count, icu::DateFormatSymbols::FORMAT, width);
  }

  std::unique_ptr<icu::SimpleDateFormat> format_;
  std::unique_ptr<icu::Calendar> calendar_;
};

constexpr std::array<std::string_view, 7> kFrenchDays = {"lundi",    "mardi",  "mercredi", "jeudi",
                                                         "vendredi", "samedi", "dimanche"};

std::optional<Date> parse_french(std::string_view text) {
  // NFKC case folding also turns U+00A0 into a space and "1ᵉʳ" into "1er".
  std::vector<std::string> words = split_words(fold_accents(fold_case(text)));
  std::size_t i = 0;
  if (i < words.size() && words[i] == "le") ++i;
  for (std::string_view d : kFrenchDays) {
    if (i < words.size() && words[i] == d) {
      ++i;
      break;
    }
  }
  if (words.size() - i != 3 && words.size() - i != 5) return std::nullopt;
  std::string_view day = words[i];
  if (day == "1er" || day == "1re") day = day.substr(0, 1);
  if (!all_digits(day) || day.size() > 2) return std::nullopt;
  if (words[i + 2].size() != 4 || !all_digits(words[i + 2])) return std::nullopt;
  std::optional<int> clock;
  if (words.size() - i == 5) {
    if (words[i + 3] != "a") return std::nullopt;
    clock = french_clock(words[i + 4]);
    if (!clock) return std::nullopt;
  }

  // One formatter per thread: building it costs far more than a parse, and ICU formatters are not
  // meant to be shared between threads.
  thread_local FrenchDateFormat format;
  std::string day_month_year(day);
  day_month_year += ' ';
  day_month_year += words[i + 1];
  day_month_year += ' ';
  day_month_year += words[i + 2];
  std::optional<Date> date = format.parse(day_month_year);
  if (date && clock) date->seconds_of_day = clock;
  return date;
}

}  // namespace

bool is_valid_day(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = (month == 2 && leap) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
  return day <= last;
}

std::optional<Date> parse_date(std::string_view text) {
  text = trim(text);
  // Real dates are short; this bounds the work done on garbage.
  if (text.empty() || text.size() > 200) return std::nullopt;
  if (auto d = parse_iso(text)) return d;
  if (auto d = parse_rfc2822(text)) return d;
  if (auto d = parse_numeric(text)) return d;
  return parse_french(text);
}

std::optional<Date> date_from_path(std::string_view path) {
  std::optional<Date> found;
  for (std::size_t i = 0; i + 10 <= path.size(); ++i) {
    if (i > 0 && is_digit(path[i - 1])) continue;
    const std::string_view candidate = path.substr(i, 10);
    const char separator = candidate[4];
    if (separator != '/' && separator != '-') continue;
    if (candidate[7] != separator) continue;
    if (i + 10 < path.size() && is_digit(path[i + 10])) continue;
    Scanner in{candidate};
    int year = 0;
    int month = 0;
    int day = 0;
    if (in.number(4, 4, year) && in.eat(separator) && in.number(2, 2, month) && in.eat(separator) &&
        in.number(2, 2, day)) {
      if (auto d = make_date(year, month, day)) found = d;
    }
  }
  return found;
}

}  // namespace depeche::analysis
