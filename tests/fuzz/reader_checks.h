// What every input reader promises about the articles it hands over, checked by the reader
// fuzz targets, and a sink that records articles and errors for those checks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/date_parser.h"
#include "indexer/article_sink.h"
#include "tests/fuzz/fuzz_check.h"

namespace depeche::fuzz {

class RecordingSink : public indexer::ArticleSink {
 public:
  void on_article(Article&& article) override { articles.push_back(std::move(article)); }
  void on_error(indexer::RecordError&& error) override { errors.push_back(std::move(error)); }
  std::vector<Article> articles;
  std::vector<indexer::RecordError> errors;
};

inline bool has_control(std::string_view s, bool allow_newline_and_tab) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (allow_newline_and_tab && (c == '\n' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

inline void check_date(const Date& d, const std::string& where) {
  DEPECHE_FUZZ_CHECK(analysis::is_valid_day(d.year, d.month, d.day), where + ": impossible date");
  DEPECHE_FUZZ_CHECK(d.year >= analysis::kMinPlausibleYear && d.year <= analysis::kMaxPlausibleYear,
                     where + ": implausible year");
  if (d.seconds_of_day) {
    DEPECHE_FUZZ_CHECK(*d.seconds_of_day >= 0 && *d.seconds_of_day < 86400 + 1,
                       where + ": time of day out of range");
  }
  if (d.utc_offset_minutes) {
    DEPECHE_FUZZ_CHECK(*d.utc_offset_minutes > -24 * 60 && *d.utc_offset_minutes < 24 * 60,
                       where + ": UTC offset out of range");
  }
  (void)d.iso();
  DEPECHE_FUZZ_CHECK(d.compact().size() == 8, where + ": compact date is not YYYYMMDD");
}

// One-line fields: valid UTF-8, no control character at all. Bodies may keep \n and \t.
inline void check_article(const Article& a, const std::string& file) {
  const std::string where = file + ": article '" + a.id + "'";
  DEPECHE_FUZZ_CHECK(!a.id.empty(), where + ": empty id");
  DEPECHE_FUZZ_CHECK(!a.body.empty(), where + ": empty body");
  DEPECHE_FUZZ_CHECK(a.origin.file == file, where + ": origin names another file");
  DEPECHE_FUZZ_CHECK(a.origin.line >= 1, where + ": origin line 0");
  for (const std::string* s : {&a.id, &a.title, &a.url, &a.source, &a.author, &a.lang}) {
    DEPECHE_FUZZ_CHECK(is_valid_utf8(*s), where + ": one-line field not UTF-8");
    DEPECHE_FUZZ_CHECK(!has_control(*s, false), where + ": control character in '" + *s + "'");
  }
  DEPECHE_FUZZ_CHECK(is_valid_utf8(a.body), where + ": body not UTF-8");
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
  DEPECHE_FUZZ_CHECK(!space(a.body.front()) && !space(a.body.back()), where + ": body not trimmed");
  DEPECHE_FUZZ_CHECK(!has_control(a.body, true), where + ": control character in the body");
  for (const auto* list : {&a.countries, &a.speakers}) {
    for (const std::string& v : *list) {
      DEPECHE_FUZZ_CHECK(!v.empty() && is_valid_utf8(v) && !has_control(v, false),
                         where + ": bad facet value '" + v + "'");
    }
  }
  if (a.date) check_date(*a.date, where);
}

inline void check_error(const indexer::RecordError& e, const std::string& file) {
  DEPECHE_FUZZ_CHECK(e.where.file == file, "error names another file");
  DEPECHE_FUZZ_CHECK(!e.reason.empty(), "error without a reason");
  (void)indexer::to_string(e);
}

}  // namespace depeche::fuzz
