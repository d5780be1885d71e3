// The hostile input catalogue (tests/data/hostile/catalogue.tsv): each file is indexed by the real
// `depeche index` and must give exactly its documented outcome — exit status, the articles
// indexed, each rejected record named by file:line with its reason, and the normalisation applied
// to what was accepted (checked by searching with `depeche search` and reading stored fields).
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/schema.h"
#include "tests/reliability/reliability_support.h"

namespace depeche::reliability {
namespace {

const fs::path kHostileDir = fs::path(DEPECHE_SOURCE_DIR) / "tests/data/hostile";

// Lists in catalogue cells are separated by " ; ".
std::vector<std::string> split_list(const std::string& cell) {
  std::vector<std::string> out;
  if (cell == "-" || cell.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = cell.find(" ; ", start);
    out.push_back(cell.substr(start, at - start));
    if (at == std::string::npos) break;
    start = at + 3;
  }
  return out;
}

// "\n" in a catalogue cell stands for a line feed.
std::string unescape(std::string s) {
  for (std::size_t at = s.find("\\n"); at != std::string::npos; at = s.find("\\n", at + 1)) {
    s.replace(at, 2, "\n");
  }
  return s;
}

struct Case {
  std::string file;
  int exit_status = 0;
  std::vector<std::string> indexed;
  std::vector<std::pair<int, std::string>> rejected;  // line, message fragment
  std::vector<std::string> checks;
  std::string outcome;
};

std::pair<int, std::string> line_and_text(const std::string& item) {
  const std::size_t colon = item.find(':');
  return {std::stoi(item.substr(0, colon)), item.substr(colon + 1)};
}

std::vector<Case> load_catalogue() {
  std::ifstream in(kHostileDir / "catalogue.tsv");
  std::vector<Case> cases;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, '\t');) cells.push_back(cell);
    if (cells.size() != 6) throw std::runtime_error("catalogue.tsv: 6 columns expected in: " + line);
    Case c;
    c.file = cells[0];
    c.exit_status = std::stoi(cells[1]);
    c.indexed = split_list(cells[2]);
    for (const std::string& item : split_list(cells[3])) c.rejected.push_back(line_and_text(item));
    c.checks = split_list(cells[4]);
    c.outcome = cells[5];
    cases.push_back(std::move(c));
  }
  return cases;
}

// Cases too big to commit are written by the test: a 5 MB line and 100 KB tokens.
std::string long_body(std::size_t bytes) {
  const std::string sentence = "Le gouvernement a annoncé une réforme des retraites après des semaines de grève. ";
  std::string out;
  while (out.size() < bytes) out += sentence;
  return out + "aiguilleenfouie";
}

std::string long_token(std::size_t bytes) {
  std::string out;
  while (out.size() < bytes) out += "anticonstitutionnellement";
  return out;
}

const std::map<std::string, std::function<std::string()>>& generated() {
  static const std::map<std::string, std::function<std::string()>> files = {
      {"five_mb_line.jsonl",
       [] {
         return jsonl_record("long-ok-1", "Avant", "Un article ordinaire.") +
                jsonl_record("long-body", "Une ligne de cinq mégaoctets", long_body(5u << 20)) +
                jsonl_record("long-ok-2", "Après", "Un autre article ordinaire.");
       }},
      {"hundred_kb_token.jsonl",
       [] {
         const std::string token = long_token(100u << 10);
         nlohmann::json fields = {{"id", "token-fields"},
                                  {"title", "Titre " + token},
                                  {"body", "Les champs courts sont ailleurs."},
                                  {"source", token},
                                  {"url", "https://exemple.fr/" + token},
                                  {"author", token},
                                  {"speakers", {token}},
                                  {"countries", {token}}};
         return jsonl_record("token-body", "Un mot de cent kilooctets",
                             "Début " + token + " fin du texte avec une aiguille.") +
                fields.dump() + "\n" + jsonl_record(token, "Identifiant géant", "texte") +
                jsonl_record("token-ok", "Après", "Un article ordinaire.") +
                R"({"id":"token-bad-escape","body":")" + token + R"(\q"})" "\n" +
                R"({"id":"token-huge-number","body":"texte","n":1)" + std::string(100u << 10, '0') + "}\n";
       }},
  };
  return files;
}

std::vector<std::string> search_ids(const std::string& db, const std::string& query) {
  auto r = testing::run_depeche({"search", "--db", db, "--json", "--no-collapse", "--no-spelling",
                                 "--no-typos", "--no-facets", "--limit", "50", query});
  EXPECT_EQ(r.exit_code, 0) << "search " << query << ": " << r.err;
  std::vector<std::string> ids;
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (j.is_discarded()) return ids;
  for (const auto& h : j["hits"]) ids.push_back(h["id"].get<std::string>());
  return ids;
}

std::string stored_field(const std::string& db_path, const std::string& id, const std::string& field) {
  Xapian::Database db(db_path);
  const std::string term = schema::id_term(id);
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return "<no article " + id + ">";
  const auto data = nlohmann::json::parse(db.get_document(*it).get_data(), nullptr, false);
  if (!data.is_object() || !data.contains(field)) return "<no field " + field + ">";
  return data[field].is_string() ? data[field].get<std::string>() : data[field].dump();
}

// One check: "find QUERY => ID", "miss QUERY => ID", "field ID.FIELD = VALUE",
// "warn LINE:FRAGMENT" (a warning that is not a rejection).
void run_check(const std::string& check, const std::string& db, const std::string& name,
               const std::string& err, int& warnings) {
  SCOPED_TRACE(check);
  const std::string verb = check.substr(0, check.find(' '));
  const std::string rest = check.substr(verb.size() + 1);
  if (verb == "find" || verb == "miss") {
    const std::size_t arrow = rest.find(" => ");
    const std::string query = rest.substr(0, arrow), id = rest.substr(arrow + 4);
    const auto ids = search_ids(db, query);
    const bool found = std::find(ids.begin(), ids.end(), id) != ids.end();
    EXPECT_EQ(found, verb == "find") << "query '" << query << "' and article " << id;
  } else if (verb == "field") {
    const std::size_t eq = rest.find(" = ");
    const std::string target = rest.substr(0, eq);
    const std::size_t dot = target.rfind('.');
    EXPECT_EQ(stored_field(db, target.substr(0, dot), target.substr(dot + 1)), unescape(rest.substr(eq + 3)));
  } else if (verb == "warn") {
    const auto [line, fragment] = line_and_text(rest);
    const auto lines = lines_containing(err, name + ":" + std::to_string(line) + ": ");
    EXPECT_TRUE(std::any_of(lines.begin(), lines.end(),
                            [&](const std::string& l) { return l.find(fragment) != std::string::npos; }))
        << "no warning '" << fragment << "' at line " << line << " in:\n" << err;
    ++warnings;
  } else {
    ADD_FAILURE() << "unknown check";
  }
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.file; }

class HostileInput : public ::testing::TestWithParam<Case> {
 protected:
  ScratchDir dir_;
};

TEST_P(HostileInput, GivesItsDocumentedOutcome) {
  const Case& c = GetParam();
  SCOPED_TRACE(c.file + ": " + c.outcome);
  std::string input = (kHostileDir / c.file).string();
  if (auto gen = generated().find(c.file); gen != generated().end()) {
    input = dir_.write(c.file, gen->second());
  }
  ASSERT_TRUE(fs::exists(input)) << input;
  const std::string db = dir_ / "index";
  auto r = testing::run_depeche({"index", "--db", db, "--json", input}, "", std::chrono::seconds(180));
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, c.exit_status) << r.err;

  // The summary counts every rejected record once.
  const auto summary = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(summary.is_object()) << r.out;
  EXPECT_EQ(summary["skipped"].get<std::size_t>(), c.rejected.size()) << r.err;

  // Each rejection: one line naming file:line, with the documented reason.
  const std::string name = fs::path(input).filename().string();
  for (const auto& [line, fragment] : c.rejected) {
    const auto lines = lines_containing(r.err, name + ":" + std::to_string(line) + ": ");
    EXPECT_TRUE(std::any_of(lines.begin(), lines.end(),
                            [&](const std::string& l) { return l.find(fragment) != std::string::npos; }))
        << "no rejection '" << fragment << "' at line " << line << " in:\n" << r.err;
  }
  // Exactly the documented articles, each once.
  ASSERT_TRUE(index_exists(db));
  const IndexContents contents = read_contents(db);
  EXPECT_TRUE(no_duplicates(contents));
  std::vector<std::string> expected = c.indexed;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(id_list(contents), expected);
  int warnings = 0;
  for (const std::string& check : c.checks) run_check(check, db, name, r.err, warnings);

  // Nothing else on stderr about this file, and no message floods a terminal with input.
  EXPECT_EQ(lines_containing(r.err, name + ":").size(), c.rejected.size() + static_cast<std::size_t>(warnings)) << r.err;
  for (const auto& l : lines_containing(r.err, "")) EXPECT_LT(l.size(), 600u) << l.substr(0, 200);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.file;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, HostileInput, ::testing::ValuesIn(load_catalogue()), case_name);

// The catalogue and the directory agree: no file without a documented outcome, no outcome
// without its file (or its generator).
TEST(HostileCatalogue, ListsEveryFileOfTheDirectoryAndNothingElse) {
  std::set<std::string> listed;
  for (const Case& c : load_catalogue()) {
    EXPECT_TRUE(listed.insert(c.file).second) << c.file << " listed twice";
    EXPECT_FALSE(c.outcome.empty()) << c.file;
    EXPECT_TRUE(fs::exists(kHostileDir / c.file) || generated().count(c.file)) << c.file;
  }
  for (const auto& entry : fs::directory_iterator(kHostileDir)) {
    const std::string file = entry.path().filename().string();
    if (file == "catalogue.tsv" || file == "README.md") continue;
    EXPECT_TRUE(listed.count(file)) << file << " is not in catalogue.tsv";
  }
  for (const auto& [file, make] : generated()) EXPECT_TRUE(listed.count(file)) << file;
  std::size_t rejected = 0;
  for (const Case& c : load_catalogue()) rejected += c.rejected.size();
  std::cout << "[ figures  ] hostile catalogue: " << listed.size() << " files, " << rejected
            << " rejected records, each named by file:line\n";
}

}  // namespace
}  // namespace depeche::reliability
