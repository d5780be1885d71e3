// Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item or entry.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "indexer/article_sink.h"

namespace depeche::indexer {

// Feeds are parsed as a whole document; larger files are rejected rather than exhausting memory.
inline constexpr std::size_t kMaxFeedBytes = std::size_t{256} << 20;

// Field mapping (RSS / Atom):
//   id      guid / id, else the link
//   title   title (entities decoded, tags dropped)
//   body    content:encoded, else description / content, else summary — HTML turned into text
//   date    pubDate, else dc:date / published, else updated, else dc:date
//   url     link / link[rel=alternate] href
//   author  author (Atom: author/name), else dc:creator
//   source  the channel's / feed's title
//   lang    channel language / xml:lang
// Malformed XML gives one RecordError at the line where pugixml stopped; an item without id and
// link, without text, with an unparseable date or with invalid UTF-8 gives one at the item's line.
void parse_feed(std::string_view xml, const std::string& file, ArticleSink& sink);

// Reads `in` whole (up to kMaxFeedBytes) and calls parse_feed.
void read_feed(std::istream& in, const std::string& file, ArticleSink& sink);

}  // namespace depeche::indexer
