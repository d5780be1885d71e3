// Reads JSON Lines archives: one article object per line, streamed so file size does not matter.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "indexer/article_sink.h"

namespace depeche::indexer {

struct JsonlOptions {
  std::size_t max_line_bytes = std::size_t{64} << 20;  // longer lines are rejected, not buffered
  int max_depth = 64;                                  // deeper nesting is rejected before parsing
  std::size_t max_id_bytes = 1024;                     // ids longer than this are rejected
};

// Reads every line of `in`; `file` names it in each SourceLocation. Fields: id and body (required
// strings), title, date (parse_date), url, source, author, lang (strings), countries and speakers
// (arrays of strings); any other field goes to Article::extra as compact JSON. null counts as
// absent for optional fields. Blank lines, a leading UTF-8 BOM and CRLF endings are accepted.
// Each bad line becomes one RecordError ("invalid UTF-8 at byte 17", "field 'title' must be a
// string, got number") and reading goes on. Memory stays bounded by the longest line.
void read_jsonl(std::istream& in, const std::string& file, ArticleSink& sink,
                const JsonlOptions& options = {});

}  // namespace depeche::indexer
