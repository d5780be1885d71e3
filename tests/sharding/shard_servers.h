// Helpers for the sharding tests: scratch directories, loopback ports, and servers (xapian-tcpsrv,
// xapian-replicate-server, depeche serve) run in their own process group, so a test can kill a
// server together with the children it forked for its connections, as a machine that goes down.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace depeche::testing {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The full path of a program found in PATH (the process helpers run a path, not a name).
inline std::string program_path(const std::string& name) {
  const char* path = ::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = dir + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return name;
}

// A fresh directory under the system temp directory, removed with the object.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_((std::filesystem::temp_directory_path() /
               ("depeche-" + name + "-" + std::to_string(::getpid()))).string()) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A port that was free a moment ago on 127.0.0.1 (the caller retries if someone takes it first).
inline int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  if (fd >= 0) ::close(fd);
  if (port == 0) throw std::runtime_error("no free loopback port");
  return port;
}

// A server process leading its own process group, its output in `log`. Killed (the whole group)
// and reaped on destruction.
class Daemon {
 public:
  Daemon(const std::vector<std::string>& argv, std::string log) : log_(std::move(log)) {
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::setpgid(0, 0);
      // A test that crashes must not leave servers behind: they die with it.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
      const int out = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int in = ::open("/dev/null", O_RDONLY);
      ::dup2(in, 0);
      ::dup2(out, 1);
      ::dup2(out, 2);
      std::vector<char*> args;
      for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execvp(args[0], args.data());
      ::_exit(127);
    }
    ::setpgid(pid_, pid_);  // also from here, so the group exists before any signal is sent
  }
  ~Daemon() { kill_group(SIGKILL); }
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Waits (bounded) until the log contains `text`; false if the process exited or time ran out.
  bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (read_text(log_).find(text) != std::string::npos) return true;
      if (!running()) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  bool running() {
    if (reaped_) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      reaped_ = true;
      return false;
    }
    return true;
  }

  // Sends `sig` to the server and every child it forked; SIGKILL also reaps the leader.
  void kill_group(int sig) {
    if (pid_ <= 0 || reaped_) return;
    ::kill(-pid_, sig);
    if (sig == SIGKILL) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      reaped_ = true;
    }
  }

  std::string log() const { return read_text(log_); }

 private:
  std::string log_;
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// Waits (bounded) until something accepts connections on 127.0.0.1:port.
inline bool wait_for_port(int port, Daemon& daemon, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline && daemon.running()) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    if (fd >= 0) ::close(fd);
    if (ok) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// `program --port P --interface 127.0.0.1 args…` on a free loopback port, retried on a port taken
// in between. `ready` is what the program prints once it listens; empty: wait for the port.
inline std::unique_ptr<Daemon> start_on_free_port(const std::string& program, const std::vector<std::string>& args,
                                                  const std::string& ready, const std::string& log, int& port) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    port = free_loopback_port();
    std::vector<std::string> argv = {program, "--port", std::to_string(port), "--interface", "127.0.0.1"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto daemon = std::make_unique<Daemon>(argv, log);
    if (ready.empty() ? wait_for_port(port, *daemon) : daemon->wait_for_output(ready)) return daemon;
  }
  throw std::runtime_error(program + " did not start: " + read_text(log));
}

// xapian-tcpsrv serving one database on a loopback port. `port` 0: a free one (set on return);
// otherwise that port (to restart a server where its clients expect it).
inline std::unique_ptr<Daemon> start_tcpsrv(const std::string& db, const std::string& log, int& port) {
  if (port == 0) return start_on_free_port("xapian-tcpsrv", {db}, "Listening...", log, port);
  auto daemon = std::make_unique<Daemon>(
      std::vector<std::string>{"xapian-tcpsrv", "--port", std::to_string(port), "--interface", "127.0.0.1", db}, log);
  if (!daemon->wait_for_output("Listening...")) throw std::runtime_error("xapian-tcpsrv did not restart: " + daemon->log());
  return daemon;
}

}  // namespace depeche::testing
