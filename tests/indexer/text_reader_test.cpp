// Tests of the plain-text article reader: layout, Date header, trailer removal, id-derived dates
// and the rejected-file classes.
#include "indexer/text_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tests/indexer/collecting_sink.h"

namespace depeche::indexer {
namespace {

using testing::CollectingSink;
using namespace std::string_literals;

CollectingSink parse(const std::string& content, const std::string& id = "breve.txt") {
  CollectingSink sink;
  parse_text_article(content, "archive/" + id, id, sink);
  return sink;
}

TEST(TextReader, ReadsTitleAndParagraphs) {
  const CollectingSink sink = parse(
      "Le Sénat adopte la réforme des retraites\n"
      "\n"
      "\n"
      "Les sénateurs ont voté le texte dans la nuit,\n"
      "après des débats qualifiés de «\u00a0houleux\u00a0».\n"
      "\n"
      "Le gouvernement salue «\u00a0une étape\u00a0» décisive.\n");
  ASSERT_TRUE(sink.errors.empty()) << sink.errors.front();
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "breve.txt");
  EXPECT_EQ(a.title, "Le Sénat adopte la réforme des retraites");
  EXPECT_EQ(a.body,
            "Les sénateurs ont voté le texte dans la nuit, après des débats qualifiés de "
            "«\u00a0houleux\u00a0».\n\n"
            "Le gouvernement salue «\u00a0une étape\u00a0» décisive.");
  EXPECT_FALSE(a.date);
  EXPECT_EQ(a.origin.file, "archive/breve.txt");
  EXPECT_EQ(a.origin.line, 1u);
}

TEST(TextReader, ReadsDateHeaderAfterBlankLineOrOnLineTwo) {
  struct Row {
    std::string content;
    std::string date;
  };
  const std::vector<Row> rows = {
      {"Titre\n\nDate: 12 mai 2017\n\nCorps du texte.\n", "2017-05-12"},
      {"Titre\nDate: 2017-05-12\nCorps du texte.\n", "2017-05-12"},
      {"Titre\n\nDate : mardi 8 novembre 2022\n\nCorps.\n", "2022-11-08"},
      {"Titre\n\ndate:Tue, 08 Nov 2022 14:05:00 +0100\n\nCorps.\n", "2022-11-08T14:05:00+01:00"},
      {"Titre\n\nDATE: 08/11/2022\nCorps.\n", "2022-11-08"},
  };
  for (const Row& row : rows) {
    const CollectingSink sink = parse(row.content);
    ASSERT_EQ(sink.articles.size(), 1u) << row.content;
    ASSERT_TRUE(sink.articles[0].date) << row.content;
    EXPECT_EQ(sink.articles[0].date->iso(), row.date) << row.content;
    EXPECT_EQ(sink.articles[0].body.substr(0, 5), "Corps") << row.content;
  }
}

TEST(TextReader, DateLineLaterInTheBodyIsText) {
  const CollectingSink sink = parse("Titre\n\nPremier paragraphe.\n\nDate: 12 mai 2017\n");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_FALSE(sink.articles[0].date);
  EXPECT_EQ(sink.articles[0].body, "Premier paragraphe.\n\nDate: 12 mai 2017");
}

TEST(TextReader, RejectsUnparseableDateHeaderAtItsLine) {
  const CollectingSink sink = parse("Titre\n\nDate: le jour d’après\n\nCorps.\n");
  EXPECT_TRUE(sink.articles.empty());
  EXPECT_EQ(sink.errors,
            (std::vector<std::string>{"archive/breve.txt:3: unparseable date 'le jour d’après'"}));
}

TEST(TextReader, DropsSourceLinkTrailers) {
  const std::vector<std::string> trailers = {"Source link",      "Source link -31",
                                             "Source link - 12", "SOURCE LINK",
                                             "source link 7",    "  Source link -31  "};
  for (const std::string& trailer : trailers) {
    const CollectingSink sink = parse("Titre\n\nCorps de l’article.\n\n\n" + trailer);
    ASSERT_EQ(sink.articles.size(), 1u) << trailer;
    EXPECT_EQ(sink.articles[0].body, "Corps de l’article.") << trailer;
  }
  // Several junk lines in a row, and one glued to the last paragraph.
  const CollectingSink sink = parse("Titre\n\nCorps.\nSource link\n\nSource link -31\n");
  EXPECT_EQ(sink.articles.at(0).body, "Corps.");
}

TEST(TextReader, SourceLinkTrailerPattern) {
  struct Row {
    const char* line;
    bool junk;
  };
  const std::vector<Row> rows = {
      {"Source link", true},        {"Source link -31", true},  {"Source link - 12", true},
      {"source LINK", true},        {"Source link 4", true},    {"Sourcelink", false},
      {"Source link : AFP", false}, {"Source", false},          {"Source link -", true},
      {"La source link", false},    {"Source link -3a", false},
  };
  for (const Row& row : rows) EXPECT_EQ(is_source_link_trailer(row.line), row.junk) << row.line;
}

// Found by fuzzing (tests/fuzz/corpus/text/crash-trailer-with-control-character): a control
// character hid a trailer or a blank line from the checks, and cleaning then turned it into a
// "Source link" paragraph or an empty one ("Corps.\n\n").
TEST(TextReader, JudgesTrailersAndBlankLinesAfterCleaningControlCharacters) {
  const CollectingSink trailer_only = parse("Un titre seul\n\n\nSource link\b");
  EXPECT_TRUE(trailer_only.articles.empty());
  EXPECT_EQ(trailer_only.errors,
            (std::vector<std::string>{"archive/breve.txt:1: no body text after the title"}));
  struct Row {
    std::string content;
    std::string body;
  };
  const std::vector<Row> rows = {
      {"Titre\n\nCorps.\n\nSource link\b", "Corps."},
      {"Titre\n\nCorps.\n\nSource link -31\0"s, "Corps."},
      {"Titre\n\nCorps.\n\n\x01\n", "Corps."},
      {"Titre\n\nUn.\n\n\x02\x7f\n\nDeux.", "Un.\n\nDeux."},
  };
  for (const Row& row : rows) {
    const CollectingSink sink = parse(row.content);
    ASSERT_EQ(sink.articles.size(), 1u) << row.content;
    EXPECT_EQ(sink.articles[0].body, row.body);
  }
}

TEST(TextReader, KeepsSourceLinkInsideTheBody) {
  const CollectingSink sink = parse("Titre\n\nSource link\n\nVrai paragraphe.\n");
  EXPECT_EQ(sink.articles.at(0).body, "Source link\n\nVrai paragraphe.");
}

TEST(TextReader, AcceptsBomAndCrlf) {
  const CollectingSink sink = parse(
      "\xEF\xBB\xBFTitre accentué\r\n\r\nDate: 3 février 2016\r\n\r\nLigne un\r\nligne deux\r\n");
  ASSERT_TRUE(sink.errors.empty()) << sink.errors.front();
  EXPECT_EQ(sink.articles.at(0).title, "Titre accentué");
  EXPECT_EQ(sink.articles.at(0).body, "Ligne un ligne deux");
  EXPECT_EQ(sink.articles.at(0).date->iso(), "2016-02-03");
}

TEST(TextReader, TakesDateFromPathWithoutHeader) {
  const CollectingSink sink = parse("Titre\n\nCorps.\n", "2022/11/08/coree.txt");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].id, "2022/11/08/coree.txt");
  EXPECT_EQ(sink.articles[0].date->iso(), "2022-11-08");
}

TEST(TextReader, HeaderDateWinsOverPathDate) {
  const CollectingSink sink =
      parse("Titre\n\nDate: 1er mars 2024\n\nCorps.\n", "2022-11-08-coree.txt");
  EXPECT_EQ(sink.articles.at(0).date->iso(), "2024-03-01");
}

TEST(TextReader, RejectsEmptyFilesAndFilesWithoutBody) {
  struct Row {
    std::string content;
    std::string error;
  };
  const std::vector<Row> rows = {
      {"", "archive/breve.txt:1: empty file"},
      {"\n \n\u00a0\n", "archive/breve.txt:1: empty file"},
      {"\xEF\xBB\xBF", "archive/breve.txt:1: empty file"},
      {"Un titre seul\n", "archive/breve.txt:1: no body text after the title"},
      {"Un titre\n\nDate: 12 mai 2017\n\n", "archive/breve.txt:1: no body text after the title"},
      {"Un titre\n\nSource link -31\n", "archive/breve.txt:1: no body text after the title"},
  };
  for (const Row& row : rows) {
    const CollectingSink sink = parse(row.content);
    EXPECT_TRUE(sink.articles.empty()) << row.content;
    EXPECT_EQ(sink.errors, std::vector<std::string>{row.error}) << row.content;
  }
}

TEST(TextReader, RejectsInvalidUtf8WithLineNumber) {
  struct Row {
    std::string content;
    std::string error;
  };
  const std::vector<Row> rows = {
      {"Titre\n\nUn texte en latin-1 : caf\xE9.\n",
       "archive/breve.txt:3: invalid UTF-8 at byte 26"},
      {"Ti\xFFtre\n\nCorps.\n", "archive/breve.txt:1: invalid UTF-8 at byte 3"},
      {"\xEF\xBB\xBFTi\xFFtre\n\nCorps.\n", "archive/breve.txt:1: invalid UTF-8 at byte 6"},
      {"Titre\r\n\r\nCorps \xC3", "archive/breve.txt:3: invalid UTF-8 at byte 7"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(parse(row.content).errors, std::vector<std::string>{row.error}) << row.content;
  }
}

TEST(TextReader, ReplacesControlCharacters) {
  const CollectingSink sink = parse("Titre\x01 propre\n\nCorps\x00sans NUL.\n"s);
  EXPECT_EQ(sink.articles.at(0).title, "Titre propre");
  EXPECT_EQ(sink.articles.at(0).body, "Corps sans NUL.");
}

TEST(TextReader, ReadsFromStream) {
  std::istringstream in("Titre\n\nCorps du flux.\n");
  CollectingSink sink;
  read_text(in, "-", "-", sink);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].id, "-");
  EXPECT_EQ(sink.articles[0].body, "Corps du flux.");
}

}  // namespace
}  // namespace depeche::indexer
