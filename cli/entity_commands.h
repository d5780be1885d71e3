// `depeche extract` (the entities of an article, with evidence) and `depeche eval-entities`
// (extraction quality against a gold file).
#pragma once

#include <CLI/CLI.hpp>

namespace depeche::cli {

void add_extract_command(CLI::App& app);
void add_eval_entities_command(CLI::App& app);

}  // namespace depeche::cli
