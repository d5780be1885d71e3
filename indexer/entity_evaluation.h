// Measures entity extraction against a gold file: precision, recall and F1 per facet.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace depeche::indexer {

struct FacetScore {
  std::uint64_t true_positives = 0;
  std::uint64_t false_positives = 0;
  std::uint64_t false_negatives = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

// One article where extraction and gold disagree, for the report.
struct EntityDisagreement {
  std::string id;
  std::string facet;                 // "countries" or "speakers"
  std::vector<std::string> missed;   // in the gold, not extracted
  std::vector<std::string> extra;    // extracted, not in the gold
};

struct EntityEvaluation {
  std::uint64_t articles = 0;  // gold articles found in the inputs
  std::vector<std::string> missing_articles;  // gold ids no input provided
  FacetScore countries;
  FacetScore speakers;
  std::vector<EntityDisagreement> disagreements;
};

// Gold: JSON Lines of {"id", "countries": [ISO codes], "speakers": [full names]}. Articles are
// read from `inputs` as `depeche index` reads them; speaker names compare after fold_value
// (case, accents, hyphens), country codes exactly. Micro-averaged over all gold articles.
// Throws InputError for an unreadable or malformed gold file (file:line).
EntityEvaluation evaluate_entities(const std::string& gold_path, const std::vector<std::string>& inputs);

}  // namespace depeche::indexer
