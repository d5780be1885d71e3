// An article as the readers produce it and the indexer consumes it: input-format neutral.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace depeche {

// A calendar date, with the time and UTC offset when the input gave them.
struct Date {
  int year = 0;
  int month = 0;  // 1–12
  int day = 0;    // 1–31
  std::optional<int> seconds_of_day;    // local time of day, when known
  std::optional<int> utc_offset_minutes;  // when known

  // "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS±HH:MM" when time and offset are known.
  std::string iso() const;
  // "YYYYMMDD": the sortable form stored in schema::kSlotDate.
  std::string compact() const;
  // Days since 1970-01-01 (proleptic Gregorian).
  std::int64_t day_number() const;
  friend bool operator==(const Date&, const Date&) = default;
};

// Where a record came from, for error messages ("feed.xml:42: …").
struct SourceLocation {
  std::string file;  // "-" for standard input
  std::uint64_t line = 0;  // 1-based; 0 when not line-oriented
};

struct Article {
  std::string id;  // required, unique in the index
  std::string title;
  std::string body;  // required
  std::optional<Date> date;
  std::string url;
  std::string source;  // outlet name
  std::string author;
  std::string lang;
  // Pre-supplied facets (JSON Lines only), merged with what extraction finds.
  std::vector<std::string> countries;
  std::vector<std::string> speakers;
  // Input fields Depeche does not know: name and compact JSON text, kept in stored data.
  std::vector<std::pair<std::string, std::string>> extra;
  SourceLocation origin;
};

}  // namespace depeche
