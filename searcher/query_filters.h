// In-query filters (country:, speaker:, source:, year:, date:) → boolean Xapian queries on the
// terms and value slots the indexer writes (core/schema.h).
#pragma once

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace depeche::search {

enum class FilterField { kCountry, kSpeaker, kSource, kYear, kDate };

using CountryResolver = std::function<std::optional<std::string>(std::string_view)>;

struct FilterResult {
  // Unweighted (its weight is scaled to 0). Empty only when the value was empty: no filter.
  Xapian::Query query;
  // For the user: why the filter can match nothing, or how a value was read. Empty when all is
  // well.
  std::string note;
};

// A value that cannot be resolved (unknown country, invalid date) gives a query on a term the index
// never holds, so the filter the user typed matches nothing rather than silently vanishing.
FilterResult filter_query(FilterField field, std::string_view value,
                          const CountryResolver& resolve_country);

// A day, month or year as typed in date:/year: values: YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD,
// MM/YYYY, DD/MM/YYYY (also with dots), or anything analysis::parse_date reads ("8 novembre 2022").
// `first` and `last` are its first and last day as YYYYMMDD (a month's last day may be written 31:
// string comparison against real dates is all it is used for).
struct Period {
  enum Precision { kYear, kMonth, kDay } precision = kDay;
  std::string first;
  std::string last;
};
std::optional<Period> parse_period(std::string_view text);

}  // namespace depeche::search
