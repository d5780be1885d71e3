// Tests of the JSON Lines reader: field mapping, every rejected-record class with its message,
// and that reading goes on after a bad line.
#include "indexer/jsonl_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tests/indexer/collecting_sink.h"

namespace depeche::indexer {
namespace {

using testing::CollectingSink;

CollectingSink read(const std::string& input, const JsonlOptions& options = {}) {
  std::istringstream in(input);
  CollectingSink sink;
  read_jsonl(in, "depeches.jsonl", sink, options);
  return sink;
}

const char* kGood = R"({"id":"ok","body":"Texte."})";

TEST(JsonlReader, MapsEveryKnownField) {
  const CollectingSink sink = read(
      R"({"id":"afp-1","title":"  Grève à la SNCF\u00a0: trafic perturbé ","body":"Les syndicats appellent à la grève.\n\nLe trafic sera «\u00a0très perturbé\u00a0».","date":"2022-11-08T14:05:00+01:00","url":"https://exemple.fr/a","source":"Agence Presse Monde","author":"Élise Martin","lang":"fr","countries":["FR"," BE ",""],"speakers":["Clément Beaune"]})"
      "\n");
  ASSERT_TRUE(sink.errors.empty()) << sink.errors.front();
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "afp-1");
  EXPECT_EQ(a.title, "Grève à la SNCF\u00a0: trafic perturbé");
  EXPECT_EQ(a.body,
            "Les syndicats appellent à la grève.\n\nLe trafic sera «\u00a0très perturbé\u00a0».");
  ASSERT_TRUE(a.date);
  EXPECT_EQ(a.date->iso(), "2022-11-08T14:05:00+01:00");
  EXPECT_EQ(a.url, "https://exemple.fr/a");
  EXPECT_EQ(a.source, "Agence Presse Monde");
  EXPECT_EQ(a.author, "Élise Martin");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.countries, (std::vector<std::string>{"FR", "BE"}));
  EXPECT_EQ(a.speakers, (std::vector<std::string>{"Clément Beaune"}));
  EXPECT_TRUE(a.extra.empty());
  EXPECT_EQ(a.origin.file, "depeches.jsonl");
  EXPECT_EQ(a.origin.line, 1u);
}

TEST(JsonlReader, ParsesRfc2822AndFrenchDates) {
  const CollectingSink sink =
      read(R"({"id":"a","body":"x","date":"Tue, 08 Nov 2022 14:05:00 +0100"})"
           "\n"
           R"({"id":"b","body":"x","date":"8 novembre 2022"})"
           "\n");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].date->iso(), "2022-11-08T14:05:00+01:00");
  EXPECT_EQ(sink.articles[1].date->iso(), "2022-11-08");
}

TEST(JsonlReader, KeepsUnknownFieldsAsCompactJson) {
  const CollectingSink sink =
      read(R"({"id":"a","body":"x","rubrique":"Économie","tags":[ "grève" , 2 ],"score":1.5})"
           "\n");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].extra,
            (std::vector<std::pair<std::string, std::string>>{
                {"rubrique", "\"Économie\""}, {"score", "1.5"}, {"tags", "[\"grève\",2]"}}));
}

TEST(JsonlReader, TreatsNullOptionalFieldsAsAbsent) {
  const CollectingSink sink =
      read(R"({"id":"a","body":"x","title":null,"date":null,"countries":null})"
           "\n");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "");
  EXPECT_FALSE(sink.articles[0].date);
}

TEST(JsonlReader, SkipsBlankLinesAndCountsThem) {
  const CollectingSink sink = read(std::string("\n   \n") + kGood + "\n\n" + R"({"id":1})" + "\n");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].origin.line, 3u);
  EXPECT_EQ(
      sink.errors,
      (std::vector<std::string>{"depeches.jsonl:5: field 'id' must be a string, got number"}));
}

TEST(JsonlReader, AcceptsBomAndCrlf) {
  const CollectingSink sink =
      read(std::string("\xEF\xBB\xBF") + kGood + "\r\n" + R"({"id":"b","body":"Été"})" + "\r\n");
  EXPECT_TRUE(sink.errors.empty());
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"ok", "b"}));
  EXPECT_EQ(sink.articles[1].body, "Été");
}

// One row per rejected-record class: the line that fails, and the exact message.
TEST(JsonlReader, RejectsBadRecordsWithFileLineAndReason) {
  struct Row {
    std::string line;
    std::string error;
  };
  const std::vector<Row> rows = {
      {R"({"id":"a","body":"x",})",
       "invalid JSON at byte 22: syntax error while parsing object key - unexpected '}'; expected "
       "string literal"},
      {R"({"id":"a","body":"x")",
       "invalid JSON at byte 21: syntax error while parsing object - unexpected end of input; "
       "expected '}'"},
      {R"(["id","body"])", "record must be a JSON object, got array"},
      {R"("juste une chaîne")", "record must be a JSON object, got string"},
      {R"({"body":"x"})", "missing required field 'id'"},
      {R"({"id":"a"})", "missing required field 'body'"},
      {R"({"id":"   ","body":"x"})", "field 'id' must not be empty"},
      {R"({"id":null,"body":"x"})", "field 'id' must be a string, got null"},
      {R"({"id":"a","body":"  "})", "field 'body' must not be empty"},
      {R"({"id":"a","body":["x"]})", "field 'body' must be a string, got array"},
      {R"({"id":"a","body":"x","title":42})", "field 'title' must be a string, got number"},
      {R"({"id":"a","body":"x","author":true})", "field 'author' must be a string, got boolean"},
      {R"({"id":"a","body":"x","date":20221108})", "field 'date' must be a string, got number"},
      {R"({"id":"a","body":"x","date":"xyz"})", "unparseable date 'xyz'"},
      {R"({"id":"a","body":"x","date":"30 février 2023"})", "unparseable date '30 février 2023'"},
      {R"({"id":"a","body":"x","countries":"FR"})",
       "field 'countries' must be an array of strings, got string"},
      {R"({"id":"a","body":"x","speakers":["Kirby",7]})",
       "field 'speakers' must be an array of strings, got number at index 1"},
      {R"({"id":"a\u0001b","body":"x"})", "field 'id' contains a control character"},
      {"{\"id\":\"a\",\"body\":\"caf\xC3\"}", "invalid UTF-8 at byte 22"},
      {"{\"id\":\"a\",\"body\":\"x\",\"t\":\"\xED\xA0\x80\"}", "invalid UTF-8 at byte 27"},
      {"{\"id\":\"a\",\"body\":\"\xC0\xAF\"}", "invalid UTF-8 at byte 19"},
  };
  for (const Row& row : rows) {
    const CollectingSink sink = read(row.line + "\n" + kGood + "\n");
    ASSERT_EQ(sink.errors.size(), 1u) << row.line;
    EXPECT_EQ(sink.errors[0], "depeches.jsonl:1: " + row.error) << row.line;
    // The good record after the bad one still comes through.
    ASSERT_EQ(sink.articles.size(), 1u) << row.line;
    EXPECT_EQ(sink.articles[0].origin.line, 2u);
  }
}

TEST(JsonlReader, ReportsInvalidUtf8PositionAfterBom) {
  const CollectingSink sink = read("\xEF\xBB\xBF{\"id\":\"\xFF\",\"body\":\"x\"}\n");
  EXPECT_EQ(sink.errors, (std::vector<std::string>{"depeches.jsonl:1: invalid UTF-8 at byte 11"}));
}

TEST(JsonlReader, ReportsTruncatedLastLineLikeAnyInvalidLine) {
  const CollectingSink sink =
      read(std::string(kGood) + "\n" + R"({"id":"b","body":"La suite de l’arti)");
  ASSERT_EQ(sink.articles.size(), 1u);
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].rfind("depeches.jsonl:2: invalid JSON at byte ", 0), 0u)
      << sink.errors[0];
}

// Found by fuzzing (tests/fuzz/corpus/jsonl/crash-number-overflow): nlohmann reports a number
// beyond a double as out_of_range, which used to escape read_jsonl and stop the whole run.
TEST(JsonlReader, RejectsNumberOverflowAsOneBadLineAndGoesOn) {
  const CollectingSink sink =
      read(std::string(R"({"id":"a","body":"x","score":1e999})") + "\n" + kGood + "\n" +
           R"({"id":"b","body":"x","n":[-1E+400]})" + "\n");
  EXPECT_EQ(sink.errors,
            (std::vector<std::string>{
                "depeches.jsonl:1: invalid JSON: number overflow parsing '1e999'",
                "depeches.jsonl:3: invalid JSON: number overflow parsing '-1E+400'"}));
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"ok"}));
}

TEST(JsonlReader, AcceptsLastLineWithoutNewline) {
  const CollectingSink sink = read(std::string(kGood) + "\n" + R"({"id":"b","body":"fin"})");
  EXPECT_TRUE(sink.errors.empty());
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"ok", "b"}));
}

TEST(JsonlReader, RejectsNestingDeeperThan64Levels) {
  const auto nested = [](int depth) {
    return R"({"id":"a","body":"x","extra":)" +
           std::string(static_cast<std::size_t>(depth - 1), '[') +
           std::string(static_cast<std::size_t>(depth - 1), ']') + "}";
  };
  // Brackets inside strings do not count.
  const std::string in_string = R"({"id":"b","body":")" + std::string(500, '[') + R"("})";
  // 100 000 levels would overflow a recursive parser's stack: it must be refused by scanning.
  const CollectingSink sink =
      read(nested(64) + "\n" + nested(65) + "\n" + nested(100000) + "\n" + in_string + "\n");
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(sink.errors, (std::vector<std::string>{
                             "depeches.jsonl:2: JSON nested deeper than 64 levels at byte 93",
                             "depeches.jsonl:3: JSON nested deeper than 64 levels at byte 93"}));
}

TEST(JsonlReader, RejectsIdsLongerThan1024Bytes) {
  const std::string ok_id(1024, 'a');
  const std::string long_id(1025, 'b');
  const CollectingSink sink = read(R"({"id":")" + ok_id +
                                   R"(","body":"x"})"
                                   "\n"
                                   R"({"id":")" +
                                   long_id +
                                   R"(","body":"x"})"
                                   "\n");
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{ok_id}));
  EXPECT_EQ(
      sink.errors,
      (std::vector<std::string>{"depeches.jsonl:2: field 'id' is longer than 1024 bytes (1025)"}));
}

TEST(JsonlReader, ReadsFiveMegabyteLine) {
  std::string body;
  while (body.size() < 5u << 20) body += "La Corée du Nord dément toute livraison d’armes. ";
  const CollectingSink sink = read(R"({"id":"long","body":")" + body +
                                   R"("})"
                                   "\n" +
                                   kGood + "\n");
  EXPECT_TRUE(sink.errors.empty());
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].body.size(), body.size() - 1);  // trailing space trimmed
}

TEST(JsonlReader, RejectsLinesOverTheCapAndGoesOn) {
  JsonlOptions options;
  options.max_line_bytes = 100;
  const CollectingSink sink = read(R"({"id":"big","body":")" + std::string(300, 'x') +
                                       R"("})"
                                       "\n" +
                                       kGood + "\n",
                                   options);
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"ok"}));
  EXPECT_EQ(sink.errors,
            (std::vector<std::string>{"depeches.jsonl:1: line longer than 100 bytes"}));
}

TEST(JsonlReader, DuplicateIdsAreNotAnError) {
  const CollectingSink sink = read(std::string(kGood) + "\n" + kGood + "\n");
  EXPECT_TRUE(sink.errors.empty());
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"ok", "ok"}));
}

TEST(JsonlReader, ReplacesControlCharactersInTitleAndBody) {
  const CollectingSink sink = read(
      R"({"id":"a","title":"Un\u0000titre\nsur deux lignes","body":"Ligne\u0000un\r\n\tdeux\u000bfin\u0085."})"
      "\n");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Un titre sur deux lignes");
  EXPECT_EQ(sink.articles[0].body, "Ligne un\n\tdeux fin .");
}

TEST(JsonlReader, SinkExceptionsPropagate) {
  std::istringstream in(std::string(R"({"id":1})") + "\n" + kGood + "\n");
  testing::ThrowingSink sink;
  EXPECT_THROW(read_jsonl(in, "f.jsonl", sink), testing::ThrowingSink::Stop);
  EXPECT_TRUE(sink.articles.empty());
}

}  // namespace
}  // namespace depeche::indexer
