// The index layout: every term prefix, value slot and stored-data field, shared by indexer and
// searcher so the two cannot drift. docs/SCHEMA.md explains each entry with examples.
//
// Term prefixes (Xapian omega conventions where one exists):
//
//   prefix  kind      what                                   example term
//   ------  --------  -------------------------------------  -------------------------------
//   (none)  free      body + title words, folded, positional  armee  etatsunis  aujourdhui
//   Z       free      stem keys of body + title words         Zarm  Zsecur  Zsecurit
//   S       free      title words, folded, positional         Sarmee
//   ZS      free      stem keys of title words                ZSarm
//   XQ      free      words of quotes, folded, positional     XQobus
//   ZXQ     free      stem keys of quote words                ZXQobus
//   Q       boolean   unique article id (hashed when long)    Qafp-2022-1108-coree
//   D       boolean   publication date YYYYMMDD               D20221108
//   M       boolean   publication month YYYYMM                M202211
//   Y       boolean   publication year YYYY                   Y2022
//   U       boolean   URL (hashed when long)                  Uhttps://example.org/a
//   H       boolean   host name of the URL                    Hexample.org
//   A       boolean   author, folded                          Ajean dupont
//   L       boolean   language code                           Lfr
//   XC      boolean   country, ISO 3166-1 alpha-2, lowercase  XCkp
//   XS      boolean   speaker, canonical full name, folded    XSjohn kirby
//   XSL     boolean   speaker, each word of the name, folded  XSLkirby
//   XSRC    boolean   source (outlet), folded                 XSRCagence presse monde
//   XDUP    boolean   near-duplicate key                      XDUP5f1c9a0b2d3e4f60
//   XDUPB   boolean   near-duplicate LSH band (lookup only)   XDUPB3a94f01c2
//
// Boolean values are always folded to lowercase (or digits), so a prefix that is itself a prefix
// of another (XS / XSL / XSRC) can never be confused: the value never starts with a capital.
//
// Value slots:
//
//   slot  what                                    encoding
//   ----  --------------------------------------  ----------------------------------------------
//   0     publication date                        "YYYYMMDD" (string order = date order)
//   1     publication year                        "YYYY"
//   2     publication month                       "YYYYMM"
//   3     publication day number                  Xapian::sortable_serialise(days since 1970-01-01)
//   4     source (outlet) display name            UTF-8
//   5     countries                               packed list of ISO codes (pack_list)
//   6     speakers                                packed list of canonical full names (pack_list)
//   7     near-duplicate key                      16 hex digits; the collapse key
//   8     near-duplicate MinHash signature        kDupSignatureSize little-endian uint32
//   9     sort key: date, then id                 "YYYYMMDD" ("00000000" undated) + id term
//
// Stored document data: one JSON object whose keys are the kField* constants below.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace depeche::schema {

// Bumped whenever the layout changes incompatibly; written to the database metadata.
inline constexpr int kSchemaVersion = 1;

// ---- Term prefixes -----------------------------------------------------------------------------
inline constexpr std::string_view kPrefixStem = "Z";  // Prepended to a field prefix for stem keys.
inline constexpr std::string_view kPrefixBody = "";
inline constexpr std::string_view kPrefixTitle = "S";
inline constexpr std::string_view kPrefixQuote = "XQ";

inline constexpr std::string_view kPrefixId = "Q";
inline constexpr std::string_view kPrefixDate = "D";
inline constexpr std::string_view kPrefixMonth = "M";
inline constexpr std::string_view kPrefixYear = "Y";
inline constexpr std::string_view kPrefixUrl = "U";
inline constexpr std::string_view kPrefixHost = "H";
inline constexpr std::string_view kPrefixAuthor = "A";
inline constexpr std::string_view kPrefixLang = "L";
inline constexpr std::string_view kPrefixCountry = "XC";
inline constexpr std::string_view kPrefixSpeaker = "XS";
inline constexpr std::string_view kPrefixSpeakerLast = "XSL";  // one term per word of the name
inline constexpr std::string_view kPrefixSource = "XSRC";
inline constexpr std::string_view kPrefixDupKey = "XDUP";
inline constexpr std::string_view kPrefixDupBand = "XDUPB";  // + band digit + 8 hex digits

// ---- Value slots ---------------------------------------------------------------------------------
inline constexpr Xapian::valueno kSlotDate = 0;
inline constexpr Xapian::valueno kSlotYear = 1;
inline constexpr Xapian::valueno kSlotMonth = 2;
inline constexpr Xapian::valueno kSlotDayNumber = 3;
inline constexpr Xapian::valueno kSlotSource = 4;
inline constexpr Xapian::valueno kSlotCountries = 5;
inline constexpr Xapian::valueno kSlotSpeakers = 6;
inline constexpr Xapian::valueno kSlotDupKey = 7;
inline constexpr Xapian::valueno kSlotDupSignature = 8;
// A total order that does not depend on document numbers, which differ between a single index
// and the same articles in shards: breaks ties in sorting (docs/SCALING.md).
inline constexpr Xapian::valueno kSlotSortKey = 9;

// ---- Stored-data fields (keys of the JSON object in Document::get_data) -------------------------
inline constexpr std::string_view kFieldId = "id";
inline constexpr std::string_view kFieldTitle = "title";
inline constexpr std::string_view kFieldBody = "body";
inline constexpr std::string_view kFieldDate = "date";  // ISO 8601 as given, normalised
inline constexpr std::string_view kFieldUrl = "url";
inline constexpr std::string_view kFieldSource = "source";
inline constexpr std::string_view kFieldAuthor = "author";
inline constexpr std::string_view kFieldLang = "lang";
inline constexpr std::string_view kFieldCountries = "countries";  // [{"code","name"}]
inline constexpr std::string_view kFieldSpeakers = "speakers";    // ["full name"]
inline constexpr std::string_view kFieldQuotes = "quotes";        // [{"text","speaker","begin","end"}]
inline constexpr std::string_view kFieldExtra = "extra";  // unknown input fields, kept verbatim

// ---- Database metadata keys ------------------------------------------------------------------------
inline constexpr std::string_view kMetaSchemaVersion = "depeche:schema_version";
inline constexpr std::string_view kMetaLastUpdate = "depeche:last_update";

// ---- Indexing policy shared by both sides ---------------------------------------------------------
// Xapian refuses terms over ~245 bytes; anything longer than this is not indexed (positions stay).
inline constexpr std::size_t kMaxTermBytes = 120;
// Ids and URLs longer than this are stored as a prefix plus a hash so the term stays short.
inline constexpr std::size_t kMaxBooleanValueBytes = 200;
// Title words are also indexed unprefixed with this wdf, so free text ranks title matches higher.
inline constexpr Xapian::termcount kTitleWdf = 3;
// Unprefixed positions: the title takes 1..n, the body starts this far after it, so a phrase can
// never match across the title/body boundary.
inline constexpr Xapian::termpos kBodyPositionGap = 100;

// The term for a boolean value: prefix + value, hashed when the value is too long for Xapian.
// The value must already be normalised (see fold_boolean_value).
std::string boolean_term(std::string_view prefix, std::string_view value);

// The unique-id term of an article.
inline std::string id_term(std::string_view id) { return boolean_term(kPrefixId, id); }

// Multi-valued slots (countries, speakers) hold a list packed with a separator that sanitised
// values can never contain (U+001F, the ASCII unit separator).
std::string pack_list(const std::vector<std::string>& values);
std::vector<std::string> unpack_list(std::string_view packed);

}  // namespace depeche::schema
