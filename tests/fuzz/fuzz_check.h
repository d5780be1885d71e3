// Invariant checks for the fuzz targets: a broken invariant aborts with one line naming it, which
// libFuzzer reports as a crash (with the input saved) and the replay driver as a failed test.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

namespace depeche::fuzz {

[[noreturn]] inline void fail(const char* file, int line, std::string_view what) {
  std::fprintf(stderr, "%s:%d: fuzz invariant broken: %.*s\n", file, line,
               static_cast<int>(what.size()), what.data());
  std::fflush(stderr);
  std::abort();
}

// Well-formed UTF-8 (RFC 3629, Unicode table 3-7): no overlong forms, surrogates or code points
// above U+10FFFF.
inline bool is_valid_utf8(std::string_view s) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Continuation bytes after the lead, and the range allowed for the first of them.
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    if (c >= 0xE0 && c <= 0xEF) n = 2;
    if (c >= 0xF0 && c <= 0xF4) n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
    if (n == 0 || s.size() - i <= n) return false;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return false;
    for (std::size_t k = 2; k <= n; ++k) {
      if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return false;
    }
    i += n + 1;
  }
  return true;
}

// At most 60 bytes of s, for messages about texts that may be huge.
inline std::string shown(std::string_view s) {
  return s.size() <= 60 ? std::string(s) : std::string(s.substr(0, 60)) + "…";
}

// The message of whatever is being thrown, for reports of unexpected exceptions.
inline std::string current_exception_message() {
  try {
    throw;
  } catch (const std::exception& e) {
    return std::string(typeid(e).name()) + ": " + e.what();
  } catch (...) {
    return "non-standard exception";
  }
}

}  // namespace depeche::fuzz

#define DEPECHE_FUZZ_CHECK(cond, what)                                                           \
  do {                                                                                           \
    if (!(cond)) ::depeche::fuzz::fail(__FILE__, __LINE__, std::string(#cond) + " — " + (what)); \
  } while (false)
