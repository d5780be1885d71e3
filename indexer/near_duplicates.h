// Near-duplicate detection for wire copies: a MinHash signature of each article's word 3-grams,
// split into LSH bands that become lookup terms. Two articles whose 3-gram sets overlap by
// Jaccard J share at least one band with probability 1 - (1 - J^3)^8 (J = 0.7: 0.97; J = 0.3:
// 0.2), and the writer then compares whole signatures before treating them as one story.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/token.h"

namespace depeche::indexer {

inline constexpr std::size_t kDupSignatureSize = 24;
inline constexpr std::size_t kDupBands = 8;  // of kDupSignatureSize / kDupBands = 3 rows each
// Estimated Jaccard similarity from which two articles are copies of one story.
inline constexpr double kDupThreshold = 0.5;

struct DupSignature {
  std::array<std::uint32_t, kDupSignatureSize> mins{};
};

// None for texts too short to compare (fewer than 8 word 3-grams): they are never collapsed.
std::optional<DupSignature> dup_signature(const std::vector<analysis::Token>& tokens);

// The band lookup terms (schema::kPrefixDupBand + band digit + 8 hex digits).
std::vector<std::string> dup_band_terms(const DupSignature& signature);

// Fraction of equal MinHash values: an estimate of the Jaccard similarity of the 3-gram sets.
double dup_similarity(const DupSignature& a, const DupSignature& b);

// The value-slot encoding (little-endian uint32 each) and back; nullopt when malformed.
std::string encode_dup_signature(const DupSignature& signature);
std::optional<DupSignature> decode_dup_signature(std::string_view bytes);

// The key of an article that starts a new story: derived from its id, 16 hex digits.
std::string new_dup_key(std::string_view article_id);

}  // namespace depeche::indexer
