// Tests of html_to_text: tags, entities, block breaks, white space, and malformed markup.
#include "indexer/html_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace depeche::indexer {
namespace {

struct Row {
  std::string html;
  std::string text;
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) EXPECT_EQ(html_to_text(row.html), row.text) << "html: " << row.html;
}

TEST(HtmlText, DropsTagsAndKeepsInlineText) {
  check_rows({
      {"Le <b>président</b> a <a href=\"/x\" title='a > b'>parlé</a>.", "Le président a parlé."},
      {"<span>in</span><span>dépendance</span>", "indépendance"},
      {"<img src=\"a.jpg\" alt=\"photo\"/>Légende", "Légende"},
      {"", ""},
      {"Texte brut sans balise", "Texte brut sans balise"},
  });
}

TEST(HtmlText, TurnsBlockTagsIntoParagraphBreaks) {
  check_rows({
      {"<p>Premier.</p><p>Second.</p>", "Premier.\n\nSecond."},
      {"Ligne un<br>ligne deux<br/>ligne trois", "Ligne un\n\nligne deux\n\nligne trois"},
      {"<h2>Titre</h2><div>Corps</div>", "Titre\n\nCorps"},
      {"<ul><li>un</li><li>deux</li></ul>", "un\n\ndeux"},
      {"<p></p><p>  </p><p>Seul</p><br><br>", "Seul"},
      {"<table><tr><td>a</td><td>b</td></tr></table>", "a b"},
  });
}

TEST(HtmlText, DecodesNamedEntities) {
  check_rows({
      {"&laquo;&nbsp;Bonjour&nbsp;&raquo;", "«\u00a0Bonjour\u00a0»"},
      {"l&rsquo;&eacute;t&eacute; &hellip; &mdash; fin", "l’été … — fin"},
      {"&Eacute;cole &agrave; &ccedil;a &oelig;uvre &OElig;", "École à ça œuvre Œ"},
      {"a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;", "a & b <c> \"d\" 'e'"},
      {"10&euro; &ndash; 5&deg;", "10€ – 5°"},
  });
}

TEST(HtmlText, DecodesNumericReferences) {
  check_rows({
      {"l&#8217;armée", "l’armée"},
      {"l&#x2019;armée &#X2019;", "l’armée ’"},
      {"&#233;t&#xE9;", "été"},
      {"l&#146;an &#156;uvre", "l’an œuvre"},  // windows-1252 range, as browsers read it
      {"&#0;&#xD800;&#1114112;", "\uFFFD\uFFFD\uFFFD"},
      {"a&#32;&#10;b", "a b"},
  });
}

TEST(HtmlText, LeavesUnknownOrBrokenEntitiesLiteral) {
  check_rows({
      {"AT&T", "AT&T"},
      {"&inconnu; &eacute", "&inconnu; &eacute"},
      {"&#xZZ; &#;", "&#xZZ; &#;"},
      {"fin &", "fin &"},
  });
}

TEST(HtmlText, DropsScriptStyleAndComments) {
  check_rows({
      {"Avant<script>var x = '<p>';</script>après", "Avantaprès"},
      {"<style type=\"text/css\">p { color: red }</style>Texte", "Texte"},
      {"<SCRIPT>alert(1)</SCRIPT >Suite", "Suite"},
      {"Un <!-- commentaire <p> --> deux", "Un deux"},
      {"<![CDATA[brut <b>]]> fin", "brut <b> fin"},
      {"<!DOCTYPE html><?xml version=\"1.0\"?>Doc", "Doc"},
  });
}

TEST(HtmlText, CollapsesWhiteSpace) {
  check_rows({
      {"  Un \n\t  deux   trois  ", "Un deux trois"},
      {"<p>\n  Premier\n</p>\n\n<p>\n  Second\n</p>", "Premier\n\nSecond"},
  });
}

TEST(HtmlText, SurvivesMalformedMarkup) {
  check_rows({
      {"a < b et c > d", "a < b et c > d"},
      {"Texte <b>non fermé", "Texte non fermé"},
      {"Début <a href=\"x", "Début"},
      {"<p class=\"a>Guillemet perdu</p>Suite", "Guillemet perdu\n\nSuite"},
      {"<script>jamais fermé", ""},
      {"<!-- jamais fermé", ""},
      {"<", "<"},
      {"</", "</"},
      {"x</>y", "x</>y"},
      {"<<p>>", "<\n\n>"},
  });
}

TEST(HtmlText, DecodeCharacterReference) {
  EXPECT_EQ(decode_character_reference("eacute"), "é");
  EXPECT_EQ(decode_character_reference("#8217"), "’");
  EXPECT_EQ(decode_character_reference("#x2019"), "’");
  EXPECT_EQ(decode_character_reference("nope"), "");
  EXPECT_EQ(decode_character_reference("#123456789"), "");
}

}  // namespace
}  // namespace depeche::indexer
