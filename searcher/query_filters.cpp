// Filter values → boolean queries, normalised exactly as indexer/document_builder.cpp writes them.
#include "searcher/query_filters.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "analyzers/date_parser.h"
#include "analyzers/text_folding.h"
#include "core/schema.h"

namespace depeche::search {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

Xapian::Query unweighted(Xapian::Query q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
}

std::optional<Period> make_period(int year, int month, int day) {
  if (year < analysis::kMinPlausibleYear || year > analysis::kMaxPlausibleYear) return std::nullopt;
  if (month == 0)
    return Period{Period::kYear, fmt::format("{:04}0101", year), fmt::format("{:04}1231", year)};
  if (month < 1 || month > 12) return std::nullopt;
  if (day == 0) {
    return Period{Period::kMonth, fmt::format("{:04}{:02}01", year, month),
                  fmt::format("{:04}{:02}31", year, month)};
  }
  if (!analysis::is_valid_day(year, month, day)) return std::nullopt;
  std::string d = fmt::format("{:04}{:02}{:02}", year, month, day);
  return Period{Period::kDay, d, d};
}

Xapian::Query never_matching(std::string_view prefix, std::string_view value) {
  // A term the indexer never writes (dates are digits, countries two letters): honest "no match"
  // that still reads well in get_description().
  return Xapian::Query(schema::boolean_term(prefix, analysis::fold_value(value)));
}

FilterResult date_filter(FilterField field, std::string_view value) {
  const bool year_only = field == FilterField::kYear;
  const std::string_view name = year_only ? "year" : "date";
  auto period = [&](std::string_view text) -> std::optional<Period> {
    auto p = parse_period(text);
    if (p && year_only && p->precision != Period::kYear) return std::nullopt;
    return p;
  };
  auto invalid = [&]() {
    return FilterResult{
        unweighted(never_matching(year_only ? schema::kPrefixYear : schema::kPrefixDate, value)),
        fmt::format("invalid {} '{}': no article can match it", name, value)};
  };
  const std::size_t dots = value.find("..");
  if (dots == std::string_view::npos) {
    auto p = period(value);
    if (!p) return invalid();
    switch (p->precision) {
      case Period::kYear:
        return {unweighted(Xapian::Query(
                    schema::boolean_term(schema::kPrefixYear, p->first.substr(0, 4)))),
                ""};
      case Period::kMonth:
        return {unweighted(Xapian::Query(
                    schema::boolean_term(schema::kPrefixMonth, p->first.substr(0, 6)))),
                ""};
      case Period::kDay:
        return {unweighted(Xapian::Query(schema::boolean_term(schema::kPrefixDate, p->first))), ""};
    }
  }
  const std::string_view left = trim(value.substr(0, dots));
  const std::string_view right = trim(value.substr(dots + 2));
  if (left.empty() && right.empty()) {
    return {Xapian::Query(), fmt::format("empty {} range '{}' ignored", name, value)};
  }
  std::optional<Period> low;
  std::optional<Period> high;
  if (!left.empty() && !(low = period(left))) return invalid();
  if (!right.empty() && !(high = period(right))) return invalid();
  // Years are compared on the year slot ("2015"), dates on the date slot ("20150101").
  const Xapian::valueno slot = year_only ? schema::kSlotYear : schema::kSlotDate;
  auto lo = [&](const Period& p) { return year_only ? p.first.substr(0, 4) : p.first; };
  auto hi = [&](const Period& p) { return year_only ? p.last.substr(0, 4) : p.last; };
  std::string note;
  if (low && high && lo(*low) > hi(*high)) {
    std::swap(low, high);
    note = fmt::format("{} range '{}' was reversed: read from {} to {}", name, value, right, left);
  }
  Xapian::Query q;
  if (low && high) {
    q = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo(*low), hi(*high));
  } else if (low) {
    q = Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo(*low));
  } else {
    q = Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi(*high));
  }
  return {unweighted(q), note};
}

}  // namespace

std::optional<Period> parse_period(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 64) return std::nullopt;
  // Numeric forms: digit groups separated by one kind of separator.
  std::vector<std::string_view> groups;
  char sep = 0;
  bool numeric = true;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) continue;
    if (i < text.size()) {
      const char c = text[i];
      if ((c != '-' && c != '/' && c != '.') || (sep != 0 && c != sep)) {
        numeric = false;
        break;
      }
      sep = c;
    }
    if (i == start) {
      numeric = false;
      break;
    }
    groups.push_back(text.substr(start, i - start));
    start = i + 1;
  }
  if (numeric) {
    auto len = [&](std::size_t k) { return groups[k].size(); };
    if (groups.size() == 1 && len(0) == 4) return make_period(to_int(groups[0]), 0, 0);
    if (groups.size() == 1 && len(0) == 8) {
      return make_period(to_int(groups[0].substr(0, 4)), to_int(groups[0].substr(4, 2)),
                         to_int(groups[0].substr(6, 2)));
    }
    if (groups.size() == 2 && len(0) == 4 && len(1) <= 2) {
      return make_period(to_int(groups[0]), to_int(groups[1]), 0);
    }
    if (groups.size() == 2 && len(0) <= 2 && len(1) == 4) {  // 11/2022
      return make_period(to_int(groups[1]), to_int(groups[0]), 0);
    }
    if (groups.size() == 3 && len(0) == 4 && len(1) <= 2 && len(2) <= 2) {
      return make_period(to_int(groups[0]), to_int(groups[1]), to_int(groups[2]));
    }
    if (groups.size() == 3 && len(0) <= 2 && len(1) <= 2 && len(2) == 4) {  // 08/11/2022
      return make_period(to_int(groups[2]), to_int(groups[1]), to_int(groups[0]));
    }
    return std::nullopt;
  }
  // Written dates ("8 novembre 2022", "2022-11-08T10:00:00Z"): the parser the readers use.
  if (auto d = analysis::parse_date(text)) return make_period(d->year, d->month, d->day);
  return std::nullopt;
}

FilterResult filter_query(FilterField field, std::string_view value,
                          const CountryResolver& resolve_country) {
  value = trim(value);
  switch (field) {
    case FilterField::kYear:
    case FilterField::kDate:
      if (value.empty()) return {};
      return date_filter(field, value);
    case FilterField::kCountry: {
      if (analysis::fold_value(value).empty()) return {};
      std::optional<std::string> code = resolve_country ? resolve_country(value) : std::nullopt;
      if (!code) {
        return {unweighted(never_matching(schema::kPrefixCountry, value)),
                fmt::format("unknown country '{}': no article can match it", value)};
      }
      std::string lower = *code;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      return {unweighted(Xapian::Query(schema::boolean_term(schema::kPrefixCountry, lower))), ""};
    }
    case FilterField::kSpeaker: {
      const std::string folded = analysis::fold_value(value);
      if (folded.empty()) return {};
      // One word is a last name (speaker:kirby); several are the full canonical name.
      const bool full = folded.find(' ') != std::string::npos;
      return {unweighted(Xapian::Query(schema::boolean_term(
                  full ? schema::kPrefixSpeaker : schema::kPrefixSpeakerLast, folded))),
              ""};
    }
    case FilterField::kSource: {
      const std::string folded = analysis::fold_value(value);
      if (folded.empty()) return {};
      return {unweighted(Xapian::Query(schema::boolean_term(schema::kPrefixSource, folded))), ""};
    }
  }
  return {};
}

}  // namespace depeche::search
