// Fuzz target: the JSON Lines record parser (indexer/jsonl_reader).
// Invariants: read_jsonl never throws (bad lines become RecordErrors); every non-blank line gives
// exactly one article or one error, at its own line number, in order; every article keeps the
// readers' promises (reader_checks.h) and the id rules (trimmed, bounded, no control character).
// Each input is read twice: with the default options and with tiny bounds (line length, depth, id
// length) so the rejection paths are exercised by small inputs.
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "indexer/jsonl_reader.h"
#include "indexer/text_cleanup.h"
#include "tests/fuzz/reader_checks.h"

namespace {

using namespace depeche;

void run(std::string_view input, const indexer::JsonlOptions& options) {
  const std::string file = "fuzz.jsonl";
  fuzz::RecordingSink sink;
  std::istringstream in{std::string(input)};
  try {
    indexer::read_jsonl(in, file, sink, options);
  } catch (...) {
    fuzz::fail(__FILE__, __LINE__, "read_jsonl threw " + fuzz::current_exception_message());
  }

  // The lines that must give a record: LineReader's lines, less blank ones (after a BOM on the
  // first line and a CR at the end), but a line over the length cap always gives an error.
  std::vector<std::uint64_t> expected;
  std::uint64_t number = 0;
  for (std::size_t start = 0; start < input.size();) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    std::string_view line = input.substr(start, end - start);
    ++number;
    start = end + 1;
    if (line.size() > options.max_line_bytes) {
      expected.push_back(number);
      continue;
    }
    if (number == 1) indexer::strip_bom(line);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!indexer::trim_space(line).empty()) expected.push_back(number);
  }

  std::vector<std::uint64_t> got;
  std::size_t a = 0, e = 0;
  // Articles and errors are each in line order; merge them to compare with the expected lines.
  while (a < sink.articles.size() || e < sink.errors.size()) {
    const bool take_article =
        e == sink.errors.size() ||
        (a < sink.articles.size() && sink.articles[a].origin.line < sink.errors[e].where.line);
    if (take_article) {
      const Article& article = sink.articles[a++];
      fuzz::check_article(article, file);
      DEPECHE_FUZZ_CHECK(article.id.size() <= options.max_id_bytes, "id over the bound");
      DEPECHE_FUZZ_CHECK(indexer::trim_space(article.id) == article.id, "id not trimmed");
      got.push_back(article.origin.line);
    } else {
      fuzz::check_error(sink.errors[e], file);
      got.push_back(sink.errors[e++].where.line);
    }
  }
  DEPECHE_FUZZ_CHECK(got == expected, "records at other lines than the non-blank ones (" +
                                          std::to_string(got.size()) + " records, " +
                                          std::to_string(expected.size()) + " non-blank lines)");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  run(input, {});
  run(input, {.max_line_bytes = 200, .max_depth = 3, .max_id_bytes = 12});
  return 0;
}
