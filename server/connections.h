// The socket side of `depeche serve`: one event-loop thread accepts connections, reads requests,
// writes responses and enforces every time and size limit; a fixed pool of worker threads only
// turns a complete request into a response (httplib parses and routes it, server/http_server.cpp).
// A slow, idle or flooding client therefore costs a file descriptor and a few kilobytes, never a
// worker: only complete requests reach the workers.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace depeche::server {

// Every bound on a connection (docs/API.md, "Limits"). Breaking one is answered with its status
// (400, 408, 411, 414, 431) and the connection is closed.
struct ConnectionLimits {
  unsigned threads = 4;                          // workers turning requests into responses
  std::size_t max_connections = 512;             // open at once; past it the longest idle is closed
  std::chrono::milliseconds idle_timeout{2000};  // no request begun: before the first and between
  std::chrono::milliseconds request_timeout{
      5000};                                      // a whole request, from its first byte: else 408
  std::chrono::milliseconds write_timeout{5000};  // a whole response, once ready: else closed
  std::chrono::milliseconds linger{2000};         // reading what a refused client still sends
  std::size_t max_request_line = 8192;            // bytes: else 414
  std::size_t max_header_line = 8192;             // bytes: else 431
  std::size_t max_head_bytes = 32 * 1024;         // request line and headers: else 431
  std::size_t max_header_lines = 100;             // else 431
  std::size_t max_body_bytes = 8 * 1024;  // larger bodies are not read (the handler says 413)
  std::size_t max_requests_per_connection = 1000;  // then "Connection: close"
};

// The two ends of a connection, for the request handler.
struct Peer {
  int fd = -1;
  std::string remote_ip;
  int remote_port = 0;
  std::string local_ip;
  int local_port = 0;
};

// One complete request (its head and at most max_body_bytes of body, exactly as received) and
// what the handler answers.
struct Exchange {
  std::string_view request;
  const Peer& peer;
  bool closing;                // the connection closes after this response: say "Connection: close"
  std::string response;        // out: the bytes to send; empty closes the connection
  bool client_closes = false;  // out: the client asked to close (Connection: close, HTTP/1.0)
};

// Called on a worker thread; must not throw (an exception closes the connection unanswered).
using RequestHandler = std::function<void(Exchange&)>;

class ConnectionServer {
 public:
  ConnectionServer(ConnectionLimits limits, RequestHandler handler);
  ~ConnectionServer();
  ConnectionServer(const ConnectionServer&) = delete;
  ConnectionServer& operator=(const ConnectionServer&) = delete;

  // Listens on host:port (0: an ephemeral port) and returns the port. Throws Error.
  int bind(const std::string& host, int port);
  // Serves until stop(): then stops accepting, closes idle connections, finishes the requests in
  // progress (those half received get until their request timeout) and returns.
  void run();
  // From any thread. Returns false when run() has not started yet (call again later).
  bool stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace depeche::server
