// Connections of `depeche serve`: an epoll loop that frames requests and enforces the limits of
// ConnectionLimits, and the worker threads that answer complete requests.
//
// A connection moves through these states, all driven by the loop thread except kBusy:
//
//   kIdle ─bytes─▶ kReading ─complete request─▶ kBusy (a worker answers it)
//     ▲               │ refused: 400 408 411 414 431     │
//     │               ▼                                  ▼
//     └────sent──── kWriting (never blocks anyone) ◀─────┘ ──sent, closing──▶ kLingering
//
// (A response that fits the socket buffer goes from kBusy straight back to kIdle.) kLingering has
// shut down our side and reads what the client still sends, for a while: closing at once would
// reset the connection, and the client could lose our answer before reading it.
#include "server/connections.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace depeche::server {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kListenerId = 0;  // epoll data of the listening socket
constexpr std::uint64_t kWakeId = 1;      // and of the eventfd workers and stop() write to
constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kMaxLingerBytes = 16 * 1024 * 1024;
constexpr int kAcceptsPerWakeup = 64;
constexpr auto kAcceptPause =
    std::chrono::milliseconds(100);  // out of descriptors: retry after this
// Descriptors kept free of connections: the index (per worker thread), logs, the suggester.
constexpr rlim_t kReservedDescriptors = 64;
constexpr rlim_t kDescriptorsPerThread = 16;

enum class State { kIdle, kReading, kBusy, kWriting, kLingering };

struct Connection {
  std::uint64_t id = 0;
  Peer peer;
  State state = State::kIdle;
  std::uint32_t polled = 0;  // epoll events registered; 0: not in the epoll set
  Clock::time_point since;   // idle since, or the request begun
  Clock::time_point deadline;
  std::string in;  // received, not yet answered
  // Framing of the request at the front of `in` (frame_request).
  std::size_t scanned = 0, line_start = 0, lines = 0, head_end = 0, body = 0;
  bool body_skipped = false;  // announced a body over the limit: answered, then closed
  bool peer_done = false;     // the client shut down its side
  std::size_t served = 0;
  std::string request;   // what the worker answers
  bool closing = false;  // close once this response is sent
  std::string out;       // the response
  std::size_t sent = 0;
  std::size_t discarded = 0;  // bytes read while lingering
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Frames the request at the front of c.in: 0 while it is incomplete, 200 once it is complete,
// or the status to refuse it with. The head ends at an empty line (CRLF or bare LF, as httplib
// reads it); the body is Content-Length bytes. Chunked bodies are refused: no endpoint takes one.
int frame_request(Connection& c, const ConnectionLimits& limits) {
  const std::string& in = c.in;
  if (c.head_end == 0) {
    for (std::size_t i = c.scanned; i < in.size(); ++i) {
      if (in[i] != '\n') continue;
      const std::size_t length = i - c.line_start;
      const std::size_t text = length - (length > 0 && in[i - 1] == '\r' ? 1 : 0);
      if (c.lines > 0 && text == 0) {
        c.head_end = i + 1;
        break;
      }
      if (c.lines == 0 && text > limits.max_request_line) return 414;
      if (c.lines > 0 && text > limits.max_header_line) return 431;
      ++c.lines;
      c.line_start = i + 1;
      if (c.lines > limits.max_header_lines + 1) return 431;
    }
    if (c.head_end == 0) {
      c.scanned = in.size();
      const std::size_t open_line = in.size() - c.line_start;
      if (c.lines == 0) return open_line > limits.max_request_line + 1 ? 414 : 0;
      return open_line > limits.max_header_line + 1 || in.size() > limits.max_head_bytes ? 431 : 0;
    }
    if (c.head_end > limits.max_head_bytes) return 431;
    std::optional<std::uint64_t> length;
    for (std::size_t pos = in.find('\n') + 1; pos < c.head_end;) {
      const std::size_t eol = in.find('\n', pos);
      std::string_view line(in.data() + pos, eol - pos);
      pos = eol + 1;
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string_view name = line.substr(0, colon);
      if (iequals(name, "Transfer-Encoding")) return 411;
      if (!iequals(name, "Content-Length")) continue;
      const std::string_view value =
          trim(line.substr(colon + 1, line.size() - colon - 1 - (line.back() == '\r' ? 1 : 0)));
      std::uint64_t n = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (value.empty() || error != std::errc() || end != value.data() + value.size()) return 400;
      if (length && *length != n) return 400;  // two lengths: which one ends the request?
      length = n;
    }
    c.body = length.value_or(0);
    if (c.body > limits.max_body_bytes) {
      c.body_skipped = true;  // not read: the handler answers 413 from the head alone
      c.body = 0;
    }
  }
  return in.size() >= c.head_end + c.body ? 200 : 0;
}

const char* reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Error";
  }
}

std::string refusal_message(int status, const ConnectionLimits& l) {
  switch (status) {
    case 400:
      return "malformed Content-Length";
    case 408:
      return fmt::format("the request did not arrive within {} ms", l.request_timeout.count());
    case 411:
      return "chunked request bodies are not accepted (no endpoint takes a body)";
    case 414:
      return fmt::format("request line longer than {} bytes", l.max_request_line);
    case 431:
      return fmt::format(
          "request headers too large (at most {} lines of {} bytes, {} bytes in all)",
          l.max_header_lines, l.max_header_line, l.max_head_bytes);
    default:
      return "bad request";
  }
}

// "METHOD target" of a partly received request, for the access log: printable, truncated.
std::string request_summary(std::string_view in) {
  std::string_view line = in.substr(0, std::min(in.find('\n'), std::size_t{200}));
  std::string out;
  for (char ch : line) {
    if (ch == '\r') continue;
    const auto u = static_cast<unsigned char>(ch);
    out += u < 0x20 || u == 0x7f ? fmt::format("\\x{:02x}", u) : std::string(1, ch);
  }
  if (const auto space = out.find(" HTTP/"); space != std::string::npos) out.resize(space);
  return out.empty() ? "-" : out;
}

}  // namespace

struct ConnectionServer::Impl {
  Impl(ConnectionLimits l, RequestHandler h) : limits(l), handler(std::move(h)) {}
  ~Impl() {
    for (auto& entry : connections) ::close(entry.second->peer.fd);
    for (int fd : {listener, epoll, wake}) {
      if (fd >= 0) ::close(fd);
    }
  }

  ConnectionLimits limits;
  RequestHandler handler;
  int listener = -1, epoll = -1, wake = -1;
  std::atomic<bool> started{false}, stop_requested{false};

  // Loop thread only.
  bool stopping = false;
  std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections;
  std::uint64_t next_id = 2;
  Clock::time_point next_check;  // the earliest deadline, at most a second away
  std::optional<Clock::time_point> accept_paused_until;

  // Shared with the workers.
  std::mutex mutex;
  std::condition_variable work_ready;
  std::deque<Connection*> work;
  std::vector<Connection*> answered;
  bool workers_quit = false;
  std::vector<std::thread> workers;

  void fit_descriptor_limit();
  void loop();
  void work_loop();
  void signal_wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wake, &one, sizeof one);
  }

  bool watch(Connection& c, std::uint32_t events);
  void set_deadline(Connection& c, Clock::time_point t) {
    c.deadline = t;
    next_check = std::min(next_check, t);
  }
  void close_connection(Connection& c);
  bool evict_one();
  void accept_all(Clock::time_point now);
  void on_event(Connection& c, std::uint32_t events, Clock::time_point now);
  void on_readable(Connection& c, Clock::time_point now);
  bool try_dispatch(Connection& c, Clock::time_point now);
  void refuse(Connection& c, int status, Clock::time_point now);
  void write_some(Connection& c, Clock::time_point now);
  void next_request(Connection& c, Clock::time_point now);
  void linger(Connection& c, Clock::time_point now);
  void discard(Connection& c);
  void take_answered(Clock::time_point now);
  void check_deadlines(Clock::time_point now);
  void begin_stop();
};

ConnectionServer::ConnectionServer(ConnectionLimits limits, RequestHandler handler)
    : impl_(std::make_unique<Impl>(limits, std::move(handler))) {
  impl_->epoll = ::epoll_create1(EPOLL_CLOEXEC);
  impl_->wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (impl_->epoll < 0 || impl_->wake < 0)
    throw Error(fmt::format("server: cannot create an event loop: {}", std::strerror(errno)));
}

ConnectionServer::~ConnectionServer() = default;

int ConnectionServer::bind(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  const auto failure = [&] {
    return Error(fmt::format("cannot listen on {}:{} (address in use or not local?)", host, port));
  };
  if (::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found) != 0)
    throw failure();
  int fd = -1;
  for (addrinfo* ai = found; ai && fd < 0; ai = ai->ai_next) {
    fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    // The kernel's queue of connections not yet accepted: as long as the system allows.
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) throw failure();
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  impl_->listener = fd;
  impl_->fit_descriptor_limit();
  return ntohs(address.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&address)->sin6_port
                                             : reinterpret_cast<sockaddr_in*>(&address)->sin_port);
}

// Each connection is a descriptor: raise the soft limit as far as max_connections needs (the
// hard limit permitting), else serve fewer connections than asked and say so.
void ConnectionServer::Impl::fit_descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
  const rlim_t reserved = kReservedDescriptors + kDescriptorsPerThread * limits.threads;
  const rlim_t wanted = limits.max_connections + reserved;
  if (limit.rlim_cur < wanted) {
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);
  }
  if (limit.rlim_cur < wanted) {
    limits.max_connections = limit.rlim_cur > reserved + 16 ? limit.rlim_cur - reserved : 16;
    spdlog::warn("server: at most {} connections: the open-file limit is {} (ulimit -n)",
                 limits.max_connections, limit.rlim_cur);
  }
}

void ConnectionServer::run() {
  Impl& s = *impl_;
  if (s.listener < 0) throw Error("server: run() before bind()");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kListenerId;
  ::epoll_ctl(s.epoll, EPOLL_CTL_ADD, s.listener, &ev);
  ev.data.u64 = kWakeId;
  ::epoll_ctl(s.epoll, EPOLL_CTL_ADD, s.wake, &ev);
  for (unsigned i = 0; i < std::max(1u, s.limits.threads); ++i)
    s.workers.emplace_back([&s] { s.work_loop(); });
  struct JoinWorkers {
    Impl& s;
    ~JoinWorkers() {
      {
        std::lock_guard lock(s.mutex);
        s.workers_quit = true;
      }
      s.work_ready.notify_all();
      for (auto& t : s.workers) t.join();
      s.workers.clear();
    }
  } join{s};
  s.started = true;
  s.loop();
}

bool ConnectionServer::stop() {
  if (!impl_->started) return false;
  impl_->stop_requested = true;
  impl_->signal_wake();
  return true;
}

void ConnectionServer::Impl::loop() {
  epoll_event events[256];
  next_check = Clock::now() + std::chrono::seconds(1);
  while (!(stopping && connections.empty())) {
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_check - Clock::now());
    if (accept_paused_until) {
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(
                                *accept_paused_until - Clock::now()));
    }
    const int n = ::epoll_wait(epoll, events, 256,
                               static_cast<int>(std::clamp<long>(wait.count() + 1, 0, 1000)));
    if (n < 0 && errno != EINTR)
      throw Error(fmt::format("server: epoll_wait failed: {}", std::strerror(errno)));
    const auto now = Clock::now();
    for (int i = 0; i < n; ++i) {
      const std::uint64_t id = events[i].data.u64;
      if (id == kListenerId) {
        accept_all(now);
      } else if (id == kWakeId) {
        std::uint64_t count = 0;
        [[maybe_unused]] const ssize_t r = ::read(wake, &count, sizeof count);
      } else if (auto it = connections.find(id); it != connections.end()) {
        on_event(*it->second, events[i].events, now);
      }
    }
    if (stop_requested && !stopping) begin_stop();
    take_answered(now);
    if (accept_paused_until && now >= *accept_paused_until && listener >= 0) {
      accept_paused_until.reset();
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u64 = kListenerId;
      ::epoll_ctl(epoll, EPOLL_CTL_MOD, listener, &ev);
    }
    if (now >= next_check) check_deadlines(now);
  }
}

void ConnectionServer::Impl::work_loop() {
  for (;;) {
    Connection* c = nullptr;
    {
      std::unique_lock lock(mutex);
      work_ready.wait(lock, [&] { return workers_quit || !work.empty(); });
      if (work.empty()) return;
      c = work.front();
      work.pop_front();
    }
    Exchange exchange{c->request, c->peer, c->closing, {}, false};
    try {
      handler(exchange);
    } catch (const std::exception& e) {
      spdlog::error("server: request handler failed: {}", e.what());
      exchange.response.clear();
    } catch (...) {
      spdlog::error("server: request handler failed");
      exchange.response.clear();
    }
    c->out = std::move(exchange.response);
    c->closing = c->closing || exchange.client_closes;
    std::string().swap(c->request);
    {
      std::lock_guard lock(mutex);
      answered.push_back(c);
    }
    signal_wake();
  }
}

bool ConnectionServer::Impl::watch(Connection& c, std::uint32_t events) {
  if (events == c.polled) return true;
  epoll_event ev{};
  ev.events = events;
  ev.data.u64 = c.id;
  const int r = events == 0
                    ? ::epoll_ctl(epoll, EPOLL_CTL_DEL, c.peer.fd, nullptr)
                    : ::epoll_ctl(epoll, c.polled ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, c.peer.fd, &ev);
  if (r == 0) c.polled = events;
  return r == 0;
}

void ConnectionServer::Impl::close_connection(Connection& c) {
  ::close(c.peer.fd);  // also leaves the epoll set
  connections.erase(c.id);
}

// At the connection limit: the connection that matters least makes room. One lingering after
// its answer, else the one idle the longest, else the request begun the longest ago (a slow
// client, most likely). A connection being answered or sent its response is never evicted.
bool ConnectionServer::Impl::evict_one() {
  Connection* victim = nullptr;
  auto rank = [](State s) {
    return s == State::kLingering ? 0 : s == State::kIdle ? 1 : s == State::kReading ? 2 : 3;
  };
  for (auto& entry : connections) {
    Connection* c = entry.second.get();
    if (rank(c->state) == 3) continue;
    if (!victim || rank(c->state) < rank(victim->state) ||
        (rank(c->state) == rank(victim->state) && c->since < victim->since)) {
      victim = c;
    }
  }
  if (!victim) return false;
  spdlog::debug("server: connection limit ({}) reached: closed the {} connection of {}:{}",
                limits.max_connections,
                victim->state == State::kReading ? "slowest" : "longest idle",
                victim->peer.remote_ip, victim->peer.remote_port);
  close_connection(*victim);
  return true;
}

void ConnectionServer::Impl::accept_all(Clock::time_point now) {
  for (int k = 0; k < kAcceptsPerWakeup && listener >= 0; ++k) {
    sockaddr_storage remote{};
    socklen_t remote_length = sizeof remote;
    const int fd = ::accept4(listener, reinterpret_cast<sockaddr*>(&remote), &remote_length,
                             SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO || errno == EPERM) continue;
      // EMFILE, ENFILE, ENOBUFS, ENOMEM: make room, or stop accepting for a moment (the
      // listening socket would otherwise wake the loop again at once).
      if (evict_one()) continue;
      spdlog::warn("server: cannot accept connections ({}); retrying in {} ms",
                   std::strerror(errno), kAcceptPause.count());
      accept_paused_until = now + kAcceptPause;
      epoll_event ev{};
      ev.data.u64 = kListenerId;
      ::epoll_ctl(epoll, EPOLL_CTL_MOD, listener, &ev);
      return;
    }
    if (connections.size() >= limits.max_connections && !evict_one()) {
      ::close(fd);  // every connection is being answered: this one waits for nothing
      continue;
    }
    auto c = std::make_unique<Connection>();
    c->id = next_id++;
    c->peer.fd = fd;
    const int yes = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);  // a response is one send()
    auto describe = [](const sockaddr_storage& a, std::string& ip, int& port) {
      char text[INET6_ADDRSTRLEN] = "";
      if (a.ss_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(&a);
        ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
        port = ntohs(v4->sin_port);
      } else if (a.ss_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&a);
        ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
        port = ntohs(v6->sin6_port);
      }
      ip = text;
    };
    describe(remote, c->peer.remote_ip, c->peer.remote_port);
    sockaddr_storage local{};
    socklen_t local_length = sizeof local;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_length);
    describe(local, c->peer.local_ip, c->peer.local_port);
    c->since = now;
    set_deadline(*c, now + limits.idle_timeout);
    if (!watch(*c, EPOLLIN)) {
      ::close(fd);
      continue;
    }
    connections.emplace(c->id, std::move(c));
  }
}

void ConnectionServer::Impl::on_event(Connection& c, std::uint32_t events, Clock::time_point now) {
  switch (c.state) {
    case State::kIdle:
    case State::kReading:
      on_readable(c, now);
      break;
    case State::kWriting:
      if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) write_some(c, now);
      break;
    case State::kLingering:
      discard(c);
      break;
    case State::kBusy:
      break;
  }
}

void ConnectionServer::Impl::on_readable(Connection& c, Clock::time_point now) {
  char buffer[kReadChunk];
  const std::size_t cap = limits.max_head_bytes + limits.max_body_bytes + kReadChunk;
  while (c.in.size() < cap) {
    const ssize_t n = ::recv(c.peer.fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n > 0) {
      if (c.state == State::kIdle) {
        c.state = State::kReading;
        c.since = now;
        set_deadline(c, now + limits.request_timeout);
      }
      c.in.append(buffer, static_cast<std::size_t>(n));
      if (static_cast<std::size_t>(n) < sizeof buffer) break;
    } else if (n == 0) {
      c.peer_done = true;
      break;
    } else if (errno != EINTR) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      close_connection(c);  // reset by the client
      return;
    }
  }
  if (try_dispatch(c, now)) return;
  if (c.peer_done) close_connection(c);  // closed with no request, or half of one
}

// Hands the request at the front of c.in to a worker, or refuses it. False while incomplete.
bool ConnectionServer::Impl::try_dispatch(Connection& c, Clock::time_point now) {
  const int status = frame_request(c, limits);
  if (status == 0) return false;
  if (status != 200) {
    refuse(c, status, now);
    return true;
  }
  const std::size_t size = c.head_end + c.body;
  c.request.assign(c.in, 0, size);
  c.in.erase(0, size);
  c.closing = c.body_skipped || c.peer_done || stopping ||
              c.served + 1 >= limits.max_requests_per_connection;
  if (c.body_skipped)
    std::string().swap(c.in);  // the start of the body: the connection closes anyway
  c.scanned = c.line_start = c.lines = c.head_end = c.body = 0;
  c.body_skipped = false;
  c.state = State::kBusy;
  watch(c, 0);  // out of the epoll set while a worker has it
  {
    std::lock_guard lock(mutex);
    work.push_back(&c);
  }
  work_ready.notify_one();
  return true;
}

// Answers a request that breaks a limit, without bothering a worker, then closes.
void ConnectionServer::Impl::refuse(Connection& c, int status, Clock::time_point now) {
  const std::string body = fmt::format(R"({{"error":"{}"}})", refusal_message(status, limits));
  c.out = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n"
      "Connection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n{}",
      status, reason(status), body.size(), body);
  spdlog::info("server: {} status={} ms={:.1f} bytes={}", request_summary(c.in), status,
               std::chrono::duration<double, std::milli>(now - c.since).count(), body.size());
  std::string().swap(c.in);
  c.sent = 0;
  c.closing = true;
  write_some(c, now);
}

void ConnectionServer::Impl::write_some(Connection& c, Clock::time_point now) {
  while (c.sent < c.out.size()) {
    const ssize_t n = ::send(c.peer.fd, c.out.data() + c.sent, c.out.size() - c.sent,
                             MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      c.sent += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (c.state != State::kWriting) {
        c.state = State::kWriting;
        set_deadline(c, now + limits.write_timeout);
      }
      watch(c, EPOLLOUT);
      return;
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      close_connection(c);  // reset by the client
      return;
    }
  }
  std::string().swap(c.out);
  c.sent = 0;
  ++c.served;
  if (c.closing || stopping) {
    linger(c, now);
  } else {
    next_request(c, now);
  }
}

void ConnectionServer::Impl::next_request(Connection& c, Clock::time_point now) {
  c.since = now;
  if (c.in.empty()) {
    if (c.peer_done) {
      close_connection(c);
      return;
    }
    c.state = State::kIdle;
    set_deadline(c, now + limits.idle_timeout);
  } else {
    c.state = State::kReading;  // the next request came with the last one (pipelining)
    set_deadline(c, now + limits.request_timeout);
    if (try_dispatch(c, now)) return;
    if (c.peer_done) {
      close_connection(c);
      return;
    }
  }
  watch(c, EPOLLIN);
}

void ConnectionServer::Impl::linger(Connection& c, Clock::time_point now) {
  if (c.peer_done) {
    close_connection(c);
    return;
  }
  ::shutdown(c.peer.fd, SHUT_WR);
  std::string().swap(c.in);
  c.state = State::kLingering;
  c.discarded = 0;
  set_deadline(c, now + limits.linger);
  watch(c, EPOLLIN);
}

void ConnectionServer::Impl::discard(Connection& c) {
  char buffer[kReadChunk];
  for (;;) {
    const ssize_t n = ::recv(c.peer.fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n > 0) {
      c.discarded += static_cast<std::size_t>(n);
      if (c.discarded <= kMaxLingerBytes) continue;
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return;
    }
    close_connection(c);  // the client closed too, or sends too much to wait for
    return;
  }
}

void ConnectionServer::Impl::take_answered(Clock::time_point now) {
  std::vector<Connection*> done;
  {
    std::lock_guard lock(mutex);
    done.swap(answered);
  }
  for (Connection* c : done) {
    if (c->out.empty()) {
      close_connection(*c);
    } else {
      c->sent = 0;
      write_some(*c, now);
    }
  }
}

void ConnectionServer::Impl::check_deadlines(Clock::time_point now) {
  next_check = now + std::chrono::seconds(1);
  std::vector<Connection*> expired;
  for (auto& entry : connections) {
    Connection* c = entry.second.get();
    if (c->state == State::kBusy) continue;
    if (c->deadline <= now) {
      expired.push_back(c);
    } else {
      next_check = std::min(next_check, c->deadline);
    }
  }
  for (Connection* c : expired) {
    switch (c->state) {
      case State::kReading:
        refuse(*c, 408, now);
        break;
      case State::kWriting:
        spdlog::info(
            "server: closed the connection of {}:{}: its response was not read within {} ms",
            c->peer.remote_ip, c->peer.remote_port, limits.write_timeout.count());
        close_connection(*c);
        break;
      default:
        close_connection(*c);
        break;  // idle, or lingering long enough
    }
  }
}

// Stop accepting and close idle connections; requests in progress (and those half received,
// until their deadline) are still answered, with "Connection: close".
void ConnectionServer::Impl::begin_stop() {
  stopping = true;
  if (listener >= 0) {
    ::close(listener);
    listener = -1;
  }
  std::vector<Connection*> idle;
  for (auto& entry : connections) {
    if (entry.second->state == State::kIdle) idle.push_back(entry.second.get());
  }
  for (Connection* c : idle) close_connection(*c);
}

}  // namespace depeche::server
