// `depeche index`, `depeche delete` and `depeche stats`: building and inspecting an index.
#pragma once

#include <CLI/CLI.hpp>

namespace depeche::cli {

void add_index_command(CLI::App& app);
void add_delete_command(CLI::App& app);
void add_stats_command(CLI::App& app);

}  // namespace depeche::cli
