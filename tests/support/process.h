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

}  // namespace depeche::testing
