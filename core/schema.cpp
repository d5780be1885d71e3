// Helpers that encode values exactly as core/schema.h documents them.
#include "core/schema.h"

#include <array>
#include <cstdio>

#include "core/hash.h"

namespace depeche::schema {
namespace {

constexpr char kListSeparator = '\x1f';

}  // namespace

std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (value.size() <= kMaxBooleanValueBytes) {
    term.append(value);
    return term;
  }
  // Keep a readable head, then a hash of the whole value: distinct long values stay distinct.
  std::array<char, 17> hex{};
  std::snprintf(hex.data(), hex.size(), "%016llx",
                static_cast<unsigned long long>(fnv1a64(value)));
  std::size_t head = kMaxBooleanValueBytes - 17;
  // Never cut a UTF-8 sequence in half.
  while (head > 0 && (static_cast<unsigned char>(value[head]) & 0xC0) == 0x80) --head;
  term.append(value.substr(0, head));
  term.push_back('#');
  term.append(hex.data(), 16);
  return term;
}

std::string pack_list(const std::vector<std::string>& values) {
  std::string packed;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) packed.push_back(kListSeparator);
    packed.append(values[i]);
  }
  return packed;
}

std::vector<std::string> unpack_list(std::string_view packed) {
  std::vector<std::string> values;
  if (packed.empty()) return values;
  std::size_t start = 0;
  while (true) {
    std::size_t sep = packed.find(kListSeparator, start);
    values.emplace_back(packed.substr(start, sep - start));
    if (sep == std::string_view::npos) break;
    start = sep + 1;
  }
  return values;
}

}  // namespace depeche::schema
