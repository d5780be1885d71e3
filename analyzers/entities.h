// What entity extraction finds in an article: country mentions, quotes and their speakers, dates.
// Offsets are bytes into the text that was analysed (title and body are extracted separately;
// `field` says which). Every finding carries its evidence: which dictionary entry or pattern fired.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/article.h"

namespace depeche::analysis {

enum class TextField { kTitle, kBody };

// How a country was referred to. The facet policy (which kinds count) lives in
// EntityExtractor, documented in docs/ENTITIES.md.
enum class CountryMentionKind {
  kName,     // a name or alias: « la Russie », « RDC », « Royaume-Uni », « Etats Unis »
  kDemonym,  // an adjective or noun of nationality: « nord-coréen », « ukrainiennes », « Russes »
  kMetonym,  // a capital, city or institution standing for the country: « Moscou », « le Kremlin »
};

struct CountryMention {
  std::string code;  // ISO 3166-1 alpha-2, uppercase: "KP"
  CountryMentionKind kind = CountryMentionKind::kName;
  TextField field = TextField::kBody;
  std::uint32_t begin = 0;  // byte offsets of the matched words
  std::uint32_t end = 0;
  std::string evidence;  // the dictionary entry that fired: "corée du nord"
};

// A person whose words are reported, at one place in the text.
struct SpeakerMention {
  std::string name;  // canonical full name as written in the article: "John Kirby"
  TextField field = TextField::kBody;
  std::uint32_t begin = 0;  // the words of the name at this place (a short "Kirby" included)
  std::uint32_t end = 0;
  std::string evidence;  // the pattern that fired: "NAME a déclaré", "selon NAME", "apposition"…
};

// A speaker the article does not name: « un responsable du ministère nord-coréen de la Défense ».
struct UnnamedSpeaker {
  std::string role;  // as written, lowercase first letter
  TextField field = TextField::kBody;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string evidence;
};

// A direct quotation and who said it.
struct Quote {
  std::string text;  // the quoted words, without the guillemets
  TextField field = TextField::kBody;
  std::uint32_t begin = 0;  // offsets of the quoted words (inside the guillemets)
  std::uint32_t end = 0;
  std::string speaker;  // canonical full name, or empty when unnamed or unknown
  std::string role;     // unnamed speaker's role when `speaker` is empty
  std::string evidence;
};

struct DateMention {
  Date date;
  TextField field = TextField::kBody;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string evidence;  // "1er mars 2024"
};

struct Entities {
  std::vector<CountryMention> countries;
  std::vector<SpeakerMention> speakers;
  std::vector<UnnamedSpeaker> unnamed_speakers;
  std::vector<Quote> quotes;
  std::vector<DateMention> dates;
};

}  // namespace depeche::analysis
