// Implements MinHash signatures and LSH band terms over folded word 3-grams.
#include "indexer/near_duplicates.h"

#include <fmt/format.h>

#include <limits>

#include "core/hash.h"
#include "core/schema.h"

namespace depeche::indexer {
namespace {

constexpr std::size_t kShingleWords = 3;
constexpr std::size_t kMinShingles = 8;

}  // namespace

std::optional<DupSignature> dup_signature(const std::vector<analysis::Token>& tokens) {
  // Word sequence without compound wholes, so "États-Unis" and "Etats Unis" shingle alike.
  std::vector<std::uint64_t> words;
  words.reserve(tokens.size());
  for (const analysis::Token& t : tokens) {
    if (t.has(analysis::kFlagCompound) || t.term.empty()) continue;
    words.push_back(fnv1a64(t.term));
  }
  if (words.size() < kMinShingles + kShingleWords - 1) return std::nullopt;
  DupSignature sig;
  sig.mins.fill(std::numeric_limits<std::uint32_t>::max());
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t shingle = words[i];
    for (std::size_t k = 1; k < kShingleWords; ++k) shingle = mix64(shingle ^ words[i + k]) + k;
    for (std::size_t h = 0; h < kDupSignatureSize; ++h) {
      const auto v = static_cast<std::uint32_t>(mix64(shingle + 0x9e3779b97f4a7c15ULL * (h + 1)));
      if (v < sig.mins[h]) sig.mins[h] = v;
    }
  }
  return sig;
}

std::vector<std::string> dup_band_terms(const DupSignature& signature) {
  constexpr std::size_t rows = kDupSignatureSize / kDupBands;
  std::vector<std::string> terms;
  terms.reserve(kDupBands);
  for (std::size_t b = 0; b < kDupBands; ++b) {
    std::uint64_t h = b + 1;
    for (std::size_t r = 0; r < rows; ++r) h = mix64(h ^ signature.mins[b * rows + r]);
    terms.push_back(fmt::format("{}{}{:08x}", schema::kPrefixDupBand, b,
                                static_cast<std::uint32_t>(h)));
  }
  return terms;
}

double dup_similarity(const DupSignature& a, const DupSignature& b) {
  std::size_t same = 0;
  for (std::size_t i = 0; i < kDupSignatureSize; ++i) same += a.mins[i] == b.mins[i];
  return static_cast<double>(same) / kDupSignatureSize;
}

std::string encode_dup_signature(const DupSignature& signature) {
  std::string out;
  out.reserve(kDupSignatureSize * 4);
  for (std::uint32_t v : signature.mins) {
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
  }
  return out;
}

std::optional<DupSignature> decode_dup_signature(std::string_view bytes) {
  if (bytes.size() != kDupSignatureSize * 4) return std::nullopt;
  DupSignature sig;
  for (std::size_t i = 0; i < kDupSignatureSize; ++i) {
    std::uint32_t v = 0;
    for (int k = 3; k >= 0; --k) v = (v << 8) | static_cast<unsigned char>(bytes[i * 4 + static_cast<std::size_t>(k)]);
    sig.mins[i] = v;
  }
  return sig;
}

std::string new_dup_key(std::string_view article_id) {
  return fmt::format("{:016x}", fnv1a64(article_id));
}

}  // namespace depeche::indexer
