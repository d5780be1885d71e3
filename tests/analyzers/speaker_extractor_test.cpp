// Tests for SpeakerExtractor: who is quoted in French news copy, and which quote is whose.
// Every fixture is written for these tests (no article text is copied).
#include "analyzers/speaker_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "analyzers/french_analyzer.h"

namespace depeche::analysis {
namespace {

SpeakerExtractor::Result run(const std::string& text, TextField field = TextField::kBody) {
  FrenchAnalyzer analyzer;
  SpeakerExtractor extractor;
  return extractor.extract(text, analyzer.analyze(text), field);
}

std::vector<std::string> speaker_names(const SpeakerExtractor::Result& r) {
  std::set<std::string> names;
  for (const SpeakerMention& m : r.speakers) names.insert(m.name);
  return {names.begin(), names.end()};
}

std::vector<std::string> unnamed_roles(const SpeakerExtractor::Result& r) {
  std::set<std::string> roles;
  for (const UnnamedSpeaker& u : r.unnamed) roles.insert(u.role);
  return {roles.begin(), roles.end()};
}

// ---- who speaks: one row per pattern ----------------------------------------------------------

struct SpeakerRow {
  const char* behaviour;
  const char* text;
  std::vector<std::string> speakers;  // sorted
  std::vector<std::string> unnamed;   // sorted
};

void PrintTo(const SpeakerRow& row, std::ostream* os) { *os << row.behaviour; }

class SpeakerTable : public testing::TestWithParam<SpeakerRow> {};

TEST_P(SpeakerTable, FindsExactlyTheseSpeakers) {
  const SpeakerRow& row = GetParam();
  const auto r = run(row.text);
  EXPECT_EQ(speaker_names(r), row.speakers) << row.text;
  EXPECT_EQ(unnamed_roles(r), row.unnamed) << row.text;
}

const SpeakerRow kSpeakerRows[] = {
    {"InvertedAfterQuote",
     "« Le calendrier sera tenu », a déclaré Paulette Ndiaye.", {"Paulette Ndiaye"}, {}},
    {"InvertedWithRoleBeforeName",
     "« Nous restons prudents », a déclaré le ministre Arnaud Vasseur.", {"Arnaud Vasseur"}, {}},
    {"InvertedWithMadameStripsTitle",
     "« La négociation avance », a affirmé Mme Ingrid Holm.", {"Ingrid Holm"}, {}},
    {"InvertedWithMonsieurStripsTitle",
     "« Rien n’est signé », a précisé M. Oskar Lindqvist.", {"Oskar Lindqvist"}, {}},
    {"InvertedWithDoctorTitle",
     "« Les lits manquent », a expliqué le docteur Samir Haddou, urgentiste.", {"Samir Haddou"},
     {}},
    {"PresentTenseInverted",
     "« Le marché est saturé », estime Hugo Marchal, analyste chez un courtier.", {"Hugo Marchal"},
     {}},
    {"InvertedAfterMediaComplement",
     "« Personne ne bougera », a déclaré à l’AFP le général Bako Traoré.", {"Bako Traoré"}, {}},
    {"InvertedAfterNamedNewspaper",
     "« Le dialogue reste ouvert », a déclaré au Courrier du Fleuve la ministre Awa Coulibaly.",
     {"Awa Coulibaly"}, {}},
    {"InvertedWithElidedRole",
     "« On a manqué de lucidité », a ajouté l’entraîneur Stefano Ricci.", {"Stefano Ricci"}, {}},
    {"SubjectBeforeVerb",
     "Nadia Benali a déclaré que le projet serait abandonné.", {"Nadia Benali"}, {}},
    {"AdverbBetweenAuxiliaryAndParticiple",
     "Nadia Benali a également souligné que le budget était tenu.", {"Nadia Benali"}, {}},
    {"NegatedVerbIsNotReportedSpeech",
     "Nadia Benali n’a pas commenté la décision du tribunal.", {}, {}},
    {"RelativeClauseBetweenNameAndVerb",
     "Youssef Amrani, qui dirige la coopérative depuis dix ans, a affirmé que les prix baissaient.",
     {"Youssef Amrani"}, {}},
    {"AppositionAfterName",
     "Carla Mendes, porte-parole de la compagnie, a indiqué que les vols reprendraient.",
     {"Carla Mendes"}, {}},
    {"AppositionBetweenCommasAfterRole",
     "Le porte-parole du gouvernement, Étienne Faure, a déclaré que la réforme serait votée.",
     {"Étienne Faure"}, {}},
    {"FeminineRoleApposition",
     "La ministre de la Santé, Inès Carvalho, a estimé que la vague reculait.",
     {"Inès Carvalho"}, {}},
    {"SelonPerson", "Selon Marc Delorme, la récolte sera médiocre.", {"Marc Delorme"}, {}},
    {"DapresPerson", "D’après Sofia Esposito, les stocks sont vides.", {"Sofia Esposito"}, {}},
    {"SelonInstitutionIsNotAPerson", "Selon l’ONU, les réfugiés sont plus de deux millions.", {},
     {}},
    {"SelonCityIsNotAPerson", "Selon Washington, aucun accord n’a été trouvé.", {}, {}},
    {"SelonMinistryIsNotAPerson", "Selon le ministère, les chiffres sont provisoires.", {}, {}},
    {"KremlinIsNotAPerson", "Le Kremlin a démenti toute implication dans l’attaque.", {}, {}},
    {"CountryIsNotAPerson", "Israël a dénoncé une décision « partiale ».", {}, {}},
    {"MultiWordInstitutionIsNotAPerson",
     "L’Union africaine a jugé la situation préoccupante.", {}, {}},
    {"OrganisationNameIsNotAPerson",
     "« Les détentions sont arbitraires », a affirmé Human Rights Watch.", {}, {}},
    {"NewspaperIsNotAPerson", "Selon le Wall Street Journal, la fusion est imminente.", {}, {}},
    {"UnnamedOfficialBecomesRole",
     "Un responsable du ministère malien de la Défense a qualifié ces accusations de mensonges.",
     {},
     {"un responsable du ministère malien de la Défense"}},
    {"UnnamedSourceInverted",
     "« Rien n’est décidé », a indiqué une source diplomatique.", {}, {"une source diplomatique"}},
    {"UnnamedSourceKeepsItsPlace",
     "« Rien n’est décidé », a indiqué une source diplomatique à Dakar.", {},
     {"une source diplomatique à Dakar"}},
    {"UnnamedSpokesmanNotInventedIntoName",
     "Un porte-parole de l’armée a déclaré que deux soldats avaient été blessés.", {},
     {"un porte-parole de l’armée"}},
    {"ShortSurnameResolvesToFullName",
     "La porte-parole Ana Ribeiro a rencontré la presse. Ribeiro a déclaré que rien n’était joué.",
     {"Ana Ribeiro"}, {}},
    {"KoreanNameWithHyphen",
     "« Nous répondrons », a averti Jeon Hae-jin, vice-ministre de l’Unification.",
     {"Jeon Hae-jin"}, {}},
    {"HyphenatedGivenNameEndingInIl",
     "Le porte-parole du ministère, Kim Song-il, a déclaré que les essais continueraient.",
     {"Kim Song-il"}, {}},
    {"HyphenatedGivenNameEndingInIlInverted",
     "« Nous répondrons », a déclaré Ri Tae-il à la presse.", {"Ri Tae-il"}, {}},
    {"HyphenatedGivenNameBeforeVerb", "Park Ji-hoon a affirmé que le texte passerait.",
     {"Park Ji-hoon"}, {}},
    {"ThreeWordVietnameseName", "Selon Nguyen Thi Lan, la tension monte.", {"Nguyen Thi Lan"},
     {}},
    {"HyphenatedGivenNameAfterQuote", "« Le délai est court », a estimé Jeon Min-seok.",
     {"Jeon Min-seok"}, {}},
    {"CliticPronounAfterVerbStaysAPronoun",
     "Hana Moreau a présenté le plan. « Rien n’est joué », a-t-elle dit. Dit-il vrai ?",
     {"Hana Moreau"}, {}},
    {"PronounSubjectSharedByCoordinatedSpeechVerb",
     "La chanteuse Mira Solvang n’a pas pu venir. Dans une vidéo, elle a remercié le public et "
     "dit espérer revenir l’an prochain.",
     {"Mira Solvang"}, {}},
    {"PronounWithoutReferentGivesNoSpeaker",
     "Elle a remercié le public et dit espérer revenir.", {}, {}},
    {"CoordinatedNonSpeechVerbIsNotSpeech",
     "Le ténor Ivo Brandt est arrivé tard. Il a regardé la salle puis quitté la scène.", {},
     {}},
    {"TurkishDotlessI", "« Le port restera ouvert », a assuré Mert Kılıç.", {"Mert Kılıç"}, {}},
    {"ApostropheInName", "« Je n’y crois pas », a lancé Sean O’Donnell.", {"Sean O’Donnell"}, {}},
    {"HyphenatedFirstNameAndParticle",
     "Jean-Baptiste de La Rochère a annoncé sa candidature.", {"Jean-Baptiste de La Rochère"}, {}},
    {"NameAfterDefenceMinistryComplement",
     "Le ministre de la Défense Lloyd Barrow a déclaré que les troupes resteraient.",
     {"Lloyd Barrow"}, {}},
    {"InstitutionBeforeNameIsDropped",
     "Le porte-parole de la Maison Blanche Tom Carver a déclaré que la Maison Blanche suivait "
     "le dossier.",
     {"Tom Carver"}, {}},
    {"PlaceInComplementIsNotAPerson",
     "Un élu du quartier de Sham Shui Po a dit que la participation serait forte.", {},
     {"un élu du quartier de Sham Shui Po"}},
    {"ComplementAfterVerbIsNotTheSubject",
     "Lina Haddad, qui préside le comité, a dénoncé des tirs sur la ville de Gandja.",
     {"Lina Haddad"}, {}},
    {"PourNameCommaIsAnOpinion",
     "Pour Olivier Brunet, économiste, la reprise sera lente.", {"Olivier Brunet"}, {}},
    {"PourCountryIsNotAnOpinion", "Pour la Finlande, la saison est terminée.", {}, {}},
    {"ColonIntroducesQuoteOfSubject",
     "Mais l’éditrice Claire Dubreuil, venue avec ses auteurs, reste confiante : « On y croit ».",
     {"Claire Dubreuil"}, {}},
    {"CoordinatedVerbSharesSubject",
     "Karim Touati a rejeté les accusations et a affirmé que l’enquête le blanchirait.",
     {"Karim Touati"}, {}},
    {"ReflexiveSpeechVerb",
     "Amélie Girard s’est félicitée de l’accord conclu dans la nuit.", {"Amélie Girard"}, {}},
    {"CommeLaDitInverted",
     "Comme l’a rappelé Bruno Keller, le délai expire lundi.", {"Bruno Keller"}, {}},
    {"SentenceInitialDayIsNotAName",
     "Mardi, Rosa Lentini a annoncé sa démission.", {"Rosa Lentini"}, {}},
    {"NounUseOfVerbFormIsNotSpeech",
     "Le juge Thomas Vidal a rendu son verdict. La note de Paul Simon circule.", {}, {}},
    {"CountryNameAsFirstName",
     "« Le recomptage prendra des semaines », a déclaré Kenya Morgan.", {"Kenya Morgan"}, {}},
    {"CityNameInsideFullName",
     "L’ancien ministre George Washington Kollie a annoncé sa candidature.",
     {"George Washington Kollie"}, {}},
    {"PlaceAfterPrepositionIsNotAFirstName",
     "« Rien ne presse », a déclaré à Paris Jules Marin.", {"Jules Marin"}, {}},
    {"DeclarerForfaitIsNotSpeech", "Blessé au dos, Tom Adler a déclaré forfait mardi.", {}, {}},
    {"TitleFieldWithSurnameOnlyIsNotAPerson", "Kirsch : la réforme attendra", {}, {}},
};

INSTANTIATE_TEST_SUITE_P(SpeakerExtractor, SpeakerTable, testing::ValuesIn(kSpeakerRows),
                         [](const testing::TestParamInfo<SpeakerRow>& row_info) {
                           return std::string(row_info.param.behaviour);
                         });

// ---- which quote is whose ---------------------------------------------------------------------

struct QuoteRow {
  const char* behaviour;
  const char* text;
  // Each quote in order: its text, then the speaker's name or, for an unnamed speaker, role.
  std::vector<std::pair<std::string, std::string>> quotes;
};

void PrintTo(const QuoteRow& row, std::ostream* os) { *os << row.behaviour; }

class QuoteTable : public testing::TestWithParam<QuoteRow> {};

TEST_P(QuoteTable, AttributesEveryQuote) {
  const QuoteRow& row = GetParam();
  const auto r = run(row.text);
  std::vector<std::pair<std::string, std::string>> got;
  for (const Quote& q : r.quotes) got.emplace_back(q.text, q.speaker.empty() ? q.role : q.speaker);
  EXPECT_EQ(got, row.quotes) << row.text;
}

const QuoteRow kQuoteRows[] = {
    {"QuoteBeforeInvertedVerb",
     "« Le pays tiendra », a déclaré Lucie Hamon.", {{"Le pays tiendra", "Lucie Hamon"}}},
    {"QuoteAfterColon",
     "Lucie Hamon a déclaré : « Le pays tiendra. »", {{"Le pays tiendra.", "Lucie Hamon"}}},
    {"QuoteAfterQue",
     "Lucie Hamon a affirmé que « le pays tiendra ».", {{"le pays tiendra", "Lucie Hamon"}}},
    {"PronounResolvedToLastSpeakerOfSameGender",
     "Lucie Hamon a pris la parole après Marc Ollier. « Nous avons trop attendu », a-t-elle "
     "déclaré.",
     {{"Nous avons trop attendu", "Lucie Hamon"}}},
    {"MasculinePronounSkipsFeminineSpeaker",
     "« Le texte est prêt », a déclaré M. Paul Arnaud. « Il sera voté », a ajouté Mme Léa Morel. "
     "« Sans retard », a-t-il insisté.",
     {{"Le texte est prêt", "Paul Arnaud"},
      {"Il sera voté", "Léa Morel"},
      {"Sans retard", "Paul Arnaud"}}},
    {"SelonLuiResolvesPronoun",
     "Victor Lemaire a présenté le plan. Selon lui, « rien ne sera épargné ».",
     {{"rien ne sera épargné", "Victor Lemaire"}}},
    {"ShortNameAndTitleResolve",
     "« Nous verrons », a dit la ministre Fatima Zahra Alaoui. « C’est tôt », a ajouté Mme Alaoui.",
     {{"Nous verrons", "Fatima Zahra Alaoui"}, {"C’est tôt", "Fatima Zahra Alaoui"}}},
    {"NestedQuotesBelongToTheOuterQuote",
     "« Ils parlent de « paix » sans y croire », a lancé Omar Said.",
     {{"Ils parlent de « paix » sans y croire", "Omar Said"}}},
    {"SingleAndEnglishQuotesInside",
     "« Le mot ‘trêve’ et le “cessez-le-feu” ont disparu », a noté Ella Brandt.",
     {{"Le mot ‘trêve’ et le “cessez-le-feu” ont disparu", "Ella Brandt"}}},
    {"NarrowNoBreakSpacesTrimmed",
     "«\u202fLe pont est fermé\u202f», a indiqué Hugo Lenoir.",
     {{"Le pont est fermé", "Hugo Lenoir"}}},
    {"QuoteSpanningSentences",
     "« La route est coupée. Les camions attendent. », a expliqué Jonas Weber.",
     {{"La route est coupée. Les camions attendent.", "Jonas Weber"}}},
    {"MultiParagraphQuote",
     "Irène Vidal a longuement répondu :\n\n« Nous avons tout essayé.\n\n« Il fallait bien "
     "finir par trancher. »\n\nLe vote a lieu lundi.",
     {{"Nous avons tout essayé.\n\nIl fallait bien finir par trancher.", "Irène Vidal"}}},
    {"ScareQuoteInReportedSpeechGoesToSpeaker",
     "Aline Roy a déclaré que la hausse était « significative ».",
     {{"significative", "Aline Roy"}}},
    {"ScareQuoteWithoutSpeechVerbHasNoSpeaker",
     "Les « sanctions » visent surtout les banques.", {{"sanctions", ""}}},
    {"UnnamedSpeakerQuoteGetsRole",
     "« Nous ne céderons pas », a déclaré un officier de la garde nationale.",
     {{"Nous ne céderons pas", "un officier de la garde nationale"}}},
    {"DefiniteRoleRefersBackToUnnamed",
     "Un responsable du port a confirmé l’incident. « Aucun blessé », a précisé le responsable.",
     {{"Aucun blessé", "un responsable du port"}}},
    {"InstitutionSpeakingLeavesQuoteWithoutPerson",
     "« La frontière reste fermée », a indiqué le ministère de l’Intérieur.",
     {{"La frontière reste fermée", ""}}},
    {"StandaloneQuoteContinuesPreviousSpeaker",
     "« Le stade sera prêt », a assuré Diego Alvarez.\n\n« Les travaux finiront en mai. »",
     {{"Le stade sera prêt", "Diego Alvarez"}, {"Les travaux finiront en mai.", "Diego Alvarez"}}},
    {"EpithetRefersToPersonJustNamed",
     "La Norvégienne Ingrid Solberg a remporté la course. « J’ai souffert », a déclaré la "
     "skieuse de 24 ans.",
     {{"J’ai souffert", "Ingrid Solberg"}}},
    {"NationalityEpithetRefersToPersonJustNamed",
     "Paolo Ferri, 58 ans, a quitté le club. « Je reviendrai », a confié l’Italien.",
     {{"Je reviendrai", "Paolo Ferri"}}},
    {"UnbalancedOpeningCutAtParagraphEnd",
     "Le mot « crise revient partout.\n\nRémi Caron a affirmé : « Tout va bien ».",
     {{"crise revient partout.", ""}, {"Tout va bien", "Rémi Caron"}}},
    {"ReopeningGuillemetContinuesQuoteOverParagraphs",
     "Le mot « crise revient partout.\n\n« Tout va bien », a affirmé Rémi Caron.",
     {{"crise revient partout.\n\nTout va bien", "Rémi Caron"}}},
    {"QuoteGoesToPronounOfCoordinatedSpeechVerb",
     "L’actrice Lena Varga n’avait pas de visa. Dans un message, elle a remercié « toute la "
     "troupe » et dit espérer venir « l’an prochain ».",
     {{"toute la troupe", "Lena Varga"}, {"l’an prochain", "Lena Varga"}}},
    {"StrayClosingGuillemetIgnored",
     "Le chiffre » est faux. « Non », a répondu Sara Kahn.", {{"Non", "Sara Kahn"}}},
};

INSTANTIATE_TEST_SUITE_P(SpeakerExtractor, QuoteTable, testing::ValuesIn(kQuoteRows),
                         [](const testing::TestParamInfo<QuoteRow>& row_info) {
                           return std::string(row_info.param.behaviour);
                         });

// ---- offsets, evidence, fields ----------------------------------------------------------------

TEST(SpeakerExtractor, MentionOffsetsCoverTheNameAsWrittenAtThatPlace) {
  const std::string text =
      "Le conseiller Henri Blanchard a ouvert la séance. Blanchard a déclaré que tout irait vite.";
  const auto r = run(text);
  ASSERT_EQ(r.speakers.size(), 1u);
  const SpeakerMention& m = r.speakers[0];
  EXPECT_EQ(m.name, "Henri Blanchard");
  EXPECT_EQ(text.substr(m.begin, m.end - m.begin), "Blanchard");
  EXPECT_EQ(m.field, TextField::kBody);
  EXPECT_NE(m.evidence.find("a déclaré"), std::string::npos) << m.evidence;
}

TEST(SpeakerExtractor, QuoteOffsetsAreInsideTheGuillemets) {
  const std::string text = "« Oui »,\u00a0a dit Eva Lund.";
  const auto r = run(text, TextField::kTitle);
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(text.substr(r.quotes[0].begin, r.quotes[0].end - r.quotes[0].begin), "Oui");
  EXPECT_EQ(r.quotes[0].field, TextField::kTitle);
  EXPECT_FALSE(r.quotes[0].evidence.empty());
}

TEST(SpeakerExtractor, UnnamedRoleStartsLowerCaseWithOffsets) {
  const std::string text = "Une source sécuritaire a indiqué que le convoi était reparti.";
  const auto r = run(text);
  ASSERT_EQ(r.unnamed.size(), 1u);
  EXPECT_EQ(r.unnamed[0].role, "une source sécuritaire");
  EXPECT_EQ(text.substr(r.unnamed[0].begin, r.unnamed[0].end - r.unnamed[0].begin),
            "Une source sécuritaire");
}

TEST(SpeakerExtractor, CanonicalNameIsTheFirstWritten) {
  const auto r = run(
      "Le ministre Jean-Yves Le Goff a reçu les syndicats. « Le dialogue continue », a déclaré "
      "Le Goff. M. Le Goff a ajouté qu’il reviendrait.");
  EXPECT_EQ(speaker_names(r), std::vector<std::string>{"Jean-Yves Le Goff"});
  EXPECT_EQ(r.speakers.size(), 2u);
}

// ---- hostile input ----------------------------------------------------------------------------

TEST(SpeakerExtractor, SurvivesInvalidUtf8AndLoneGuillemetBytes) {
  std::string text = "« \xC2\xAB\xC2 \xFF\xFE », a déclaré \xE2\x80 Jo\xC3 Lee \xC2";
  text += std::string("\0\xC2\xBB\xC2\xAB", 5);
  const auto r = run(text);
  for (const Quote& q : r.quotes) EXPECT_LE(q.begin, q.end);
}

TEST(SpeakerExtractor, UnclosedQuoteInHugeParagraphIsLinear) {
  std::string text = "« ";
  while (text.size() < (1u << 20)) text += "Le Kremlin a dit que Jean Dupont estime « X a déclaré ";
  const auto start = std::chrono::steady_clock::now();
  const auto r = run(text);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 30.0);  // generous for sanitizer builds; a quadratic scan takes hours
  EXPECT_FALSE(r.quotes.empty());
}

TEST(SpeakerExtractor, ManySpeakersInOneHugeParagraph) {
  std::string text;
  for (int i = 0; i < 4000; ++i) {
    text += "« Oui », a déclaré Jean Dupont" + std::to_string(i % 10) + ", puis Dupont a dit non. ";
  }
  const auto r = run(text);
  EXPECT_GE(r.quotes.size(), 4000u);
}

TEST(SpeakerExtractor, SurvivesShuffledFragmentsOfNewsCopy) {
  // Deterministic pseudo-random mixes of the pieces the patterns look for, cut anywhere.
  const std::vector<std::string> pieces = {
      "« ", " »", ", a déclaré ", "a-t-il", " M. ", "Mme ", "Jean Dupont", "selon ", "d’après ",
      "le porte-parole ", "\n\n", ". ", " : ", "Kirby", "(", ")", "l’", "\xC2", "\xAB",
      "un responsable ", "qui ", ", ", "et a ajouté", "Le ", "Pour "};
  std::uint32_t seed = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int k = 0; k < 40; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 16) % pieces.size()];
    }
    text.resize(text.size() - (seed >> 20) % 7);
    const auto r = run(text);
    for (const Quote& q : r.quotes) EXPECT_LE(q.end, text.size());
    for (const SpeakerMention& m : r.speakers) EXPECT_LE(m.end, text.size());
  }
}

TEST(SpeakerExtractor, EmptyInput) {
  const auto r = run("");
  EXPECT_TRUE(r.speakers.empty());
  EXPECT_TRUE(r.unnamed.empty());
  EXPECT_TRUE(r.quotes.empty());
}

}  // namespace
}  // namespace depeche::analysis
