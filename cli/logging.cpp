// Logs go to stderr so stdout stays clean for results and --json.
#include "cli/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace depeche::cli {

void configure_logging(int verbosity) {
  auto logger = spdlog::stderr_color_mt("depeche");
  logger->set_pattern("%^%l%$: %v");
  spdlog::level::level_enum level = spdlog::level::info;
  if (verbosity < 0) level = spdlog::level::err;
  if (verbosity == 1) level = spdlog::level::debug;
  if (verbosity >= 2) level = spdlog::level::trace;
  logger->set_level(level);
  spdlog::set_default_logger(logger);
}

}  // namespace depeche::cli
