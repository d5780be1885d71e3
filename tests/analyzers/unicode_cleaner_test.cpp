// clean_text keeps a byte offset for every UTF-16 unit and never fails.
#include "analyzers/unicode_cleaner.h"

#include <gtest/gtest.h>

#include <string>

namespace depeche::analysis {
namespace {

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

struct CleanCase {
  const char* name;
  std::string input;
  std::string expected;
};

class CleanTextTable : public ::testing::TestWithParam<CleanCase> {};

TEST_P(CleanTextTable, CleansInvisibleAndSpaceCharacters) {
  CleanText ct = clean_text(GetParam().input);
  EXPECT_EQ(utf8(ct.text), GetParam().expected);
  EXPECT_EQ(ct.offsets.size(), static_cast<std::size_t>(ct.text.length()) + 1);
  EXPECT_EQ(ct.offsets.back(), GetParam().input.size());
}

const CleanCase kClean[] = {
    {"Nbsp", "a\u00A0b", "a b"},
    {"NarrowNbsp", "a\u202Fb", "a b"},
    {"ThinSpace", "a\u2009b", "a b"},
    {"SoftHyphen", "ar\u00ADmée", "armée"},
    {"ZeroWidthSpace", "ar\u200Bmée", "armée"},
    {"Bom", "\uFEFFtitre", "titre"},
    {"Tab", "a\tb", "a b"},
    {"CarriageReturn", "a\r\nb", "a \nb"},
    {"Nul", std::string("a\0b", 3), "a b"},
    {"InvalidByte", "a\xFF" "b", "a\uFFFDb"},
    {"Overlong", "a\xC0\xAF" "b", "a\uFFFD\uFFFDb"},
    {"LoneSurrogateEncoded", "a\xED\xA0\x80" "b", "a\uFFFD\uFFFD\uFFFDb"},
    {"Emoji", "🕊", "🕊"},
    {"NfdKept", "e\u0301", "e\u0301"},
};

INSTANTIATE_TEST_SUITE_P(Cases, CleanTextTable, ::testing::ValuesIn(kClean),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(CleanText, OffsetsPointAtOriginalBytes) {
  const std::string input = "é\u00ADt🕊";  // 2 + 2 (dropped) + 1 + 4 bytes
  CleanText ct = clean_text(input);
  ASSERT_EQ(ct.text.length(), 4);  // é, t, and the emoji's two surrogates
  EXPECT_EQ(ct.offsets[0], 0u);
  EXPECT_EQ(ct.offsets[1], 4u);
  EXPECT_EQ(ct.offsets[2], 5u);
  EXPECT_EQ(ct.offsets[3], 5u);
  EXPECT_EQ(ct.offsets[4], 9u);
}

}  // namespace
}  // namespace depeche::analysis
