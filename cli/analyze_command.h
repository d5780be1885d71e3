// `depeche analyze`: shows what the French analysis chain makes of a text, token by token.
#pragma once

#include <CLI/CLI.hpp>

namespace depeche::cli {

// Registers the subcommand; its callback does the work.
void add_analyze_command(CLI::App& app);

}  // namespace depeche::cli
