// A forgiving single-pass HTML-to-text scanner: feeds carry tag soup, never a full document, so a
// real HTML parser would buy little over this and add a dependency.
#include "indexer/html_text.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace depeche::indexer {
namespace {

struct NamedEntity {
  std::string_view name;
  std::uint32_t code_point;
};

// Sorted by name (byte order) for binary search: the entities news HTML actually uses, with the
// whole Latin-1 letter range French needs.
constexpr std::array<NamedEntity, 125> kEntities = {{
    {"AElig", 0xC6},    {"Aacute", 0xC1},   {"Acirc", 0xC2},    {"Agrave", 0xC0},
    {"Aring", 0xC5},    {"Atilde", 0xC3},   {"Auml", 0xC4},     {"Ccedil", 0xC7},
    {"Dagger", 0x2021}, {"Eacute", 0xC9},   {"Ecirc", 0xCA},    {"Egrave", 0xC8},
    {"Euml", 0xCB},     {"Iacute", 0xCD},   {"Icirc", 0xCE},    {"Igrave", 0xCC},
    {"Iuml", 0xCF},     {"Ntilde", 0xD1},   {"OElig", 0x152},   {"Oacute", 0xD3},
    {"Ocirc", 0xD4},    {"Ograve", 0xD2},   {"Oslash", 0xD8},   {"Otilde", 0xD5},
    {"Ouml", 0xD6},     {"Prime", 0x2033},  {"Uacute", 0xDA},   {"Ucirc", 0xDB},
    {"Ugrave", 0xD9},   {"Uuml", 0xDC},     {"Yacute", 0xDD},   {"Yuml", 0x178},
    {"aacute", 0xE1},   {"acirc", 0xE2},    {"acute", 0xB4},    {"aelig", 0xE6},
    {"agrave", 0xE0},   {"amp", 0x26},      {"apos", 0x27},     {"aring", 0xE5},
    {"atilde", 0xE3},   {"auml", 0xE4},     {"bdquo", 0x201E},  {"brvbar", 0xA6},
    {"bull", 0x2022},   {"ccedil", 0xE7},   {"cedil", 0xB8},    {"cent", 0xA2},
    {"copy", 0xA9},     {"curren", 0xA4},   {"dagger", 0x2020}, {"deg", 0xB0},
    {"divide", 0xF7},   {"eacute", 0xE9},   {"ecirc", 0xEA},    {"egrave", 0xE8},
    {"emsp", 0x2003},   {"ensp", 0x2002},   {"eth", 0xF0},      {"euml", 0xEB},
    {"euro", 0x20AC},   {"frac12", 0xBD},   {"frac14", 0xBC},   {"frac34", 0xBE},
    {"gt", 0x3E},       {"hellip", 0x2026}, {"iacute", 0xED},   {"icirc", 0xEE},
    {"iexcl", 0xA1},    {"igrave", 0xEC},   {"iquest", 0xBF},   {"iuml", 0xEF},
    {"laquo", 0xAB},    {"ldquo", 0x201C},  {"lrm", 0x200E},    {"lsaquo", 0x2039},
    {"lsquo", 0x2018},  {"lt", 0x3C},       {"macr", 0xAF},     {"mdash", 0x2014},
    {"micro", 0xB5},    {"middot", 0xB7},   {"nbsp", 0xA0},     {"ndash", 0x2013},
    {"not", 0xAC},      {"ntilde", 0xF1},   {"oacute", 0xF3},   {"ocirc", 0xF4},
    {"oelig", 0x153},   {"ograve", 0xF2},   {"ordf", 0xAA},     {"ordm", 0xBA},
    {"oslash", 0xF8},   {"otilde", 0xF5},   {"ouml", 0xF6},     {"para", 0xB6},
    {"permil", 0x2030}, {"plusmn", 0xB1},   {"pound", 0xA3},    {"prime", 0x2032},
    {"quot", 0x22},     {"raquo", 0xBB},    {"rdquo", 0x201D},  {"reg", 0xAE},
    {"rlm", 0x200F},    {"rsaquo", 0x203A}, {"rsquo", 0x2019},  {"sbquo", 0x201A},
    {"sect", 0xA7},     {"shy", 0xAD},      {"sup1", 0xB9},     {"sup2", 0xB2},
    {"sup3", 0xB3},     {"szlig", 0xDF},    {"thinsp", 0x2009}, {"times", 0xD7},
    {"trade", 0x2122},  {"uacute", 0xFA},   {"ucirc", 0xFB},    {"ugrave", 0xF9},
    {"uml", 0xA8},      {"uuml", 0xFC},     {"yacute", 0xFD},   {"yen", 0xA5},
    {"yuml", 0xFF},
}};
static_assert(std::is_sorted(kEntities.begin(), kEntities.end(),
                             [](const NamedEntity& a, const NamedEntity& b) {
                               return a.name < b.name;
                             }),
              "kEntities must stay sorted for binary search");

// HTML5 maps numeric references 128–159 through windows-1252, as browsers do: old French CMSes
// emit &#146; for an apostrophe and &#156; for œ.
constexpr std::array<std::uint16_t, 32> kWindows1252 = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }
bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_block_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 30> kBlocks = {
      "address", "article",    "aside",   "blockquote", "br", "dd",   "div", "dl",
      "dt",      "figcaption", "figure",  "footer",     "h1", "h2",   "h3",  "h4",
      "h5",      "h6",         "header",  "hr",         "li", "main", "nav", "ol",
      "p",       "pre",        "section", "table",      "tr", "ul"};
  return std::find(kBlocks.begin(), kBlocks.end(), name) != kBlocks.end();
}

// Collects text with white space collapsed and paragraph breaks merged.
class TextBuilder {
 public:
  void text(std::string_view s) {
    for (char c : s) {
      if (is_html_space(c)) {
        pending_space_ = true;
      } else {
        flush();
        out_.push_back(c);
      }
    }
  }
  void paragraph_break() { pending_break_ = true; }
  void space() { pending_space_ = true; }
  std::string finish() { return std::move(out_); }

 private:
  // Separators are only written before the next visible character, so none leads or trails.
  void flush() {
    if (!out_.empty()) {
      if (pending_break_) {
        out_ += "\n\n";
      } else if (pending_space_) {
        out_.push_back(' ');
      }
    }
    pending_break_ = false;
    pending_space_ = false;
  }

  std::string out_;
  bool pending_space_ = false;
  bool pending_break_ = false;
};

// Case-insensitive search for `needle` (lower-case ASCII) from `from`; npos when absent.
std::size_t find_ci(std::string_view hay, std::string_view needle, std::size_t from) {
  if (needle.size() > hay.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && ascii_lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// End of the tag starting at `lt` (one past '>'), honouring quoted attribute values; the input
// size when the tag never closes.
std::size_t tag_end(std::string_view html, std::size_t lt) {
  char quote = 0;
  for (std::size_t i = lt + 1; i < html.size(); ++i) {
    const char c = html[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  // An unbalanced quote must not swallow the rest of the text: retry ignoring quotes.
  const std::size_t gt = html.find('>', lt + 1);
  return gt == std::string_view::npos ? html.size() : gt + 1;
}

}  // namespace

std::string decode_character_reference(std::string_view name) {
  std::string out;
  if (name.size() >= 2 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return out;
    std::uint32_t cp = 0;
    for (char c : digits) {
      int v = -1;
      if (c >= '0' && c <= '9') v = c - '0';
      if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
      if (v < 0) return out;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
    }
    if (cp >= 0x80 && cp <= 0x9F) cp = kWindows1252[cp - 0x80];
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    append_utf8(out, cp);
    return out;
  }
  const auto it =
      std::lower_bound(kEntities.begin(), kEntities.end(), name,
                       [](const NamedEntity& e, std::string_view n) { return e.name < n; });
  if (it != kEntities.end() && it->name == name) append_utf8(out, it->code_point);
  return out;
}

std::string html_to_text(std::string_view html) {
  TextBuilder text;
  std::size_t i = 0;
  std::size_t run = 0;  // start of the pending run of plain text
  auto flush_run = [&](std::size_t end) {
    if (end > run) text.text(html.substr(run, end - run));
  };
  while (i < html.size()) {
    const char c = html[i];
    if (c == '&') {
      // A reference ends at ';' within a short distance; anything else is a literal ampersand.
      std::size_t semi = i + 1;
      while (semi < html.size() && semi - i <= 32 &&
             (is_ascii_alnum(html[semi]) || html[semi] == '#')) {
        ++semi;
      }
      std::string decoded;
      if (semi < html.size() && html[semi] == ';') {
        decoded = decode_character_reference(html.substr(i + 1, semi - i - 1));
      }
      if (decoded.empty()) {
        ++i;
        continue;
      }
      flush_run(i);
      if (decoded.size() == 1 && is_html_space(decoded[0])) {
        text.space();
      } else {
        text.text(decoded);
      }
      i = semi + 1;
      run = i;
      continue;
    }
    if (c != '<' || i + 1 >= html.size()) {
      ++i;
      continue;
    }
    const char next = html[i + 1];
    if (html.compare(i, 4, "<!--") == 0) {
      flush_run(i);
      const std::size_t close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? html.size() : close + 3;
      run = i;
      continue;
    }
    if (html.compare(i, 9, "<![CDATA[") == 0) {
      flush_run(i);
      const std::size_t close = html.find("]]>", i + 9);
      const std::size_t end = close == std::string_view::npos ? html.size() : close;
      text.text(html.substr(i + 9, end - i - 9));
      i = close == std::string_view::npos ? html.size() : close + 3;
      run = i;
      continue;
    }
    const bool closing = next == '/';
    if (!is_ascii_alpha(closing ? (i + 2 < html.size() ? html[i + 2] : ' ') : next) &&
        next != '!' && next != '?') {
      ++i;  // "a < b": a literal '<'
      continue;
    }
    flush_run(i);
    const std::size_t name_start = i + (closing ? 2 : 1);
    std::size_t name_end = name_start;
    while (name_end < html.size() && is_ascii_alnum(html[name_end])) ++name_end;
    std::string name;
    for (std::size_t k = name_start; k < name_end; ++k) name.push_back(ascii_lower(html[k]));
    i = tag_end(html, i);
    run = i;
    if (!closing && (name == "script" || name == "style")) {
      // Their content is code, not text: skip to the matching end tag (or the end of input).
      const std::size_t close = find_ci(html, name == "script" ? "</script" : "</style", i);
      i = close == std::string_view::npos ? html.size() : tag_end(html, close);
      run = i;
      continue;
    }
    if (is_block_tag(name)) {
      text.paragraph_break();
    } else if (name == "td" || name == "th") {
      text.space();
    }
  }
  flush_run(html.size());
  return text.finish();
}

}  // namespace depeche::indexer
