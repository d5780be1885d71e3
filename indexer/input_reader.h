// Entry point of `depeche index` input: walks files, directories and stdin, picks each file's
// format, and feeds the matching reader's articles and record errors to one ArticleSink.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/article_sink.h"

namespace depeche::indexer {

enum class InputFormat { kAuto, kJsonLines, kText, kFeed };

// "auto", "jsonl", "text", "rss" / "atom" / "feed"; anything else throws depeche::UsageError.
InputFormat parse_input_format(std::string_view name);
// "auto", "jsonl", "text", "feed": for logs and messages.
std::string_view format_name(InputFormat format);

// Format of a file from its extension (case-insensitive): .jsonl .ndjson .json → JSON Lines,
// .xml .rss .atom → feed, .txt → text; nullopt for any other extension.
std::optional<InputFormat> format_from_extension(std::string_view path);

// Format from the first bytes of a file (after a BOM and white space): '{' → JSON Lines, a root
// element <rss>, <feed> or <rdf:RDF> → feed, other valid UTF-8 text → text. nullopt for what
// cannot be an article file: NUL bytes or invalid UTF-8 (binary), other markup (HTML), nothing.
std::optional<InputFormat> sniff_format(std::string_view head);

// Each path is a file, a directory (read recursively in byte order of names, skipping hidden
// entries, symlinked directories and — in auto mode — files whose format cannot be detected, and
// files with an unknown extension that only look like text, such as a README.md), or
// "-" for standard input (auto mode: '{' → JSON Lines, '<' → feed, else text). Text article ids
// are the path relative to the directory argument ('/'-separated), or the file name for a file
// argument, "-" for stdin.
// Throws depeche::InputError ("path: No such file or directory") for a missing or unreadable
// path, and for a file argument whose format cannot be detected in auto mode. Whatever the sink
// throws propagates.
void read_inputs(const std::vector<std::string>& paths, InputFormat format, ArticleSink& sink);

// Reads one stream as `name` (used in locations and as the text article id); in auto mode the
// format is sniffed from its first bytes as for stdin.
void read_stream(std::istream& in, const std::string& name, InputFormat format, ArticleSink& sink);

}  // namespace depeche::indexer
