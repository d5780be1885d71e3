// Tests of parse_date and date_from_path: one table row per accepted or rejected spelling.
#include "analyzers/date_parser.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace depeche::analysis {
namespace {

// "YYYY-MM-DD", then "Thh:mm:ss" when a time is known, then "±hh:mm" when the offset is known:
// one string shows everything parse_date kept.
std::string describe(const std::optional<Date>& d) {
  if (!d) return "none";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
  std::string s = buf;
  if (d->seconds_of_day) {
    const int t = *d->seconds_of_day;
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
    s += buf;
  }
  if (d->utc_offset_minutes) {
    const int o = *d->utc_offset_minutes;
    const int a = o < 0 ? -o : o;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", o < 0 ? '-' : '+', a / 60, a % 60);
    s += buf;
  }
  return s;
}

struct Row {
  const char* input;
  const char* expected;  // describe() of the result
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    EXPECT_EQ(describe(parse_date(row.input)), row.expected) << "input: '" << row.input << "'";
  }
}

TEST(DateParser, ParsesIso8601DatesAndDateTimes) {
  check_rows({
      {"2019-04-12", "2019-04-12"},
      {"2019-04-12T08:30:00+02:00", "2019-04-12T08:30:00+02:00"},
      {"2019-04-12T08:30:00Z", "2019-04-12T08:30:00+00:00"},
      {"2019-04-12T08:30:00.123456Z", "2019-04-12T08:30:00+00:00"},
      {"2019-04-12T08:30:00,5-05:00", "2019-04-12T08:30:00-05:00"},
      {"2019-04-12 08:30", "2019-04-12T08:30:00"},
      {"2019-04-12T23:59:60+0100", "2019-04-12T23:59:59+01:00"},
      {"  2019-04-12\n", "2019-04-12"},
  });
}

TEST(DateParser, ParsesRfc2822) {
  check_rows({
      {"Tue, 08 Nov 2022 14:05:00 +0100", "2022-11-08T14:05:00+01:00"},
      {"08 Nov 2022 14:05:00 +0100", "2022-11-08T14:05:00+01:00"},
      {"Tue, 8 Nov 2022 14:05 GMT", "2022-11-08T14:05:00+00:00"},
      {"Tue, 08 Nov 2022 14:05:00 UT", "2022-11-08T14:05:00+00:00"},
      {"Tue, 08 Nov 2022 09:05:00 EST", "2022-11-08T09:05:00-05:00"},
      {"Tue, 08 Nov 2022 14:05:00 -0000", "2022-11-08T14:05:00+00:00"},
      {"Tue, 08 Nov 2022 14:05:00 +0100 (CET)", "2022-11-08T14:05:00+01:00"},
      {"tue, 08 nov 2022 14:05:00 cest", "2022-11-08T14:05:00+02:00"},
  });
}

TEST(DateParser, MilitaryZoneLeavesOffsetUnknown) {
  check_rows({{"Tue, 08 Nov 2022 14:05:00 A", "2022-11-08T14:05:00"}});
}

TEST(DateParser, ExpandsTwoAndThreeDigitRfc2822Years) {
  check_rows({
      {"Sat, 12 Apr 19 08:30:00 +0200", "2019-04-12T08:30:00+02:00"},
      {"12 Apr 98 08:30:00 GMT", "1998-04-12T08:30:00+00:00"},
      {"12 Apr 049 08:30:00 GMT", "1949-04-12T08:30:00+00:00"},
  });
}

TEST(DateParser, ParsesFrenchLongForm) {
  check_rows({
      {"8 novembre 2022", "2022-11-08"},
      {"12 mai 2017", "2017-05-12"},
      {"31 décembre 1999", "1999-12-31"},
      {"15 août 2021", "2021-08-15"},
  });
}

TEST(DateParser, ParsesFrenchLongFormWithOrdinal) {
  check_rows({
      {"1er mars 2024", "2024-03-01"},
      {"1ER JANVIER 2000", "2000-01-01"},
      {"1ᵉʳ juillet 2023", "2023-07-01"},
  });
}

TEST(DateParser, IgnoresFrenchWeekdayAndArticle) {
  check_rows({
      {"mardi 8 novembre 2022", "2022-11-08"},
      {"Mardi, 8 novembre 2022", "2022-11-08"},
      {"le 3 février 2016", "2016-02-03"},
      {"Le mercredi 3 février 2016", "2016-02-03"},
  });
}

TEST(DateParser, FrenchMonthsIgnoreCaseAndAccents) {
  check_rows({
      {"8 NOVEMBRE 2022", "2022-11-08"},
      {"3 fevrier 2016", "2016-02-03"},
      {"3 FÉVRIER 2016", "2016-02-03"},
      {"15 aout 2021", "2021-08-15"},
      {"8\u00a0novembre\u00a02022", "2022-11-08"},
  });
}

TEST(DateParser, ParsesAbbreviatedFrenchMonths) {
  check_rows({
      {"8 nov. 2022", "2022-11-08"},
      {"8 nov 2022", "2022-11-08"},
      {"3 févr. 2016", "2016-02-03"},
      {"3 fevr 2016", "2016-02-03"},
      {"24 déc. 2020", "2020-12-24"},
      {"14 juil. 1989", "1989-07-14"},
  });
}

TEST(DateParser, ParsesFrenchTimeAfterA) {
  check_rows({
      {"8 novembre 2022 à 14h05", "2022-11-08T14:05:00"},
      {"8 novembre 2022 a 9h", "2022-11-08T09:00:00"},
      {"8 novembre 2022 à 25h00", "none"},
  });
}

TEST(DateParser, ParsesNumericFrenchDayFirst) {
  check_rows({
      {"08/11/2022", "2022-11-08"},
      {"8/11/2022", "2022-11-08"},
      {"8.11.2022", "2022-11-08"},
      {"31/12/1999", "1999-12-31"},
  });
}

TEST(DateParser, RejectsImpossibleDays) {
  check_rows({
      {"2023-02-30", "none"},
      {"2023-13-01", "none"},
      {"2023-00-10", "none"},
      {"2023-04-31", "none"},
      {"2023-02-29", "none"},
      {"30 février 2023", "none"},
      {"31 avril 2020", "none"},
      {"0 mai 2020", "none"},
      {"13/13/2022", "none"},
      {"Tue, 31 Nov 2022 14:05:00 +0100", "none"},
  });
}

TEST(DateParser, AcceptsLeapDays) {
  check_rows({
      {"2024-02-29", "2024-02-29"},
      {"29 février 2000", "2000-02-29"},
      {"29/02/1900", "none"},  // 1900 is not a leap year
  });
}

TEST(DateParser, RejectsImplausibleYears) {
  check_rows({
      {"1799-12-31", "none"},
      {"1800-01-01", "1800-01-01"},
      {"2100-12-31", "2100-12-31"},
      {"2101-01-01", "none"},
      {"8 novembre 20222", "none"},
      {"8 novembre 22", "none"},
  });
}

TEST(DateParser, RejectsMalformedText) {
  check_rows({
      {"", "none"},
      {"   ", "none"},
      {"hier", "none"},
      {"2019-4-12", "none"},
      {"2019-04-12T8:30", "none"},
      {"2019-04-12T08:30:00+25:00", "none"},
      {"2019-04-12T24:00:00Z", "none"},
      {"2019-04-12 garbage", "none"},
      {"Tue, 08 Nov 2022 14:05:00 XYZ", "none"},
      {"Tue, 08 Nov 2022 14:05:00 +0100 trailing", "none"},
      {"Mon 8 Foo 2022", "none"},
      {"8 brumaire 2022", "none"},
      {"novembre 2022", "none"},
      {"8 novembre", "none"},
      {"08/11/22", "none"},
      {"08/11-2022", "none"},
      {"2022/11/08", "none"},
  });
}

TEST(DateFromPath, FindsSlashAndDashDates) {
  struct PathRow {
    const char* path;
    const char* expected;
  };
  const std::vector<PathRow> rows = {
      {"2022/11/08/coree-russie.txt", "2022-11-08"},
      {"archives/2022/11/08/coree.txt", "2022-11-08"},
      {"depeches/2022-11-08-coree.txt", "2022-11-08"},
      {"2022-11-08.txt", "2022-11-08"},
      {"2021/01/01/maj/2022-11-08-coree.txt", "2022-11-08"},
      {"coree.txt", "none"},
      {"2022/13/08/coree.txt", "none"},
      {"2023/02/30/coree.txt", "none"},
      {"12022/11/08/coree.txt", "none"},
      {"2022/11/081/coree.txt", "none"},
      {"2022/11-08/coree.txt", "none"},
      {"1492/10/12/amerique.txt", "none"},
  };
  for (const PathRow& row : rows) {
    EXPECT_EQ(describe(date_from_path(row.path)), row.expected) << "path: " << row.path;
  }
}

TEST(DateParser, IsValidDayFollowsGregorianLeapRules) {
  EXPECT_TRUE(is_valid_day(2000, 2, 29));
  EXPECT_FALSE(is_valid_day(1900, 2, 29));
  EXPECT_TRUE(is_valid_day(2024, 2, 29));
  EXPECT_FALSE(is_valid_day(2023, 2, 29));
  EXPECT_FALSE(is_valid_day(2023, 12, 32));
}

TEST(DateParser, ParsedDateFormatsAsIso) {
  const std::optional<Date> d = parse_date("Tue, 08 Nov 2022 14:05:00 +0100");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->iso(), "2022-11-08T14:05:00+01:00");
  EXPECT_EQ(d->compact(), "20221108");
}

}  // namespace
}  // namespace depeche::analysis
