// Reads index statistics from term frequencies and value bounds: no document is scanned except
// one per top facet value, to recover its display form.
#include "indexer/index_stats.h"

#include <xapian.h>

#include <algorithm>

#include "analyzers/country_names.h"
#include "analyzers/text_folding.h"
#include "core/database.h"
#include "core/schema.h"

namespace depeche::indexer {
namespace {

struct TermCount {
  std::string value;  // the term without its prefix
  Xapian::doccount count;
};

// Values of a boolean prefix with their document frequencies, most frequent first.
std::vector<TermCount> top_terms(const Xapian::Database& db, std::string_view prefix,
                                 std::size_t top, std::string_view exclude_prefix = {}) {
  std::vector<TermCount> all;
  const std::string p(prefix);
  for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
    const std::string term = *it;
    if (!exclude_prefix.empty() && term.rfind(exclude_prefix, 0) == 0) continue;
    // Values are lowercase: an uppercase letter right after the prefix belongs to a longer prefix.
    if (term.size() > p.size() && std::isupper(static_cast<unsigned char>(term[p.size()]))) continue;
    all.push_back({term.substr(p.size()), it.get_termfreq()});
  }
  std::sort(all.begin(), all.end(), [](const TermCount& a, const TermCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (all.size() > top) all.resize(top);
  return all;
}

// The display form of a folded value: read from the slot of one document carrying its term.
std::string display_value(const Xapian::Database& db, const std::string& term, Xapian::valueno slot,
                          const std::string& folded) {
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return folded;
  const std::string raw = db.get_document(*it).get_value(slot);
  for (const std::string& v : schema::unpack_list(raw)) {
    if (analysis::fold_value(v) == folded) return v;
  }
  return folded;
}

std::string iso_of_compact(const std::string& compact) {
  if (compact.size() != 8) return {};
  return compact.substr(0, 4) + "-" + compact.substr(4, 2) + "-" + compact.substr(6, 2);
}

}  // namespace

IndexStats read_index_stats(const std::string& path, std::size_t top) {
  Xapian::Database db = open_index_for_reading(path);
  IndexStats s;
  s.path = path;
  s.documents = db.get_doccount();
  s.dated_documents = db.get_value_freq(schema::kSlotDate);
  if (s.dated_documents) {
    s.first_date = iso_of_compact(db.get_value_lower_bound(schema::kSlotDate));
    s.last_date = iso_of_compact(db.get_value_upper_bound(schema::kSlotDate));
  }
  const auto& countries = analysis::CountryNames::french();
  for (const TermCount& t : top_terms(db, schema::kPrefixCountry, top)) {
    std::string code = t.value;
    std::transform(code.begin(), code.end(), code.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    const std::string name = countries.name(code);
    s.top_countries.push_back({name.empty() ? code : name + " (" + code + ")", t.count});
  }
  for (const TermCount& t : top_terms(db, schema::kPrefixSpeaker, top)) {
    const std::string term = schema::boolean_term(schema::kPrefixSpeaker, t.value);
    s.top_speakers.push_back({display_value(db, term, schema::kSlotSpeakers, t.value), t.count});
  }
  for (const TermCount& t : top_terms(db, schema::kPrefixSource, top)) {
    const std::string term = schema::boolean_term(schema::kPrefixSource, t.value);
    s.top_sources.push_back({display_value(db, term, schema::kSlotSource, t.value), t.count});
  }
  // Free-text words are the unprefixed terms: they start with a lowercase letter or a digit.
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
    const unsigned char c = static_cast<unsigned char>((*it)[0]);
    if (!std::isupper(c)) ++s.distinct_terms_estimate;
  }
  s.size_bytes = index_size_bytes(path);
  s.last_update = db.get_metadata(std::string(schema::kMetaLastUpdate));
  const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  s.schema_version = version.empty() ? 0 : std::stoi(version);
  return s;
}

}  // namespace depeche::indexer
