// Input dispatch: path walking, format detection, and the hand-off to the per-format readers.
#include "indexer/input_reader.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include "core/error.h"
#include "indexer/feed_reader.h"
#include "indexer/jsonl_reader.h"
#include "indexer/stream_util.h"
#include "indexer/text_cleanup.h"
#include "indexer/text_reader.h"

namespace depeche::indexer {
namespace fs = std::filesystem;
namespace {

// Enough to see past an XML declaration, a comment or a stylesheet line to the root element.
constexpr std::size_t kSniffBytes = 4096;

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view skip_bom_and_space(std::string_view head) {
  strip_bom(head);
  while (!head.empty() && is_ascii_space(head.front())) head.remove_prefix(1);
  return head;
}

// stdin has no name to go by and the user chose to pipe it: any first byte picks a reader.
InputFormat sniff_stream_format(std::string_view head) {
  head = skip_bom_and_space(head);
  if (!head.empty() && head.front() == '{') return InputFormat::kJsonLines;
  if (!head.empty() && head.front() == '<') return InputFormat::kFeed;
  return InputFormat::kText;
}

void read_as(InputFormat format, std::istream& in, const std::string& file, const std::string& id,
             ArticleSink& sink) {
  spdlog::debug("indexer: reading file={} format={}", file, format_name(format));
  switch (format) {
    case InputFormat::kJsonLines:
      read_jsonl(in, file, sink);
      return;
    case InputFormat::kFeed:
      read_feed(in, file, sink);
      return;
    case InputFormat::kText:
    case InputFormat::kAuto:  // resolved by the callers; text is the harmless reading
      read_text(in, file, id, sink);
      return;
  }
}

[[noreturn]] void throw_unreadable(const std::string& path, int error) {
  throw InputError(path + ": " + std::generic_category().message(error));
}

// `in_directory`: found by walking (an undetectable file is skipped) rather than named by the
// user (an undetectable file is an error the user should hear about).
void read_file(const fs::path& path, const std::string& id, InputFormat format, bool in_directory,
               ArticleSink& sink) {
  const std::string display = path.generic_string();
  std::ifstream file(path, std::ios::binary);
  if (!file) throw_unreadable(display, errno != 0 ? errno : EACCES);
  std::string head = read_head(file, kSniffBytes);
  if (format == InputFormat::kAuto) {
    std::optional<InputFormat> detected = format_from_extension(display);
    if (!detected) detected = sniff_format(head);
    // In a walked directory, "looks like text" is weak evidence: a README.md or data.csv beside
    // the articles is not an article. Only extension-less files are taken as text by content.
    if (detected == InputFormat::kText && in_directory && path.has_extension() &&
        !format_from_extension(display)) {
      detected.reset();
    }
    if (!detected) {
      if (in_directory) {
        spdlog::debug("indexer: skipped file={} reason=unknown_format", display);
        return;
      }
      throw InputError(display +
                       ": cannot detect the input format (not JSON Lines, a feed or "
                       "text); name it with --format");
    }
    format = *detected;
  }
  PrefixedStreambuf buffer(std::move(head), file.rdbuf());
  std::istream stream(&buffer);
  read_as(format, stream, display, id, sink);
  if (file.bad()) throw InputError(display + ": read error");
}

void read_directory(const fs::path& root, const fs::path& relative, InputFormat format,
                    ArticleSink& sink) {
  const fs::path dir = relative.empty() ? root : root / relative;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) throw InputError(dir.generic_string() + ": " + ec.message());
  std::vector<fs::directory_entry> entries;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    entries.push_back(*it);
  }
  if (ec) throw InputError(dir.generic_string() + ": " + ec.message());
  // Byte order of names, so ids and error order are the same on every machine and run.
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) {
              return a.path().filename().native() < b.path().filename().native();
            });
  for (const fs::directory_entry& entry : entries) {
    const std::string name = entry.path().filename().string();
    const fs::path child = relative / name;
    if (name.front() == '.') {
      spdlog::debug("indexer: skipped path={} reason=hidden", entry.path().generic_string());
      continue;
    }
    std::error_code type_ec;
    // Symlinked directories are not followed: a link to an ancestor would never end.
    if (entry.is_symlink(type_ec) && entry.is_directory(type_ec)) {
      spdlog::debug("indexer: skipped path={} reason=directory_symlink",
                    entry.path().generic_string());
    } else if (entry.is_directory(type_ec)) {
      read_directory(root, child, format, sink);
    } else if (entry.is_regular_file(type_ec)) {
      read_file(entry.path(), child.generic_string(), format, /*in_directory=*/true, sink);
    } else {
      spdlog::debug("indexer: skipped path={} reason=not_a_regular_file",
                    entry.path().generic_string());
    }
  }
}

}  // namespace

InputFormat parse_input_format(std::string_view name) {
  const std::string lower = lowercase(name);
  if (lower == "auto") return InputFormat::kAuto;
  if (lower == "jsonl") return InputFormat::kJsonLines;
  if (lower == "text") return InputFormat::kText;
  if (lower == "rss" || lower == "atom" || lower == "feed") return InputFormat::kFeed;
  throw UsageError("unknown input format '" + std::string(name) +
                   "' (expected auto, jsonl, text, rss, atom or feed)");
}

std::string_view format_name(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto:
      return "auto";
    case InputFormat::kJsonLines:
      return "jsonl";
    case InputFormat::kText:
      return "text";
    case InputFormat::kFeed:
      return "feed";
  }
  return "auto";
}

std::optional<InputFormat> format_from_extension(std::string_view path) {
  const std::string extension = lowercase(fs::path(path).extension().string());
  if (extension == ".jsonl" || extension == ".ndjson" || extension == ".json") {
    return InputFormat::kJsonLines;
  }
  if (extension == ".xml" || extension == ".rss" || extension == ".atom") return InputFormat::kFeed;
  if (extension == ".txt") return InputFormat::kText;
  return std::nullopt;
}

std::optional<InputFormat> sniff_format(std::string_view head) {
  head = skip_bom_and_space(head);
  if (head.empty()) return std::nullopt;
  if (head.find('\0') != std::string_view::npos) return std::nullopt;
  // The head may end inside a character: only bytes before the last 3 must be valid UTF-8.
  if (const auto bad = find_invalid_utf8(head); bad && *bad + 4 <= head.size()) return std::nullopt;
  if (head.front() == '{') return InputFormat::kJsonLines;
  if (head.front() == '<') {
    for (std::string_view root : {"<rss", "<feed", "<rdf:RDF"}) {
      const std::size_t at = head.find(root);
      if (at != std::string_view::npos && at + root.size() < head.size()) {
        const char after = head[at + root.size()];
        if (is_ascii_space(after) || after == '>') return InputFormat::kFeed;
      }
    }
    return std::nullopt;
  }
  return InputFormat::kText;
}

void read_stream(std::istream& in, const std::string& name, InputFormat format, ArticleSink& sink) {
  std::string head = read_head(in, kSniffBytes);
  if (format == InputFormat::kAuto) format = sniff_stream_format(head);
  PrefixedStreambuf buffer(std::move(head), in.rdbuf());
  std::istream stream(&buffer);
  read_as(format, stream, name, name, sink);
}

void read_inputs(const std::vector<std::string>& paths, InputFormat format, ArticleSink& sink) {
  for (const std::string& path : paths) {
    if (path == "-") {
      read_stream(std::cin, "-", format, sink);
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) {
      throw InputError(path + ": " + (ec ? ec.message() : std::generic_category().message(ENOENT)));
    }
    if (fs::is_directory(status)) {
      read_directory(fs::path(path), fs::path(), format, sink);
    } else {
      read_file(fs::path(path), fs::path(path).filename().generic_string(), format,
                /*in_directory=*/false, sink);
    }
  }
}

}  // namespace depeche::indexer
