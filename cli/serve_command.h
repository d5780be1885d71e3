// `depeche serve`: the JSON search API over HTTP (docs/API.md).
#pragma once

#include <CLI/CLI.hpp>

namespace depeche::cli {

void add_serve_command(CLI::App& app);

}  // namespace depeche::cli
