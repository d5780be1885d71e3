// Country mentions: look-alike traps, kinds, spellings, offsets and evidence.
#include "analyzers/country_extractor.h"

#include <gtest/gtest.h>

#include <string>

#include "analyzers/french_analyzer.h"

namespace depeche::analysis {
namespace {

std::vector<CountryMention> extract(std::string_view text, TextField field = TextField::kBody) {
  FrenchAnalyzer analyzer;
  const std::vector<Token> tokens = analyzer.analyze(text);
  return CountryExtractor().extract(text, tokens, field);
}

char kind_letter(CountryMentionKind kind) {
  switch (kind) {
    case CountryMentionKind::kName:
      return 'N';
    case CountryMentionKind::kDemonym:
      return 'D';
    case CountryMentionKind::kMetonym:
      return 'M';
  }
  return '?';
}

// "KP:N:Corée du Nord" for each mention, space-separated: code, kind, the matched text.
std::string describe(std::string_view text) {
  std::string out;
  for (const CountryMention& m : extract(text)) {
    if (!out.empty()) out += ' ';
    out += m.code + ':' + kind_letter(m.kind) + ':' +
           std::string(text.substr(m.begin, m.end - m.begin));
  }
  return out;
}

struct CountryCase {
  const char* name;
  const char* text;
  const char* expected;  // describe() of the text
};

class CountryTable : public ::testing::TestWithParam<CountryCase> {};

TEST_P(CountryTable, FindsExactlyTheseMentions) {
  EXPECT_EQ(describe(GetParam().text), GetParam().expected) << GetParam().text;
}

const CountryCase kCases[] = {
    // Names, spellings, hyphens, case, elision.
    {"CanonicalCldrName", "La Russie a démenti.", "RU:N:Russie"},
    {"ElidedArticle", "Le président de l’Ukraine", "UA:N:Ukraine"},
    {"ElidedPreposition", "le pétrole d'Iran", "IR:N:Iran"},
    {"ContractedArticle", "aux États-Unis", "US:N:États-Unis"},
    {"UnaccentedLowercaseHyphen", "aux etats-unis", "US:N:etats-unis"},
    {"UnaccentedSpaceInsteadOfHyphen", "les Etats Unis", "US:N:Etats Unis"},
    {"AllCaps", "LES ÉTATS-UNIS RÉPONDENT", "US:N:ÉTATS-UNIS"},
    {"OfficialNameIsOneMention", "les États-Unis d’Amérique", "US:N:États-Unis d’Amérique"},
    {"CoteDIvoireTypographicApostrophe", "en Côte d’Ivoire", "CI:N:Côte d’Ivoire"},
    {"CoteDIvoireHyphenatedAscii", "en Cote-d'Ivoire", "CI:N:Cote-d'Ivoire"},
    {"AcronymRdc", "l’est de la RDC", "CD:N:RDC"},
    {"AcronymWithDots", "les U.S.A. et la R.P.D.C.", "US:N:U.S.A KP:N:R.P.D.C"},
    {"AcronymMustBeUppercase", "nous et les us et coutumes", ""},
    {"CzechBothNames", "la Tchéquie, ou République tchèque",
     "CZ:N:Tchéquie CZ:N:République tchèque"},
    {"BurmaBothNames", "la Birmanie (Myanmar)", "MM:N:Birmanie MM:N:Myanmar"},
    {"HongKongFromCldrQualifiedName", "à Hong Kong", "HK:N:Hong Kong"},
    {"PalestineAndTerritories", "la Palestine et les Territoires palestiniens",
     "PS:N:Palestine PS:N:Territoires palestiniens"},
    {"VaticanAliases", "le Vatican, le Saint-Siège", "VA:N:Vatican VA:N:Saint-Siège"},
    {"EnglandIsBritain", "l’Angleterre et la Grande-Bretagne",
     "GB:N:Angleterre GB:N:Grande-Bretagne"},
    {"AmericaAloneIsUs", "l’Amérique de Trump", "US:N:Amérique"},
    {"AmericaContinentBlocked", "en Amérique latine et en Amérique du Sud", ""},
    {"LatinAmericanBlocked", "les pays latino-américains", ""},
    {"IndianOceanBlocked", "dans l’océan Indien", ""},
    // Look-alikes: never inside another word, never a neighbour's name.
    {"DoesNotFireOnMachine", "une machine à laver et des chinoiseries", ""},
    {"DoesNotFireOnIndemnite", "une indemnité pour la dinde", ""},
    {"DoesNotFireOnRomans", "des romans d’aventure", ""},
    {"NigerIsNotNigeria", "le Niger et le Nigeria", "NE:N:Niger NG:N:Nigeria"},
    {"NigerienIsNotNigerian", "un soldat nigérien, une ONG nigériane",
     "NE:D:nigérien NG:D:nigériane"},
    {"GuineaBissauIsNotGuinea", "la Guinée-Bissau", "GW:N:Guinée-Bissau"},
    {"EquatorialGuineaIsNotGuinea", "la Guinée équatoriale", "GQ:N:Guinée équatoriale"},
    {"GuineaAlone", "la Guinée", "GN:N:Guinée"},
    {"NewGuineaBlocked", "en Nouvelle-Guinée", ""},
    {"NorthAndSouthKorea", "la Corée du Nord menace la Corée du Sud",
     "KP:N:Corée du Nord KR:N:Corée du Sud"},
    {"PlainKoreaAloneGivesNothing", "la Corée et les Coréens", ""},
    {"PlainKoreaTakesTheKoreaTheTextNames", "Pyongyang a tiré ; la péninsule coréenne",
     "KP:M:Pyongyang KP:D:coréenne"},
    {"DrcIsNotCongo", "la République démocratique du Congo et le Congo",
     "CD:N:République démocratique du Congo CD:N:Congo"},
    {"PlainCongoDefaultsToBrazzaville", "le Congo voisin", "CG:N:Congo"},
    {"CongoKinshasaAndBrazzaville", "Congo-Kinshasa, Congo-Brazzaville",
     "CD:N:Congo-Kinshasa CG:N:Congo-Brazzaville"},
    {"MaliIsNotMal", "le mal du Mali", "ML:N:Mali"},
    {"OmanAndChad", "Oman et le Tchad", "OM:N:Oman TD:N:Tchad"},
    {"LowercaseCommonWordsAreNotCountries", "un chili, une grenade, les paris sportifs", ""},
    {"LowercaseReunionIsAMeeting", "la réunion de La Réunion", "RE:N:Réunion"},
    {"WhiteHouseNeedsCapitals", "une maison blanche, la Maison Blanche", "US:M:Maison Blanche"},
    // Person names.
    {"JordanIsAFirstName", "Jordan Mitchell a parlé de la Jordanie", "JO:N:Jordanie"},
    {"MauriceAsFirstName", "Maurice Diouf est allé à Maurice.", "MU:N:Maurice"},
    {"FirstNameWithParticle", "Dominique de Villepin", ""},
    {"FlorenceAsFirstName", "Florence Martin", ""},
    {"WashingtonAsSurname", "le pont George Washington", ""},
    {"WashingtonAtSentenceStart", "Washington dément. Selon Washington, rien.",
     "US:M:Washington US:M:Washington"},
    {"ParisHiltonIsNotFrance", "Paris Hilton à Paris", "FR:M:Paris"},
    {"CityInsideHyphenatedGivenName", "a déclaré Marie-Lourdes Étienne", ""},
    // A one-word country or city right before a surname is a first name; after a preposition
    // or an article it is a place.
    {"CountryAsFirstNameAtSentenceStart", "Kenya Brooks a déclaré que rien ne changerait.", ""},
    {"CountryAsFirstNameMidSentence", "selon le navigateur Malte Andersen", ""},
    {"CountryAsFirstNameBeforeTwoNames", "Liban Abdi Warsame a été élu.", ""},
    {"IsraelAsFirstName", "Israël Gomes a marqué ; Israël Katz a répondu.", ""},
    {"CountryAsFirstNameBeforeHyphenatedSurname", "Malte Berg-Olsen a gagné.", ""},
    {"CapitalAsFirstName", "Paris Kourouma et Moscou Dlamini", ""},
    {"PlaceAsMiddleName", "le ministre George Washington Tarpeh et Ellen Liberia Kollie", ""},
    {"FirstNameAfterPourIntroducingAPerson", "Pour Kenya Brooks, professeure, c’est inédit.", ""},
    {"PlaceAfterEnBeforeName", "en Russie Vladimir Poutine a parlé", "RU:N:Russie"},
    {"PlaceAfterABeforeName", "a déclaré à Moscou Dmitri Peskov", "RU:M:Moscou"},
    {"PlaceAfterArticleBeforeName", "l’Inde Narendra Modi, la Chine Xi Jinping",
     "IN:N:Inde CN:N:Chine"},
    {"CommaSeparatedCountries", "la Chine, l’Inde", "CN:N:Chine IN:N:Inde"},
    {"CountryBeforeAnotherEntryIsAList", "Iran Irak : la guerre", "IR:N:Iran IQ:N:Irak"},
    {"CountryBeforeInstitutionWord", "Liban Hezbollah : la trêve", "LB:N:Liban"},
    {"CountryBeforeAcronym", "la guerre Russie OTAN", "RU:N:Russie"},
    {"CapitalsHeadlineIsNotAName", "UKRAINE : KIEV RÉPOND", "UA:N:UKRAINE UA:M:KIEV"},
    {"NewspaperNameBlocked", "le Washington Post", ""},
    {"PlaceQuotedAloneIsANickname", "surnommé « Washington » par ses partisans", ""},
    // « Géorgie »: the Caucasus country unless the text speaks of the US state.
    {"GeorgiaAloneIsTheCountry", "la Géorgie et l’Abkhazie", "GE:N:Géorgie"},
    {"GeorgiaWithAtlantaIsTheUsState", "la Géorgie recompte, Atlanta attend",
     "US:N:Géorgie US:M:Atlanta"},
    {"StateOfGeorgia", "l’État de Géorgie a lancé un recomptage", "US:M:État de Géorgie"},
    {"GeorgianOfficialInAtlanta", "le secrétaire d’État géorgien, à Atlanta",
     "US:D:géorgien US:M:Atlanta"},
    {"WashingtonDoesNotMakeGeorgiaTheState", "Washington soutient la Géorgie face à Moscou",
     "US:M:Washington GE:N:Géorgie RU:M:Moscou"},
    {"GeorgiaWithOtherUsStates", "la Géorgie, l’Arizona et le Nevada",
     "US:N:Géorgie US:M:Arizona US:M:Nevada"},
    // Demonyms: genders and numbers, compounds.
    {"DemonymAllFourForms", "ukrainien ukrainienne ukrainiens ukrainiennes",
     "UA:D:ukrainien UA:D:ukrainienne UA:D:ukrainiens UA:D:ukrainiennes"},
    {"DemonymInE", "un Russe, des russes", "RU:D:Russe RU:D:russes"},
    {"DemonymInS", "un Français, des Françaises", "FR:D:Français FR:D:Françaises"},
    {"DemonymIrregularFeminine", "grecque, turques", "GR:D:grecque TR:D:turques"},
    {"NorthKoreanCompound", "un responsable nord-coréen, des Nord-Coréennes",
     "KP:D:nord-coréen KP:D:Nord-Coréennes"},
    {"SouthAfricanCompound", "les sud-africains", "ZA:D:sud-africains"},
    {"QuebecoisIsCanada", "la BD québécoise", "CA:D:québécoise"},
    {"FrancoGermanGivesBoth", "le couple franco-allemand", "FR:D:franco DE:D:allemand"},
    {"IsraeliPalestinian", "le conflit israélo-palestinien", "IL:D:israélo PS:D:palestinien"},
    {"SinoAmerican", "les relations sino-américaines", "CN:D:sino US:D:américaines"},
    {"PrefixAloneIsNothing", "le général Franco", ""},
    {"AngloSaxonBlocked", "le monde anglo-saxon", ""},
    // Metonyms.
    {"CapitalAndInstitution", "Moscou et le Kremlin", "RU:M:Moscou RU:M:Kremlin"},
    {"KyivBothSpellings", "Kyiv ou Kiev", "UA:M:Kyiv UA:M:Kiev"},
    {"FrenchSeatsOfPower", "l’Élysée, Matignon et le Quai d’Orsay",
     "FR:M:Élysée FR:M:Matignon FR:M:Quai d’Orsay"},
    {"ContractedCapital", "au Caire puis du Havre", "EG:M:Caire FR:M:Havre"},
    {"BrusselsIsBelgium", "un sommet à Bruxelles", "BE:M:Bruxelles"},
    {"BigCity", "un concert à Lyon", "FR:M:Lyon"},
    {"PressMetonymsAcrossBorders", "outre-Manche, outre-Rhin et outre-Atlantique",
     "GB:M:outre-Manche DE:M:outre-Rhin US:M:outre-Atlantique"},
    {"HexagoneOnlyCapitalised", "dans l’Hexagone, pas dans un hexagone", "FR:M:Hexagone"},
    {"EmpireDuMilieu", "l’empire du Milieu", "CN:M:empire du Milieu"},
    {"PaysDuMatinCalmeAndSoleilLevant", "au pays du Matin calme et au pays du Soleil-Levant",
     "KR:M:pays du Matin calme JP:M:pays du Soleil-Levant"},
    {"PerfideAlbion", "la perfide Albion", "GB:M:perfide Albion"},
    {"CapeVerdeanBothSpellings", "une chanteuse capverdienne, des Cap-Verdiens",
     "CV:D:capverdienne CV:D:Cap-Verdiens"},
    {"PortugueseDemonym", "un pêcheur portugais", "PT:D:portugais"},
    {"ContractedCapitalDoesNotCutACompound", "au Cap-Vert, puis au Cap",
     "CV:N:Cap-Vert ZA:M:Cap"},
    {"ProvinceNamedLikeACountry", "la province de l’Équateur, en RDC",
     "CD:M:province de l’Équateur CD:N:RDC"},
    // Languages: « en russe » is how something was said, not where.
    {"LanguageAfterEnIsNotACountry", "un film tourné en russe et traduit en anglais", ""},
    {"NationalityWordElsewhereCounts", "la langue russe, en Russie", "RU:D:russe RU:N:Russie"},
    {"LongestMatchWins", "Papouasie-Nouvelle-Guinée", "PG:N:Papouasie-Nouvelle-Guinée"},
    // Sentence punctuation breaks multi-word names.
    {"NoMatchAcrossPunctuation", "la Corée. Du Nord venaient-ils", ""},
    // Robustness.
    {"EmptyText", "", ""},
    {"InvalidUtf8", "\xff\xfe la Chine \xc3", "CN:N:Chine"},
};

INSTANTIATE_TEST_SUITE_P(CountryExtractor, CountryTable, ::testing::ValuesIn(kCases),
                         [](const auto& row) { return std::string(row.param.name); });

TEST(CountryExtractor, DataFileHasNoProblems) {
  EXPECT_EQ(CountryExtractor::dictionary_problems(), std::vector<std::string>{});
}

TEST(CountryExtractor, CoversEveryCldrCountryAndTheDataFile) {
  const CountryExtractor::DictionaryStats stats = CountryExtractor::dictionary_stats();
  EXPECT_GT(stats.names, 300u);
  EXPECT_GT(stats.demonyms, 800u);
  EXPECT_GT(stats.metonyms, 400u);
}

TEST(CountryExtractor, RecordsOffsetsEvidenceKindAndField) {
  const std::string text = "Selon la Corée du Nord, des soldats nord-coréens";
  const std::vector<CountryMention> m = extract(text, TextField::kTitle);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].code, "KP");
  EXPECT_EQ(m[0].kind, CountryMentionKind::kName);
  EXPECT_EQ(m[0].field, TextField::kTitle);
  EXPECT_EQ(text.substr(m[0].begin, m[0].end - m[0].begin), "Corée du Nord");
  EXPECT_EQ(m[0].evidence, "Corée du Nord");
  EXPECT_EQ(m[1].kind, CountryMentionKind::kDemonym);
  EXPECT_EQ(text.substr(m[1].begin, m[1].end - m[1].begin), "nord-coréens");
  EXPECT_EQ(m[1].evidence, "nord-coréens");
}

TEST(CountryExtractor, IgnoresTokensOfAnotherText) {
  FrenchAnalyzer analyzer;
  const std::vector<Token> tokens = analyzer.analyze("un long texte qui parle de la Russie");
  EXPECT_TRUE(CountryExtractor().extract("court", tokens, TextField::kBody).empty());
}

}  // namespace
}  // namespace depeche::analysis
