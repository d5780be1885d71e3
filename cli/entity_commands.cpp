// Front end of entity extraction: prints mentions with offsets and evidence, or quality scores.
#include "cli/entity_commands.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "analyzers/country_names.h"
#include "analyzers/entity_extractor.h"
#include "analyzers/french_analyzer.h"
#include "cli/text_output.h"
#include "core/error.h"
#include "indexer/entity_evaluation.h"
#include "indexer/input_reader.h"

namespace depeche::cli {
namespace {

const char* field_name(analysis::TextField f) { return f == analysis::TextField::kTitle ? "title" : "body"; }

const char* kind_name(analysis::CountryMentionKind k) {
  switch (k) {
    case analysis::CountryMentionKind::kName: return "name";
    case analysis::CountryMentionKind::kDemonym: return "demonym";
    case analysis::CountryMentionKind::kMetonym: return "metonym";
  }
  return "";
}

nlohmann::json entities_json(const Article& a, const analysis::Entities& e) {
  nlohmann::json countries = nlohmann::json::array();
  const auto& names = analysis::CountryNames::french();
  for (const auto& m : e.countries) {
    countries.push_back({{"code", m.code}, {"name", names.name(m.code)}, {"kind", kind_name(m.kind)},
                         {"field", field_name(m.field)}, {"start", m.begin}, {"end", m.end},
                         {"evidence", m.evidence}});
  }
  nlohmann::json speakers = nlohmann::json::array();
  for (const auto& m : e.speakers) {
    speakers.push_back({{"name", m.name}, {"field", field_name(m.field)}, {"start", m.begin},
                        {"end", m.end}, {"evidence", m.evidence}});
  }
  nlohmann::json unnamed = nlohmann::json::array();
  for (const auto& m : e.unnamed_speakers) {
    unnamed.push_back({{"role", m.role}, {"field", field_name(m.field)}, {"start", m.begin},
                       {"end", m.end}, {"evidence", m.evidence}});
  }
  nlohmann::json quotes = nlohmann::json::array();
  for (const auto& q : e.quotes) {
    quotes.push_back({{"text", q.text}, {"speaker", q.speaker}, {"role", q.role},
                      {"field", field_name(q.field)}, {"start", q.begin}, {"end", q.end},
                      {"evidence", q.evidence}});
  }
  nlohmann::json dates = nlohmann::json::array();
  for (const auto& d : e.dates) {
    dates.push_back({{"date", d.date.iso()}, {"field", field_name(d.field)}, {"start", d.begin},
                     {"end", d.end}, {"evidence", d.evidence}});
  }
  return {{"id", a.id},
          {"title", a.title},
          {"date", a.date ? a.date->iso() : ""},
          {"facets",
           {{"countries", analysis::EntityExtractor::country_facet(e)},
            {"speakers", analysis::EntityExtractor::speaker_facet(e)}}},
          {"countries", countries},
          {"speakers", speakers},
          {"unnamed_speakers", unnamed},
          {"quotes", quotes},
          {"dates", dates}};
}

void print_entities(const Article& a, const analysis::Entities& e) {
  std::cout << fmt::format("== {}  {}\n", a.id, a.title);
  if (a.date) std::cout << fmt::format("published  {}\n", a.date->iso());
  std::cout << fmt::format("countries  {}\nspeakers   {}\n\n",
                           fmt::join(analysis::EntityExtractor::country_facet(e), ", "),
                           fmt::join(analysis::EntityExtractor::speaker_facet(e), ", "));
  const auto& names = analysis::CountryNames::french();
  if (!e.countries.empty()) {
    Table t({"country", "name", "kind", "where", "evidence"});
    for (const auto& m : e.countries) {
      t.add_row({m.code, names.name(m.code), kind_name(m.kind),
                 fmt::format("{} {}-{}", field_name(m.field), m.begin, m.end), m.evidence});
    }
    t.print(std::cout);
    std::cout << '\n';
  }
  if (!e.speakers.empty() || !e.unnamed_speakers.empty()) {
    Table t({"speaker", "where", "evidence"});
    for (const auto& m : e.speakers) {
      t.add_row({m.name, fmt::format("{} {}-{}", field_name(m.field), m.begin, m.end), m.evidence});
    }
    for (const auto& m : e.unnamed_speakers) {
      t.add_row({"(unnamed) " + m.role, fmt::format("{} {}-{}", field_name(m.field), m.begin, m.end), m.evidence});
    }
    t.print(std::cout);
    std::cout << '\n';
  }
  for (const auto& q : e.quotes) {
    std::cout << fmt::format("« {} »\n    — {}  [{} {}-{}; {}]\n", q.text,
                             q.speaker.empty() ? (q.role.empty() ? "(no speaker)" : q.role) : q.speaker,
                             field_name(q.field), q.begin, q.end, q.evidence);
  }
  if (!e.quotes.empty()) std::cout << '\n';
  for (const auto& d : e.dates) {
    std::cout << fmt::format("date {}  [{} {}-{}] {}\n", d.date.iso(), field_name(d.field), d.begin, d.end, d.evidence);
  }
  std::cout << '\n';
}

class ExtractSink : public indexer::ArticleSink {
 public:
  explicit ExtractSink(bool json) : json_(json) {}
  void on_article(Article&& a) override {
    const auto title_tokens = analyzer_.analyze(a.title);
    const auto body_tokens = analyzer_.analyze(a.body);
    const analysis::Entities e = extractor_.extract(a.title, title_tokens, a.body, body_tokens);
    if (json_) {
      std::cout << entities_json(a, e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
      print_entities(a, e);
    }
  }
  void on_error(indexer::RecordError&& e) override { throw InputError(indexer::to_string(e)); }

 private:
  bool json_;
  analysis::FrenchAnalyzer analyzer_;
  analysis::EntityExtractor extractor_;
};

struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string format = "auto";
  bool json = false;
};

struct EvalOptions {
  std::string gold;
  std::vector<std::string> corpus{"sample_corpus"};
  bool json = false;
  bool details = false;
};

void run_eval(const EvalOptions& o) {
  const indexer::EntityEvaluation r = indexer::evaluate_entities(o.gold, o.corpus);
  auto score_json = [](const indexer::FacetScore& s) {
    return nlohmann::json{{"precision", s.precision()}, {"recall", s.recall()}, {"f1", s.f1()},
                          {"true_positives", s.true_positives}, {"false_positives", s.false_positives},
                          {"false_negatives", s.false_negatives}};
  };
  if (o.json) {
    nlohmann::json disagreements = nlohmann::json::array();
    for (const auto& d : r.disagreements) {
      disagreements.push_back({{"id", d.id}, {"facet", d.facet}, {"missed", d.missed}, {"extra", d.extra}});
    }
    std::cout << nlohmann::json{{"articles", r.articles},
                                {"missing_articles", r.missing_articles},
                                {"countries", score_json(r.countries)},
                                {"speakers", score_json(r.speakers)},
                                {"disagreements", disagreements}}
                     .dump(2)
              << '\n';
    return;
  }
  std::cout << fmt::format("{} gold articles evaluated\n\n", r.articles);
  Table t({"facet", "precision", "recall", "F1", "TP", "FP", "FN"});
  for (const auto& [name, s] : {std::pair{"countries", r.countries}, std::pair{"speakers", r.speakers}}) {
    t.add_row({name, fmt::format("{:.3f}", s.precision()), fmt::format("{:.3f}", s.recall()),
               fmt::format("{:.3f}", s.f1()), std::to_string(s.true_positives),
               std::to_string(s.false_positives), std::to_string(s.false_negatives)});
  }
  t.print(std::cout);
  if (!r.missing_articles.empty()) {
    std::cout << fmt::format("\n{} gold articles not found in the corpus: {}\n", r.missing_articles.size(),
                             fmt::join(r.missing_articles, ", "));
  }
  if (o.details) {
    std::cout << '\n';
    for (const auto& d : r.disagreements) {
      std::cout << fmt::format("{} [{}]  missed: {}  extra: {}\n", d.id, d.facet, fmt::join(d.missed, ", "),
                               fmt::join(d.extra, ", "));
    }
  }
}

}  // namespace

void add_extract_command(CLI::App& app) {
  auto o = std::make_shared<ExtractOptions>();
  CLI::App* cmd = app.add_subcommand(
      "extract", "Show the countries, speakers, quotes and dates found in articles, with evidence");
  cmd->add_option("inputs", o->inputs, "Article files, directories or - for standard input")->required();
  cmd->add_option("--format", o->format, "Input format: auto, jsonl, text, rss")->capture_default_str();
  cmd->add_flag("--json", o->json, "One JSON object per article");
  cmd->callback([o] {
    ExtractSink sink(o->json);
    indexer::read_inputs(o->inputs, indexer::parse_input_format(o->format), sink);
  });
}

void add_eval_entities_command(CLI::App& app) {
  auto o = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand(
      "eval-entities", "Measure country and speaker extraction against a gold file (precision, recall, F1)");
  cmd->add_option("gold", o->gold, "Gold JSON Lines: {id, countries, speakers}")->required();
  cmd->add_option("--corpus", o->corpus, "Where the gold articles are (files or directories)")
      ->capture_default_str();
  cmd->add_flag("--details", o->details, "List every article where extraction and gold disagree");
  cmd->add_flag("--json", o->json, "Print as JSON");
  cmd->callback([o] { run_eval(*o); });
}

}  // namespace depeche::cli
