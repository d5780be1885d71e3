// All entities of one article — countries, speakers, quotes, dates — and the facet policy that
// turns mentions into facet values. One per thread (the extractors are per-thread objects too).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/country_extractor.h"
#include "analyzers/entities.h"
#include "analyzers/speaker_extractor.h"
#include "analyzers/token.h"

namespace depeche::analysis {

class EntityExtractor {
 public:
  // `*_tokens` are FrenchAnalyzer::analyze of the same texts: indexing has them already.
  Entities extract(std::string_view title, const std::vector<Token>& title_tokens,
                   std::string_view body, const std::vector<Token>& body_tokens) const;

  // Facet policy (docs/ENTITIES.md): an article is about every country it names, describes with
  // a demonym or refers to through its capital or institutions. ISO codes, sorted, unique.
  static std::vector<std::string> country_facet(const Entities& entities);
  // The named people quoted or reported speaking: canonical full names, in order of first
  // appearance, unique. Unnamed speakers never become facet values.
  static std::vector<std::string> speaker_facet(const Entities& entities);

 private:
  CountryExtractor countries_;
  SpeakerExtractor speakers_;
};

}  // namespace depeche::analysis
