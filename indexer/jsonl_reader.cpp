// JSON Lines reader: cheap byte-level checks (UTF-8, nesting depth) first, so nlohmann::json only
// ever sees lines it can parse without surprises, then field-by-field validation.
#include "indexer/jsonl_reader.h"

#include <array>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "analyzers/date_parser.h"
#include "indexer/text_cleanup.h"

namespace depeche::indexer {
namespace {

using nlohmann::json;

// Line-at-a-time reading straight from the stream buffer, with a cap: std::getline would buffer
// a runaway line of any size.
class LineReader {
 public:
  LineReader(std::istream& in, std::size_t max_bytes)
      : buffer_(in.rdbuf()), max_bytes_(max_bytes) {}

  // False at the end of input. A line over the cap is consumed and reported with too_long set.
  bool next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    bool any = false;
    while (true) {
      if (pos_ == size_) {
        size_ = buffer_ ? static_cast<std::size_t>(std::max<std::streamsize>(
                              0, buffer_->sgetn(chunk_.data(),
                                                static_cast<std::streamsize>(chunk_.size()))))
                        : 0;
        pos_ = 0;
        if (size_ == 0) return any;
      }
      any = true;
      const char* start = chunk_.data() + pos_;
      const auto* newline = static_cast<const char*>(std::memchr(start, '\n', size_ - pos_));
      const std::size_t n = newline ? static_cast<std::size_t>(newline - start) : size_ - pos_;
      if (!too_long) {
        if (line.size() + n > max_bytes_) {
          too_long = true;
          line.clear();
          line.shrink_to_fit();
        } else {
          line.append(start, n);
        }
      }
      pos_ += n;
      if (newline) {
        ++pos_;
        return true;
      }
    }
  }

 private:
  std::streambuf* buffer_;
  std::size_t max_bytes_;
  std::array<char, 1 << 16> chunk_{};
  std::size_t pos_ = 0;
  std::size_t size_ = 0;
};

// Byte offset (0-based) where nesting first exceeds max_depth, ignoring brackets inside strings.
std::optional<std::size_t> find_excess_depth(std::string_view line, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::nullopt;
}

// nlohmann's messages quote the token they stopped in ("last read: '…'"), which can be a whole
// multi-megabyte string: error details are cut to this many bytes.
constexpr std::size_t kMaxErrorDetailBytes = 200;

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1,
// column 5: " prefix, since we give the position ourselves.
std::string parse_error_detail(const json::parse_error& e) {
  std::string_view what = e.what();
  const std::size_t column = what.find("column ");
  const std::size_t colon = what.find(": ", column == std::string_view::npos ? 0 : column);
  if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  return excerpt(what, kMaxErrorDetailBytes);
}

// Thrown inside record conversion only; caught in read_jsonl and turned into a RecordError.
struct BadRecord {
  std::string reason;
};

std::string type_name(const json& value) { return value.type_name(); }

const std::string& expect_string(const json& value, std::string_view field) {
  if (!value.is_string()) {
    throw BadRecord{"field '" + std::string(field) + "' must be a string, got " + type_name(value)};
  }
  return value.get_ref<const std::string&>();
}

std::vector<std::string> expect_string_array(const json& value, std::string_view field) {
  const std::string expected =
      "field '" + std::string(field) + "' must be an array of strings, got ";
  if (!value.is_array()) throw BadRecord{expected + type_name(value)};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const json& item = value[i];
    if (!item.is_string()) {
      throw BadRecord{expected + type_name(item) + " at index " + std::to_string(i)};
    }
    std::string cleaned = clean_line(item.get_ref<const std::string&>());
    if (!cleaned.empty()) out.push_back(std::move(cleaned));
  }
  return out;
}

bool has_control_character(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  }
  return false;
}

Article to_article(const json& record, const JsonlOptions& options) {
  if (!record.is_object())
    throw BadRecord{"record must be a JSON object, got " + type_name(record)};
  Article article;
  bool has_id = false;
  bool has_body = false;
  for (const auto& [key, value] : record.items()) {
    // Optional fields given as null are treated as absent, as exporters often write them.
    const bool absent = value.is_null() && key != "id" && key != "body";
    if (key == "id") {
      const std::string& raw = expect_string(value, key);
      article.id = std::string(trim_space(raw));
      has_id = true;
    } else if (key == "body") {
      article.body = clean_multiline(expect_string(value, key));
      has_body = true;
    } else if (absent &&
               (key == "title" || key == "date" || key == "url" || key == "source" ||
                key == "author" || key == "lang" || key == "countries" || key == "speakers")) {
      continue;
    } else if (key == "title") {
      article.title = clean_line(expect_string(value, key));
    } else if (key == "date") {
      const std::string_view text = trim_space(expect_string(value, key));
      if (text.empty()) continue;
      article.date = analysis::parse_date(text);
      if (!article.date) throw BadRecord{"unparseable date '" + excerpt(text) + "'"};
    } else if (key == "url") {
      article.url = clean_line(expect_string(value, key));
    } else if (key == "source") {
      article.source = clean_line(expect_string(value, key));
    } else if (key == "author") {
      article.author = clean_line(expect_string(value, key));
    } else if (key == "lang") {
      article.lang = clean_line(expect_string(value, key));
    } else if (key == "countries") {
      article.countries = expect_string_array(value, key);
    } else if (key == "speakers") {
      article.speakers = expect_string_array(value, key);
    } else {
      article.extra.emplace_back(key, value.dump());
    }
  }
  if (!has_id) throw BadRecord{"missing required field 'id'"};
  if (!has_body) throw BadRecord{"missing required field 'body'"};
  if (article.id.empty()) throw BadRecord{"field 'id' must not be empty"};
  if (article.id.size() > options.max_id_bytes) {
    throw BadRecord{"field 'id' is longer than " + std::to_string(options.max_id_bytes) +
                    " bytes (" + std::to_string(article.id.size()) + ")"};
  }
  // Ids become index terms and appear in logs: a hidden control character there is always a bug.
  if (has_control_character(article.id)) throw BadRecord{"field 'id' contains a control character"};
  if (article.body.empty()) throw BadRecord{"field 'body' must not be empty"};
  return article;
}

}  // namespace

void read_jsonl(std::istream& in, const std::string& file, ArticleSink& sink,
                const JsonlOptions& options) {
  LineReader reader(in, options.max_line_bytes);
  std::string line;
  bool too_long = false;
  std::uint64_t line_number = 0;
  while (reader.next(line, too_long)) {
    ++line_number;
    const SourceLocation where{file, line_number};
    auto reject = [&](std::string reason) { sink.on_error(RecordError{where, std::move(reason)}); };
    if (too_long) {
      reject("line longer than " + std::to_string(options.max_line_bytes) + " bytes");
      continue;
    }
    std::string_view text = line;
    std::size_t skipped = 0;  // bytes dropped at the start, so positions match the file's line
    if (line_number == 1 && strip_bom(text)) skipped = kUtf8Bom.size();
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (trim_space(text).empty()) continue;

    if (const auto bad = find_invalid_utf8(text)) {
      reject("invalid UTF-8 at byte " + std::to_string(*bad + skipped + 1));
      continue;
    }
    if (const auto deep = find_excess_depth(text, options.max_depth)) {
      reject("JSON nested deeper than " + std::to_string(options.max_depth) + " levels at byte " +
             std::to_string(*deep + skipped + 1));
      continue;
    }
    json record;
    try {
      record = json::parse(text);
    } catch (const json::parse_error& e) {
      reject("invalid JSON at byte " + std::to_string(e.byte + skipped) + ": " +
             parse_error_detail(e));
      continue;
    } catch (const json::exception& e) {
      // A number beyond a double ("1e999") is an out_of_range error, not a parse_error.
      std::string_view what = e.what();
      if (const std::size_t bracket = what.find("] "); bracket != std::string_view::npos) {
        what.remove_prefix(bracket + 2);
      }
      reject("invalid JSON: " + excerpt(what, kMaxErrorDetailBytes));
      continue;
    }
    std::optional<Article> article;
    try {
      article = to_article(record, options);
    } catch (BadRecord& bad) {
      reject(std::move(bad.reason));
      continue;
    }
    article->origin = where;
    sink.on_article(std::move(*article));
  }
}

}  // namespace depeche::indexer
