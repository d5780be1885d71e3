// Turns an Article into a Xapian document laid out as core/schema.h says. Runs on worker threads:
// one builder per thread (it owns a FrenchAnalyzer).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analyzers/entity_extractor.h"
#include "analyzers/french_analyzer.h"
#include "core/article.h"
#include "indexer/near_duplicates.h"

namespace depeche::indexer {

struct BuiltDocument {
  std::string id;
  std::string id_term;
  // Complete but for the near-duplicate key, which the writer assigns (it needs the index).
  Xapian::Document doc;
  std::optional<DupSignature> signature;
  // Words for spelling suggestions and autocompletion: case-folded, accents kept, with their
  // number of occurrences in this article.
  std::vector<std::pair<std::string, Xapian::termcount>> spelling;
  // Pre-supplied facet values that could not be used (unknown country…), for the report.
  std::vector<std::string> warnings;
  SourceLocation origin;
};

class DocumentBuilder {
 public:
  BuiltDocument build(const Article& article);

 private:
  analysis::FrenchAnalyzer analyzer_;
  analysis::EntityExtractor extractor_;
};

}  // namespace depeche::indexer
