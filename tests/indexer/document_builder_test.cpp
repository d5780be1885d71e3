// What a built document holds: terms, filter terms, slots and stored data as core/schema.h says.
#include "indexer/document_builder.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/schema.h"

namespace depeche::indexer {
namespace {

std::set<std::string> terms(const Xapian::Document& d) { return {d.termlist_begin(), d.termlist_end()}; }

Xapian::termcount wdf(const Xapian::Document& d, const std::string& term) {
  auto it = d.termlist_begin();
  it.skip_to(term);
  return it != d.termlist_end() && *it == term ? it.get_wdf() : 0;
}

Article sample() {
  Article a;
  a.id = "apm-2022-1108-coree";
  a.title = "Pyongyang dément";
  a.body = "La Corée du Nord a rejeté les allégations de livraisons d’armes, a déclaré Anne Roche.";
  a.date = Date{2022, 11, 8, 14 * 3600 + 5 * 60, 60};
  a.url = "https://www.presse-monde.example/2022/11/08/coree";
  a.source = "Agence Presse Monde";
  a.author = "Jean Dupont";
  a.lang = "fr";
  return a;
}

TEST(DocumentBuilder, TitleHasItsOwnFieldAndWeighsMoreInFreeText) {
  DocumentBuilder b;
  BuiltDocument built = b.build(sample());
  EXPECT_TRUE(terms(built.doc).count("Spyongyang"));
  EXPECT_TRUE(terms(built.doc).count("ZSdement"));
  EXPECT_EQ(wdf(built.doc, "pyongyang"), schema::kTitleWdf);
  EXPECT_EQ(wdf(built.doc, "coree"), 1u);  // body only
}

TEST(DocumentBuilder, BodyPositionsStartAfterTheTitleGap) {
  DocumentBuilder b;
  BuiltDocument built = b.build(sample());
  auto it = built.doc.termlist_begin();
  it.skip_to("la");  // first body word; the title has two words
  ASSERT_EQ(*it, "la");
  EXPECT_EQ(*it.positionlist_begin(), 2 + schema::kBodyPositionGap + 1);
}

TEST(DocumentBuilder, AddsFilterTermsForIdDateSourceUrlAuthorAndLanguage) {
  DocumentBuilder b;
  auto t = terms(b.build(sample()).doc);
  for (const char* expected : {"Qapm-2022-1108-coree", "D20221108", "M202211", "Y2022",
                               "XSRCagence presse monde", "Hwww.presse-monde.example",
                               "Uhttps://www.presse-monde.example/2022/11/08/coree", "Ajean dupont",
                               "Lfr"}) {
    EXPECT_TRUE(t.count(expected)) << expected;
  }
}

TEST(DocumentBuilder, FillsDateAndSourceSlots) {
  DocumentBuilder b;
  Xapian::Document d = b.build(sample()).doc;
  EXPECT_EQ(d.get_value(schema::kSlotDate), "20221108");
  EXPECT_EQ(d.get_value(schema::kSlotYear), "2022");
  EXPECT_EQ(d.get_value(schema::kSlotMonth), "202211");
  EXPECT_EQ(Xapian::sortable_unserialise(d.get_value(schema::kSlotDayNumber)), 19304.0);
  EXPECT_EQ(d.get_value(schema::kSlotSource), "Agence Presse Monde");
}

TEST(DocumentBuilder, ResolvesCountriesFromCodesAndFrenchNames) {
  Article a = sample();
  a.countries = {"kp", "Corée du Nord", "RUSSIE", "etats-unis", "Atlantide"};
  DocumentBuilder b;
  BuiltDocument built = b.build(a);
  auto t = terms(built.doc);
  EXPECT_TRUE(t.count("XCkp"));
  EXPECT_TRUE(t.count("XCru"));
  EXPECT_TRUE(t.count("XCus"));
  EXPECT_EQ(built.doc.get_value(schema::kSlotCountries), schema::pack_list({"KP", "RU", "US"}));
  ASSERT_EQ(built.warnings.size(), 1u);
  EXPECT_NE(built.warnings[0].find("Atlantide"), std::string::npos);
  auto data = nlohmann::json::parse(built.doc.get_data());
  EXPECT_EQ(data["countries"][0]["name"], "Corée du Nord");
}

TEST(DocumentBuilder, GivenSpeakersMergeWithExtractedOnesWithFullAndLastNameTerms) {
  Article a = sample();
  a.speakers = {"Jean-Yves Le Drian", "jean yves le drian", "Iryna Bondarenko"};
  DocumentBuilder b;
  BuiltDocument built = b.build(a);
  auto t = terms(built.doc);
  EXPECT_TRUE(t.count("XSjean yves le drian"));
  EXPECT_TRUE(t.count("XSLdrian"));
  EXPECT_TRUE(t.count("XSLyves"));  // every word: family names come first in some cultures
  EXPECT_TRUE(t.count("XSLbondarenko"));
  // "… a déclaré Anne Roche." in the body: extracted, after the given ones, no duplicates.
  EXPECT_EQ(schema::unpack_list(built.doc.get_value(schema::kSlotSpeakers)),
            (std::vector<std::string>{"Jean-Yves Le Drian", "Iryna Bondarenko", "Anne Roche"}));
  EXPECT_TRUE(t.count("XSanne roche"));
}

TEST(DocumentBuilder, ExtractsCountriesFromTitleAndBody) {
  DocumentBuilder b;
  BuiltDocument built = b.build(sample());  // Pyongyang (title), la Corée du Nord (body)
  EXPECT_EQ(built.doc.get_value(schema::kSlotCountries), schema::pack_list({"KP"}));
  EXPECT_TRUE(terms(built.doc).count("XCkp"));
}

TEST(DocumentBuilder, StoresQuotesWithSpeakerAndIndexesTheirWords) {
  Article a = sample();
  a.body = "« Nous n’avons jamais vendu d’obus à Moscou », a déclaré Anne Roche mardi.";
  DocumentBuilder b;
  BuiltDocument built = b.build(a);
  auto data = nlohmann::json::parse(built.doc.get_data());
  ASSERT_EQ(data["quotes"].size(), 1u);
  EXPECT_EQ(data["quotes"][0]["speaker"], "Anne Roche");
  const std::string text = data["quotes"][0]["text"];
  EXPECT_EQ(text, "Nous n’avons jamais vendu d’obus à Moscou");
  const auto begin = data["quotes"][0]["begin"].get<std::size_t>();
  EXPECT_EQ(a.body.substr(begin, text.size()), text);
  auto t = terms(built.doc);
  EXPECT_TRUE(t.count("XQobus"));
  EXPECT_TRUE(t.count("ZXQvendu") || t.count("ZXQvend"));
  EXPECT_FALSE(t.count("XQdeclare"));  // outside the quote
}

TEST(DocumentBuilder, StoredDataHoldsWhatResultsAndSnippetsNeed) {
  Article a = sample();
  a.extra = {{"rubrique", "\"monde\""}};
  DocumentBuilder b;
  auto data = nlohmann::json::parse(b.build(a).doc.get_data());
  EXPECT_EQ(data["id"], "apm-2022-1108-coree");
  EXPECT_EQ(data["title"], "Pyongyang dément");
  EXPECT_EQ(data["body"], sample().body);
  EXPECT_EQ(data["date"], "2022-11-08T14:05:00+01:00");
  EXPECT_EQ(data["source"], "Agence Presse Monde");
  EXPECT_EQ(data["extra"]["rubrique"], "monde");
}

TEST(DocumentBuilder, SpellingWordsAreLowercaseAccentedAndSkipStopwordsAndNumbers) {
  Article a = sample();
  a.body = "Les élections de 2022 : les élections ont eu lieu.";
  DocumentBuilder b;
  BuiltDocument built = b.build(a);
  std::map<std::string, Xapian::termcount> words(built.spelling.begin(), built.spelling.end());
  EXPECT_EQ(words["élections"], 2u);
  EXPECT_EQ(words["pyongyang"], 1u);
  EXPECT_FALSE(words.count("les"));
  EXPECT_FALSE(words.count("2022"));
}

TEST(DocumentBuilder, LongIdsBecomeShortDistinctTerms) {
  Article a = sample();
  a.id = std::string(1000, 'x');
  DocumentBuilder b;
  BuiltDocument built = b.build(a);
  EXPECT_LE(built.id_term.size(), schema::kMaxBooleanValueBytes + 1);
  EXPECT_EQ(built.id_term, schema::id_term(a.id));
}

TEST(DocumentBuilder, ArticleWithoutDateHasNoDateSlotsOrTerms) {
  Article a = sample();
  a.date.reset();
  DocumentBuilder b;
  Xapian::Document d = b.build(a).doc;
  EXPECT_TRUE(d.get_value(schema::kSlotDate).empty());
  for (const auto& t : terms(d)) EXPECT_NE(t[0], 'D') << t;
}

}  // namespace
}  // namespace depeche::indexer
