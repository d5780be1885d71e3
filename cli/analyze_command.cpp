// Renders analysis tokens as a table or JSON; all the analysis itself is in analyzers/.
#include "cli/analyze_command.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyzers/french_analyzer.h"
#include "analyzers/term_generation.h"
#include "cli/text_output.h"

namespace depeche::cli {
namespace {

struct AnalyzeOptions {
  std::vector<std::string> text;  // joined with spaces; empty or "-" reads standard input
  bool json = false;
  bool query = false;
};

std::vector<std::string> flag_list(const analysis::Token& tok) {
  using namespace analysis;
  std::vector<std::string> names;
  if (tok.has(kFlagCompound)) names.push_back(fmt::format("compound({})", tok.parts));
  if (tok.has(kFlagCompoundPart)) names.emplace_back("part");
  if (tok.has(kFlagElided)) names.emplace_back("elided");
  if (tok.has(kFlagStopword)) names.emplace_back("stopword");
  if (tok.has(kFlagNumber)) names.emplace_back("number");
  if (tok.has(kFlagAcronym)) names.emplace_back("acronym");
  if (tok.has(kFlagWildcard)) names.emplace_back("wildcard");
  if (tok.has(kFlagTooLong)) names.emplace_back("too-long");
  return names;
}

void run(const AnalyzeOptions& opts) {
  std::string text;
  if (opts.text.empty() || (opts.text.size() == 1 && opts.text[0] == "-")) {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    text = fmt::format("{}", fmt::join(opts.text, " "));
  }
  analysis::FrenchAnalyzer analyzer;
  const auto mode = opts.query ? analysis::AnalysisMode::kQuery : analysis::AnalysisMode::kIndex;
  const std::vector<analysis::Token> tokens = analyzer.analyze(text, mode);
  spdlog::debug("analyze: bytes={} tokens={} mode={}", text.size(), tokens.size(),
                opts.query ? "query" : "index");
  std::string query_description;
  if (opts.query) query_description = analysis::words_query(tokens, {}).get_description();

  if (opts.json) {
    nlohmann::json out;
    out["mode"] = opts.query ? "query" : "index";
    out["tokens"] = nlohmann::json::array();
    for (const auto& tok : tokens) {
      out["tokens"].push_back({{"surface", valid_utf8(tok.surface(text))},
                               {"start", tok.begin},
                               {"end", tok.end},
                               {"position", tok.position},
                               {"normalized", tok.lower},
                               {"term", tok.term},
                               {"stems", tok.stems},
                               {"flags", flag_list(tok)}});
    }
    if (opts.query) out["query"] = query_description;
    std::cout << out.dump(2) << '\n';
    return;
  }

  Table table({"pos", "bytes", "surface", "normalized", "term", "stems", "flags"});
  for (const auto& tok : tokens) {
    table.add_row({std::to_string(tok.position), fmt::format("{}-{}", tok.begin, tok.end),
                   valid_utf8(tok.surface(text)), tok.lower, tok.term,
                   fmt::format("{}", fmt::join(tok.stems, " ")),
                   fmt::format("{}", fmt::join(flag_list(tok), ","))});
  }
  table.print(std::cout);
  if (opts.query) std::cout << "\nquery: " << query_description << '\n';
}

}  // namespace

void add_analyze_command(CLI::App& app) {
  auto opts = std::make_shared<AnalyzeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "analyze", "Show how the French analysis chain turns TEXT into tokens, terms and stems");
  cmd->add_option("text", opts->text, "Text to analyse (default: standard input)");
  cmd->add_flag("--json", opts->json, "Print the tokens as JSON");
  cmd->add_flag("--query", opts->query,
                "Analyse as a query: recognise kirb* wildcards and print the Xapian query");
  cmd->callback([opts] { run(*opts); });
}

}  // namespace depeche::cli
