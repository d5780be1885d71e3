// Fuzz target: the RSS / Atom parser (indexer/feed_reader, with html_text for the markup inside).
// Invariants: parse_feed never throws; malformed XML or a foreign root gives exactly one error and
// no article; every article keeps the readers' promises (reader_checks.h) and errors point at a
// line of the input. The body of every item is also run through html_to_text on its own, which
// must give valid UTF-8 for valid UTF-8 markup.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "indexer/feed_reader.h"
#include "indexer/html_text.h"
#include "indexer/text_cleanup.h"
#include "tests/fuzz/reader_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace depeche;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string file = "fuzz.xml";

  fuzz::RecordingSink sink;
  try {
    indexer::parse_feed(input, file, sink);
  } catch (...) {
    fuzz::fail(__FILE__, __LINE__, "parse_feed threw " + fuzz::current_exception_message());
  }
  const auto lines = static_cast<std::uint64_t>(std::count(input.begin(), input.end(), '\n')) + 1;
  for (const indexer::RecordError& e : sink.errors) {
    fuzz::check_error(e, file);
    DEPECHE_FUZZ_CHECK(
        e.where.line >= 1 && e.where.line <= lines,
        "error at line " + std::to_string(e.where.line) + " of " + std::to_string(lines));
    const bool whole_feed = e.reason.rfind("malformed XML", 0) == 0 ||
                            e.reason.rfind("not an RSS or Atom feed", 0) == 0;
    if (whole_feed) {
      DEPECHE_FUZZ_CHECK(sink.errors.size() == 1 && sink.articles.empty(),
                         "a feed-level error together with other records");
    }
  }
  for (const Article& a : sink.articles) {
    fuzz::check_article(a, file);
    DEPECHE_FUZZ_CHECK(a.origin.line <= lines, "article at a line past the end");
  }

  // The HTML converter alone, on the input as if it were one description.
  if (!indexer::find_invalid_utf8(input)) {
    const std::string text = indexer::html_to_text(input);
    DEPECHE_FUZZ_CHECK(fuzz::is_valid_utf8(text), "html_to_text made invalid UTF-8");
  }
  return 0;
}
