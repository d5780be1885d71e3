// UTF-8 checks and the white-space and control-character clean-up every reader applies to fields.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace depeche::indexer {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Byte offset (0-based) of the first byte of the first ill-formed UTF-8 sequence: stray
// continuation bytes, overlong forms, surrogates, code points above U+10FFFF, truncated sequences.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Removes a leading UTF-8 byte-order mark, if any; returns true when there was one.
bool strip_bom(std::string_view& text);

// True for the characters trimmed at field edges: ASCII white space, U+00A0 and the other Unicode
// spaces (U+2000–U+200A, U+202F, U+3000 …), zero-width space and U+FEFF.
std::string_view trim_space(std::string_view text);

// For multi-line text (bodies): CRLF and lone CR become LF; every other control character
// (C0 but \n and \t, DEL, C1) becomes a space, since some archives carry NULs and form feeds
// that would otherwise glue or split words invisibly. The result is trimmed.
std::string clean_multiline(std::string_view text);

// For one-line fields (title, author, url …): like clean_multiline, but line breaks and tabs also
// become spaces and runs of ASCII spaces collapse to one.
std::string clean_line(std::string_view text);

// At most max_bytes of text, cut on a character boundary, with "…" when cut: for quoting input
// in error messages without flooding them.
std::string excerpt(std::string_view text, std::size_t max_bytes = 60);

}  // namespace depeche::indexer
