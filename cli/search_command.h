// `depeche search`: ranked French queries with filters, facets, snippets and spelling help.
#pragma once

#include <CLI/CLI.hpp>

namespace depeche::cli {

void add_search_command(CLI::App& app);

}  // namespace depeche::cli
