// The schema's encodings: boolean terms stay short and distinct, packed lists round-trip.
#include "core/schema.h"

#include <gtest/gtest.h>

#include "core/article.h"

namespace depeche {
namespace {

TEST(Schema, ShortBooleanValueIsPrefixPlusValue) {
  EXPECT_EQ(schema::id_term("afp-2022-1108"), "Qafp-2022-1108");
  EXPECT_EQ(schema::boolean_term(schema::kPrefixCountry, "kp"), "XCkp");
}

TEST(Schema, LongValuesAreHashedShortAndDistinct) {
  std::string a(5000, 'a');
  std::string b = a;
  b.back() = 'b';
  const std::string ta = schema::id_term(a);
  const std::string tb = schema::id_term(b);
  EXPECT_LE(ta.size(), schema::kMaxBooleanValueBytes + 1);
  EXPECT_NE(ta, tb);
  EXPECT_EQ(ta, schema::id_term(a));  // stable
}

TEST(Schema, LongValueHashNeverSplitsUtf8) {
  std::string value;
  while (value.size() < 400) value += "é";
  const std::string term = schema::id_term(value);
  const std::size_t hash = term.find('#');
  ASSERT_NE(hash, std::string::npos);
  EXPECT_EQ((static_cast<unsigned char>(term[hash - 1]) & 0xC0), 0x80);  // ends on a trail byte of é
  EXPECT_EQ((term.size() - 1 - hash), 16u);
}

TEST(Schema, PackedListRoundTrips) {
  const std::vector<std::string> values = {"John Kirby", "Victor Cha", "Anne-Marie Lévy"};
  EXPECT_EQ(schema::unpack_list(schema::pack_list(values)), values);
  EXPECT_TRUE(schema::unpack_list("").empty());
  EXPECT_EQ(schema::unpack_list(schema::pack_list({"seul"})), (std::vector<std::string>{"seul"}));
}

TEST(Schema, PrefixesThatArePrefixesOfOthersNeverCollide) {
  // Boolean values are lowercase, so "XS" + value can never read as "XSL…" or "XSRC…".
  EXPECT_NE(schema::boolean_term(schema::kPrefixSpeaker, "lavrov"),
            schema::boolean_term(schema::kPrefixSpeakerLast, "avrov"));
}

TEST(Date, FormatsIsoCompactAndDayNumber) {
  Date d{2022, 11, 8, {}, {}};
  EXPECT_EQ(d.iso(), "2022-11-08");
  EXPECT_EQ(d.compact(), "20221108");
  EXPECT_EQ((Date{1970, 1, 1, {}, {}}.day_number()), 0);
  EXPECT_EQ((Date{2000, 3, 1, {}, {}}.day_number()), 11017);
  Date t{2019, 4, 12, 8 * 3600 + 30 * 60, 120};
  EXPECT_EQ(t.iso(), "2019-04-12T08:30:00+02:00");
  Date w{2019, 4, 12, 0, -330};
  EXPECT_EQ(w.iso(), "2019-04-12T00:00:00-05:30");
}

}  // namespace
}  // namespace depeche
