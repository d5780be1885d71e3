// Reads gold and articles, extracts, compares.
#include "indexer/entity_evaluation.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "analyzers/entity_extractor.h"
#include "analyzers/french_analyzer.h"
#include "analyzers/text_folding.h"
#include "core/error.h"
#include "indexer/input_reader.h"

namespace depeche::indexer {
namespace {

struct GoldArticle {
  std::set<std::string> countries;
  std::map<std::string, std::string> speakers;  // folded → as written
};

std::map<std::string, GoldArticle> read_gold(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot read the gold file");
  std::map<std::string, GoldArticle> gold;
  std::string line;
  for (std::uint64_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) {
      throw InputError(fmt::format("{}:{}: expected an object with a string \"id\"", path, n));
    }
    GoldArticle g;
    for (const auto& c : j.value("countries", nlohmann::json::array())) g.countries.insert(c.get<std::string>());
    for (const auto& s : j.value("speakers", nlohmann::json::array())) {
      g.speakers.emplace(analysis::fold_value(s.get<std::string>()), s.get<std::string>());
    }
    gold.emplace(j["id"].get<std::string>(), std::move(g));
  }
  return gold;
}

class EvaluatingSink : public ArticleSink {
 public:
  EvaluatingSink(const std::map<std::string, GoldArticle>& gold, EntityEvaluation& out)
      : gold_(gold), out_(out) {}

  void on_article(Article&& a) override {
    auto it = gold_.find(a.id);
    if (it == gold_.end()) return;
    seen_.insert(a.id);
    ++out_.articles;
    const auto title_tokens = analyzer_.analyze(a.title);
    const auto body_tokens = analyzer_.analyze(a.body);
    const analysis::Entities e = extractor_.extract(a.title, title_tokens, a.body, body_tokens);

    std::set<std::string> countries;
    for (const std::string& c : analysis::EntityExtractor::country_facet(e)) countries.insert(c);
    score(a.id, "countries", it->second.countries, countries, out_.countries);

    std::map<std::string, std::string> speakers;
    for (const std::string& s : analysis::EntityExtractor::speaker_facet(e)) {
      speakers.emplace(analysis::fold_value(s), s);
    }
    std::set<std::string> gold_keys, got_keys;
    for (const auto& [k, v] : it->second.speakers) gold_keys.insert(k);
    for (const auto& [k, v] : speakers) got_keys.insert(k);
    EntityDisagreement d{a.id, "speakers", {}, {}};
    for (const auto& k : gold_keys) {
      if (got_keys.count(k)) {
        ++out_.speakers.true_positives;
      } else {
        ++out_.speakers.false_negatives;
        d.missed.push_back(it->second.speakers.at(k));
      }
    }
    for (const auto& k : got_keys) {
      if (!gold_keys.count(k)) {
        ++out_.speakers.false_positives;
        d.extra.push_back(speakers.at(k));
      }
    }
    if (!d.missed.empty() || !d.extra.empty()) out_.disagreements.push_back(std::move(d));
  }

  void on_error(RecordError&& e) override {
    throw InputError(fmt::format("{}: cannot evaluate: {}", to_string(e), e.reason));
  }

  const std::set<std::string>& seen() const { return seen_; }

 private:
  void score(const std::string& id, const char* facet, const std::set<std::string>& gold,
             const std::set<std::string>& got, FacetScore& s) {
    EntityDisagreement d{id, facet, {}, {}};
    for (const auto& v : gold) {
      if (got.count(v)) {
        ++s.true_positives;
      } else {
        ++s.false_negatives;
        d.missed.push_back(v);
      }
    }
    for (const auto& v : got) {
      if (!gold.count(v)) {
        ++s.false_positives;
        d.extra.push_back(v);
      }
    }
    if (!d.missed.empty() || !d.extra.empty()) out_.disagreements.push_back(std::move(d));
  }

  const std::map<std::string, GoldArticle>& gold_;
  EntityEvaluation& out_;
  analysis::FrenchAnalyzer analyzer_;
  analysis::EntityExtractor extractor_;
  std::set<std::string> seen_;
};

double ratio(std::uint64_t a, std::uint64_t b) { return b == 0 ? 1.0 : static_cast<double>(a) / static_cast<double>(b); }

}  // namespace

double FacetScore::precision() const { return ratio(true_positives, true_positives + false_positives); }
double FacetScore::recall() const { return ratio(true_positives, true_positives + false_negatives); }
double FacetScore::f1() const {
  const double p = precision(), r = recall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

EntityEvaluation evaluate_entities(const std::string& gold_path, const std::vector<std::string>& inputs) {
  const auto gold = read_gold(gold_path);
  EntityEvaluation result;
  EvaluatingSink sink(gold, result);
  read_inputs(inputs, InputFormat::kAuto, sink);
  for (const auto& [id, g] : gold) {
    if (!sink.seen().count(id)) result.missing_articles.push_back(id);
  }
  return result;
}

}  // namespace depeche::indexer
