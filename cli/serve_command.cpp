// `depeche serve`: starts the HTTP server, prints where it listens, stops gracefully on a signal.
#include "cli/serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/shard_options.h"
#include "cli/signals.h"
#include "core/error.h"
#include "server/http_server.h"

namespace depeche::cli {
namespace {

struct ServeOptions {
  server::ServerOptions server;
  unsigned time_limit_ms = 2000;
  ShardOptions shards;
};

void run_serve(const ServeOptions& o) {
  server::ServerOptions options = o.server;
  options.time_limit = std::chrono::milliseconds(o.time_limit_ms);
  const IndexLocation where = index_location(options.db, o.shards, options.time_limit);
  options.remotes = where.remotes;
  options.shard_timeout = where.remote_timeout;
  options.on_shard_failure = where.on_failure;
  if (options.port < 0 || options.port > 65535) throw UsageError("--port must be from 0 to 65535");
  server::HttpServer http(options);  // opens the index now: a wrong --db fails before listening

  const std::atomic<bool>& stop = install_stop_signal_handlers();
  std::atomic<bool> finished{false};
  // The signal is delivered to this watcher only (every other thread blocks it, below), so no
  // accept() or read() of the server is ever interrupted by EINTR.
  std::thread watcher([&] {
    while (!finished) {
      if (stop && http.stop()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  sigset_t blocked;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &blocked, nullptr);  // inherited by the server's worker threads

  struct Join {
    std::atomic<bool>& finished;
    std::thread& watcher;
    ~Join() {
      finished = true;
      watcher.join();
      sigset_t set;
      sigemptyset(&set);
      sigaddset(&set, SIGINT);
      sigaddset(&set, SIGTERM);
      pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    }
  } join{finished, watcher};

  const int port = http.bind();
  const bool v6 = options.host.find(':') != std::string::npos;
  std::cout << "listening on http://" << (v6 ? "[" + options.host + "]" : options.host) << ':' << port
            << std::endl;  // flushed: scripts and tests wait for this line
  http.run();
  if (stop_signal() != 0) throw CLI::RuntimeError(kExitInterrupted);
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the JSON search API over HTTP (docs/API.md)");
  cmd->add_option("--db", o->server.db, "Index directory, sharded index or stub file (opened read-only; see --remote)");
  add_shard_options(cmd, o->shards);
  cmd->add_option("--host", o->server.host, "Address to listen on (keep loopback behind a proxy)")
      ->capture_default_str();
  cmd->add_option("--port", o->server.port, "Port; 0 picks a free one (printed on stdout)")->capture_default_str();
  cmd->add_option("--threads", o->server.threads, "Worker threads (default: one per core, at least 4)")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_option("--max-connections", o->server.max_connections,
                  "Connections open at once; past it the longest idle one is closed")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->capture_default_str();
  cmd->add_option("--cors-origin", o->server.cors_origins,
                  "Allow browser requests from this exact origin (repeatable; none by default)")
      ->allow_extra_args(false);
  cmd->add_option("--public-url", o->server.public_url,
                  "Base URL clients use (behind a reverse proxy), for opensearch.xml");
  cmd->add_option("--time-limit-ms", o->time_limit_ms, "Milliseconds a search's match may take")
      ->check(CLI::Range(1u, 60000u))
      ->capture_default_str();
  cmd->callback([o] { run_serve(*o); });
}

}  // namespace depeche::cli
