// Tests of the byte-level field helpers: UTF-8 validation, trimming, control characters.
#include "indexer/text_cleanup.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace depeche::indexer {
namespace {

TEST(TextCleanup, FindsFirstInvalidUtf8Byte) {
  struct Row {
    std::string text;
    std::optional<std::size_t> bad;
  };
  const std::vector<Row> rows = {
      {"", std::nullopt},
      {"ASCII seul", std::nullopt},
      {"Élysée, cœur, «\u00a0ça\u00a0», 😀", std::nullopt},
      {"\xF4\x8F\xBF\xBF", std::nullopt},  // U+10FFFF
      {"caf\xE9", 3},                      // latin-1
      {"ab\x80", 2},                       // stray continuation byte
      {"\xC0\xAF", 0},                     // overlong '/'
      {"\xE0\x80\xAF", 0},                 // overlong
      {"x\xED\xA0\x80", 1},                // surrogate U+D800
      {"\xF4\x90\x80\x80", 0},             // above U+10FFFF
      {"ok\xE2\x82", 2},                   // truncated
      {"\xF5\x80\x80\x80", 0},
      {"\xC3\x28", 0},
  };
  for (const Row& row : rows) EXPECT_EQ(find_invalid_utf8(row.text), row.bad) << row.text;
}

TEST(TextCleanup, TrimsUnicodeSpaces) {
  EXPECT_EQ(trim_space("  \t\u00a0Texte\u202f\u3000\n"), "Texte");
  EXPECT_EQ(trim_space("\u200b\uFEFFmot\u2009"), "mot");
  EXPECT_EQ(trim_space("«\u00a0cité\u00a0»"), "«\u00a0cité\u00a0»");
  EXPECT_EQ(trim_space(" \u00a0 "), "");
  EXPECT_EQ(trim_space("é"), "é");
}

TEST(TextCleanup, StripsBomOnlyAtStart) {
  std::string_view with("\xEF\xBB\xBFtexte");
  EXPECT_TRUE(strip_bom(with));
  EXPECT_EQ(with, "texte");
  std::string_view without("texte");
  EXPECT_FALSE(strip_bom(without));
}

TEST(TextCleanup, CleansMultilineText) {
  using namespace std::string_literals;
  EXPECT_EQ(clean_multiline("  Un\r\ndeux\rtrois\x00quatre\x1b\tcinq\u0085six\x7f \n"s),
            "Un\ndeux\ntrois quatre \tcinq six");
}

TEST(TextCleanup, CleansSingleLineText) {
  EXPECT_EQ(clean_line(" Titre\nsur\t\tdeux   lignes\r\n"), "Titre sur deux lignes");
  EXPECT_EQ(clean_line("Ville\u00a0: Paris"), "Ville\u00a0: Paris");
}

TEST(TextCleanup, ExcerptCutsOnCharacterBoundary) {
  EXPECT_EQ(excerpt("court"), "court");
  EXPECT_EQ(excerpt("ééééé", 5), "éé…");
  EXPECT_EQ(excerpt("abcdef", 3), "abc…");
}

}  // namespace
}  // namespace depeche::indexer
