// `depeche index --shards N` / `--shard-by year` and `depeche delete` on sharded indexes: the
// layout on disk, deterministic routing, updates and deletes reaching the shard that holds the
// article, the layout fixed at creation, and near-duplicates sharing a story across shards.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/schema.h"
#include "core/shards.h"
#include "tests/sharding/shard_servers.h"
#include "tests/support/process.h"

namespace depeche {
namespace {

namespace fs = std::filesystem;
using testing::run_depeche;
using testing::ScratchDir;

const std::string kCorpus = std::string(DEPECHE_SOURCE_DIR) + "/sample_corpus";

// One JSON line; `date` may be empty.
std::string article(const std::string& id, const std::string& date, const std::string& title, const std::string& body) {
  nlohmann::json j = {{"id", id}, {"title", title}, {"body", body}, {"source", "Le Veilleur du Jura"}};
  if (!date.empty()) j["date"] = date;
  return j.dump() + "\n";
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

// Ids of the articles in one shard directory.
std::set<std::string> ids_in(const std::string& shard) {
  Xapian::Database db(shard);
  std::set<std::string> ids;
  const std::string prefix(schema::kPrefixId);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) ids.insert((*it).substr(prefix.size()));
  return ids;
}

TEST(ShardedIndexing, RoutesEachArticleToTheShardItsIdHashesTo) {
  ScratchDir dir("shard-route");
  const std::string db = dir / "idx";
  auto r = run_depeche({"index", "-q", "--db", db, "--shards", "3", kCorpus + "/jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const StubFile stub = read_stub_file(db + "/XAPIANDB");
  EXPECT_EQ(stub.routing, ShardRouting::kById);
  ASSERT_EQ(stub.shards.size(), 3u);
  std::size_t total = 0;
  for (unsigned i = 0; i < 3; ++i) {
    const std::set<std::string> ids = ids_in(db + "/" + stub.shards[i].path);
    EXPECT_FALSE(ids.empty()) << "shard " << i << " got no article";
    for (const std::string& id : ids) {
      EXPECT_EQ(shard_for_id_term(schema::id_term(id), 3), i) << id;
    }
    total += ids.size();
  }
  // Xapian opens the stub natively: every reader sees one index of all the articles.
  EXPECT_EQ(Xapian::Database(db).get_doccount(), total);
  r = run_depeche({"stats", "--json", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto stats = nlohmann::json::parse(r.out);
  EXPECT_EQ(stats["documents"], total);
  EXPECT_EQ(stats["shards"], 3);
  EXPECT_EQ(stats["shard_by"], "id");
}

TEST(ShardedIndexing, LayoutIsFixedWhenTheIndexIsCreated) {
  ScratchDir dir("shard-layout");
  const std::string input = dir / "in.jsonl";
  write_file(input, article("veil-1", "2021-05-04", "Marché couvert rénové", "La mairie rouvre le marché couvert.") +
                        article("veil-2", "2022-06-01", "Foire aux vins", "La foire aux vins attire les visiteurs."));
  const std::string sharded = dir / "sharded";
  ASSERT_EQ(run_depeche({"index", "-q", "--db", sharded, "--shards", "2", input}).exit_code, 0);

  struct Case {
    std::string name;
    std::vector<std::string> args;
    int status;
    std::string message;
  };
  const std::string plain = dir / "plain";
  ASSERT_EQ(run_depeche({"index", "-q", "--db", plain, input}).exit_code, 0);
  const std::vector<Case> cases = {
      {"same count", {"--db", sharded, "--shards", "2"}, 0, ""},
      {"layout omitted", {"--db", sharded}, 0, ""},
      {"other count", {"--db", sharded, "--shards", "3"}, 2, "2 shards routed by article id"},
      {"other routing", {"--db", sharded, "--shard-by", "year"}, 2, "fixed when an index is created"},
      {"plain index", {"--db", plain, "--shards", "2"}, 2, "unsharded index"},
      {"id routing without a count", {"--db", dir / "new", "--shard-by", "id"}, 2, "--shards N"},
      {"both routings", {"--db", dir / "new", "--shards", "2", "--shard-by", "year"}, 2, "no --shards"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> args = {"index", "-q"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.push_back(input);
    const auto r = run_depeche(args);
    EXPECT_EQ(r.exit_code, c.status) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  EXPECT_EQ(Xapian::Database(sharded).get_doccount(), 2u);
  EXPECT_FALSE(fs::exists(dir / "new")) << "a refused command must not create an index";
}

TEST(ShardedIndexing, UpdatesAndDeletesReachTheShardThatHoldsTheArticle) {
  ScratchDir dir("shard-update");
  std::string first, second;
  for (int i = 0; i < 12; ++i) {
    const std::string id = "veil-2023-" + std::to_string(i);
    first += article(id, "2023-03-1" + std::to_string(i % 10), "Conseil municipal n° " + std::to_string(i),
                     "Le conseil municipal a voté le budget de la commune.");
    second += article(id, "2023-03-1" + std::to_string(i % 10), "Conseil municipal, séance " + std::to_string(i),
                      "Le conseil municipal a voté le budget révisé de la commune.");
  }
  write_file(dir / "first.jsonl", first);
  write_file(dir / "second.jsonl", second);
  const std::string db = dir / "idx";
  ASSERT_EQ(run_depeche({"index", "-q", "--db", db, "--shards", "4", dir / "first.jsonl"}).exit_code, 0);
  auto r = run_depeche({"index", "--db", db, dir / "second.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed 12 articles (0 new, 12 updated)"), std::string::npos) << r.out;
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 12u);

  r = run_depeche({"delete", "--db", db, "veil-2023-3", "veil-2023-7"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("deleted 2 articles; the index holds 10 articles"), std::string::npos) << r.out;
  r = run_depeche({"delete", "--db", db, "veil-2023-3"});
  EXPECT_EQ(r.exit_code, 3) << "an id no shard holds is reported";

  std::set<std::string> all;
  for (const ShardEntry& e : read_stub_file(db + "/XAPIANDB").shards) {
    for (const std::string& id : ids_in(db + "/" + e.path)) EXPECT_TRUE(all.insert(id).second) << id << " twice";
  }
  EXPECT_EQ(all.size(), 10u);
  EXPECT_EQ(all.count("veil-2023-3") + all.count("veil-2023-7"), 0u);
}

TEST(ShardedIndexing, ByYearMovesAnArticleWhoseDateChanged) {
  ScratchDir dir("shard-year");
  write_file(dir / "a.jsonl", article("veil-a", "2020-02-03", "Crue du Doubs", "La rivière est sortie de son lit.") +
                                  article("veil-b", "", "Chronique sans date", "Un texte sans date de parution."));
  write_file(dir / "b.jsonl", article("veil-a", "2021-02-03", "Crue du Doubs", "La rivière est sortie de son lit."));
  const std::string db = dir / "idx";
  ASSERT_EQ(run_depeche({"index", "-q", "--db", db, "--shard-by", "year", dir / "a.jsonl"}).exit_code, 0);
  EXPECT_EQ(ids_in(db + "/y2020"), (std::set<std::string>{"veil-a"}));
  EXPECT_EQ(ids_in(db + "/undated"), (std::set<std::string>{"veil-b"}));

  const auto r = run_depeche({"index", "--db", db, dir / "b.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("(0 new, 1 updated)"), std::string::npos) << r.out;
  EXPECT_TRUE(ids_in(db + "/y2020").empty());
  EXPECT_EQ(ids_in(db + "/y2021"), (std::set<std::string>{"veil-a"}));
  EXPECT_EQ(read_stub_file(db + "/XAPIANDB").shards.size(), 3u);
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 2u);
}

TEST(ShardedIndexing, CopiesOfAStoryShareOneKeyAcrossShards) {
  ScratchDir dir("shard-dup");
  // Two ids that hash to different shards of two.
  std::vector<std::string> ids;
  for (int i = 0; ids.size() < 2 && i < 100; ++i) {
    const std::string id = "copie-" + std::to_string(i);
    if (ids.empty() || shard_for_id_term(schema::id_term(id), 2) != shard_for_id_term(schema::id_term(ids[0]), 2)) {
      ids.push_back(id);
    }
  }
  ASSERT_EQ(ids.size(), 2u);
  const std::string body =
      "Le préfet du Jura a ordonné mardi la fermeture des routes de montagne après les chutes de neige "
      "exceptionnelles de la nuit, qui ont privé d'électricité plusieurs centaines de foyers du haut Jura. "
      "Les services de déneigement travaillent sans relâche depuis l'aube pour dégager les axes principaux.";
  write_file(dir / "in.jsonl", article(ids[0], "2024-01-09", "Neige dans le Jura", body) +
                                   article(ids[1], "2024-01-09", "Le Jura sous la neige", body + " Les écoles restent fermées."));
  const std::string db = dir / "idx";
  ASSERT_EQ(run_depeche({"index", "-q", "--db", db, "--shards", "2", dir / "in.jsonl"}).exit_code, 0);
  Xapian::Database all(db);
  std::set<std::string> keys;
  for (const std::string& id : ids) {
    auto it = all.postlist_begin(schema::id_term(id));
    ASSERT_NE(it, all.postlist_end(schema::id_term(id)));
    keys.insert(all.get_document(*it).get_value(schema::kSlotDupKey));
  }
  EXPECT_EQ(keys.size(), 1u) << "the second copy must join the story founded in the other shard";
}

TEST(ShardedIndexing, RefusesToWriteThroughAFrontEndStub) {
  ScratchDir dir("shard-front");
  const std::string stub = dir / "front";
  fs::create_directories(stub);
  write_file(stub + "/XAPIANDB", "remote 127.0.0.1:1\n");
  write_file(dir / "in.jsonl", article("veil-1", "2021-05-04", "Marché", "Le marché rouvre."));
  const auto r = run_depeche({"index", "-q", "--db", stub, dir / "in.jsonl"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not written by depeche index"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace depeche
