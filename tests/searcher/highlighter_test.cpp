// Snippets: which words are marked, which passage is chosen, and how each front end renders it.
#include "searcher/highlighter.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "analyzers/french_analyzer.h"

namespace depeche::search {
namespace {

HighlightTerms query_terms(const std::string& query) {
  analysis::FrenchAnalyzer analyzer;
  HighlightTerms h;
  h.add(analyzer.analyze(query, analysis::AnalysisMode::kQuery));
  return h;
}

// The snippet's text with each mark in [brackets], offsets checked on the way.
std::string bracketed(const Snippet& s) {
  std::string out;
  std::size_t p = 0;
  for (const Highlight& h : s.highlights) {
    EXPECT_LE(p, h.begin);
    EXPECT_LT(h.begin, h.end);
    EXPECT_LE(h.end, s.text.size());
    out.append(s.text, p, h.begin - p);
    out += "[" + s.text.substr(h.begin, h.end - h.begin) + "]";
    p = h.end;
  }
  out.append(s.text, p);
  return out;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80                   ? 1
                    : (c >= 0xC2 && c <= 0xDF) ? 2
                    : (c >= 0xE0 && c <= 0xEF) ? 3
                    : (c >= 0xF0 && c <= 0xF4) ? 4
                                               : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// --- Which words are marked (whole text, as for titles) -----------------------------------------

struct MarkCase {
  const char* name;
  std::string query;
  std::string text;
  std::string expected;  // text with marks in [brackets]
};

void PrintTo(const MarkCase& c, std::ostream* os) { *os << c.name; }

class HighlighterMarks : public ::testing::TestWithParam<MarkCase> {};

TEST_P(HighlighterMarks, MarksExactlyTheMatchedWords) {
  Highlighter highlighter;
  const Snippet s = highlighter.highlight_all(GetParam().text, query_terms(GetParam().query));
  EXPECT_EQ(bracketed(s), GetParam().expected);
  EXPECT_EQ(s.text, GetParam().text);
  EXPECT_FALSE(s.truncated_start);
  EXPECT_FALSE(s.truncated_end);
}

const MarkCase kMarkCases[] = {
    {"ElidedAccentedWordForUnaccentedQuery", "armee", "Le chef de l’armée a parlé.",
     "Le chef de l’[armée] a parlé."},
    {"ElisionWithStraightApostrophe", "armee", "l'armée de terre", "l'[armée] de terre"},
    {"UppercaseElidedWord", "armee", "L’ARMÉE RECULE", "L’[ARMÉE] RECULE"},
    {"InflectedPlural", "élection", "Les élections législatives", "Les [élections] législatives"},
    {"AccentedQueryFindsUnaccentedText", "sécurité", "la securite routiere",
     "la [securite] routiere"},
    {"UnaccentedQueryFindsInflectedAccentedText", "armee", "les armées alliées",
     "les [armées] alliées"},
    {"LigatureFoldsToQuery", "coeur", "au cœur de Paris", "au [cœur] de Paris"},
    {"ElidedPresqu", "ile", "la presqu’île de Crozon", "la presqu’[île] de Crozon"},
    {"CompoundMarkedOnce", "etats-unis", "aux États-Unis hier", "aux [États-Unis] hier"},
    {"CompoundPartAlone", "unis", "aux États-Unis hier", "aux États-[Unis] hier"},
    {"LooseWordsMarkCompoundParts", "etats unis", "aux États-Unis", "aux [États]-[Unis]"},
    {"WildcardPrefix", "kirb*", "John Kirby et Kirbyson", "John [Kirby] et [Kirbyson]"},
    {"NfdTextKeepsCombiningMarkInside", "armee", "l’arme\u0301e", "l’[arme\u0301e]"},
    {"SoftHyphenInsideWord", "armee", "l’ar\u00ADmée", "l’[ar\u00ADmée]"},
    {"LooseStopwordsNotMarked", "la guerre", "la guerre et la paix", "la [guerre] et la paix"},
    {"SeveralQueryWords", "armée paix", "l’armée veut la paix", "l’[armée] veut la [paix]"},
    {"JoinedNumber", "200000", "200 000 manifestants", "[200 000] manifestants"},
    {"NoMatchNoMark", "armee", "rien à voir", "rien à voir"},
    {"EmptyText", "armee", "", ""},
};

INSTANTIATE_TEST_SUITE_P(Highlighter, HighlighterMarks, ::testing::ValuesIn(kMarkCases),
                         [](const auto& row) { return std::string(row.param.name); });

TEST(Highlighter, CompoundAndItsPartsMergeIntoOneMark) {
  Highlighter highlighter;
  const std::string text = "Les États-Unis.";
  const Snippet s = highlighter.highlight_all(text, query_terms("États-Unis"));
  ASSERT_EQ(s.highlights.size(), 1u);
  EXPECT_EQ(s.text.substr(s.highlights[0].begin, s.highlights[0].end - s.highlights[0].begin),
            "États-Unis");
}

TEST(Highlighter, EmptyTermsMarkNothing) {
  Highlighter highlighter;
  const Snippet s = highlighter.highlight_all("l’armée", HighlightTerms{});
  EXPECT_TRUE(s.highlights.empty());
  EXPECT_EQ(s.text, "l’armée");
}

// --- Which passage is chosen ---------------------------------------------------------------------

// Filler sentences without any query word.
std::string filler(std::size_t sentences) {
  std::string out;
  for (std::size_t i = 0; i < sentences; ++i) {
    out += "Le conseil municipal a examiné le budget de la commune pendant la séance. ";
  }
  return out;
}

TEST(Highlighter, DistinctWordsBeatRepeatedOnes) {
  Highlighter highlighter;
  const std::string text = "L’armée, l’armée et encore l’armée défilent. " + filler(8) +
                           "La marine et l’armée manœuvrent ensemble. " + filler(8);
  const Snippet s = highlighter.best_passage(text, query_terms("armée marine"), {});
  EXPECT_NE(s.text.find("La marine et l’armée manœuvrent"), std::string::npos) << s.text;
  EXPECT_NE(bracketed(s).find("La [marine] et l’[armée]"), std::string::npos);
}

TEST(Highlighter, MoreMatchesWinWhenDistinctWordsTie) {
  Highlighter highlighter;
  const std::string text =
      "Une armée passe. " + filler(8) + "L’armée et les armées alliées. " + filler(8);
  const Snippet s = highlighter.best_passage(text, query_terms("armee"), {});
  EXPECT_NE(s.text.find("L’armée et les armées alliées."), std::string::npos) << s.text;
}

TEST(Highlighter, EarliestPassageWinsATie) {
  Highlighter highlighter;
  const std::string text =
      filler(6) + "Première armée. " + filler(6) + "Seconde armée. " + filler(6);
  const Snippet s = highlighter.best_passage(text, query_terms("armee"), {});
  EXPECT_NE(s.text.find("Première"), std::string::npos) << s.text;
  EXPECT_EQ(s.text.find("Seconde"), std::string::npos) << s.text;
}

TEST(Highlighter, PassageStartsAtTheMatchedSentence) {
  Highlighter highlighter;
  const std::string text = filler(5) + "Le chef de l’armée a parlé. " + filler(5);
  const Snippet s = highlighter.best_passage(text, query_terms("armee"), {});
  EXPECT_EQ(s.text.rfind("Le chef de l’armée a parlé.", 0), 0u) << s.text;
  EXPECT_TRUE(s.truncated_start);
  EXPECT_TRUE(s.truncated_end);
  EXPECT_EQ(text.substr(s.source_begin, s.text.size()), s.text);
}

TEST(Highlighter, PassageEndsAtASentenceEndWhenOneIsInReach) {
  Highlighter highlighter;
  const std::string text = filler(5) + "Le chef de l’armée a parlé. " + filler(5);
  const Snippet s = highlighter.best_passage(text, query_terms("armee"), {});
  ASSERT_FALSE(s.text.empty());
  EXPECT_EQ(s.text.back(), '.') << s.text;
  EXPECT_LE(s.text.size(), 260u);
}

TEST(Highlighter, WithoutSentencesPassageCutsAtWordBoundaries) {
  Highlighter highlighter;
  std::string text;
  for (int i = 0; i < 60; ++i) text += "mot" + std::to_string(i) + " ";
  text += "l’armée ";
  for (int i = 60; i < 120; ++i) text += "mot" + std::to_string(i) + " ";
  const Snippet s = highlighter.best_passage(text, query_terms("armee"), {.max_bytes = 80});
  ASSERT_GT(s.source_begin, 0u);
  EXPECT_EQ(text[s.source_begin - 1], ' ');
  EXPECT_EQ(text[s.source_end], ' ');
  EXPECT_NE(s.text[0], ' ');
  EXPECT_NE(s.text.back(), ' ');
  EXPECT_LE(s.text.size(), 80u);
  EXPECT_NE(bracketed(s).find("l’[armée]"), std::string::npos) << s.text;
  EXPECT_TRUE(s.truncated_start);
  EXPECT_TRUE(s.truncated_end);
}

TEST(Highlighter, ElidedArticleStaysInsideThePassage) {
  Highlighter highlighter;
  // The match is at the very start of the budget: the passage still starts before "l’".
  std::string text;
  for (int i = 0; i < 40; ++i) text += "mot ";
  text += "l’armée";
  for (int i = 0; i < 40; ++i) text += " mot";
  const Snippet s = highlighter.best_passage(text, query_terms("armee"), {.max_bytes = 40});
  EXPECT_NE(s.text.find("l’armée"), std::string::npos) << s.text;
}

TEST(Highlighter, EveryMatchInsideTheChosenPassageIsMarked) {
  Highlighter highlighter;
  const std::string text =
      filler(4) + "La marine, puis l’armée, puis encore la marine. " + filler(4);
  const Snippet s = highlighter.best_passage(text, query_terms("armée marine"), {});
  EXPECT_NE(bracketed(s).find("La [marine], puis l’[armée], puis encore la [marine]."),
            std::string::npos)
      << bracketed(s);
}

TEST(Highlighter, NoMatchGivesTheLead) {
  Highlighter highlighter;
  const std::string text = "  Premier paragraphe du texte.\n\n" + filler(10);
  const Snippet s = highlighter.best_passage(text, query_terms("sous-marin"), {});
  EXPECT_EQ(s.text.rfind("Premier paragraphe du texte.", 0), 0u) << s.text;
  EXPECT_TRUE(s.highlights.empty());
  EXPECT_FALSE(s.truncated_start);
  EXPECT_TRUE(s.truncated_end);
  EXPECT_LE(s.text.size(), 260u);
  EXPECT_EQ(s.text.back(), '.');
}

TEST(Highlighter, ShortTextIsShownWhole) {
  Highlighter highlighter;
  const Snippet s = highlighter.best_passage("L’armée recule.", query_terms("armee"), {});
  EXPECT_EQ(bracketed(s), "L’[armée] recule.");
  EXPECT_FALSE(s.truncated_start);
  EXPECT_FALSE(s.truncated_end);
  EXPECT_EQ(s.source_begin, 0u);
}

TEST(Highlighter, SourceOffsetsPointIntoTheOriginal) {
  Highlighter highlighter;
  const std::string text = filler(5) + "Le chef de l’armée a parlé. " + filler(5);
  const Snippet s = highlighter.best_passage(text, query_terms("armee"), {});
  ASSERT_EQ(s.highlights.size(), 1u);
  ASSERT_EQ(s.source_highlights.size(), 1u);
  EXPECT_EQ(s.source_highlights[0].begin, s.source_begin + s.highlights[0].begin);
  EXPECT_EQ(text.substr(s.source_highlights[0].begin,
                        s.source_highlights[0].end - s.source_highlights[0].begin),
            "armée");
}

TEST(Highlighter, EmptyInputsGiveAnEmptySnippet) {
  Highlighter highlighter;
  for (const std::string& text : {std::string(), std::string(" \n\t ")}) {
    for (const std::string& query : {std::string(), std::string("armee")}) {
      const Snippet s = highlighter.best_passage(text, query_terms(query), {});
      EXPECT_TRUE(s.text.empty());
      EXPECT_TRUE(s.highlights.empty());
      EXPECT_FALSE(s.truncated_start);
      EXPECT_FALSE(s.truncated_end);
      EXPECT_EQ(render_plain(s), "");
      EXPECT_EQ(render_html(s), "");
    }
  }
}

TEST(Highlighter, ZeroBudgetStillShowsTheMatch) {
  Highlighter highlighter;
  const std::string text = filler(3) + "l’armée " + filler(3);
  const Snippet s = highlighter.best_passage(text, query_terms("armee"), {.max_bytes = 0});
  EXPECT_NE(bracketed(s).find("[armée]"), std::string::npos) << s.text;
}

// --- Bad bytes and boundaries --------------------------------------------------------------------

TEST(Highlighter, InvalidUtf8BecomesReplacementCharacterWithConsistentOffsets) {
  Highlighter highlighter;
  const std::string text = "Bad \xff\xfe bytes \xc3 then l’armée \xed\xa0\x80 ends \xe2\x82";
  const Snippet s = highlighter.highlight_all(text, query_terms("armee"));
  EXPECT_TRUE(valid_utf8(s.text)) << s.text;
  EXPECT_NE(s.text.find("\uFFFD"), std::string::npos);
  EXPECT_EQ(bracketed(s).find("[armée]") != std::string::npos, true) << bracketed(s);
  ASSERT_EQ(s.source_highlights.size(), 1u);
  EXPECT_EQ(text.substr(s.source_highlights[0].begin,
                        s.source_highlights[0].end - s.source_highlights[0].begin),
            "armée");
  EXPECT_TRUE(valid_utf8(render_plain(s)));
  EXPECT_TRUE(valid_utf8(render_html(s)));
}

TEST(Highlighter, RandomBytesNeverBreakTheSnippet) {
  Highlighter highlighter;
  const HighlightTerms terms = query_terms("armee marine");
  std::mt19937 rng(42);
  const std::vector<std::string> pieces = {"l’armée",    " ",        "marine", "é",
                                           "\xff",       "\xc3",     ". ",     "\n\n",
                                           "États-Unis", "\xe2\x80", "mot",    "\x1b[31m"};
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 200);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    const Snippet s = highlighter.best_passage(text, terms, {.max_bytes = rng() % 120});
    ASSERT_TRUE(valid_utf8(s.text)) << text;
    ASSERT_EQ(s.highlights.size(), s.source_highlights.size());
    for (const Highlight& h : s.highlights) {
      const std::string marked = s.text.substr(h.begin, h.end - h.begin);
      ASSERT_TRUE(marked == "armée" || marked == "marine") << marked << " in " << text;
    }
    ASSERT_TRUE(valid_utf8(render_ansi(s)));
    ASSERT_EQ(render_plain(s).find('\x1b'), std::string::npos);
  }
}

TEST(Highlighter, AccentedTextIsNeverCutInsideACharacter) {
  Highlighter highlighter;
  std::string text;
  for (int i = 0; i < 400; ++i) text += i % 37 == 0 ? "armée " : "éàèùçôîœ ";
  for (std::size_t budget = 1; budget < 90; budget += 7) {
    const Snippet s = highlighter.best_passage(text, query_terms("armee"), {.max_bytes = budget});
    EXPECT_TRUE(valid_utf8(s.text)) << budget;
    EXPECT_EQ(text.substr(s.source_begin, s.text.size()), s.text);
  }
}

TEST(Highlighter, HugeTextCompletes) {
  Highlighter highlighter;
  std::string text;
  while (text.size() < 5'000'000) {
    text += "Le chef d’état-major de l’armée a parlé aux États-Unis. « Nous sommes prêts. »\n\n";
  }
  text += "Enfin la marine et la flotte.";
  const Snippet s = highlighter.best_passage(text, query_terms("flotte armée marine"), {});
  EXPECT_NE(bracketed(s).find("Enfin la [marine] et la [flotte]."), std::string::npos) << s.text;
  EXPECT_TRUE(s.truncated_start);
  EXPECT_FALSE(s.truncated_end);
}

TEST(Highlighter, HugeTextWithoutWhitespaceCompletes) {
  Highlighter highlighter;
  std::string text;
  while (text.size() < 1'000'000) text += "é\xff";
  const Snippet s = highlighter.best_passage(text, query_terms("armee"), {});
  EXPECT_TRUE(valid_utf8(s.text));
  EXPECT_LE(s.text.size(), 600u);
}

// --- Renderings ----------------------------------------------------------------------------------

struct RenderCase {
  const char* name;
  Snippet snippet;
  std::string plain;
  std::string ansi;
  std::string html;
};

void PrintTo(const RenderCase& c, std::ostream* os) { *os << c.name; }

class HighlighterRender : public ::testing::TestWithParam<RenderCase> {};

TEST_P(HighlighterRender, RendersEachFrontEnd) {
  EXPECT_EQ(render_plain(GetParam().snippet), GetParam().plain);
  EXPECT_EQ(render_ansi(GetParam().snippet), GetParam().ansi);
  EXPECT_EQ(render_html(GetParam().snippet), GetParam().html);
}

Snippet snippet(std::string text, std::vector<Highlight> marks, bool cut_start = false,
                bool cut_end = false) {
  Snippet s;
  s.text = std::move(text);
  s.highlights = std::move(marks);
  s.truncated_start = cut_start;
  s.truncated_end = cut_end;
  return s;
}

const RenderCase kRenderCases[] = {
    {"MarksOneWord", snippet("l’armée recule", {{4, 10}}), "l’armée recule",
     "l’\x1b[1marmée\x1b[0m recule", "l’<mark>armée</mark> recule"},
    {"EllipsesOnCutSides", snippet("armée recule", {{0, 6}}, true, true), "…armée recule…",
     "…\x1b[1marmée\x1b[0m recule…", "&hellip;<mark>armée</mark> recule&hellip;"},
    {"CollapsesParagraphsAndTrims", snippet("  fin.\n\n\tDébut  ", {}), "fin. Début", "fin. Début",
     "fin. Début"},
    {"ScriptTagShowsAsText", snippet("<script>alert('x')</script> armée", {{28, 34}}),
     "<script>alert('x')</script> armée", "<script>alert('x')</script> \x1b[1marmée\x1b[0m",
     "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <mark>armée</mark>"},
    {"AttributeBreakoutEscaped", snippet("\"><img src=x onerror=alert(1)> & co", {}),
     "\"><img src=x onerror=alert(1)> & co", "\"><img src=x onerror=alert(1)> & co",
     "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; co"},
    {"MarkedWordWithMarkupAround", snippet("<b>armée</b>", {{3, 9}}), "<b>armée</b>",
     "<b>\x1b[1marmée\x1b[0m</b>", "&lt;b&gt;<mark>armée</mark>&lt;/b&gt;"},
    {"TerminalEscapeInTextIsNeutralised", snippet("rouge\x1b[31m armée", {{11, 17}}),
     "rouge [31m armée", "rouge [31m \x1b[1marmée\x1b[0m", "rouge [31m <mark>armée</mark>"},
    {"WhitespaceInsideAMarkCollapses", snippet("200\n000 manifestants", {{0, 7}}),
     "200 000 manifestants", "\x1b[1m200 000\x1b[0m manifestants",
     "<mark>200 000</mark> manifestants"},
    {"OutOfRangeMarksAreHarmless", snippet("armée", {{3, 1}, {2, 99}}), "armée",
     "ar\x1b[1mmée\x1b[0m", "ar<mark>mée</mark>"},
    {"EmptySnippet", snippet("", {}), "", "", ""},
};

INSTANTIATE_TEST_SUITE_P(Highlighter, HighlighterRender, ::testing::ValuesIn(kRenderCases),
                         [](const auto& row) { return std::string(row.param.name); });

TEST(Highlighter, RendersAPassageEndToEnd) {
  Highlighter highlighter;
  const std::string text = "Paris <b>&</b>\n\nLe chef de l’armée a parlé.";
  const Snippet s = highlighter.highlight_all(text, query_terms("armee"));
  EXPECT_EQ(render_html(s),
            "Paris &lt;b&gt;&amp;&lt;/b&gt; Le chef de l’<mark>armée</mark> a parlé.");
  EXPECT_EQ(render_ansi(s), "Paris <b>&</b> Le chef de l’\x1b[1marmée\x1b[0m a parlé.");
  EXPECT_EQ(render_plain(s), "Paris <b>&</b> Le chef de l’armée a parlé.");
}

}  // namespace
}  // namespace depeche::search
