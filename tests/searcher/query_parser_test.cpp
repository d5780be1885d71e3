// Query language: golden Xapian query structures, repairs of broken input, and matches against
// documents built by the indexer's own DocumentBuilder (so prefixes and filters provably agree).
#include "searcher/query_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "indexer/document_builder.h"

namespace depeche::search {
namespace {

using Strings = std::vector<std::string>;

std::string describe(std::string_view query, QueryParserOptions options = {}) {
  QueryParser parser(std::move(options));
  return parser.parse(query).query.get_description();
}

// ---- Structure: query string → Query::get_description()
// ------------------------------------------

struct GoldenRow {
  const char* name;
  const char* query;
  const char* description;
};

class QueryStructure : public ::testing::TestWithParam<GoldenRow> {};

TEST_P(QueryStructure, MatchesGoldenDescription) {
  EXPECT_EQ(describe(GetParam().query), GetParam().description) << "query: " << GetParam().query;
}

const GoldenRow kGolden[] = {
    // Free text: the index's analysis, AND by default, stopwords optional.
    {"SingleWordMatchesItsStemKeys", "armée", "Query(Zarme)"},
    {"LooseWordsAreAllRequired", "guerre Ukraine", "Query((Zguerr AND Zukrain))"},
    {"LooseStopwordsAreOptional", "la guerre en Ukraine",
     "Query(((Zguerr AND Zukrain) AND_MAYBE (la OR en)))"},
    {"OnlyStopwordsAreSearchedFor", "le la", "Query((le AND la))"},
    {"ElisionIsStrippedInsideAWord", "l’armée", "Query(Zarme)"},
    {"StraightApostropheElisionToo", "d'Ukraine", "Query(Zukrain)"},
    {"AujourdhuiStaysOneWord", "aujourd'hui", "Query(Zaujourdhui)"},
    {"HyphenInsideAWordMakesACompound", "États-Unis",
     "Query((Zetatsun SYNONYM (etats PHRASE 2 unis)))"},
    {"LowercaseCompoundIsTheSame", "etats-unis", "Query((Zetatsun SYNONYM (etats PHRASE 2 unis)))"},
    {"NordCoreenIsACompound", "nord-coréen", "Query((Znordcoreen SYNONYM (nord PHRASE 2 coreen)))"},
    {"CliticsAreNotACompound", "a-t-il", "Query((a AND t AND il))"},
    {"WildcardExpandsAPrefix", "kirb*", "Query(WILDCARD SYNONYM kirb)"},
    {"LowercaseEtIsAWordNotAnOperator", "paix et guerre",
     "Query(((Zpaix AND Zguerr) AND_MAYBE et))"},
    // Phrases.
    {"StraightQuotesMakeAPhrase", "\"armée de l’air\"", "Query((armee PHRASE 3 de PHRASE 3 air))"},
    {"GuillemetsMakeAPhrase", "« Corée du Nord »", "Query((coree PHRASE 3 du PHRASE 3 nord))"},
    {"CurlyQuotesMakeAPhrase", "“Corée du Nord”", "Query((coree PHRASE 3 du PHRASE 3 nord))"},
    {"GermanLowQuotesMakeAPhrase", "„Krieg“", "Query(krieg)"},
    {"QuotedStopwordIsRequired", "\"le\" guerre", "Query((le AND Zguerr))"},
    // Operators.
    {"MinusExcludes", "guerre -Russie", "Query((Zguerr AND_NOT Zruss))"},
    {"PlusMakesAStopwordRequired", "+le guerre", "Query((le AND Zguerr))"},
    {"NotExcludes", "guerre NOT Russie", "Query((Zguerr AND_NOT Zruss))"},
    {"ExplicitAndIsLikeJuxtaposition", "guerre AND paix", "Query((Zguerr AND Zpaix))"},
    {"OrOffersAlternatives", "guerre OR paix", "Query((Zguerr OR Zpaix))"},
    {"AndBindsTighterThanOr", "guerre paix OR Ukraine Russie",
     "Query(((Zguerr AND Zpaix) OR (Zukrain AND Zruss)))"},
    {"ParenthesesGroup", "(guerre OR paix) Ukraine", "Query(((Zguerr OR Zpaix) AND Zukrain))"},
    {"NestedParentheses", "((guerre OR paix) (Kiev OR Moscou))",
     "Query(((Zguerr OR Zpaix) AND (Zkiev OR Zmoscou)))"},
    {"MinusAppliesToAPhrase", "guerre -\"armée de l'air\"",
     "Query((Zguerr AND_NOT (armee PHRASE 3 de PHRASE 3 air)))"},
    {"MinusAppliesToAGroup", "guerre -(Russie OR Ukraine)",
     "Query((Zguerr AND_NOT (Zruss OR Zukrain)))"},
    {"DoubleNegationCancels", "NOT NOT Russie", "Query(Zruss)"},
    {"OnlyExclusionMatchesAllOthers", "-Russie", "Query((<alldocuments> AND_NOT Zruss))"},
    {"LoneNotMatchesAllOthers", "NOT Russie", "Query((<alldocuments> AND_NOT Zruss))"},
    {"ExcludedAlternativeOfOr", "guerre OR -Russie",
     "Query((Zguerr OR (<alldocuments> AND_NOT Zruss)))"},
    // Fields.
    {"TitleFieldUsesTitlePrefix", "title:armee", "Query(ZSarme)"},
    {"TitlePhrase", "title:\"armée de l’air\"", "Query((Sarmee PHRASE 3 Sde PHRASE 3 Sair))"},
    {"TitleGroup", "title:(guerre OR paix)", "Query((ZSguerr OR ZSpaix))"},
    {"TitleWildcard", "title:kirb*", "Query(WILDCARD SYNONYM Skirb)"},
    {"FieldNameIgnoresCase", "Title:armée", "Query(ZSarme)"},
    {"FrenchFieldAlias", "titre:armée", "Query(ZSarme)"},
    {"QuoteFieldUsesQuotePrefix", "quote:obus", "Query(ZXQobus)"},
    {"ExcludedTitleWord", "guerre -title:Russie", "Query((Zguerr AND_NOT ZSruss))"},
    // Filters: unweighted boolean terms and value ranges.
    {"CountryByIsoCode", "country:kp", "Query(0 * XCkp)"},
    {"CountryByUppercaseCode", "country:KP", "Query(0 * XCkp)"},
    {"CountryByQuotedFrenchName", "country:\"Corée du Nord\"", "Query(0 * XCkp)"},
    {"CountryByHyphenatedUnaccentedName", "country:coree-du-nord", "Query(0 * XCkp)"},
    {"CountryAlternatives", "country:(fr OR de) guerre",
     "Query(((0 * XCfr OR 0 * XCde) AND Zguerr))"},
    {"SameFieldFiltersAnd", "country:kp country:kr", "Query((0 * XCkp AND 0 * XCkr))"},
    {"ExcludedCountry", "guerre -country:ru", "Query((Zguerr AND_NOT XCru))"},
    {"SpeakerOneWordIsLastName", "speaker:Kirby", "Query(0 * XSLkirby)"},
    {"SpeakerFullName", "speaker:\"John Kirby\"", "Query(0 * XSjohn kirby)"},
    {"SourceIsFolded", "source:\"Agence France-Presse\"", "Query(0 * XSRCagence france presse)"},
    {"YearTerm", "year:2022", "Query(0 * Y2022)"},
    {"YearRange", "year:2015..2018", "Query(VALUE_RANGE 1 2015 2018)"},
    {"DateRangeOfDays", "date:2022-01-01..2022-06-30", "Query(VALUE_RANGE 0 20220101 20220630)"},
    {"DateRangeOfMonthsCoversWholeMonths", "date:2022-11..2022-12",
     "Query(VALUE_RANGE 0 20221101 20221231)"},
    {"DateOpenStart", "date:..2022-06", "Query(VALUE_LE 0 20220631)"},
    {"DateOpenEnd", "date:2022..", "Query(VALUE_GE 0 20220101)"},
    {"SingleDayIsADayTerm", "date:2022-11-08", "Query(0 * D20221108)"},
    {"SingleMonthIsAMonthTerm", "date:2022-11", "Query(0 * M202211)"},
    {"SingleYearIsAYearTerm", "date:2022", "Query(0 * Y2022)"},
    {"FrenchDayFirstDate", "date:08/11/2022", "Query(0 * D20221108)"},
    {"FrenchDottedDateRange", "date:01.11.2022..30.11.2022",
     "Query(VALUE_RANGE 0 20221101 20221130)"},
    {"WrittenFrenchDate", "date:\"8 novembre 2022\"", "Query(0 * D20221108)"},
    {"FilterWithText", "missile country:kp", "Query((Zmissil AND 0 * XCkp))"},
    {"UnknownCountryMatchesNothing", "country:Atlantide", "Query(0 * XCatlantide)"},
    {"InvalidDateMatchesNothing", "date:2022-02-30", "Query(0 * D2022 02 30)"},
    // Repairs.
    {"UnknownFieldIsReadAsWords", "foo:bar", "Query((Zfoo AND Zbar))"},
    {"UnbalancedQuoteRunsToTheEnd", "\"armée de l'air", "Query((armee PHRASE 3 de PHRASE 3 air))"},
    {"MissingCloseParenthesisIsAdded", "(guerre OR paix", "Query((Zguerr OR Zpaix))"},
    {"StrayCloseParenthesisIsIgnored", "guerre) paix", "Query((Zguerr AND Zpaix))"},
    {"DanglingAndIsIgnored", "guerre AND", "Query(Zguerr)"},
    {"DanglingOrInsideGroupIsIgnored", "(guerre OR) paix", "Query((Zguerr AND Zpaix))"},
    {"DoubleMinusIsOneExclusion", "guerre --Russie", "Query((Zguerr AND_NOT Zruss))"},
    {"LoneMinusIsIgnored", "guerre - paix", "Query((Zguerr AND Zpaix))"},
    {"EmptyPhraseIsIgnored", "\"\" guerre", "Query(Zguerr)"},
    {"ControlCharactersSeparateWords", "guerre\x01\x02paix", "Query((Zguerr AND Zpaix))"},
    {"EmojiOnlyIsEmpty", "🙂🙂", "Query()"},
    {"EmptyParenthesesAreEmpty", "( )", "Query()"},
    {"LoneOperatorsAreEmpty", "AND OR NOT", "Query()"},
};

std::string row_name(const ::testing::TestParamInfo<GoldenRow>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Golden, QueryStructure, ::testing::ValuesIn(kGolden), row_name);

TEST(QueryParser, DefaultOrJoinsLooseWordsWithOr) {
  QueryParserOptions options;
  options.default_op = Xapian::Query::OP_OR;
  EXPECT_EQ(describe("guerre paix -Russie", options), "Query(((Zguerr OR Zpaix) AND_NOT Zruss))");
  // A run of loose words is one group; explicit AND and OR join groups.
  EXPECT_EQ(describe("guerre paix AND Ukraine", options), "Query(((Zguerr OR Zpaix) AND Zukrain))");
}

TEST(QueryParser, CountryResolverHookServesAliases) {
  QueryParserOptions options;
  options.resolve_country = [](std::string_view name) -> std::optional<std::string> {
    if (name == "RDC") return "CD";
    return resolve_french_country(name);
  };
  EXPECT_EQ(describe("country:RDC", options), "Query(0 * XCcd)");
  EXPECT_EQ(describe("country:kp", options), "Query(0 * XCkp)");
}

TEST(QueryParser, WildcardLimitComesFromOptions) {
  QueryParserOptions options;
  options.wildcard_limit = 7;
  QueryParser parser(options);
  const Xapian::Query q = parser.parse("kirb*").query;
  EXPECT_EQ(q.get_type(), Xapian::Query::OP_WILDCARD);
}

// ---- Feedback: notes, words, stopwords, highlighting
// ---------------------------------------------

bool has_note(const ParsedQuery& r, std::string_view text) {
  return std::any_of(r.notes.begin(), r.notes.end(),
                     [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

TEST(QueryParser, ReportsIgnoredStopwordsAsTyped) {
  QueryParser parser;
  const ParsedQuery r = parser.parse("la guerre en Ukraine");
  EXPECT_EQ(r.ignored_stopwords, (Strings{"la", "en"}));
  EXPECT_EQ(r.words, (Strings{"guerre", "Ukraine"}));
  EXPECT_TRUE(r.has_text);
  EXPECT_FALSE(r.relaxed_syntax);
  EXPECT_TRUE(r.notes.empty());
}

TEST(QueryParser, RequiredStopwordIsNotReportedAsIgnored) {
  QueryParser parser;
  EXPECT_TRUE(parser.parse("+la guerre").ignored_stopwords.empty());
  EXPECT_TRUE(parser.parse("le la").ignored_stopwords.empty());
}

TEST(QueryParser, WordsKeepTheSurfaceFormWithoutElision) {
  QueryParser parser;
  EXPECT_EQ(parser.parse("l’armée \"Corée du Nord\" kirb* 2022").words,
            (Strings{"armée", "Corée", "Nord"}));
}

TEST(QueryParser, HighlightsPositiveWordsOnly) {
  QueryParser parser;
  const ParsedQuery r = parser.parse("armée -Russie NOT Ukraine \"guerre froide\" kirb*");
  EXPECT_TRUE(r.highlight.terms.count("armee"));
  EXPECT_TRUE(r.highlight.terms.count("guerre"));
  EXPECT_TRUE(r.highlight.terms.count("froide"));
  EXPECT_FALSE(r.highlight.terms.count("russie"));
  EXPECT_FALSE(r.highlight.terms.count("ukraine"));
  EXPECT_EQ(r.highlight.prefixes, (Strings{"kirb"}));
  EXPECT_EQ(r.words, (Strings{"armée", "guerre", "froide"}));
}

TEST(QueryParser, FilterOnlyQueryHasNoText) {
  QueryParser parser;
  const ParsedQuery r = parser.parse("country:kp date:2022");
  EXPECT_FALSE(r.has_text);
  EXPECT_TRUE(r.highlight.empty());
  EXPECT_FALSE(r.query.empty());
}

TEST(QueryParser, ExclusionOnlyQuerySaysSo) {
  QueryParser parser;
  const ParsedQuery r = parser.parse("-Russie");
  EXPECT_FALSE(r.has_text);
  EXPECT_TRUE(has_note(r, "only excludes"));
}

TEST(QueryParser, UnknownCountryIsExplained) {
  QueryParser parser;
  const ParsedQuery r = parser.parse("country:Atlantide");
  EXPECT_TRUE(has_note(r, "unknown country 'Atlantide'"));
  EXPECT_FALSE(r.relaxed_syntax);  // the syntax was fine; the value is unknown
}

TEST(QueryParser, InvalidDateIsExplained) {
  QueryParser parser;
  EXPECT_TRUE(has_note(parser.parse("date:hier"), "invalid date 'hier'"));
  EXPECT_TRUE(has_note(parser.parse("year:2022-11"), "invalid year '2022-11'"));
}

TEST(QueryParser, ReversedDateRangeIsTurnedAround) {
  QueryParser parser;
  const ParsedQuery r = parser.parse("date:2022-06..2022-01");
  EXPECT_EQ(r.query.get_description(), "Query(VALUE_RANGE 0 20220101 20220631)");
  EXPECT_TRUE(has_note(r, "reversed"));
}

struct RepairRow {
  const char* name;
  const char* query;
  const char* note;
};

class QueryRepair : public ::testing::TestWithParam<RepairRow> {};

TEST_P(QueryRepair, IsRelaxedWithANote) {
  QueryParser parser;
  const ParsedQuery r = parser.parse(GetParam().query);
  EXPECT_TRUE(r.relaxed_syntax) << GetParam().query;
  EXPECT_TRUE(has_note(r, GetParam().note))
      << GetParam().query << " notes: " << ::testing::PrintToString(r.notes);
}

const RepairRow kRepairs[] = {
    {"UnbalancedQuote", "\"armée de l'air", "unbalanced quote"},
    {"UnbalancedGuillemet", "« Corée du Nord", "unbalanced quote"},
    {"MissingCloseParenthesis", "((guerre", "missing ')'"},
    {"StrayCloseParenthesis", "guerre)", "unbalanced ')'"},
    {"LoneAnd", "AND", "'AND' without something on each side"},
    {"DoubleOr", "OR OR", "'OR' without something on each side"},
    {"EmptyParentheses", "( )", "empty parentheses"},
    {"LoneMinus", "-", "'-' or '+' not followed by a word"},
    {"LonePlus", "+", "'-' or '+' not followed by a word"},
    {"LoneNot", "NOT", "'NOT' without a word after it"},
    {"EmptyCountry", "country:", "empty field 'country:'"},
    {"EmptyQuotedCountry", "country:\"\"", "empty value for 'country:'"},
    {"UnknownField", "foo:bar", "unknown field 'foo:'"},
    {"DeepNesting", "((((((((((((((((((((((((((((((((((((((((guerre", "nested deeper than 32"},
};

std::string repair_name(const ::testing::TestParamInfo<RepairRow>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Syntax, QueryRepair, ::testing::ValuesIn(kRepairs), repair_name);

// ---- Limits and hostile input
// --------------------------------------------------------------------

TEST(QueryParser, TooLongQueryIsAUsageError) {
  QueryParser parser;
  try {
    parser.parse(std::string(10000, 'a'));
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "query too long: 10000 bytes (limit 2048)");
  }
}

TEST(QueryParser, TooManyWordsIsAUsageError) {
  QueryParser parser;
  std::string q;
  for (int i = 0; i < 65; ++i) q += "mot" + std::to_string(i) + " ";
  EXPECT_THROW(parser.parse(q), UsageError);
  q.clear();
  for (int i = 0; i < 64; ++i) q += "mot" + std::to_string(i) + " ";
  EXPECT_NO_THROW(parser.parse(q));
}

TEST(QueryParser, DeepNestingIsBoundedAndStillSearches) {
  QueryParser parser;
  const std::string q = std::string(1000, '(') + "guerre" + std::string(1000, ')');
  const ParsedQuery r = parser.parse(q);
  EXPECT_EQ(r.query.get_description(), "Query(Zguerr)");
  EXPECT_TRUE(r.relaxed_syntax);
}

TEST(QueryParser, InvalidUtf8NeverCrashes) {
  QueryParser parser;
  const ParsedQuery r = parser.parse("\xff\xfe guerre \xc3 \xe2\x80 \"\xf0\x9f");
  EXPECT_NE(r.query.get_description().find("Zguerr"), std::string::npos);
}

TEST(QueryParser, EmptyAndBlankQueriesAreEmptyWithoutNotes) {
  QueryParser parser;
  EXPECT_TRUE(parser.parse("").query.empty());
  const ParsedQuery r = parser.parse("   \t ");
  EXPECT_TRUE(r.query.empty());
  EXPECT_TRUE(r.notes.empty());
}

TEST(QueryParser, EmojiOnlySaysNothingIsSearchable) {
  QueryParser parser;
  const ParsedQuery r = parser.parse("🙂");
  EXPECT_TRUE(r.query.empty());
  EXPECT_TRUE(has_note(r, "nothing searchable"));
}

// Every byte string of the operator alphabet up to a length: no crash, no hang, no exception.
TEST(QueryParser, AnyMixOfOperatorsParses) {
  const std::string alphabet[] = {"(",    ")", "\"", "«",      "»",     "-",  "+", "AND ", "OR ",
                                  "NOT ", "a", " ",  "title:", "date:", "..", "*", "\x01", "\xff"};
  QueryParser parser;
  std::size_t parsed = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (const auto& x : alphabet) {
    for (const auto& y : alphabet) {
      for (const auto& z : alphabet) {
        for (const auto& w : alphabet) {
          ParsedQuery r = parser.parse(x + y + z + w);
          ++parsed;
          (void)r.query.get_description();
        }
      }
    }
    ASSERT_LT(std::chrono::steady_clock::now(), deadline);
  }
  EXPECT_EQ(parsed, 18u * 18u * 18u * 18u);
}

TEST(QueryParser, LongestAllowedQueryParsesQuickly) {
  QueryParserOptions options;
  options.max_words = 100000;  // measure the parse, not the word limit
  QueryParser parser(options);
  std::string q;
  while (q.size() + 6 <= 2048) q += "(a OR ";
  const auto start = std::chrono::steady_clock::now();
  EXPECT_NO_THROW(parser.parse(q));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

// ---- Matching against documents the indexer builds
// ------------------------------------------------

Date day(int year, int month, int d) {
  Date date;
  date.year = year;
  date.month = month;
  date.day = d;
  return date;
}

class QueryMatching : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    indexer::DocumentBuilder builder;
    auto add = [&](Article a) {
      const Xapian::docid id = db_->add_document(builder.build(a).doc);
      (*ids_)[id] = a.id;
    };
    ids_ = new std::map<Xapian::docid, std::string>;
    Article kp;
    kp.id = "kp";
    kp.title = "L’armée nord-coréenne tire un missile";
    kp.body =
        "Le porte-parole John Kirby a condamné le tir. Les États-Unis et l’armée de l’air "
        "sud-coréenne ont répondu.";
    kp.date = day(2022, 11, 8);
    kp.source = "Agence France-Presse";
    kp.countries = {"KP", "US"};
    kp.speakers = {"John Kirby"};
    add(kp);
    Article ru;
    ru.id = "ru";
    ru.title = "La Russie bombarde Kiev";
    ru.body = "L'armée russe a frappé la capitale. La guerre en Ukraine continue.";
    ru.date = day(2022, 3, 1);
    ru.source = "Reuters";
    ru.countries = {"RU", "UA"};
    ru.speakers = {"Volodymyr Zelensky"};
    add(ru);
    Article fr;
    fr.id = "fr";
    fr.title = "Élections législatives en France";
    fr.body = "Les Etats Unis observent le scrutin. Aujourd'hui, la sécurité est renforcée.";
    fr.date = day(2017, 6, 18);
    fr.source = "Le Monde";
    fr.countries = {"FR"};
    add(fr);
    Article air;
    air.id = "air";
    air.title = "Salon du Bourget";
    air.body = "Les avions de l’armée de l’air française volent. Le ministre a parlé.";
    air.date = day(2015, 6, 20);
    air.countries = {"FR"};
    air.speakers = {"Jean-Yves Le Drian"};
    add(air);
  }
  static void TearDownTestSuite() {
    delete db_;
    delete ids_;
    db_ = nullptr;
    ids_ = nullptr;
  }

  static Strings search(std::string_view query) {
    QueryParser parser;
    const ParsedQuery parsed = parser.parse(query);
    if (parsed.query.empty()) return {};
    Xapian::Enquire enquire(*db_);
    enquire.set_query(parsed.query);
    Strings out;
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(ids_->at(*it));
    std::sort(out.begin(), out.end());
    return out;
  }

  static Xapian::WritableDatabase* db_;
  static std::map<Xapian::docid, std::string>* ids_;
};

Xapian::WritableDatabase* QueryMatching::db_ = nullptr;
std::map<Xapian::docid, std::string>* QueryMatching::ids_ = nullptr;

TEST_F(QueryMatching, CountryByFrenchNameFindsIsoCodedArticle) {
  EXPECT_EQ(search("country:\"Corée du Nord\""), (Strings{"kp"}));
  EXPECT_EQ(search("country:coree-du-nord"), (Strings{"kp"}));
  EXPECT_EQ(search("country:KP"), (Strings{"kp"}));
}

TEST_F(QueryMatching, CountryAlternativesWithOr) {
  EXPECT_EQ(search("country:(kp OR ru)"), (Strings{"kp", "ru"}));
}

TEST_F(QueryMatching, UnknownCountryFindsNothing) {
  EXPECT_EQ(search("country:Atlantide"), Strings{});
}

TEST_F(QueryMatching, SpeakerLastNameAndFullName) {
  EXPECT_EQ(search("speaker:kirby"), (Strings{"kp"}));
  EXPECT_EQ(search("speaker:\"John Kirby\""), (Strings{"kp"}));
  EXPECT_EQ(search("speaker:\"jean-yves le drian\""), (Strings{"air"}));
  EXPECT_EQ(search("speaker:drian"), (Strings{"air"}));
}

TEST_F(QueryMatching, SourceFilter) {
  EXPECT_EQ(search("source:\"agence france presse\""), (Strings{"kp"}));
  EXPECT_EQ(search("source:reuters"), (Strings{"ru"}));
}

TEST_F(QueryMatching, DateRangeOfMonths) {
  EXPECT_EQ(search("date:2022-11..2022-12"), (Strings{"kp"}));
  EXPECT_EQ(search("date:2022-11-08"), (Strings{"kp"}));
  EXPECT_EQ(search("date:08/11/2022"), (Strings{"kp"}));
  EXPECT_EQ(search("date:2022"), (Strings{"kp", "ru"}));
  EXPECT_EQ(search("date:..2017-06"), (Strings{"air", "fr"}));
  EXPECT_EQ(search("date:2022-03.."), (Strings{"kp", "ru"}));
}

TEST_F(QueryMatching, YearTermAndRange) {
  EXPECT_EQ(search("year:2017"), (Strings{"fr"}));
  EXPECT_EQ(search("year:2015..2017"), (Strings{"air", "fr"}));
}

TEST_F(QueryMatching, TitleFieldFindsElidedAccentedTitle) {
  EXPECT_EQ(search("title:armee"), (Strings{"kp"}));
  EXPECT_EQ(search("armee"), (Strings{"air", "kp", "ru"}));
}

TEST_F(QueryMatching, PhraseWithStopwordsAndElision) {
  EXPECT_EQ(search("\"armée de l’air\""), (Strings{"air", "kp"}));
  EXPECT_EQ(search("\"armée de terre\""), Strings{});
}

TEST_F(QueryMatching, ExclusionRemovesArticles) {
  EXPECT_EQ(search("armée -russie"), (Strings{"air", "kp"}));
  EXPECT_EQ(search("-russie"), (Strings{"air", "fr", "kp"}));
}

TEST_F(QueryMatching, WildcardFindsPrefix) { EXPECT_EQ(search("kirb*"), (Strings{"kp"})); }

TEST_F(QueryMatching, CompoundAndSeparateWordsMeet) {
  EXPECT_EQ(search("États-Unis"), (Strings{"fr", "kp"}));
  EXPECT_EQ(search("etats unis"), (Strings{"fr", "kp"}));
  EXPECT_EQ(search("\"etats unis\""), (Strings{"fr", "kp"}));
}

TEST_F(QueryMatching, NordCoreenFindsNordCoreenne) {
  EXPECT_EQ(search("nord-coréen"), (Strings{"kp"}));
}

TEST_F(QueryMatching, OrAndParentheses) {
  EXPECT_EQ(search("(Kiev OR Bourget) armée"), (Strings{"air", "ru"}));
}

TEST_F(QueryMatching, TextAndFilterTogether) {
  EXPECT_EQ(search("armée country:fr"), (Strings{"air"}));
  EXPECT_EQ(search("armée -country:fr"), (Strings{"kp", "ru"}));
}

TEST_F(QueryMatching, StopwordsDoNotNarrowTheResults) {
  EXPECT_EQ(search("la sécurité"), (Strings{"fr"}));
  EXPECT_EQ(search("securite"), (Strings{"fr"}));
}

TEST_F(QueryMatching, FiltersAddNoWeight) {
  QueryParser parser;
  Xapian::Enquire enquire(*db_);
  enquire.set_query(parser.parse("armée").query);
  const double text_only = enquire.get_mset(0, 10).begin().get_weight();
  enquire.set_query(parser.parse("armée country:kp").query);
  const Xapian::MSet with_filter = enquire.get_mset(0, 10);
  ASSERT_EQ(with_filter.size(), 1u);
  Xapian::Enquire kp_only(*db_);
  kp_only.set_query(parser.parse("armée").query);
  double kp_weight = 0;
  const Xapian::MSet all = kp_only.get_mset(0, 10);
  for (auto it = all.begin(); it != all.end(); ++it) {
    if (ids_->at(*it) == "kp") kp_weight = it.get_weight();
  }
  EXPECT_GT(text_only, 0.0);
  EXPECT_DOUBLE_EQ(with_filter.begin().get_weight(), kp_weight);
}

}  // namespace
}  // namespace depeche::search
