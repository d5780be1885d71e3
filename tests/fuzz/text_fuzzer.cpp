// Fuzz target: the plain-text article parser (indexer/text_reader), and the date parsers it uses.
// Invariants: parse_text_article never throws and gives exactly one record — an article or an
// error; an article has the given id, a one-line title, a body of paragraphs joined by "\n\n"
// (no blank paragraph, trimmed) and keeps the readers' promises (reader_checks.h). The input's
// first line is also handed to parse_date and date_from_path, whose dates must be real and
// plausible.
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzers/date_parser.h"
#include "indexer/text_reader.h"
#include "tests/fuzz/reader_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace depeche;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string file = "depeches/fuzz.txt";
  const std::string id = "fuzz.txt";

  fuzz::RecordingSink sink;
  try {
    indexer::parse_text_article(input, file, id, sink);
  } catch (...) {
    fuzz::fail(__FILE__, __LINE__, "parse_text_article threw " + fuzz::current_exception_message());
  }
  DEPECHE_FUZZ_CHECK(sink.articles.size() + sink.errors.size() == 1, "not exactly one record");
  for (const indexer::RecordError& e : sink.errors) {
    fuzz::check_error(e, file);
    DEPECHE_FUZZ_CHECK(e.where.line >= 1, "error at line 0");
  }
  for (const Article& a : sink.articles) {
    fuzz::check_article(a, file);
    DEPECHE_FUZZ_CHECK(a.id == id, "the article lost its id");
    DEPECHE_FUZZ_CHECK(a.body.find("\n\n\n") == std::string::npos, "blank paragraph in the body");
    DEPECHE_FUZZ_CHECK(a.body.front() != '\n' && a.body.back() != '\n', "body not trimmed");
  }

  const std::string_view first_line = input.substr(0, input.find('\n'));
  if (const auto d = analysis::parse_date(first_line)) fuzz::check_date(*d, "parse_date");
  if (const auto d = analysis::date_from_path(first_line)) fuzz::check_date(*d, "date_from_path");
  return 0;
}
