// Configures spdlog for the command-line tool: the only place logging is set up.
#pragma once

namespace depeche::cli {

// verbosity: -1 quiet (errors only), 0 normal (info), 1 debug, 2+ trace.
void configure_logging(int verbosity);

}  // namespace depeche::cli
