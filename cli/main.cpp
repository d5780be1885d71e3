// The depeche binary: parses the command line, runs one subcommand, maps errors to exit statuses.
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/analyze_command.h"
#include "cli/compact_command.h"
#include "cli/entity_commands.h"
#include "cli/index_commands.h"
#include "cli/logging.h"
#include "cli/search_command.h"
#include "cli/serve_command.h"
#include "core/error.h"

int main(int argc, char** argv) {
  using namespace depeche;
  CLI::App app{"Depeche: full-text search for French-language news archives"};
  app.set_version_flag("--version", "depeche 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();  // -v / -q work before or after the subcommand name
  int verbose = 0;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbose, "More log output (repeat for trace)");
  app.add_flag("-q,--quiet", quiet, "Only errors on stderr");
  app.parse_complete_callback([&] { cli::configure_logging(quiet ? -1 : verbose); });

  cli::add_analyze_command(app);
  cli::add_index_command(app);
  cli::add_delete_command(app);
  cli::add_stats_command(app);
  cli::add_compact_command(app);
  cli::add_search_command(app);
  cli::add_serve_command(app);
  cli::add_extract_command(app);
  cli::add_eval_entities_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a command's documented status; it has printed its own output
  } catch (const CLI::ParseError& e) {
    std::cerr << "depeche: " << e.what() << " (see depeche --help)\n";
    return kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << "depeche: " << e.what() << '\n';
    return kExitUsage;
  } catch (const Error& e) {
    std::cerr << "depeche: " << e.what() << '\n';
    return kExitFailure;
  } catch (const Xapian::Error& e) {
    std::cerr << "depeche: index error: " << e.get_description() << '\n';
    return kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "depeche: " << e.what() << '\n';
    return kExitFailure;
  }
  return kExitOk;
}
