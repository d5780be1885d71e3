// Index-side and query-side agree: what a query looks for is what indexing wrote.
#include "analyzers/term_generation.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <set>
#include <string>

#include "analyzers/french_analyzer.h"
#include "core/schema.h"

namespace depeche::analysis {
namespace {

class TermGenerationTest : public ::testing::Test {
 protected:
  Xapian::Document index(const std::string& text, std::string_view prefix = "") {
    Xapian::Document doc;
    IndexFieldOptions opts;
    opts.prefix = prefix;
    index_tokens(doc, analyzer_.analyze(text), opts);
    return doc;
  }

  Xapian::Query words(const std::string& text, std::string_view prefix = "") {
    QueryFieldOptions opts;
    opts.prefix = prefix;
    return words_query(analyzer_.analyze(text, AnalysisMode::kQuery), opts);
  }

  Xapian::Query phrase(const std::string& text) {
    return phrase_query(analyzer_.analyze(text, AnalysisMode::kQuery), {});
  }

  // True when a one-document index built from doc_text matches the query.
  static bool matches(const Xapian::Document& doc, const Xapian::Query& query) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.add_document(doc);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    return enquire.get_mset(0, 10).size() == 1;
  }

  static std::set<std::string> doc_terms(const Xapian::Document& doc) {
    return {doc.termlist_begin(), doc.termlist_end()};
  }

  FrenchAnalyzer analyzer_;
};

struct MatchCase {
  const char* name;
  std::string document;
  std::string query;
  bool match;
};

class FrenchMatching : public TermGenerationTest, public ::testing::WithParamInterface<MatchCase> {};

TEST_P(FrenchMatching, WordsQueryMatchesAsAFrenchReaderExpects) {
  const MatchCase& c = GetParam();
  EXPECT_EQ(matches(index(c.document), words(c.query)), c.match)
      << "document: " << c.document << "\nquery: " << words(c.query).get_description();
}

const MatchCase kMatching[] = {
    // l’armée, L'ARMÉE, armees and armée find each other.
    {"ArmeeFindsElidedArmee", "l’armée", "armee", true},
    {"ArmeesFindsUppercaseElided", "L'ARMÉE", "armées", true},
    {"ElidedFindsUnaccentedPlural", "armees", "l’armée", true},
    {"UppercaseFindsPlain", "armée", "L'ARMÉE", true},
    {"PluralFindsSingular", "les armées", "armée", true},
    // États-Unis, etats-unis and Etats Unis find each other.
    {"LowercaseCompound", "les États-Unis", "etats-unis", true},
    {"SpacedWordsFindCompound", "les États-Unis", "Etats Unis", true},
    {"CompoundFindsSpacedWords", "les Etats Unis", "États-Unis", true},
    {"CompoundWithoutHyphen", "les États-Unis", "etatsunis", true},
    {"UppercaseCompound", "les États-Unis", "ÉTATS-UNIS", true},
    {"CompoundInflected", "une délégation nord-coréenne", "nord-coréen", true},
    {"CompoundSpacedQuery", "le porte-parole", "porte parole", true},
    {"CompoundJoinedQuery", "le porte-parole", "porteparole", true},
    {"CompoundPartAlone", "le porte-parole", "parole", true},
    // Accents both ways, without losing stemming.
    {"CoreeDuNord", "la Corée du Nord", "coree du nord", true},
    {"SecuriteFindsSecurite", "la sécurité nationale", "securite", true},
    {"AccentedQueryFindsUnaccented", "la securite nationale", "sécurité", true},
    {"CreeFindsCreees", "des structures créées", "créé", true},
    {"UnaccentedSingularFindsAccentedPlural", "des structures créées", "cree", true},
    {"CoeurFindsLigature", "au cœur du conflit", "coeur", true},
    {"LigatureFindsCoeur", "au coeur du conflit", "cœur", true},
    {"ElectionsUnaccented", "les élections législatives", "elections legislatives", true},
    {"NfdDocumentFindsNfcQuery", "e\u0301lections", "élections", true},
    {"NfcDocumentFindsNfdQuery", "élections", "e\u0301lections", true},
    {"RussieFindsRusse", "la Russie", "russe", true},
    {"UkrainiennesFindsUkrainien", "les forces ukrainiennes", "ukrainien", true},
    {"PresFindsPres", "près de la frontière", "pres", true},
    // Apostrophes and one-word aujourd’hui.
    {"AujourdhuiAsciiQuery", "aujourd’hui", "aujourd'hui", true},
    {"AujourdhuiWithoutApostrophe", "aujourd’hui", "aujourdhui", true},
    {"HuiAloneDoesNotMatchAujourdhui", "aujourd’hui", "hui", false},
    // Acronyms, numbers, invisible characters.
    {"DottedAcronymFindsPlain", "l’O.N.U.", "ONU", true},
    {"PlainAcronymFindsDotted", "l’ONU", "O.N.U.", true},
    {"ThousandsAnySpace", "200\u202F000 obus", "200 000", true},
    {"SoftHyphenInDocument", "l’ar\u00ADmée", "armée", true},
    {"ZeroWidthSpaceInQuery", "l’armée", "ar\u200Bmée", true},
    // Homonyms stay searchable; stopwords are optional.
    {"AvionsThePlanes", "des avions de chasse", "avions", true},
    {"EstTheEast", "l’Est de l’Ukraine", "est", true},
    {"EteTheSummer", "l’été dernier", "été", true},
    {"StopwordNotRequired", "guerre en Ukraine", "la guerre", true},
    {"OnlyStopwordsStillSearch", "la loi et le droit", "le la", true},
    // Prefix wildcards are folded but not stemmed.
    {"WildcardLowercase", "John Kirby", "kirb*", true},
    {"WildcardUppercaseAccent", "les élections", "ÉLEC*", true},
    {"WildcardAfterElision", "l’armée", "l’arm*", true},
    // Things that must not match.
    {"ChineNotInMachine", "une machine", "Chine", false},
    {"NigerIsNotNigeria", "le Nigeria", "Niger", false},
    {"AllWordsRequired", "la guerre", "guerre paix", false},
    {"DifferentWord", "l’armée", "marine", false},
};

INSTANTIATE_TEST_SUITE_P(Cases, FrenchMatching, ::testing::ValuesIn(kMatching),
                         [](const auto& p) { return std::string(p.param.name); });

struct PhraseCase {
  const char* name;
  std::string document;
  std::string phrase;
  bool match;
};

class FrenchPhrases : public TermGenerationTest, public ::testing::WithParamInterface<PhraseCase> {};

TEST_P(FrenchPhrases, PhraseQueryMatchesExactWordOrder) {
  const PhraseCase& c = GetParam();
  EXPECT_EQ(matches(index(c.document), phrase(c.phrase)), c.match)
      << phrase(c.phrase).get_description();
}

const PhraseCase kPhrases[] = {
    {"ElisionsInPhrase", "l’armée de l’air", "armée de l'air", true},
    {"WrongOrder", "l’air de l’armée", "armée de l’air", false},
    {"CompoundAsSpacedPhrase", "les États-Unis", "etats unis", true},
    {"SpacedAsCompoundPhrase", "les Etats Unis", "États-Unis", true},
    {"AccentInsensitivePhrase", "la Corée du Nord", "COREE DU NORD", true},
    {"StopwordsCountInPhrase", "la Corée du Nord", "Corée Nord", false},
};

INSTANTIATE_TEST_SUITE_P(Cases, FrenchPhrases, ::testing::ValuesIn(kPhrases),
                         [](const auto& p) { return std::string(p.param.name); });

// Parity: for any text, every term its query looks for was written by indexing the same text,
// and the document matches both the words and the phrase query of its own text.
class Parity : public TermGenerationTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(Parity, QueryOfATitleLooksOnlyForTermsItsIndexingWrote) {
  const std::string& title = GetParam();
  Xapian::Document doc = index(title, schema::kPrefixTitle);
  Xapian::Query q = words(title, schema::kPrefixTitle);
  std::set<std::string> indexed = doc_terms(doc);
  for (auto it = q.get_unique_terms_begin(); it != q.get_unique_terms_end(); ++it) {
    EXPECT_TRUE(indexed.count(*it)) << "query term " << *it << " not indexed for: " << title;
  }
  EXPECT_TRUE(matches(doc, q)) << q.get_description();
  EXPECT_TRUE(matches(doc, phrase_query(analyzer_.analyze(title, AnalysisMode::kQuery),
                                        {.prefix = schema::kPrefixTitle})));
}

INSTANTIATE_TEST_SUITE_P(
    Titles, Parity,
    ::testing::Values("La Corée du Nord rejette les allégations de livraisons d’armes",
                      "L’ONU réunit le Conseil de sécurité après l’essai d’un ICBM",
                      "Aux États-Unis, le porte-parole a-t-il menti ?",
                      "« Nous n’avons jamais vendu d’armes », affirme Pyongyang",
                      "200\u202F000 obus livrés à l’armée russe selon la Maison Blanche",
                      "Œuvres d’art : la presqu’île de Crozon aujourd’hui",
                      "e\u0301lections le\u0301gislatives : l’Est vote"));

TEST_F(TermGenerationTest, FieldPrefixesKeepFieldsApart) {
  Xapian::Document doc = index("Kirby", schema::kPrefixTitle);
  EXPECT_TRUE(matches(doc, words("kirby", schema::kPrefixTitle)));
  EXPECT_FALSE(matches(doc, words("kirby")));
}

TEST_F(TermGenerationTest, StemKeysHaveNoPositionsButWordsDo) {
  Xapian::Document doc = index("les sécurités");
  std::set<std::string> terms = doc_terms(doc);
  EXPECT_TRUE(terms.count("securites"));
  EXPECT_TRUE(terms.count("Zsecur"));
  EXPECT_TRUE(terms.count("Zsecurit"));
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const bool stem = (*it)[0] == 'Z';
    EXPECT_EQ(it.positionlist_count() == 0, stem) << *it;
  }
}

TEST_F(TermGenerationTest, WordWithTwoStemKeysIsOneSynonym) {
  EXPECT_EQ(words("sécurité").get_description(), "Query((Zsecur SYNONYM Zsecurit))");
}

TEST_F(TermGenerationTest, PositionOffsetAndWdfApply) {
  Xapian::Document doc;
  index_tokens(doc, analyzer_.analyze("paix"), {.prefix = "", .wdf = 3, .position_offset = 100});
  auto it = doc.termlist_begin();
  it.skip_to("paix");
  ASSERT_EQ(*it, "paix");
  EXPECT_EQ(it.get_wdf(), 3u);
  EXPECT_EQ(*it.positionlist_begin(), 101u);
}

TEST_F(TermGenerationTest, EmptyTextGivesEmptyQuery) {
  EXPECT_TRUE(words("« … »").empty());
  EXPECT_TRUE(phrase("").empty());
}

TEST_F(TermGenerationTest, TooLongWordIsNeitherIndexedNorQueried) {
  const std::string huge(500, 'x');
  Xapian::Document doc = index(huge);
  EXPECT_EQ(doc.termlist_count(), 0u);
  EXPECT_TRUE(words(huge).empty());
}

}  // namespace
}  // namespace depeche::analysis
