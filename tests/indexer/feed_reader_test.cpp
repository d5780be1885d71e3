// Tests of the RSS and Atom reader: field mapping, fallbacks, HTML bodies, and rejected items.
#include "indexer/feed_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tests/indexer/collecting_sink.h"

namespace depeche::indexer {
namespace {

using testing::CollectingSink;

CollectingSink parse(const std::string& xml) {
  CollectingSink sink;
  parse_feed(xml, "flux.xml", sink);
  return sink;
}

std::string rss(const std::string& items) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                       // 1
         "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"  // 2
         "     xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"                              // 3
         "<channel>\n"                                                                        // 4
         "<title>L’Écho du Midi</title>\n"                                                    // 5
         "<language>fr-FR</language>\n"                                                       // 6
         + items + "</channel>\n</rss>\n";  // 7…
}

std::string atom(const std::string& entries) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"                    // 1
         "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n"  // 2
         "<title>Revue &amp; Débats</title>\n"                             // 3
         "<author><name>La Rédaction</name></author>\n"                    // 4
         + entries + "</feed>\n";                                          // 5…
}

TEST(FeedReader, MapsRssItemFields) {
  const CollectingSink sink = parse(
      rss("<item>\n"
          "  <title>Crue de la Garonne&#160;: alerte orange</title>\n"
          "  <link>https://echo.example.fr/crue</link>\n"
          "  <guid isPermaLink=\"false\"> echo-2022-11-08-crue </guid>\n"
          "  <pubDate>Tue, 08 Nov 2022 06:00:00 +0100</pubDate>\n"
          "  <author>redaction@echo.example.fr (Paul Sabatier)</author>\n"
          "  <description>&lt;p&gt;Le fleuve a atteint 7&amp;nbsp;m &amp;agrave; "
          "Toulouse.&lt;/p&gt;&lt;p&gt;Les quais sont ferm&amp;eacute;s.&lt;/p&gt;</description>\n"
          "</item>\n"));
  ASSERT_TRUE(sink.errors.empty()) << sink.errors.front();
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "echo-2022-11-08-crue");
  EXPECT_EQ(a.title, "Crue de la Garonne\u00a0: alerte orange");
  EXPECT_EQ(a.body, "Le fleuve a atteint 7\u00a0m à Toulouse.\n\nLes quais sont fermés.");
  EXPECT_EQ(a.url, "https://echo.example.fr/crue");
  EXPECT_EQ(a.author, "redaction@echo.example.fr (Paul Sabatier)");
  EXPECT_EQ(a.source, "L’Écho du Midi");
  EXPECT_EQ(a.lang, "fr-FR");
  ASSERT_TRUE(a.date);
  EXPECT_EQ(a.date->iso(), "2022-11-08T06:00:00+01:00");
  EXPECT_EQ(a.origin.file, "flux.xml");
  EXPECT_EQ(a.origin.line, 7u);
}

TEST(FeedReader, PrefersContentEncodedAndFallsBackToLinkAndDcFields) {
  const CollectingSink sink =
      parse(rss("<item>\n"
                "  <title>Titre</title>\n"
                "  <link>https://echo.example.fr/b</link>\n"
                "  <dc:creator>Anne Roussel</dc:creator>\n"
                "  <dc:date>2022-11-09T10:00:00Z</dc:date>\n"
                "  <description>Résumé court</description>\n"
                "  <content:encoded><![CDATA[<p>Texte <em>complet</em> de "
                "l&rsquo;article.</p>]]></content:encoded>\n"
                "</item>\n"));
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "https://echo.example.fr/b");
  EXPECT_EQ(a.body, "Texte complet de l’article.");
  EXPECT_EQ(a.author, "Anne Roussel");
  EXPECT_EQ(a.date->iso(), "2022-11-09T10:00:00+00:00");
}

TEST(FeedReader, MapsAtomEntryFields) {
  const CollectingSink sink = parse(atom(
      "<entry>\n"
      "  <title type=\"html\">Le &lt;em&gt;Conseil d’État&lt;/em&gt; tranche</title>\n"
      "  <id>urn:revue:2022:conseil</id>\n"
      "  <link rel=\"self\" href=\"https://revue.example.fr/api/conseil\"/>\n"
      "  <link rel=\"alternate\" type=\"text/html\" href=\"https://revue.example.fr/conseil\"/>\n"
      "  <updated>2022-11-10T12:00:00+01:00</updated>\n"
      "  <published>2022-11-09T08:00:00+01:00</published>\n"
      "  <author><name>Hélène Morel</name></author>\n"
      "  <summary>Résumé.</summary>\n"
      "  <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Premier &amp; "
      "unique.</p><p>Suite.</p></div></content>\n"
      "</entry>\n"));
  ASSERT_TRUE(sink.errors.empty()) << sink.errors.front();
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "urn:revue:2022:conseil");
  EXPECT_EQ(a.title, "Le Conseil d’État tranche");
  EXPECT_EQ(a.body, "Premier & unique.\n\nSuite.");
  EXPECT_EQ(a.url, "https://revue.example.fr/conseil");
  EXPECT_EQ(a.author, "Hélène Morel");
  EXPECT_EQ(a.source, "Revue & Débats");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.date->iso(), "2022-11-09T08:00:00+01:00");
  EXPECT_EQ(a.origin.line, 5u);
}

TEST(FeedReader, AtomPlainTextIsNotTreatedAsHtml) {
  const CollectingSink sink = parse(
      atom("<entry>\n"
           "  <link href=\"https://revue.example.fr/x\"/>\n"
           "  <title>Inégalités : 3 &lt; 5</title>\n"
           "  <updated>2022-11-10T12:00:00Z</updated>\n"
           "  <summary type=\"text\">Une ligne\n  coupée.\n\nUn &lt;b&gt; littéral.</summary>\n"
           "</entry>\n"));
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "https://revue.example.fr/x");
  EXPECT_EQ(a.url, "https://revue.example.fr/x");
  EXPECT_EQ(a.title, "Inégalités : 3 < 5");
  EXPECT_EQ(a.body, "Une ligne coupée.\n\nUn <b> littéral.");
  EXPECT_EQ(a.author, "La Rédaction");  // inherited from the feed
  EXPECT_EQ(a.date->iso(), "2022-11-10T12:00:00+00:00");
}

// Found by fuzzing (tests/fuzz/corpus/feed/crash-invalid-utf8-lang): the language was the one
// field not checked for invalid UTF-8, so such bytes reached the index and the stored document.
TEST(FeedReader, RejectsInvalidUtf8InTheLanguage) {
  const CollectingSink entry = parse(
      atom("<entry xml:lang=\"e\xE9\"><id>urn:a</id><summary>Texte.</summary></entry>\n"  // 5
           "<entry><id>urn:b</id><summary>Texte.</summary></entry>\n"));                   // 6
  EXPECT_EQ(entry.ids(), (std::vector<std::string>{"urn:b"}));
  EXPECT_EQ(entry.errors, (std::vector<std::string>{"flux.xml:5: invalid UTF-8 in entry lang"}));

  const CollectingSink channel = parse(
      "<rss><channel><language>fr\xFF</language>\n"
      "<item><guid>a</guid><description>Texte.</description></item></channel></rss>");
  EXPECT_TRUE(channel.articles.empty());
  EXPECT_EQ(channel.errors, (std::vector<std::string>{"flux.xml:2: invalid UTF-8 in item lang"}));
}

// Found by fuzzing: a plain-text paragraph made only of control characters cleaned down to
// nothing but still got its "\n\n", leaving blank paragraphs and a body ending in newlines.
TEST(FeedReader, AtomPlainTextDropsParagraphsOfControlCharacters) {
  const CollectingSink sink = parse(atom(
      "<entry><id>urn:c</id><summary>Un.\n\n\x01\n\nDeux.\n\n\x02\x7f</summary></entry>\n"));
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.errors.empty() ? "" : sink.errors[0]);
  EXPECT_EQ(sink.articles[0].body, "Un.\n\nDeux.");
}

TEST(FeedReader, ReadsRss1Rdf) {
  const CollectingSink sink = parse(
      "<?xml version=\"1.0\"?>\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
      "xmlns=\"http://purl.org/rss/1.0/\"\n"
      "         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
      "<channel><title>Ancien flux</title></channel>\n"
      "<item><title>Vieux</title><link>https://ancien.example.fr/1</link>"
      "<description>Texte ancien.</description><dc:date>2004-05-06</dc:date></item>\n"
      "</rdf:RDF>\n");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].source, "Ancien flux");
  EXPECT_EQ(sink.articles[0].date->iso(), "2004-05-06");
  EXPECT_EQ(sink.articles[0].origin.line, 5u);
}

TEST(FeedReader, RejectsBadItemsAtTheirLineAndKeepsTheOthers) {
  const CollectingSink sink = parse(
      rss("<item><title>Sans identifiant</title><description>Texte.</description></item>\n"  // 7
          "<item><guid>vide</guid><title>Sans texte</title></item>\n"                        // 8
          "<item><guid>date</guid><description>Texte.</description>"
          "<pubDate>hier soir</pubDate></item>\n"                                    // 9
          "<item><guid>bon</guid><description>Texte valide.</description></item>\n"  // 10
          "<item><guid>octets</guid><description>caf\xE9</description></item>\n"     // 11
          "<item><guid>impossible</guid><description>Texte.</description>"
          "<pubDate>Thu, 30 Feb 2023 10:00:00 GMT</pubDate></item>\n"));  // 12
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"bon"}));
  EXPECT_EQ(sink.errors,
            (std::vector<std::string>{
                "flux.xml:7: item has neither guid nor link",
                "flux.xml:8: item has no text (content:encoded and description empty or missing)",
                "flux.xml:9: unparseable date 'hier soir'",
                "flux.xml:11: invalid UTF-8 in item body",
                "flux.xml:12: unparseable date 'Thu, 30 Feb 2023 10:00:00 GMT'",
            }));
}

TEST(FeedReader, RejectsAtomEntryWithoutIdOrText) {
  const CollectingSink sink =
      parse(atom("<entry><title>Rien</title><summary>Texte.</summary></entry>\n"  // 5
                 "<entry><id>urn:x</id><title>Titre seul</title></entry>\n"))     // 6
      ;
  EXPECT_TRUE(sink.articles.empty());
  EXPECT_EQ(sink.errors,
            (std::vector<std::string>{
                "flux.xml:5: entry has neither id nor link",
                "flux.xml:6: entry has no text (content and summary empty or missing)"}));
}

TEST(FeedReader, ReportsMalformedXmlWithLine) {
  struct Row {
    std::string xml;
    std::string error;
  };
  const std::vector<Row> rows = {
      {rss("<item><title>Ouvert</item>\n"), "flux.xml:7: malformed XML: Start-end tags mismatch"},
      {"<?xml version=\"1.0\"?>\n<rss>\n<channel>\n<item>\n",
       "flux.xml:4: malformed XML: Start-end tags mismatch"},
      {"", "flux.xml:1: malformed XML: No document element found"},
      {"\n\n<rss><channel><title x=1>a</title></channel></rss>",
       "flux.xml:3: malformed XML: Error parsing element attribute"},
  };
  for (const Row& row : rows) {
    const CollectingSink sink = parse(row.xml);
    EXPECT_TRUE(sink.articles.empty());
    EXPECT_EQ(sink.errors, std::vector<std::string>{row.error}) << row.xml;
  }
}

TEST(FeedReader, RejectsDocumentsThatAreNotFeeds) {
  const CollectingSink sink = parse("<?xml version=\"1.0\"?>\n<html><body>Page</body></html>\n");
  EXPECT_EQ(
      sink.errors,
      (std::vector<std::string>{"flux.xml:2: not an RSS or Atom feed (root element <html>)"}));
}

TEST(FeedReader, AcceptsCrlfAndBom) {
  std::string xml =
      "\xEF\xBB\xBF" +
      rss("<item>\r\n<guid>a</guid>\r\n<description>Texte.</description>\r\n</item>\r\n");
  std::string crlf;
  for (char c : xml) {
    if (c == '\n' && (crlf.empty() || crlf.back() != '\r')) crlf += '\r';
    crlf += c;
  }
  const CollectingSink sink = parse(crlf);
  ASSERT_TRUE(sink.errors.empty()) << sink.errors.front();
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].origin.line, 7u);
  EXPECT_EQ(sink.articles[0].source, "L’Écho du Midi");
}

TEST(FeedReader, ReadsFromStream) {
  std::istringstream in(
      rss("<item><guid>s</guid><description>Par le flux.</description></item>\n"));
  CollectingSink sink;
  read_feed(in, "-", sink);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].origin.file, "-");
}

}  // namespace
}  // namespace depeche::indexer
