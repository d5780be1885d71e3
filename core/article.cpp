// Date formatting and day arithmetic for Article dates.
#include "core/article.h"

#include <fmt/format.h>

#include <chrono>

namespace depeche {

std::string Date::iso() const {
  std::string s = fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
  if (seconds_of_day && utc_offset_minutes) {
    const int off = *utc_offset_minutes;
    const int abs_off = off < 0 ? -off : off;
    s += fmt::format("T{:02d}:{:02d}:{:02d}{}{:02d}:{:02d}", *seconds_of_day / 3600,
                     *seconds_of_day / 60 % 60, *seconds_of_day % 60, off < 0 ? '-' : '+',
                     abs_off / 60, abs_off % 60);
  }
  return s;
}

std::string Date::compact() const { return fmt::format("{:04d}{:02d}{:02d}", year, month, day); }

std::int64_t Date::day_number() const {
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  return sys_days{ymd}.time_since_epoch().count();
}

}  // namespace depeche
