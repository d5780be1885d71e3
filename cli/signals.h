// SIGINT / SIGTERM as a stop request the long-running commands poll.
#pragma once

#include <atomic>

namespace depeche::cli {

// Installs the handlers (without SA_RESTART, so a blocking read of stdin is interrupted) and
// returns the flag they set. A second signal of the same kind ends the process at once.
const std::atomic<bool>& install_stop_signal_handlers();

// Which signal stopped the command (0 when none).
int stop_signal();

}  // namespace depeche::cli
