// Reads ISO 3166 regions and their French display names from ICU.
#include "analyzers/country_names.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cctype>

#include "analyzers/text_folding.h"

namespace depeche::analysis {

const CountryNames& CountryNames::french() {
  static const CountryNames instance;
  return instance;
}

CountryNames::CountryNames() {
  for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
    icu::UnicodeString display;
    icu::Locale("", *code).getDisplayCountry(icu::Locale::getFrench(), display);
    std::string name;
    display.toUTF8String(name);
    if (name.empty() || name == *code) continue;
    names_.emplace(*code, name);
    code_by_folded_.emplace(fold_value(name), *code);
  }
}

std::optional<std::string> CountryNames::resolve(std::string_view code_or_name) const {
  if (code_or_name.size() == 2) {
    std::string code{static_cast<char>(std::toupper(static_cast<unsigned char>(code_or_name[0]))),
                     static_cast<char>(std::toupper(static_cast<unsigned char>(code_or_name[1])))};
    if (names_.count(code)) return code;
  }
  auto it = code_by_folded_.find(fold_value(code_or_name));
  if (it == code_by_folded_.end()) return std::nullopt;
  return it->second;
}

std::string CountryNames::name(std::string_view code) const {
  auto it = names_.find(std::string(code));
  return it == names_.end() ? std::string() : it->second;
}

std::vector<std::string> CountryNames::codes() const {
  std::vector<std::string> out;
  out.reserve(names_.size());
  for (const auto& [code, name] : names_) out.push_back(code);
  return out;
}

}  // namespace depeche::analysis
