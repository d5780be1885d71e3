// Implements the two-key French stemmer.
#include "analyzers/french_stemmer.h"

#include "analyzers/text_folding.h"

namespace depeche::analysis {
namespace {
// Cleared when full so memory stays bounded whatever the corpus; refills with the frequent words.
constexpr std::size_t kMemoLimit = 200'000;
}  // namespace

FrenchStemmer::FrenchStemmer() : stem_("french") {}

std::vector<std::string> FrenchStemmer::keys(const std::string& lower) {
  if (auto it = memo_.find(lower); it != memo_.end()) return it->second;
  std::vector<std::string> result;
  std::string stem_then_fold = fold_accents(stem_(lower));
  std::string fold_then_stem = stem_(fold_accents(lower));
  if (!stem_then_fold.empty()) result.push_back(stem_then_fold);
  if (!fold_then_stem.empty() && fold_then_stem != stem_then_fold) {
    result.push_back(std::move(fold_then_stem));
  }
  if (memo_.size() >= kMemoLimit) memo_.clear();
  memo_.emplace(lower, result);
  return result;
}

}  // namespace depeche::analysis
