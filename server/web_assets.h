// The search page and the widget (web/), embedded in the binary at build time by
// server/embed_web.cmake: served from memory, never read from the filesystem at run time.
#pragma once

#include <string_view>
#include <vector>

namespace depeche::server {

struct WebAsset {
  std::string_view path;          // "/index.html", "/app.js"…
  std::string_view content_type;  // with charset
  std::string_view body;
};

// Every embedded file of web/, in a fixed order.
const std::vector<WebAsset>& web_assets();

}  // namespace depeche::server
