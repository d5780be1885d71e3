// httplib set-up: timeouts, body limit, thread pool, and every method routed to handle_request.
#include "server/http_server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>
#include <thread>

#include "core/error.h"
#include "server/routes.h"

namespace depeche::server {

struct HttpServer::Impl {
  explicit Impl(ServerOptions o) : options(std::move(o)), workers(options.db), suggester(options.db) {}
  ServerOptions options;
  WorkerPool workers;
  Suggester suggester;
  RouteContext context{options, workers, suggester};
  httplib::Server http;
  std::mutex stop_mutex;
  bool stop_sent = false;
};

HttpServer::HttpServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  const ServerOptions& o = impl_->options;
  const unsigned threads = o.threads ? o.threads : std::max(4u, std::thread::hardware_concurrency());
  impl_->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl_->http.set_read_timeout(o.read_timeout);
  impl_->http.set_write_timeout(o.write_timeout);
  impl_->http.set_keep_alive_timeout(o.keep_alive_timeout.count());
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

int HttpServer::bind() {
  const ServerOptions& o = impl_->options;
  int port = o.port;
  bool ok = false;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(o.host);
    ok = port > 0;
  } else {
    ok = impl_->http.bind_to_port(o.host, port);
  }
  if (!ok) throw Error(fmt::format("cannot listen on {}:{} (address in use or not local?)", o.host, o.port));
  return port;
}

void HttpServer::run() {
  if (!impl_->http.listen_after_bind()) {
    std::lock_guard lock(impl_->stop_mutex);
    if (!impl_->stop_sent) throw Error("the server stopped accepting connections");
  }
}

bool HttpServer::stop() {
  std::lock_guard lock(impl_->stop_mutex);
  // httplib's stop() is only valid once, while listening.
  if (!impl_->stop_sent && impl_->http.is_running()) {
    impl_->http.stop();
    impl_->stop_sent = true;
  }
  return impl_->stop_sent;
}

}  // namespace depeche::server
