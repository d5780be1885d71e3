// The real `depeche serve` on 127.0.0.1 (over sample_corpus/jsonl) under abuse: malformed and
// oversized requests, slow clients, connection floods and pathological queries. While each goes
// on, a probe client keeps asking a normal search and must get the right answer within
// kProbeBound; afterwards the server is still up and still stops gracefully. Every wait is
// bounded (docs/API.md, "Limits").
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/process.h"

namespace depeche {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::BackgroundProcess;
using testing::run_depeche;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// How long a normal client may wait for its answer while the server is being abused.
constexpr auto kProbeBound = 2s;
// The server's documented limits (docs/API.md), which the tests check from outside.
constexpr auto kRequestTimeout = 5s;  // a whole request must arrive within this of its first byte
constexpr auto kIdleTimeout = 2s;  // a connection with no request in progress is closed after this
constexpr int kThreads = 4;        // --threads of the servers started here

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// ---- The server --------------------------------------------------------------------------------

class ServeProcess {
 public:
  ServeProcess(const std::string& db, std::vector<std::string> extra) {
    static std::atomic<int> counter{0};
    const std::string base =
        (fs::temp_directory_path() /
         ("depeche-abuse-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
            .string();
    out_ = base + ".out";
    err_ = base + ".err";
    std::vector<std::string> argv = {
        DEPECHE_BINARY, "serve", "--db", db, "--port", "0", "--threads", std::to_string(kThreads)};
    argv.insert(argv.end(), extra.begin(), extra.end());
    process_ = std::make_unique<BackgroundProcess>(argv, out_, err_);
    const std::string prefix = "listening on http://127.0.0.1:";
    for (const auto deadline = Clock::now() + 30s;
         Clock::now() < deadline && process_->running();) {
      const std::string out = read_text(out_);
      const auto at = out.find(prefix);
      if (at != std::string::npos && out.find('\n', at) != std::string::npos) {
        port_ = std::stoi(out.substr(at + prefix.size()));
        return;
      }
      std::this_thread::sleep_for(20ms);
    }
  }
  ~ServeProcess() {
    process_->send_signal(SIGTERM);
    process_->wait(10s);
    fs::remove(out_);
    fs::remove(err_);
  }
  // SIGTERM; the exit status (130 for a graceful stop, -1 if still running after the bound).
  int stop() {
    process_->send_signal(SIGTERM);
    return process_->wait(15s);
  }
  int port() const { return port_; }
  bool running() { return process_->running(); }
  std::string log_tail() const {
    const std::string log = read_text(err_);
    return log.substr(log.size() > 3000 ? log.size() - 3000 : 0);
  }

 private:
  std::string out_, err_;
  std::unique_ptr<BackgroundProcess> process_;
  int port_ = 0;
};

// ---- Raw sockets -------------------------------------------------------------------------------

class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  Socket(Socket&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Socket& operator=(Socket&& o) noexcept {
    std::swap(fd_, o.fd_);
    return *this;
  }
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// A non-blocking connection to 127.0.0.1:port, connected within `bound` (else an invalid Socket).
Socket connect_to(int port, std::chrono::milliseconds bound = 2000ms) {
  Socket s(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!s) return s;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(s.fd(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return s;
  if (errno != EINPROGRESS) return Socket();
  pollfd p{s.fd(), POLLOUT, 0};
  if (::poll(&p, 1, static_cast<int>(bound.count())) != 1) return Socket();
  int error = 0;
  socklen_t len = sizeof error;
  ::getsockopt(s.fd(), SOL_SOCKET, SO_ERROR, &error, &len);
  return error == 0 ? std::move(s) : Socket();
}

struct RawResponse {
  int status = 0;  // 0: no complete response (closed or timed out first)
  std::string head;
  std::string body;
  bool closed = false;  // the server closed the connection (EOF or reset) at some point
};

// Parses one complete response at the start of `buffer` and removes it; nullopt if incomplete.
std::optional<RawResponse> take_response(std::string& buffer) {
  const auto end = buffer.find("\r\n\r\n");
  if (end == std::string::npos) return std::nullopt;
  RawResponse r;
  r.head = buffer.substr(0, end);
  if (r.head.rfind("HTTP/1.", 0) != 0 || r.head.size() < 12) return std::nullopt;
  r.status = std::atoi(r.head.c_str() + 9);
  std::size_t length = 0;
  std::string lower = r.head;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (const auto at = lower.find("\r\ncontent-length:"); at != std::string::npos) {
    length = std::stoul(lower.substr(at + 17));
  }
  if (buffer.size() < end + 4 + length) return std::nullopt;
  r.body = buffer.substr(end + 4, length);
  buffer.erase(0, end + 4 + length);
  return r;
}

// Sends `request` (any bytes) on a new connection, reading while writing, until `responses`
// complete responses came back or the server closed the connection; bounded by `bound`.
// A server may answer before the request is complete (413, 414, 431): writing then stops.
std::vector<RawResponse> exchange(int port, const std::string& request, std::size_t responses = 1,
                                  std::chrono::milliseconds bound = 8000ms) {
  std::vector<RawResponse> out;
  Socket s = connect_to(port);
  if (!s) return out;
  const auto deadline = Clock::now() + bound;
  std::size_t sent = 0;
  bool writing = true;
  std::string buffer;
  char chunk[65536];
  while (out.size() < responses && Clock::now() < deadline) {
    pollfd p{s.fd(), static_cast<short>(POLLIN | (writing ? POLLOUT : 0)), 0};
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (::poll(&p, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) continue;
    if (writing && (p.revents & POLLOUT)) {
      const ssize_t n = ::send(s.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n > 0) sent += static_cast<std::size_t>(n);
      if (n < 0 && errno != EAGAIN) writing = false;  // EPIPE, ECONNRESET: the server has answered
      if (sent == request.size()) writing = false;
    }
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::recv(s.fd(), chunk, sizeof chunk, 0);
      if (n > 0) {
        buffer.append(chunk, static_cast<std::size_t>(n));
        while (auto r = take_response(buffer)) out.push_back(std::move(*r));
      } else if (n == 0 || errno != EAGAIN) {
        if (!out.empty()) out.back().closed = true;
        break;
      }
    }
  }
  return out;
}

// Reads what the server sends on `s` until it closes the connection, at most until `deadline`.
// Returns the bytes read and whether the close was seen.
std::pair<std::string, bool> read_until_closed(const Socket& s, Clock::time_point deadline) {
  std::string data;
  char chunk[4096];
  while (Clock::now() < deadline) {
    pollfd p{s.fd(), POLLIN, 0};
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (::poll(&p, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) continue;
    const ssize_t n = ::recv(s.fd(), chunk, sizeof chunk, 0);
    if (n > 0) {
      data.append(chunk, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EAGAIN) {
      return {data, true};
    }
  }
  return {data, false};
}

// ---- The probe: a normal client that must keep being served ---------------------------------

class Probe {
 public:
  explicit Probe(int port) : port_(port), thread_([this] { loop(); }) {}
  ~Probe() { finish(); }

  // Stops probing, once it has made at least kMinProbes (bounded in time).
  void finish() {
    if (!thread_.joinable()) return;
    for (const auto deadline = Clock::now() + 10s;
         count_ < kMinProbes && Clock::now() < deadline;) {
      std::this_thread::sleep_for(10ms);
    }
    stop_ = true;
    thread_.join();
  }
  static constexpr int kMinProbes = 3;
  int count() const { return count_; }
  int failures() const { return failures_; }
  std::chrono::milliseconds slowest() const { return slowest_; }
  std::string first_failure() const { return first_failure_; }

 private:
  void loop() {
    while (!stop_) {
      // A new connection each time: it must get through accept() and the connection limits too.
      httplib::Client c("127.0.0.1", port_);
      c.set_connection_timeout(5s);
      c.set_read_timeout(5s);
      const auto started = Clock::now();
      auto r = c.Get("/api/search?q=coree+du+nord+missile&per_page=1");
      const auto took =
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
      ++count_;
      slowest_ = std::max(slowest_, took);
      const bool ok = r && r->status == 200 &&
                      r->body.find("apm-2017-0704-coree-nord-icbm") != std::string::npos;
      if (!ok || took > kProbeBound) {
        if (failures_++ == 0) {
          first_failure_ = !r ? "no answer (" + httplib::to_string(r.error()) + ")"
                              : "status " + std::to_string(r->status) + " after " +
                                    std::to_string(took.count()) + " ms: " + r->body.substr(0, 200);
        }
      }
      std::this_thread::sleep_for(50ms);  // pacing, not synchronisation
    }
  }

  int port_;
  std::atomic<bool> stop_{false};
  std::atomic<int> count_{0};
  int failures_ = 0;
  std::chrono::milliseconds slowest_{0};
  std::string first_failure_;
  std::thread thread_;
};

// A macro, so that a failure points at the test's line.
#define EXPECT_PROBE_SERVED(probe)                                             \
  do {                                                                         \
    (probe).finish();                                                          \
    EXPECT_GE((probe).count(), Probe::kMinProbes);                             \
    EXPECT_EQ((probe).failures(), 0)                                           \
        << "of " << (probe).count() << "; first: " << (probe).first_failure(); \
    EXPECT_LT((probe).slowest(), kProbeBound);                                 \
  } while (0)

// ---- The fixture -------------------------------------------------------------------------------

class AbuseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = (fs::temp_directory_path() / ("depeche-abuse-db-" + std::to_string(::getpid()))).string();
    fs::remove_all(db_);
    auto r = run_depeche(
        {"index", "-q", "--db", db_, std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus/jsonl"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    server_ = new ServeProcess(db_, {});
    ASSERT_GT(server_->port(), 0) << server_->log_tail();
  }
  // Each test runs in its own process (gtest_discover_tests): after every one, SIGTERM still
  // stops the server gracefully and promptly, an idle connection left open notwithstanding.
  // (A request half sent when the stop comes is waited for: ServerTest.SigtermFinishes….)
  static void TearDownTestSuite() {
    if (server_ && server_->port() > 0) {
      Socket idle = connect_to(server_->port());
      const auto before = Clock::now();
      EXPECT_EQ(server_->stop(), 130) << server_->log_tail();
      EXPECT_LT(Clock::now() - before, 3s);
    }
    delete server_;
    server_ = nullptr;
    fs::remove_all(db_);
  }
  void SetUp() override {
    if (!server_ || server_->port() == 0) GTEST_SKIP() << "no server";
  }
  // After every test: the server is up and answers a normal request.
  void TearDown() override {
    if (!server_ || server_->port() == 0) return;
    ASSERT_TRUE(server_->running()) << server_->log_tail();
    httplib::Client c("127.0.0.1", server_->port());
    c.set_connection_timeout(5s);
    c.set_read_timeout(5s);
    auto r = c.Get("/healthz");
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    EXPECT_EQ(r->status, 200);
  }
  static int port() { return server_->port(); }

  static std::string db_;
  static ServeProcess* server_;
};

std::string AbuseTest::db_;
ServeProcess* AbuseTest::server_ = nullptr;

std::string get(const std::string& target, const std::string& headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers +
         "Connection: close\r\n\r\n";
}

struct RawCase {
  std::string name;
  std::string request;
  int status;
};

std::vector<RawCase> malformed_cases() {
  std::string many_headers;
  for (int i = 0; i < 5000; ++i)
    many_headers += "X-Filler-" + std::to_string(i) + ": " + std::string(20, 'v') + "\r\n";
  std::string binary(4000, '\0');
  for (std::size_t i = 0; i < binary.size(); ++i)
    binary[i] = static_cast<char>((i * 7919 + 13) % 251);
  return {
      {"garbage request line", "GARBAGE\r\n\r\n", 400},
      {"method only", "GET\r\n\r\n", 400},
      {"no version", "GET /healthz\r\n\r\n", 400},
      {"unknown version", "GET /healthz HTTP/7.3\r\nHost: x\r\n\r\n", 400},
      {"empty request line", "\r\n\r\n", 400},
      {"binary noise", binary + "\r\n\r\n", 400},
      {"unknown method", "BREW /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400},
      {"TRACE", "TRACE /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400},
      {"PUT on a GET route",
       "PUT /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
       405},
      {"NUL in the path", get(std::string("/heal\0thz", 9)), 400},
      {"invalid percent-encoding in q", get("/api/search?q=%zz%2%&per_page=1"), 200},
      {"invalid percent-encoding in the path", get("/api/articles/%zz%"), 404},
      {"invalid UTF-8 in q", get("/api/search?q=%C3%28%FF%FE%ED%A0%80&per_page=1"), 200},
      {"invalid UTF-8 in suggest", get("/api/suggest?q=s%C3%A9%FF%C3"), 200},
      {"percent-encoded NUL in q", get("/api/search?q=cor%00ee&per_page=1"), 200},
      {"100 KB query string", get("/api/search?q=" + std::string(100 * 1024, 'a')), 414},
      {"10 MB URL", get("/api/search?q=" + std::string(10 * 1024 * 1024, 'b')), 414},
      {"request line without end", "GET /" + std::string(64 * 1024, 'c'), 414},
      {"header line of 20 KB", get("/healthz", "X-Big: " + std::string(20 * 1024, 'h') + "\r\n"),
       431},
      {"5000 headers", get("/healthz", many_headers), 431},
      {"header section without end", "GET /healthz HTTP/1.1\r\n" + many_headers + many_headers,
       431},
      {"64 KiB body on a GET route",
       "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 65536\r\n\r\n" +
           std::string(65536, 'x'),
       413},
      {"announced 1 TB body, none sent",
       "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000\r\n\r\n", 413},
      {"small body on a GET route",
       "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: "
       "close\r\n\r\nhello",
       405},
      {"chunked body",
       "POST /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
       "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
       411},
      {"non-numeric Content-Length",
       "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n", 400},
      {"two different Content-Lengths",
       "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
       400},
  };
}

// Each malformed or oversized request gets its documented status with a JSON error body, while
// a normal client keeps being served.
TEST_F(AbuseTest, MalformedAndOversizedRequestsGetTheirStatus) {
  Probe probe(port());
  for (const RawCase& c : malformed_cases()) {
    const auto started = Clock::now();
    const auto responses = exchange(port(), c.request);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    ASSERT_FALSE(responses.empty()) << c.name << ": no response within the bound";
    const RawResponse& r = responses.front();
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.head << "\n" << r.body.substr(0, 300);
    EXPECT_LT(took, 3s) << c.name;
    const json body = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << c.name << ": not JSON: " << r.body.substr(0, 200);
    if (c.status >= 400) {
      EXPECT_TRUE(body.is_object() && body.contains("error"))
          << c.name << ": " << r.body.substr(0, 200);
    }
  }
  EXPECT_PROBE_SERVED(probe);
}

// Requests written back to back on one connection are answered in order; a body sent with a
// GET is skipped, not taken for the next request.
TEST_F(AbuseTest, PipelinedRequestsAreAnsweredInOrder) {
  const std::string keep = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string with_body =
      "GET /api/suggest?q=secu HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\nGET /x ";
  const std::string last =
      "GET /api/search?q=ukraine&per_page=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const auto responses = exchange(port(), keep + with_body + keep + last, 4);
  ASSERT_EQ(responses.size(), 4u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_NE(responses[0].body.find("\"status\""), std::string::npos);
  EXPECT_EQ(responses[1].status, 200);
  EXPECT_NE(responses[1].body.find("suggestions"), std::string::npos);
  EXPECT_EQ(responses[2].status, 200);
  EXPECT_EQ(responses[3].status, 200);
  EXPECT_NE(responses[3].body.find("\"hits\""), std::string::npos);
}

// Slowloris (a request head trickled byte by byte), a slow body and readers that never read:
// more of them than there are worker threads. Others are still served; the slow requests get
// 408 once their kRequestTimeout is over.
TEST_F(AbuseTest, SlowClientsCannotStarveOthers) {
  constexpr int kSlowHeads = 2 * kThreads + 2, kSlowBodies = kThreads;
  struct Slow {
    Socket socket;
    std::string bytes;
    std::size_t sent = 0;
    std::string received;
    bool closed = false;
    Clock::time_point first_byte, answered;
  };
  std::vector<Slow> slow;
  for (int i = 0; i < kSlowHeads + kSlowBodies; ++i) {
    Slow s;
    s.socket = connect_to(port());
    ASSERT_TRUE(s.socket) << i;
    s.bytes =
        i < kSlowHeads
            ? "GET /api/search?q=armee HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(200, 's') +
                  "\r\n\r\n"
            : "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 400\r\n\r\n" +
                  std::string(400, 'b');
    slow.push_back(std::move(s));
  }
  // Readers that never read: 500 pipelined requests for /app.js (20 KB, cheap to answer) fill
  // the socket buffers, then the server has responses it cannot send.
  std::vector<Socket> deaf;
  std::string big_requests;
  for (int i = 0; i < 500; ++i) big_requests += "GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n";
  for (int i = 0; i < kThreads; ++i) {
    deaf.push_back(connect_to(port()));
    ASSERT_TRUE(deaf.back());
    const int small = 4096;
    ::setsockopt(deaf.back().fd(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    ::send(deaf.back().fd(), big_requests.data(), big_requests.size(), MSG_NOSIGNAL);
  }

  Probe probe(port());
  const auto started = Clock::now();
  // One byte per connection every 100 ms (a head takes ~25 s to arrive) until each is answered.
  while (Clock::now() - started < kRequestTimeout + 4s) {
    bool all_done = true;
    for (Slow& s : slow) {
      if (s.closed) continue;
      all_done = false;
      if (s.sent < s.bytes.size()) {
        if (s.sent == 0) s.first_byte = Clock::now();
        if (::send(s.socket.fd(), s.bytes.data() + s.sent, 1, MSG_NOSIGNAL) == 1) ++s.sent;
      }
      char chunk[4096];
      for (ssize_t n; (n = ::recv(s.socket.fd(), chunk, sizeof chunk, 0)) != 0;) {
        if (n < 0) {
          if (errno != EAGAIN) s.closed = true;
          break;
        }
        if (s.received.empty()) s.answered = Clock::now();
        s.received.append(chunk, static_cast<std::size_t>(n));
      }
      if (!s.received.empty() && s.received.find("\r\n\r\n") != std::string::npos) s.closed = true;
    }
    if (all_done) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_PROBE_SERVED(probe);
  for (std::size_t i = 0; i < slow.size(); ++i) {
    const Slow& s = slow[i];
    EXPECT_EQ(s.received.rfind("HTTP/1.1 408", 0), 0u)
        << "slow client " << i << ": " << s.received.substr(0, 200);
    if (!s.received.empty()) {
      EXPECT_LT(s.answered - s.first_byte, kRequestTimeout + 2s) << "slow client " << i;
    }
  }
}

// A flood of idle connections and of half-sent requests does not keep others out; the server
// closes the idle ones after kIdleTimeout.
TEST_F(AbuseTest, ConnectionFloodDoesNotKeepOthersOut) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  const int idle_count =
      static_cast<int>(std::min<rlim_t>(300, limit.rlim_cur > 200 ? limit.rlim_cur - 150 : 50));
  const int half_count = 40;
  std::vector<Socket> idle, half;
  const auto opened = Clock::now();
  for (int i = 0; i < idle_count; ++i) {
    idle.push_back(connect_to(port()));
    ASSERT_TRUE(idle.back()) << "connection " << i << " of the flood was refused";
  }
  Probe probe(port());
  for (int i = 0; i < half_count; ++i) {
    half.push_back(connect_to(port()));
    ASSERT_TRUE(half.back());
    const std::string head = "GET /api/search?q=armee HTTP/1.1\r\nHost: x\r\n";
    ::send(half.back().fd(), head.data(), head.size(), MSG_NOSIGNAL);
  }
  std::this_thread::sleep_for(kIdleTimeout);  // the probe runs meanwhile: the flood is in place
  EXPECT_PROBE_SERVED(probe);
  int idle_closed = 0;
  for (const Socket& s : idle) {
    auto [data, closed] = read_until_closed(s, opened + kIdleTimeout + 3s);
    idle_closed += closed && data.empty();
  }
  EXPECT_EQ(idle_closed, idle_count);
  // (The half-sent requests would be answered 408 after kRequestTimeout, as the slowloris ones
  // are in SlowClientsCannotStarveOthers: closing them here ends them at once.)
}

// With --max-connections, a flood larger than the limit still does not keep others out: the
// connections idle the longest make room for new ones.
TEST_F(AbuseTest, ConnectionLimitEvictsTheLongestIdle) {
  ServeProcess small(db_, {"--max-connections", "32"});
  ASSERT_GT(small.port(), 0) << small.log_tail();
  std::vector<Socket> flood;
  for (int i = 0; i < 150; ++i) {
    flood.push_back(connect_to(small.port()));
    ASSERT_TRUE(flood.back()) << i;
  }
  Probe probe(small.port());
  std::this_thread::sleep_for(1s);
  EXPECT_PROBE_SERVED(probe);
  // The first connections of the flood were closed to make room, well before the idle timeout.
  auto [data, closed] = read_until_closed(flood.front(), Clock::now() + 200ms);
  EXPECT_TRUE(closed);
  EXPECT_TRUE(data.empty());
  EXPECT_TRUE(small.running());
  EXPECT_EQ(small.stop(), 130) << small.log_tail();
}

// Queries built to be expensive or to break the parser: answered (200 with results or a
// 400 naming the limit) in bounded time, never a 500, while a normal client is served.
TEST_F(AbuseTest, PathologicalQueriesAreBoundedInTime) {
  std::string many_words, wildcards, or_chain;
  for (int i = 0; i < 400; ++i) many_words += "mot" + std::to_string(i) + "+";
  for (char a = 'a'; a <= 'z'; ++a) {
    for (char b : {'a', 'e', 'o'}) wildcards += std::string(1, a) + b + "*+";
  }
  for (int i = 0; i < 60; ++i) or_chain += "coree+OR+nord+OR+";
  struct Query {
    std::string target;
    int status;
  };
  const std::vector<Query> queries = {
      {"/api/search?q=" + many_words.substr(0, 2040), 400},  // over the 64-word limit
      {"/api/search?q=" + std::string(3000, 'z'), 400},      // over 2048 bytes
      {"/api/search?q=" + std::string(1000, '(') + "coree" + std::string(1000, ')'),
       200},                                                  // deep nesting
      {"/api/search?q=" + std::string(2000, '('), 200},       // never closed
      {"/api/search?q=" + wildcards.substr(0, 2000), 400},    // 78 wildcards: over 64 words
      {"/api/search?q=" + wildcards.substr(0, 4 * 40), 200},  // 40 wildcards × 100 terms
      {"/api/search?q=*+**+%2A%2A%2A", 200},
      {"/api/search?q=" + or_chain.substr(0, 17 * 15) + "missile", 200},  // 61 words
      {"/api/search?q=" + std::string(2000, '"'), 200},
      {"/api/search?q=-coree+-nord+NOT+missile", 200},
      {"/api/search?q=country%3A+country%3A+speaker%3A+title%3A%28%29", 200},
      {"/api/search?q=" + std::string(680, '\xE2') /* not even UTF-8 */, 200},
      {"/api/search?page=99999999999999999999999999", 400},
      {"/api/search?page=1000&per_page=50", 400},
      {"/api/search?per_page=-1", 400},
      {"/api/search?offset=99999999999&size=1000000", 400},  // not parameters
      {"/api/search?per_page=1e3", 400},
      {"/api/search?from=9999-99-99", 400},
      {"/api/search?from=1&to=999999999", 400},
      {"/api/search?like=no-such-article", 400},
      {"/api/search?expand=" + std::string(64, 'f'), 200},
      {"/api/search?q=a&sort=-date&recency=1&collapse=0&quotes=1&per_page=50", 200},
      {"/api/suggest?q=" + std::string(2048, 'a'), 200},
      {"/api/suggest?q=" + std::string(1000, '+') + "s", 200},
  };
  Probe probe(port());
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::vector<std::string> problems;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", port());
      c.set_connection_timeout(5s);
      c.set_read_timeout(10s);
      c.set_url_encode(false);
      for (std::size_t i; (i = next++) < queries.size();) {
        const auto started = Clock::now();
        auto r = c.Get(queries[i].target);
        const auto took = Clock::now() - started;
        std::string problem;
        if (!r) {
          problem = "no answer";
        } else if (r->status != queries[i].status) {
          problem = "status " + std::to_string(r->status) + ": " + r->body.substr(0, 200);
        } else if (json::parse(r->body, nullptr, false).is_discarded()) {
          problem = "not JSON";
        } else if (took > 5s) {  // the 2 s search time limit, plus facets and snippets
          problem =
              "took " +
              std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()) +
              " ms";
        }
        if (!problem.empty()) {
          std::lock_guard lock(mutex);
          problems.push_back(queries[i].target.substr(0, 60) + "…: " + problem);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_PROBE_SERVED(probe);
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

}  // namespace
}  // namespace depeche
