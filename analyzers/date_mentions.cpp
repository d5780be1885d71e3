// Scans tokens for "DAY MONTH YEAR" and numeric day-first dates.
#include "analyzers/date_mentions.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "analyzers/date_parser.h"

namespace depeche::analysis {
namespace {

// Folded French month names and their usual abbreviations.
bool is_month(std::string_view term) {
  static constexpr std::array<std::string_view, 21> kMonths = {
      "janvier", "janv", "fevrier", "fevr", "fev", "mars", "avril", "avr", "mai", "juin",
      "juillet", "juil", "aout", "septembre", "sept", "octobre", "oct", "novembre", "nov",
      "decembre", "dec"};
  return std::find(kMonths.begin(), kMonths.end(), term) != kMonths.end();
}

bool is_day(std::string_view term) {
  if (term == "1er") return true;
  if (term.empty() || term.size() > 2) return false;
  return std::all_of(term.begin(), term.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool is_year(std::string_view term) {
  return term.size() == 4 && std::all_of(term.begin(), term.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         });
}

}  // namespace

std::vector<DateMention> find_date_mentions(std::string_view text, const std::vector<Token>& tokens,
                                            TextField field) {
  std::vector<DateMention> out;
  // Word tokens only: compounds repeat their parts.
  std::vector<const Token*> words;
  words.reserve(tokens.size());
  for (const Token& t : tokens) {
    if (!t.has(kFlagCompound)) words.push_back(&t);
  }
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    const Token& day = *words[i];
    const Token& month = *words[i + 1];
    const Token& year = *words[i + 2];
    if (!is_day(day.term) || !is_month(month.term) || !is_year(year.term)) continue;
    // The three words must be one phrase: nothing but spaces and an abbreviation dot between.
    const std::string_view between1 = text.substr(day.end, month.begin - day.end);
    const std::string_view between2 = text.substr(month.end, year.begin - month.end);
    auto spaces = [](std::string_view s) {
      return s.size() <= 4 && std::all_of(s.begin(), s.end(), [](char c) {
               return c == ' ' || c == '.' || static_cast<unsigned char>(c) >= 0x80;  // NBSP bytes
             });
    };
    if (!spaces(between1) || !spaces(between2)) continue;
    const std::string_view span = text.substr(day.begin, year.end - day.begin);
    if (auto date = parse_date(span)) {
      out.push_back({*date, field, day.begin, year.end, std::string(span)});
      i += 2;
    }
  }
  // Numeric day-first dates: "08/11/2022", "8.11.2022" are single ICU number tokens or
  // three numbers separated by slashes.
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    const Token& d = *words[i];
    const Token& m = *words[i + 1];
    const Token& y = *words[i + 2];
    if (!d.has(kFlagNumber) || !m.has(kFlagNumber) || !y.has(kFlagNumber)) continue;
    if (d.end + 1 != m.begin || m.end + 1 != y.begin || text[d.end] != '/' || text[m.end] != '/') continue;
    const std::string_view span = text.substr(d.begin, y.end - d.begin);
    if (auto date = parse_date(span)) out.push_back({*date, field, d.begin, y.end, std::string(span)});
  }
  std::sort(out.begin(), out.end(), [](const DateMention& a, const DateMention& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace depeche::analysis
