// httplib set-up (every method routed to handle_request, body limit, error bodies) over our own
// connection handling: httplib parses each request and writes its response in memory, while
// server/connections.cpp owns the sockets, the timeouts and the worker threads.
#include "server/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <cstring>
#include <thread>

#include "core/error.h"
#include "server/connections.h"
#include "server/routes.h"

namespace depeche::server {
namespace {

// One request as ConnectionServer framed it, for httplib to read; the response goes to memory.
class ExchangeStream final : public httplib::Stream {
 public:
  explicit ExchangeStream(Exchange& exchange) : exchange_(exchange) {}
  bool is_readable() const override { return read_ < exchange_.request.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = std::min(size, exchange_.request.size() - read_);
    std::memcpy(ptr, exchange_.request.data() + read_, n);
    read_ += n;
    return static_cast<ssize_t>(n);  // 0 at the end of the request: httplib never reads past it
  }
  ssize_t write(const char* ptr, size_t size) override {
    exchange_.response.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = exchange_.peer.remote_ip;
    port = exchange_.peer.remote_port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = exchange_.peer.local_ip;
    port = exchange_.peer.local_port;
  }
  socket_t socket() const override { return exchange_.peer.fd; }

 private:
  Exchange& exchange_;
  std::size_t read_ = 0;
};

// httplib's request parser, router and response writer, without its sockets and threads.
class HttpProtocol final : public httplib::Server {
 public:
  void answer(Exchange& exchange) {
    ExchangeStream stream(exchange);
    bool client_closes = false;
    process_request(stream, exchange.closing, client_closes, nullptr);
    exchange.client_closes = client_closes;
  }
};

ConnectionLimits limits_of(const ServerOptions& o) {
  ConnectionLimits limits;
  limits.threads = o.threads ? o.threads : std::max(4u, std::thread::hardware_concurrency());
  limits.max_connections = o.max_connections;
  limits.idle_timeout = o.keep_alive_timeout;
  limits.request_timeout = o.read_timeout;
  limits.write_timeout = o.write_timeout;
  limits.max_body_bytes = o.max_body_bytes;
  return limits;
}

}  // namespace

struct HttpServer::Impl {
  explicit Impl(ServerOptions o)
      : options(std::move(o)),
        workers(index_location(options)),
        suggester(index_location(options)),
        connections(limits_of(options), [this](Exchange& exchange) { http.answer(exchange); }) {}
  ServerOptions options;
  WorkerPool workers;
  Suggester suggester;
  RouteContext context{options, workers, suggester};
  HttpProtocol http;
  ConnectionServer connections;
};

IndexLocation index_location(const ServerOptions& o) {
  IndexLocation where;
  where.path = o.db;
  where.remotes = o.remotes;
  where.remote_timeout = o.shard_timeout.count() > 0 ? o.shard_timeout : o.time_limit + std::chrono::seconds(1);
  where.on_failure = o.on_shard_failure;
  return where;
}

HttpServer::HttpServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  const ServerOptions& o = impl_->options;
  // httplib only writes these into responses ("Keep-Alive: timeout=2, max=1000") and answers 413
  // past the body limit: the connections' timeouts and limits are ConnectionServer's.
  impl_->http.set_keep_alive_timeout(o.keep_alive_timeout.count());
  impl_->http.set_keep_alive_max_count(ConnectionLimits{}.max_requests_per_connection);
  impl_->http.set_payload_max_length(o.max_body_bytes);
  // Our own route table decides 404 versus 405, so httplib sees one catch-all per method.
  auto handler = [ctx = &impl_->context](const httplib::Request& req, httplib::Response& res) {
    handle_request(*ctx, req, res);
  };
  impl_->http.Get(".*", handler);
  impl_->http.Post(".*", handler);
  impl_->http.Put(".*", handler);
  impl_->http.Patch(".*", handler);
  impl_->http.Delete(".*", handler);
  impl_->http.Options(".*", handler);
  impl_->http.set_error_handler(
      [](const httplib::Request& req, httplib::Response& res) { fill_protocol_error(req, res); });
  impl_->http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(R"({"error":"internal error"})", "application/json");
  });
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() { return impl_->connections.bind(impl_->options.host, impl_->options.port); }

void HttpServer::run() { impl_->connections.run(); }

bool HttpServer::stop() { return impl_->connections.stop(); }

}  // namespace depeche::server
