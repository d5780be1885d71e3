// Signal handlers may only touch lock-free atomics, hence the two process-wide flags here.
#include "cli/signals.h"

#include <signal.h>
#include <unistd.h>

namespace depeche::cli {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};

void on_signal(int sig) {
  if (g_stop.exchange(true)) {
    // Asked twice: the user wants out now. The index stays at its last commit.
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  g_signal = sig;
}

}  // namespace

const std::atomic<bool>& install_stop_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return g_stop;
}

int stop_signal() { return g_signal.load(); }

}  // namespace depeche::cli
