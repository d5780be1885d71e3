// `depeche serve`: the JSON API over HTTP (routes in server/routes.cpp), read-only on the index.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace depeche::server {

struct ServerOptions {
  std::string db;                              // index directory, opened read-only
  std::string host = "127.0.0.1";              // loopback: put a reverse proxy in front
  int port = 8080;                             // 0: an ephemeral port (see HttpServer::bind)
  unsigned threads = 0;                        // worker threads; 0: one per core, at least 4
  std::vector<std::string> cors_origins;       // exact origins; empty: no Access-Control-* headers
  std::string public_url;                      // base URL in opensearch.xml; empty: from Host
  std::chrono::milliseconds time_limit{2000};  // per search, passed to SearchRequest::time_limit
  std::size_t max_body_bytes = 8 * 1024;       // nothing accepts a body; bigger ones get 413
  std::chrono::seconds read_timeout{5};        // a slow client cannot hold a worker longer
  std::chrono::seconds write_timeout{5};
  std::chrono::seconds keep_alive_timeout{2};  // also bounds how long a graceful stop waits
};

class HttpServer {
 public:
  // Opens the index and loads the suggestion vocabulary; throws IndexError when it cannot.
  explicit HttpServer(ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket and returns the port (the chosen one when options.port is 0).
  // Throws Error when the address cannot be bound.
  int bind();
  // Serves until stop(); in-flight requests complete before it returns.
  void run();
  // From any thread. Returns false when the server was not running yet (call again later).
  bool stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace depeche::server
