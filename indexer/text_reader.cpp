// Plain-text article reader: splits lines, finds title, date header and paragraphs.
#include "indexer/text_reader.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "analyzers/date_parser.h"
#include "indexer/stream_util.h"
#include "indexer/text_cleanup.h"

namespace depeche::indexer {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_ci(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    if (ascii_lower(s[i]) != lower_prefix[i]) return false;
  }
  return true;
}

bool is_blank(std::string_view line) { return trim_space(line).empty(); }

// The value of a "Date: …" header line ("Date : …" too, French typography spaces the colon).
std::optional<std::string_view> date_header_value(std::string_view line) {
  line = trim_space(line);
  if (!starts_with_ci(line, "date")) return std::nullopt;
  std::string_view rest = trim_space(line.substr(4));
  if (rest.empty() || rest.front() != ':') return std::nullopt;
  return trim_space(rest.substr(1));
}

// 1-based line and byte-in-line of a byte offset.
std::pair<std::uint64_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  const std::string_view before = text.substr(0, offset);
  const auto line = static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n')) + 1;
  const std::size_t last_newline = before.rfind('\n');
  const std::size_t column =
      last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
  return {line, column};
}

}  // namespace

bool is_source_link_trailer(std::string_view line) {
  line = trim_space(line);
  if (!starts_with_ci(line, "source")) return false;
  line.remove_prefix(6);
  const std::size_t words = line.size();
  line = trim_space(line);
  if (line.size() == words || !starts_with_ci(line, "link")) return false;  // needs a space
  line = trim_space(line.substr(4));
  if (!line.empty() && line.front() == '-') line = trim_space(line.substr(1));
  return std::all_of(line.begin(), line.end(), is_digit);
}

void parse_text_article(std::string_view content, const std::string& file, const std::string& id,
                        ArticleSink& sink) {
  auto reject = [&](std::uint64_t line, std::string reason) {
    sink.on_error(RecordError{SourceLocation{file, line}, std::move(reason)});
  };
  const bool had_bom = strip_bom(content);
  if (const auto bad = find_invalid_utf8(content)) {
    auto [line, column] = line_and_column(content, *bad);
    if (line == 1 && had_bom) column += kUtf8Bom.size();
    reject(line, "invalid UTF-8 at byte " + std::to_string(column));
    return;
  }

  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= content.size();) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }

  std::size_t i = 0;
  while (i < lines.size() && is_blank(lines[i])) ++i;
  if (i == lines.size()) {
    reject(1, "empty file");
    return;
  }
  Article article;
  article.id = id;
  article.title = clean_line(lines[i++]);
  while (i < lines.size() && is_blank(lines[i])) ++i;
  if (i < lines.size()) {
    if (const auto value = date_header_value(lines[i])) {
      article.date = analysis::parse_date(*value);
      if (!article.date) {
        reject(i + 1, "unparseable date '" + excerpt(*value) + "'");
        return;
      }
      ++i;
    }
  }

  // Lines are judged as cleaned: a control character left by a scraper ("Source link\b", a lone
  // NUL) must not turn a trailer or a blank line into text that cleans down to nothing.
  std::size_t end = lines.size();
  while (end > i) {
    const std::string last = clean_line(lines[end - 1]);
    if (!last.empty() && !is_source_link_trailer(last)) break;
    --end;
  }

  std::string paragraph;
  for (; i <= end; ++i) {
    if (i == end || is_blank(lines[i])) {
      std::string cleaned = clean_line(paragraph);
      paragraph.clear();
      if (!cleaned.empty()) {
        if (!article.body.empty()) article.body += "\n\n";
        article.body += cleaned;
      }
      continue;
    }
    if (!paragraph.empty()) paragraph.push_back(' ');
    paragraph += trim_space(lines[i]);
  }
  if (article.body.empty()) {
    reject(1, "no body text after the title");
    return;
  }
  if (!article.date) article.date = analysis::date_from_path(id);
  article.origin = SourceLocation{file, 1};
  sink.on_article(std::move(article));
}

void read_text(std::istream& in, const std::string& file, const std::string& id,
               ArticleSink& sink) {
  std::string content;
  if (!read_all(in, kMaxTextArticleBytes, content)) {
    sink.on_error(RecordError{SourceLocation{file, 1},
                              "file is larger than " + std::to_string(kMaxTextArticleBytes >> 20) +
                                  " MiB: not a text article"});
    return;
  }
  parse_text_article(content, file, id, sink);
}

}  // namespace depeche::indexer
