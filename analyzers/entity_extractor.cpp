// Runs the extractors on title and body and applies the facet policy.
#include "analyzers/entity_extractor.h"

#include <algorithm>

#include "analyzers/date_mentions.h"
#include "analyzers/text_folding.h"

namespace depeche::analysis {
namespace {

// A title often names a speaker by surname only ("Kirby dément"): give it the full name the
// body uses, when exactly one body speaker has that last name.
void resolve_title_short_names(std::vector<SpeakerMention>& speakers) {
  for (SpeakerMention& m : speakers) {
    if (m.field != TextField::kTitle || m.name.find(' ') != std::string::npos) continue;
    const std::string last = fold_value(m.name);
    const SpeakerMention* match = nullptr;
    int matches = 0;
    for (const SpeakerMention& other : speakers) {
      if (other.field != TextField::kBody) continue;
      const std::string full = fold_value(other.name);
      const std::size_t space = full.rfind(' ');
      if (space != std::string::npos && full.substr(space + 1) == last &&
          (!match || fold_value(match->name) != full)) {
        match = &other;
        ++matches;
      }
    }
    if (matches == 1) m.name = match->name;
  }
}

template <typename T>
void append(std::vector<T>& to, std::vector<T>&& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

Entities EntityExtractor::extract(std::string_view title, const std::vector<Token>& title_tokens,
                                  std::string_view body,
                                  const std::vector<Token>& body_tokens) const {
  Entities e;
  e.countries = countries_.extract(title, title_tokens, TextField::kTitle);
  append(e.countries, countries_.extract(body, body_tokens, TextField::kBody));

  SpeakerExtractor::Result in_title = speakers_.extract(title, title_tokens, TextField::kTitle);
  SpeakerExtractor::Result in_body = speakers_.extract(body, body_tokens, TextField::kBody);
  e.speakers = std::move(in_title.speakers);
  append(e.speakers, std::move(in_body.speakers));
  resolve_title_short_names(e.speakers);
  e.unnamed_speakers = std::move(in_title.unnamed);
  append(e.unnamed_speakers, std::move(in_body.unnamed));
  e.quotes = std::move(in_title.quotes);
  append(e.quotes, std::move(in_body.quotes));

  e.dates = find_date_mentions(title, title_tokens, TextField::kTitle);
  append(e.dates, find_date_mentions(body, body_tokens, TextField::kBody));
  return e;
}

std::vector<std::string> EntityExtractor::country_facet(const Entities& entities) {
  std::vector<std::string> codes;
  for (const CountryMention& m : entities.countries) codes.push_back(m.code);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

std::vector<std::string> EntityExtractor::speaker_facet(const Entities& entities) {
  std::vector<std::string> names;
  std::vector<std::string> folded;
  for (const SpeakerMention& m : entities.speakers) {
    std::string key = fold_value(m.name);
    if (key.empty() || std::find(folded.begin(), folded.end(), key) != folded.end()) continue;
    folded.push_back(std::move(key));
    names.push_back(m.name);
  }
  return names;
}

}  // namespace depeche::analysis
