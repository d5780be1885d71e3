// Stable 64-bit hashes for index keys: same value on every platform and release, unlike std::hash.
#pragma once

#include <cstdint>
#include <string_view>

namespace depeche {

// FNV-1a, 64 bits.
constexpr std::uint64_t fnv1a64(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// splitmix64's finaliser: spreads the bits of a hash so seeded variants are independent.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace depeche
