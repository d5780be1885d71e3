// Turns the dates found in news inputs (ISO 8601, RFC 2822, French long and numeric forms, archive
// paths) into depeche::Date, rejecting impossible or implausible ones.
#pragma once

#include <optional>
#include <string_view>

#include "core/article.h"

namespace depeche::analysis {

// Years outside this range are treated as typos or garbage, not as dates.
inline constexpr int kMinPlausibleYear = 1800;
inline constexpr int kMaxPlausibleYear = 2100;

// Accepts, after trimming surrounding whitespace:
//   ISO 8601    2019-04-12, 2019-04-12T08:30:00+02:00, …Z, fractional seconds, 2019-04-12 08:30
//   RFC 2822    Tue, 08 Nov 2022 14:05:00 +0100 (GMT, UT, EST…; day name optional; 2-digit years)
//   French      8 novembre 2022, 1er mars 2024, mardi 8 novembre 2022, le 3 février 2016,
//               8 nov. 2022 — case and accents ignored; the weekday is not checked
//   numeric     08/11/2022 (day/month/year, as French writers mean it)
// The date keeps the local calendar day as written; time and offset are kept when given.
// Returns nullopt for anything else, for impossible days (2023-02-30) and implausible years.
std::optional<Date> parse_date(std::string_view text);

// Finds a YYYY/MM/DD or YYYY-MM-DD component in an archive path ("2022/11/08/coree.txt",
// "depeches/2022-11-08-coree.txt"). When several match, the one nearest the file name wins,
// since it is the most specific. Returns nullopt when none is a valid, plausible date.
std::optional<Date> date_from_path(std::string_view relative_path);

// True when year-month-day is a real day of the proleptic Gregorian calendar.
bool is_valid_day(int year, int month, int day);

}  // namespace depeche::analysis
