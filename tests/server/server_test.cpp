// The real `depeche serve` on 127.0.0.1 over an index of sample_corpus/: every endpoint, every
// error status, CORS, index updates while serving, graceful stop and a burst of parallel requests.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
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

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One `depeche serve --port 0` child; waits (bounded) for its "listening on" line.
class ServeProcess {
 public:
  ServeProcess(const std::string& db, std::vector<std::string> extra) {
    static std::atomic<int> counter{0};
    const std::string base = (fs::temp_directory_path() / ("depeche-serve-" + std::to_string(::getpid()) + "-" +
                                                           std::to_string(counter++))).string();
    out_ = base + ".out";
    err_ = base + ".err";
    std::vector<std::string> argv = {DEPECHE_BINARY, "serve", "--db", db, "--port", "0", "--threads", "4"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    process_ = std::make_unique<BackgroundProcess>(argv, out_, err_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline && process_->running()) {
      const std::string out = read_file(out_);
      const auto at = out.find("listening on http://127.0.0.1:");
      if (at != std::string::npos && out.find('\n', at) != std::string::npos) {
        port_ = std::stoi(out.substr(at + std::string("listening on http://127.0.0.1:").size()));
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~ServeProcess() {
    process_->send_signal(SIGTERM);
    process_->wait(std::chrono::seconds(10));
    fs::remove(out_);
    fs::remove(err_);
  }
  int port() const { return port_; }
  BackgroundProcess& process() { return *process_; }
  std::string log() const { return read_file(err_); }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(std::chrono::seconds(5));
    c.set_read_timeout(std::chrono::seconds(10));
    c.set_url_encode(false);  // the tests write paths already encoded, '+' for spaces as forms do
    return c;
  }

 private:
  std::string out_, err_;
  std::unique_ptr<BackgroundProcess> process_;
  int port_ = 0;
};

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = (fs::temp_directory_path() / ("depeche-server-" + std::to_string(::getpid()))).string();
    fs::remove_all(db_);
    auto r = run_depeche({"index", "-q", "--db", db_, std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    server_ = new ServeProcess(db_, {});
    ASSERT_GT(server_->port(), 0) << server_->log();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    fs::remove_all(db_);
  }

  static httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) {
    auto c = server_->client();
    return c.Get(path, headers);
  }
  static json get_json(const std::string& path, int want_status = 200) {
    auto r = get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return {};
    EXPECT_EQ(r->status, want_status) << path << ": " << r->body;
    EXPECT_NE(r->get_header_value("Content-Type").find("application/json"), std::string::npos) << path;
    return json::parse(r->body);
  }
  static std::string error_of(const std::string& path, int want_status) {
    return get_json(path, want_status).value("error", "");
  }

  static std::string db_;
  static ServeProcess* server_;
};

std::string ServerTest::db_;
ServeProcess* ServerTest::server_ = nullptr;

TEST_F(ServerTest, HealthzReportsDocumentsAndRevision) {
  auto j = get_json("/healthz");
  EXPECT_EQ(j["status"], "ok");
  EXPECT_GE(j["documents"].get<int>(), 88);
  EXPECT_GE(j["revision"].get<int>(), 1);
}

TEST_F(ServerTest, SearchAnswersTheCliJsonSchema) {
  auto j = get_json("/api/search?q=coree+du+nord+missile&per_page=2");
  for (const char* key : {"query", "counts", "page", "hits", "quotes", "facets", "feedback", "timings_ms"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  ASSERT_FALSE(j["hits"].empty());
  EXPECT_EQ(j["hits"][0]["id"], "apm-2017-0704-coree-nord-icbm");
  EXPECT_EQ(j["query"], "coree du nord missile");
  EXPECT_LE(j["hits"].size(), 2u);
}

TEST_F(ServerTest, SearchWithoutQueryOrFilterListsLatestArticles) {
  auto j = get_json("/api/search?sort=-date&per_page=5");
  ASSERT_GE(j["hits"].size(), 2u);
  EXPECT_GE(j["hits"][0]["date"].get<std::string>(), j["hits"][1]["date"].get<std::string>());
}

TEST_F(ServerTest, CountryFilterRepeatedOrCommaSeparatedIsTheSame) {
  auto a = get_json("/api/search?country=KP&country=JP&per_page=50");
  auto b = get_json("/api/search?country=KP,JP&per_page=50");
  auto only = get_json("/api/search?country=KP&per_page=50");
  EXPECT_EQ(a["counts"], b["counts"]);
  EXPECT_GE(a["counts"]["articles"].get<int>(), only["counts"]["articles"].get<int>());
  EXPECT_GT(only["counts"]["articles"].get<int>(), 0);
}

TEST_F(ServerTest, PagesFollowEachOther) {
  auto p1 = get_json("/api/search?q=ukraine&per_page=2&collapse=0");
  auto p2 = get_json("/api/search?q=ukraine&per_page=2&page=2&collapse=0");
  ASSERT_EQ(p1["hits"].size(), 2u);
  ASSERT_FALSE(p2["hits"].empty());
  EXPECT_EQ(p2["hits"][0]["rank"], 3);
  EXPECT_NE(p2["hits"][0]["id"], p1["hits"][0]["id"]);
}

TEST_F(ServerTest, BadParametersAre400WithOneLineMessages) {
  const std::string long_q(3000, 'a');
  struct Case {
    std::string path;
    std::string message;  // a substring of the error
  };
  for (const Case& c : std::vector<Case>{
           {"/api/search?per_page=0", "parameter 'per_page' must be an integer from 1 to 50"},
           {"/api/search?per_page=51", "parameter 'per_page' must be an integer from 1 to 50"},
           {"/api/search?per_page=ten", "parameter 'per_page' must be an integer from 1 to 50"},
           {"/api/search?page=0", "parameter 'page' must be an integer from 1 to 1000"},
           {"/api/search?page=30&per_page=50", "page × per_page must be at most 1000"},
           {"/api/search?sort=oldest", "parameter 'sort' must be relevance"},
           {"/api/search?quotes=yes", "parameter 'quotes' must be 0 or 1"},
           {"/api/search?q=" + long_q, "parameter 'q' is longer than 2048 bytes"},
           {"/api/search?country=Atlantide", "unknown country"},
           {"/api/search?from=hier", ""},
           {"/api/search?qq=armee", "unknown parameter 'qq'"},
           {"/api/search?q=a&q=b", "parameter 'q' may be given only once"},
           {"/api/suggest?q=a&format=xml", "parameter 'format' must be json or opensearch"},
       }) {
    const std::string error = error_of(c.path, 400);
    EXPECT_NE(error.find(c.message), std::string::npos) << c.path.substr(0, 80) << " → " << error;
    EXPECT_EQ(error.find('\n'), std::string::npos);
  }
  std::string many = "/api/search?";
  for (int i = 0; i < 21; ++i) many += "speaker=x" + std::to_string(i) + "&";
  EXPECT_NE(error_of(many, 400).find("at most 20 values"), std::string::npos);
}

TEST_F(ServerTest, UnknownPathsAndIdsAre404AndWrongMethodsAre405) {
  EXPECT_NE(error_of("/api/nothing", 404).find("no such endpoint"), std::string::npos);
  EXPECT_NE(error_of("/index.html", 404).find("no such endpoint"), std::string::npos);  // "/" is the page
  EXPECT_NE(error_of("/api/articles/no-such-id", 404).find("no article with id 'no-such-id'"), std::string::npos);
  EXPECT_EQ(get_json("/api/articles/../../../etc/passwd", 404).count("error"), 1u);
  EXPECT_EQ(get_json("/api/articles/%2e%2e%2fetc%2fpasswd", 404).count("error"), 1u);
  auto c = server_->client();
  auto post = c.Post("/api/search", "", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD, OPTIONS");
  EXPECT_NE(json::parse(post->body)["error"].get<std::string>().find("POST"), std::string::npos);
  auto del = c.Delete("/api/articles/x");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  auto big = c.Post("/api/search", std::string(64 * 1024, 'x'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
}

TEST_F(ServerTest, ArticleIdsMayContainSlashesEncodedOrNot) {
  const std::string id = "text/2021/03/15/vaccins-afrique-ouest.txt";
  auto plain = get_json("/api/articles/" + id);
  auto encoded = get_json("/api/articles/text%2F2021%2F03%2F15%2Fvaccins-afrique-ouest.txt");
  EXPECT_EQ(plain["id"], id);
  EXPECT_EQ(plain, encoded);
  for (const char* key : {"id", "title", "body", "date", "source", "url", "countries", "speakers", "quotes"}) {
    EXPECT_TRUE(plain.contains(key)) << key;
  }
  EXPECT_FALSE(plain["body"].get<std::string>().empty());
  auto apm = get_json("/api/articles/apm-2017-0704-coree-nord-icbm");
  EXPECT_FALSE(apm["countries"].empty());
}

TEST_F(ServerTest, SuggestCompletesTheLastWordIgnoringAccentsAndCase) {
  for (const char* q : {"secu", "S%C3%89CU", "s%C3%A9cu"}) {
    auto j = get_json(std::string("/api/suggest?q=") + q);
    ASSERT_FALSE(j["suggestions"].empty()) << q;
    EXPECT_LE(j["suggestions"].size(), 8u);
    bool found = false;
    for (const auto& s : j["suggestions"]) found |= s["text"] == "sécurité" && s["kind"] == "word";
    EXPECT_TRUE(found) << q << ": " << j.dump();
  }
  auto phrase = get_json("/api/suggest?q=armee+de+secu");
  ASSERT_FALSE(phrase["suggestions"].empty());
  EXPECT_EQ(phrase["suggestions"][0]["text"].get<std::string>().rfind("armee de s", 0), 0u);
  EXPECT_LE(get_json("/api/suggest?q=a")["suggestions"].size(), 8u);
  EXPECT_TRUE(get_json("/api/suggest?q=")["suggestions"].empty());
}

TEST_F(ServerTest, SuggestOffersSpeakersAndCountries) {
  auto speakers = get_json("/api/suggest?q=caldw");
  bool speaker = false;
  for (const auto& s : speakers["suggestions"]) speaker |= s["text"] == "Jennifer Caldwell" && s["kind"] == "speaker";
  EXPECT_TRUE(speaker) << speakers.dump();
  auto countries = get_json("/api/suggest?q=missile+coree+du+n");
  bool country = false;
  for (const auto& s : countries["suggestions"]) {
    country |= s["text"] == "missile Corée du Nord" && s["kind"] == "country" && s["count"].get<int>() > 0;
  }
  EXPECT_TRUE(country) << countries.dump();
}

TEST_F(ServerTest, OpenSearchDescriptionAndSuggestionFormat) {
  auto r = get("/opensearch.xml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Content-Type").find("application/opensearchdescription+xml"), std::string::npos);
  EXPECT_NE(r->body.find("/api/search?q={searchTerms}"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("/api/suggest?format=opensearch&amp;q={searchTerms}"), std::string::npos);
  auto hostile = get("/opensearch.xml", {{"Host", "evil\"><x>"}});
  ASSERT_TRUE(hostile);
  EXPECT_EQ(hostile->body.find("<x>"), std::string::npos);

  auto s = get("/api/suggest?q=secu&format=opensearch");
  ASSERT_TRUE(s);
  auto j = json::parse(s->body);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0], "secu");
  EXPECT_FALSE(j[1].empty());
}

TEST_F(ServerTest, NoCorsHeadersByDefault) {
  auto r = get("/healthz", {{"Origin", "https://news.example"}});
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
}

TEST_F(ServerTest, CorsOnlyForListedOrigins) {
  ServeProcess server(db_, {"--cors-origin", "https://news.example"});
  ASSERT_GT(server.port(), 0) << server.log();
  auto c = server.client();
  auto ok = c.Get("/api/search?q=armee", {{"Origin", "https://news.example"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->get_header_value("Access-Control-Allow-Origin"), "https://news.example");
  auto other = c.Get("/api/search?q=armee", {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
  EXPECT_FALSE(other->has_header("Access-Control-Allow-Origin"));
  auto preflight = c.Options("/api/search", {{"Origin", "https://news.example"},
                                              {"Access-Control-Request-Method", "GET"}});
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 204);
  EXPECT_EQ(preflight->get_header_value("Access-Control-Allow-Origin"), "https://news.example");
  EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Methods").find("GET"), std::string::npos);
  auto refused = c.Options("/api/search", {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->has_header("Access-Control-Allow-Methods"));
}

TEST_F(ServerTest, NewRevisionIsServedWithoutRestart) {
  const std::string file = db_ + "-new.jsonl";
  {
    std::ofstream out(file);
    out << R"({"id":"zz-new-1","title":"Le zorglubophone présenté à Lyon","body":"Le zorglubophone, un instrument inédit, a été présenté jeudi à Lyon devant un public curieux.","date":"2024-02-01"})"
        << '\n';
  }
  auto r = run_depeche({"index", "-q", "--db", db_, file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  fs::remove(file);
  EXPECT_EQ(get_json("/api/search?q=zorglubophone")["hits"].size(), 1u);
  EXPECT_EQ(get_json("/api/articles/zz-new-1")["id"], "zz-new-1");
  // The suggestion vocabulary is refreshed in the background, within about a second.
  bool suggested = false;
  for (int i = 0; i < 50 && !suggested; ++i) {
    const json j = get_json("/api/suggest?q=zorglu");
    for (const auto& s : j["suggestions"]) suggested |= s["text"] == "zorglubophone";
    if (!suggested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(suggested) << get_json("/api/suggest?q=zorglu").dump() << get_json("/healthz").dump();
}

TEST_F(ServerTest, AccessLogHasOneLinePerRequest) {
  get("/healthz?probe=1");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const std::string log = server_->log();
  EXPECT_NE(log.find("GET /healthz status=400"), std::string::npos) << log.substr(log.size() > 2000 ? log.size() - 2000 : 0);
  EXPECT_NE(log.find("bytes="), std::string::npos);
}

TEST_F(ServerTest, SigtermFinishesTheRequestInFlightThenExits130) {
  ServeProcess server(db_, {});
  ASSERT_GT(server.port(), 0) << server.log();
  // A request whose headers are only half sent is in flight: its worker is reading it.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(server.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string first = "GET /api/search?q=armee&per_page=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  ASSERT_EQ(::write(fd, first.data(), first.size()), static_cast<ssize_t>(first.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  server.process().send_signal(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::string rest = "Connection: close\r\n\r\n";
  ASSERT_EQ(::write(fd, rest.data(), rest.size()), static_cast<ssize_t>(rest.size()));
  std::string response;
  char buffer[4096];
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) response.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  EXPECT_EQ(response.rfind("HTTP/1.1 200", 0), 0u) << response.substr(0, 200);
  EXPECT_NE(response.find("\"hits\""), std::string::npos);
  EXPECT_EQ(server.process().wait(std::chrono::seconds(10)), 130) << server.log();
  // Stopped: nobody listens any more.
  httplib::Client after("127.0.0.1", server.port());
  after.set_connection_timeout(std::chrono::seconds(1));
  EXPECT_FALSE(after.Get("/healthz"));
}

TEST_F(ServerTest, ParallelBurstHasNoErrors) {
  constexpr int kThreads = 8, kRequests = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  const std::vector<std::string> paths = {"/api/search?q=armee", "/api/suggest?q=secu", "/healthz",
                                          "/api/search?q=ukraine&sort=-date&per_page=5",
                                          "/api/articles/apm-2017-0704-coree-nord-icbm"};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto c = server_->client();
      for (int i = 0; i < kRequests; ++i) {
        auto r = c.Get(paths[static_cast<std::size_t>(t + i) % paths.size()]);
        if (!r || r->status != 200) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace depeche
