// Countries and territories with their French names, from ICU's CLDR data (ISO 3166-1 regions).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace depeche::analysis {

class CountryNames {
 public:
  // Built once from ICU on first use; immutable afterwards, so shared by all threads.
  static const CountryNames& french();

  // The uppercase ISO code for an ISO code in any case ("kp") or a French display name in any
  // case, with or without accents ("coree du nord"); nullopt when unknown.
  std::optional<std::string> resolve(std::string_view code_or_name) const;

  // The French display name of an ISO code ("KP" → "Corée du Nord"); empty when unknown.
  std::string name(std::string_view code) const;

  // All ISO codes, sorted.
  std::vector<std::string> codes() const;

 private:
  CountryNames();
  std::map<std::string, std::string> names_;                     // code → French name
  std::unordered_map<std::string, std::string> code_by_folded_;  // folded name → code
};

}  // namespace depeche::analysis
