// Feed reader on pugixml: elements are matched by their conventional qualified names
// (content:encoded, dc:creator), which is how every real-world feed spells them.
#include "indexer/feed_reader.h"

#include <algorithm>
#include <array>
#include <optional>
#include <pugixml.hpp>
#include <sstream>
#include <vector>

#include "analyzers/date_parser.h"
#include "indexer/html_text.h"
#include "indexer/stream_util.h"
#include "indexer/text_cleanup.h"

namespace depeche::indexer {
namespace {

// Maps byte offsets to 1-based line numbers.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') newlines_.push_back(i);
    }
  }
  std::uint64_t line_of(std::ptrdiff_t offset) const {
    if (offset < 0) return 0;
    const auto it =
        std::lower_bound(newlines_.begin(), newlines_.end(), static_cast<std::size_t>(offset));
    return static_cast<std::uint64_t>(it - newlines_.begin()) + 1;
  }

 private:
  std::vector<std::size_t> newlines_;
};

// The element's character data; child elements (XHTML content, sloppy unescaped HTML in an RSS
// description) are serialised back to markup so html_to_text sees them.
std::string raw_content(pugi::xml_node node) {
  std::string out;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
    } else if (child.type() == pugi::node_element) {
      std::ostringstream markup;
      child.print(markup, "", pugi::format_raw);
      out += markup.str();
    }
  }
  return out;
}

// Plain text (Atom type="text"): keep paragraphs, join the lines inside them.
std::string plain_paragraphs(std::string_view text) {
  std::string out;
  std::string paragraph;
  auto end_paragraph = [&] {
    std::string cleaned = clean_line(paragraph);  // empty for a line of control characters
    paragraph.clear();
    if (cleaned.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += cleaned;
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim_space(text.substr(start, end - start));
    if (line.empty()) {
      end_paragraph();
    } else {
      if (!paragraph.empty()) paragraph.push_back(' ');
      paragraph += line;
    }
    start = end + 1;
  }
  end_paragraph();
  return out;
}

// The text of an element, HTML or not: RSS puts (escaped) HTML everywhere; Atom says which with
// its type attribute and defaults to plain text.
enum class Markup { kHtml, kAtomTyped };

std::string element_text(pugi::xml_node node, Markup markup) {
  if (!node) return {};
  const std::string raw = raw_content(node);
  if (markup == Markup::kAtomTyped) {
    const std::string_view type = node.attribute("type").value();
    if (type.empty() || type == "text" || type == "text/plain") return plain_paragraphs(raw);
  }
  return clean_multiline(html_to_text(raw));
}

std::string line_text(pugi::xml_node node, Markup markup) {
  return clean_line(element_text(node, markup));
}

std::string first_text(pugi::xml_node parent, std::initializer_list<const char*> names,
                       Markup markup) {
  for (const char* name : names) {
    std::string text = element_text(parent.child(name), markup);
    if (!text.empty()) return text;
  }
  return {};
}

// Atom: the first link with rel="alternate" (or no rel, which means alternate).
std::string atom_link(pugi::xml_node entry) {
  for (pugi::xml_node link : entry.children("link")) {
    const std::string_view rel = link.attribute("rel").value();
    if (rel.empty() || rel == "alternate") return clean_line(link.attribute("href").value());
  }
  return {};
}

struct FeedContext {
  const std::string& file;
  const LineIndex& lines;
  std::string source;
  std::string lang;
  std::string feed_author;  // Atom: a feed-level author applies to entries without one
  ArticleSink& sink;
};

// Checks and hands over one item's article, or the reason it is rejected.
void emit(FeedContext& feed, Article&& article, pugi::xml_node item, std::string_view kind,
          std::string_view id_field, std::string_view body_fields, const std::string& raw_date) {
  const SourceLocation where{feed.file, feed.lines.line_of(item.offset_debug())};
  auto reject = [&](std::string reason) {
    feed.sink.on_error(RecordError{where, std::move(reason)});
  };
  const std::array<std::pair<std::string_view, const std::string*>, 8> fields = {{
      {"id", &article.id},
      {"title", &article.title},
      {"body", &article.body},
      {"url", &article.url},
      {"author", &article.author},
      {"source", &article.source},
      {"lang", &article.lang},
      {"date", &raw_date},
  }};
  for (const auto& [name, value] : fields) {
    if (find_invalid_utf8(*value)) {
      reject("invalid UTF-8 in " + std::string(kind) + " " + std::string(name));
      return;
    }
  }
  if (article.id.empty()) {
    reject(std::string(kind) + " has neither " + std::string(id_field) + " nor link");
    return;
  }
  if (article.body.empty()) {
    reject(std::string(kind) + " has no text (" + std::string(body_fields) + " empty or missing)");
    return;
  }
  if (!raw_date.empty()) {
    article.date = analysis::parse_date(raw_date);
    if (!article.date) {
      reject("unparseable date '" + excerpt(raw_date) + "'");
      return;
    }
  }
  article.origin = where;
  feed.sink.on_article(std::move(article));
}

void read_rss_item(FeedContext& feed, pugi::xml_node item) {
  Article article;
  article.url = line_text(item.child("link"), Markup::kHtml);
  article.id = clean_line(raw_content(item.child("guid")));
  if (article.id.empty()) article.id = article.url;
  article.title = line_text(item.child("title"), Markup::kHtml);
  article.body = first_text(item, {"content:encoded", "description"}, Markup::kHtml);
  article.author = line_text(item.child("author"), Markup::kHtml);
  if (article.author.empty()) article.author = line_text(item.child("dc:creator"), Markup::kHtml);
  article.source = feed.source;
  article.lang = feed.lang;
  std::string date = clean_line(raw_content(item.child("pubDate")));
  if (date.empty()) date = clean_line(raw_content(item.child("dc:date")));
  emit(feed, std::move(article), item, "item", "guid", "content:encoded and description", date);
}

void read_atom_entry(FeedContext& feed, pugi::xml_node entry) {
  Article article;
  article.url = atom_link(entry);
  article.id = clean_line(raw_content(entry.child("id")));
  if (article.id.empty()) article.id = article.url;
  article.title = line_text(entry.child("title"), Markup::kAtomTyped);
  article.body = first_text(entry, {"content", "summary"}, Markup::kAtomTyped);
  article.author = line_text(entry.child("author").child("name"), Markup::kAtomTyped);
  if (article.author.empty()) article.author = line_text(entry.child("dc:creator"), Markup::kHtml);
  if (article.author.empty()) article.author = feed.feed_author;
  article.source = feed.source;
  article.lang = clean_line(entry.attribute("xml:lang").value());
  if (article.lang.empty()) article.lang = feed.lang;
  // Publication is what a reader searches by; "updated" changes with every correction.
  std::string date = clean_line(raw_content(entry.child("published")));
  if (date.empty()) date = clean_line(raw_content(entry.child("updated")));
  if (date.empty()) date = clean_line(raw_content(entry.child("dc:date")));
  emit(feed, std::move(article), entry, "entry", "id", "content and summary", date);
}

}  // namespace

void parse_feed(std::string_view xml, const std::string& file, ArticleSink& sink) {
  const LineIndex lines(xml);
  pugi::xml_document doc;
  const pugi::xml_parse_result result =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
  if (!result) {
    sink.on_error(RecordError{SourceLocation{file, lines.line_of(result.offset)},
                              std::string("malformed XML: ") + result.description()});
    return;
  }
  const pugi::xml_node root = doc.document_element();
  const std::string_view root_name = root.name();
  FeedContext feed{file, lines, {}, {}, {}, sink};
  if (root_name == "rss" || root_name == "rdf:RDF") {
    const pugi::xml_node channel = root.child("channel");
    feed.source = line_text(channel.child("title"), Markup::kHtml);
    feed.lang = line_text(channel.child("language"), Markup::kHtml);
    if (feed.lang.empty()) feed.lang = line_text(channel.child("dc:language"), Markup::kHtml);
    // RSS 2.0 nests items in the channel, RSS 1.0 puts them beside it.
    for (pugi::xml_node item : (root_name == "rss" ? channel : root).children("item")) {
      read_rss_item(feed, item);
    }
    return;
  }
  if (root_name == "feed") {
    feed.source = line_text(root.child("title"), Markup::kAtomTyped);
    feed.lang = clean_line(root.attribute("xml:lang").value());
    feed.feed_author = line_text(root.child("author").child("name"), Markup::kAtomTyped);
    for (pugi::xml_node entry : root.children("entry")) read_atom_entry(feed, entry);
    return;
  }
  sink.on_error(
      RecordError{SourceLocation{file, root ? lines.line_of(root.offset_debug()) : 1},
                  "not an RSS or Atom feed (root element <" + std::string(root_name) + ">)"});
}

void read_feed(std::istream& in, const std::string& file, ArticleSink& sink) {
  std::string content;
  if (!read_all(in, kMaxFeedBytes, content)) {
    sink.on_error(
        RecordError{SourceLocation{file, 1},
                    "feed is larger than " + std::to_string(kMaxFeedBytes >> 20) + " MiB"});
    return;
  }
  parse_feed(content, file, sink);
}

}  // namespace depeche::indexer
