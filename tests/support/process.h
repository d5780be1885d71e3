// Runs the real depeche binary (or any program) from tests: input, output, exit status, timeout.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace depeche::testing {

struct ProcessResult {
  int exit_code = -1;  // exit status, or 128 + signal number when killed by a signal
  std::string out;
  std::string err;
  bool timed_out = false;
};

// Runs argv[0] with argv, feeding `input` on standard input. Kills it after `timeout`.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = "",
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

// The depeche binary built with the tests, with the given arguments.
ProcessResult run_depeche(const std::vector<std::string>& args, const std::string& input = "",
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

// A child process started in the background, for tests that signal it mid-run.
// Its standard input is /dev/null; its output goes to the given files.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const std::string& stdout_path,
                    const std::string& stderr_path);
  ~BackgroundProcess();  // kills (SIGKILL) and reaps a child still running
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  void send_signal(int sig);
  // Exit status as ProcessResult::exit_code; -1 if still running after `timeout`.
  int wait(std::chrono::milliseconds timeout = std::chrono::seconds(60));
  bool running();

 private:
  int pid_ = -1;
  int status_ = -1;
};

}  // namespace depeche::testing
