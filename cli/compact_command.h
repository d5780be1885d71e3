// `depeche compact`: rewrites an index into the smallest form Xapian can make, in place.
#pragma once

#include <CLI/CLI.hpp>

namespace depeche::cli {

void add_compact_command(CLI::App& app);

}  // namespace depeche::cli
