// Reads plain-text articles, one per file, as scrapers save them: a title line, an optional
// "Date:" header, paragraphs separated by blank lines, sometimes a "Source link" trailer.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "indexer/article_sink.h"

namespace depeche::indexer {

// Text articles are read whole; anything bigger than this is not an article.
inline constexpr std::size_t kMaxTextArticleBytes = std::size_t{64} << 20;

// Parses one article. `file` names it in locations; `id` is the article id (its path relative to
// the input root, '/'-separated), also searched for a date (date_from_path) when there is no
// "Date:" header. Layout:
//   line 1        title
//   (blank)
//   Date: <date>  optional, any format parse_date accepts
//   paragraphs    separated by blank lines; lines of a paragraph are joined with a space
// The body is the paragraphs joined with "\n\n". Trailing "Source link", "Source link -31" lines
// are scraper junk and dropped. A BOM and CRLF endings are accepted. Rejected with one
// RecordError: an empty file or one without body (file:1), invalid UTF-8 and an unparseable
// "Date:" header (at their line).
void parse_text_article(std::string_view content, const std::string& file, const std::string& id,
                        ArticleSink& sink);

// Reads `in` whole (up to kMaxTextArticleBytes) and calls parse_text_article.
void read_text(std::istream& in, const std::string& file, const std::string& id, ArticleSink& sink);

// True for scraper trailers: "Source link", "Source link -31", "source link - 12" (any case).
bool is_source_link_trailer(std::string_view line);

}  // namespace depeche::indexer
