// `depeche serve`: the JSON API over HTTP (routes in server/routes.cpp), read-only on the index.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/shards.h"

namespace depeche::server {

struct ServerOptions {
  std::string db;                              // index directory, opened read-only
  // Sharded and remote indexes (core/shards.h, docs/SCALING.md): shards served by xapian-tcpsrv
  // searched with `db` (which may then be empty), the bound on each exchange with one (0: the
  // time limit plus one second), and what a search does when one is down.
  std::vector<std::string> remotes;
  std::chrono::milliseconds shard_timeout{0};
  ShardFailurePolicy on_shard_failure = ShardFailurePolicy::kPartial;
  std::string host = "127.0.0.1";              // loopback: put a reverse proxy in front
  int port = 8080;                             // 0: an ephemeral port (see HttpServer::bind)
  unsigned threads = 0;                        // worker threads; 0: one per core, at least 4
  std::size_t max_connections = 512;           // open at once; past it the longest idle is closed
  std::vector<std::string> cors_origins;       // exact origins; empty: no Access-Control-* headers
  std::string public_url;                      // base URL in opensearch.xml; empty: from Host
  std::chrono::milliseconds time_limit{2000};  // per search, passed to SearchRequest::time_limit
  std::size_t max_body_bytes = 8 * 1024;       // nothing accepts a body; bigger ones get 413
  // Connection limits (server/connections.h, docs/API.md "Limits"); no client holds a worker
  // thread while it sends or reads slowly: only complete requests reach the workers.
  std::chrono::seconds read_timeout{5};        // a whole request, from its first byte: else 408
  std::chrono::seconds write_timeout{5};       // a whole response: else the connection is closed
  std::chrono::seconds keep_alive_timeout{2};  // a connection with no request begun is closed
};

// Where the server reads: `db` and `remotes` with their timeout and failure policy.
IndexLocation index_location(const ServerOptions& options);

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
