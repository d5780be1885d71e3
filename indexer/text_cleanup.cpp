// Byte-level implementation of the field clean-up: no ICU here, readers call it on every field.
#include "indexer/text_cleanup.h"

namespace depeche::indexer {
namespace {

unsigned char byte_at(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}

// Length of the space character starting at i, or 0.
std::size_t space_at(std::string_view s, std::size_t i) {
  const unsigned char c = byte_at(s, i);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (i + 1 < s.size() && c == 0xC2 && byte_at(s, i + 1) == 0xA0) return 2;  // U+00A0
  if (i + 2 >= s.size()) return 0;
  const unsigned char c1 = byte_at(s, i + 1);
  const unsigned char c2 = byte_at(s, i + 2);
  if (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8B || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) {
    return 3;  // U+2000–U+200B, U+2028, U+2029, U+202F
  }
  if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;  // U+205F
  if (c == 0xE1 && c1 == 0x9A && c2 == 0x80) return 3;  // U+1680
  if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;  // U+3000
  if (c == 0xEF && c1 == 0xBB && c2 == 0xBF) return 3;  // U+FEFF
  return 0;
}

// Length of the space character ending just before `end`, or 0.
std::size_t space_before(std::string_view s, std::size_t end) {
  for (std::size_t len = 1; len <= 3 && len <= end; ++len) {
    if (space_at(s, end - len) == len) return len;
  }
  return 0;
}

// Shared by clean_multiline and clean_line.
std::string clean(std::string_view text, bool single_line) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = byte_at(text, i);
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out.push_back(single_line ? ' ' : '\n');
    } else if (c == '\n' || c == '\t') {
      out.push_back(single_line ? ' ' : static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7F) {
      out.push_back(' ');
    } else if (c == 0xC2 && i + 1 < text.size() && byte_at(text, i + 1) >= 0x80 &&
               byte_at(text, i + 1) <= 0x9F) {
      out.push_back(' ');  // a C1 control
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
    if (single_line && out.size() >= 2 && out.back() == ' ' && out[out.size() - 2] == ' ') {
      out.pop_back();
    }
  }
  return std::string(trim_space(out));
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = byte_at(text, i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char low = 0x80;   // the bounds of the second byte, which rule out overlong forms,
    unsigned char high = 0xBF;  // surrogates and code points above U+10FFFF
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c == 0xE0) {
      len = 3;
      low = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      len = 3;
    } else if (c == 0xED) {
      len = 3;
      high = 0x9F;
    } else if (c == 0xF0) {
      len = 4;
      low = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      len = 4;
    } else if (c == 0xF4) {
      len = 4;
      high = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    const unsigned char second = byte_at(text, i + 1);
    if (second < low || second > high) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if ((byte_at(text, i + k) & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::nullopt;
}

bool strip_bom(std::string_view& text) {
  if (text.substr(0, kUtf8Bom.size()) != kUtf8Bom) return false;
  text.remove_prefix(kUtf8Bom.size());
  return true;
}

std::string_view trim_space(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t len = space_at(text, begin);
    if (len == 0) break;
    begin += len;
  }
  std::size_t end = text.size();
  while (end > begin) {
    const std::size_t len = space_before(text, end);
    if (len == 0) break;
    end -= len;
  }
  return text.substr(begin, end - begin);
}

std::string clean_multiline(std::string_view text) { return clean(text, false); }

std::string clean_line(std::string_view text) { return clean(text, true); }

std::string excerpt(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (byte_at(text, cut) & 0xC0) == 0x80) --cut;  // not inside a character
  return std::string(text.substr(0, cut)) + "…";
}

}  // namespace depeche::indexer
