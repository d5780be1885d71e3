// Turns the HTML fragments found in feeds (descriptions, content:encoded) into plain paragraphs.
#pragma once

#include <string>
#include <string_view>

namespace depeche::indexer {

// Drops tags, comments and the content of <script> and <style>; decodes character references
// (named ones such as &eacute; &rsquo; &laquo; &nbsp;, and numeric &#8217; &#x2019;); turns block
// elements (<p> <br> <div> <li> <h1>…<h6> <tr> <blockquote> …) into paragraph breaks "\n\n";
// collapses other white space to single spaces. U+00A0 from &nbsp; is kept: French typography
// puts it before « : ; ? ! and the analyzers treat it as a space anyway.
// Never fails: malformed markup (unclosed tags, stray '<' or '&') degrades to text.
std::string html_to_text(std::string_view html);

// Decodes one character reference body ("eacute", "#8217", "#x2019") to UTF-8; empty when it is
// not a known reference.
std::string decode_character_reference(std::string_view name);

}  // namespace depeche::indexer
