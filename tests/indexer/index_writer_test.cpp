// The writer: upserts, near-duplicate keys across a batch and across commits, spelling data.
#include "indexer/index_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "core/database.h"
#include "core/error.h"
#include "core/schema.h"

namespace depeche::indexer {
namespace {

namespace fs = std::filesystem;

const char* kStory =
    "Le gouvernement a présenté mercredi un projet de loi sur la sécurité des réseaux électriques "
    "après la panne géante qui a privé trois régions de courant pendant deux jours. Le ministre de "
    "l’Énergie a promis des investissements massifs et un contrôle renforcé des opérateurs privés, "
    "tandis que l’opposition dénonce une réponse tardive et insuffisante.";

class IndexWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() /
             ("depeche-writer-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                .string();
    fs::remove_all(path_);
  }
  void TearDown() override { fs::remove_all(path_); }

  BuiltDocument built(const std::string& id, const std::string& body) {
    Article a;
    a.id = id;
    a.title = "Titre";
    a.body = body;
    return builder_.build(a);
  }

  std::string dup_key(const std::string& id) {
    Xapian::Database db(path_);
    auto it = db.postlist_begin(schema::id_term(id));
    return db.get_document(*it).get_value(schema::kSlotDupKey);
  }

  std::string path_;
  DocumentBuilder builder_;
};

TEST_F(IndexWriterTest, UpsertAddsThenUpdates) {
  IndexWriter w(path_);
  EXPECT_EQ(w.upsert(built("a", "premier texte")), UpsertOutcome::kAdded);
  EXPECT_EQ(w.upsert(built("a", "texte modifié")), UpsertOutcome::kUpdated);
  EXPECT_EQ(w.doc_count(), 1u);
}

TEST_F(IndexWriterTest, WireCopyInTheSameBatchJoinsTheStory) {
  {
    IndexWriter w(path_);
    w.upsert(built("original", kStory));
    w.upsert(built("copie", std::string(kStory) + " Les syndicats appellent à une grève."));
    w.upsert(built("autre", "Le club de Lens a battu Marseille samedi au terme d’un match "
                            "spectaculaire devant quarante mille spectateurs enthousiastes "
                            "qui ont salué la performance de leur gardien de but."));
    w.commit();
  }
  EXPECT_EQ(dup_key("copie"), dup_key("original"));
  EXPECT_NE(dup_key("autre"), dup_key("original"));
}

TEST_F(IndexWriterTest, WireCopyInALaterRunJoinsTheStory) {
  {
    IndexWriter w(path_);
    w.upsert(built("original", kStory));
    w.commit();
  }
  {
    IndexWriter w(path_);
    std::string edited = kStory;
    edited.replace(edited.find("mercredi"), 8, "jeudi");
    w.upsert(built("copie", edited));
    w.commit();
  }
  EXPECT_EQ(dup_key("copie"), dup_key("original"));
}

TEST_F(IndexWriterTest, ReindexingAnArticleKeepsItsKey) {
  IndexWriter w(path_);
  w.upsert(built("seul", kStory));
  w.commit();
  const std::string key = dup_key("seul");
  w.upsert(built("seul", kStory));
  w.commit();
  EXPECT_EQ(dup_key("seul"), key);
}

TEST_F(IndexWriterTest, RemoveReportsUnknownIds) {
  IndexWriter w(path_);
  w.upsert(built("a", "texte"));
  EXPECT_TRUE(w.remove("a"));
  EXPECT_FALSE(w.remove("a"));
  EXPECT_EQ(w.doc_count(), 0u);
}

TEST_F(IndexWriterTest, ReindexingDoesNotInflateSpellingFrequencies) {
  IndexWriter w(path_);
  w.upsert(built("a", "les négociations reprennent"));
  w.commit();
  w.upsert(built("a", "les négociations reprennent"));
  w.commit();
  Xapian::Database db(path_);
  auto it = db.spellings_begin();
  it.skip_to("négociations");
  ASSERT_EQ(*it, "négociations");
  EXPECT_EQ(it.get_termfreq(), 1u);
  EXPECT_EQ(db.get_spelling_suggestion("négociatoins"), "négociations");
}

TEST_F(IndexWriterTest, CommitRecordsSchemaVersionAndTime) {
  {
    IndexWriter w(path_);
    w.upsert(built("a", "texte"));
    w.commit();
  }
  Xapian::Database db(path_);
  EXPECT_EQ(db.get_metadata("depeche:schema_version"), std::to_string(schema::kSchemaVersion));
  EXPECT_FALSE(db.get_metadata("depeche:last_update").empty());
}

TEST_F(IndexWriterTest, RefusesAnIndexOfAnotherSchemaVersion) {
  {
    Xapian::WritableDatabase db(path_, Xapian::DB_CREATE);
    db.add_document(Xapian::Document());
    db.set_metadata("depeche:schema_version", "99");
    db.commit();
  }
  EXPECT_THROW(IndexWriter w(path_), IndexError);
}


// ---- Bulk mode: new articles through parallel segments, merged into the index.

class BulkWriterTest : public IndexWriterTest {
 protected:
  // Every id in the index with the body it holds.
  std::map<std::string, std::string> contents() {
    Xapian::Database db(path_);
    std::map<std::string, std::string> out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const auto data = nlohmann::json::parse(db.get_document(*it).get_data());
      const std::string id = data.at(std::string(schema::kFieldId)).get<std::string>();
      EXPECT_FALSE(out.count(id)) << "article " << id << " is in the index twice";
      out[id] = data.at(std::string(schema::kFieldBody)).get<std::string>();
    }
    return out;
  }
  static std::string body(int i, int version) {
    return "Dépêche numéro " + std::to_string(i) + " version " + std::to_string(version) +
           " sur les élections régionales et le budget de l’État.";
  }
};

TEST_F(BulkWriterTest, RunEndsWithEveryArticleOnceInItsLatestVersion) {
  std::map<std::string, std::string> expected;
  {
    IndexWriter w(path_);
    w.begin_bulk(2);
    for (int i = 0; i < 1300; ++i) {
      const std::string id = "b-" + std::to_string(i);
      EXPECT_EQ(w.upsert(built(id, body(i, 1))), UpsertOutcome::kAdded);
      expected[id] = body(i, 1);
      // Repeats of an id: soon after (same segment) and much later (another segment).
      if (i % 97 == 5) {
        EXPECT_EQ(w.upsert(built(id, body(i, 2))), UpsertOutcome::kUpdated);
        expected[id] = body(i, 2);
      }
      if (i >= 600 && (i - 600) % 113 == 0) {
        const std::string old = "b-" + std::to_string(i - 600);
        w.upsert(built(old, body(i - 600, 3)));
        expected[old] = body(i - 600, 3);
      }
      if (i % 211 == 7) {
        EXPECT_TRUE(w.remove(id));
        expected.erase(id);
      }
      if (i % 500 == 499) w.commit();  // checkpoints: merges when worthwhile
    }
    EXPECT_EQ(w.doc_count(), expected.size());
    w.end_bulk();
    w.commit();
    EXPECT_EQ(w.doc_count(), expected.size());
  }
  EXPECT_EQ(contents(), expected);
  EXPECT_FALSE(fs::exists(fs::path(path_).parent_path() / ("." + fs::path(path_).filename().string() + ".bulk")))
      << "the scratch directory is removed";
}

TEST_F(BulkWriterTest, UpdatesOfIndexedArticlesAndSmallRunsIntoALargeIndex) {
  {
    IndexWriter w(path_);
    for (int i = 0; i < 200; ++i) w.upsert(built("old-" + std::to_string(i), body(i, 1)));
    w.commit();
  }
  {
    IndexWriter w(path_);
    w.begin_bulk(2);
    EXPECT_EQ(w.upsert(built("old-3", body(3, 2))), UpsertOutcome::kUpdated);
    // Copied in, not merged (a small run into a larger index), with its spelling data.
    EXPECT_EQ(w.upsert(built("new-1", body(1000, 1) + " Les zygomatiques")), UpsertOutcome::kAdded);
    EXPECT_TRUE(w.remove("old-4"));
    w.end_bulk();
    w.commit();
  }
  const auto c = contents();
  EXPECT_EQ(c.size(), 200u);
  EXPECT_EQ(c.at("old-3"), body(3, 2));
  EXPECT_EQ(c.at("new-1"), body(1000, 1) + " Les zygomatiques");
  EXPECT_FALSE(c.count("old-4"));
  EXPECT_EQ(Xapian::Database(path_).get_spelling_suggestion("zygomatiquez"), "zygomatiques");
}

TEST_F(BulkWriterTest, WireCopiesInOneRunShareAStory) {
  {
    IndexWriter w(path_);
    w.begin_bulk(2);
    w.upsert(built("wire-a", kStory));
    for (int i = 0; i < 300; ++i) w.upsert(built("filler-" + std::to_string(i), body(i, 1)));
    w.upsert(built("wire-b", std::string(kStory) + " Les syndicats seront reçus lundi."));
    w.end_bulk();
    w.commit();
  }
  EXPECT_EQ(dup_key("wire-a"), dup_key("wire-b"));
  EXPECT_NE(dup_key("wire-a"), dup_key("filler-1"));
}

TEST_F(BulkWriterTest, MergedIndexCarriesSpellingSchemaAndANewGeneration) {
  { IndexWriter w(path_); w.commit(); }
  const std::string before = index_generation(path_);
  {
    IndexWriter w(path_);
    w.begin_bulk(2);
    for (int i = 0; i < 50; ++i) w.upsert(built("s-" + std::to_string(i), body(i, 1)));
    w.end_bulk();
    w.commit();
  }
  EXPECT_NE(index_generation(path_), before);
  const Xapian::Database db = open_index_for_reading(path_);  // checks the schema version
  EXPECT_EQ(db.get_doccount(), 50u);
  EXPECT_EQ(db.get_spelling_suggestion("budgett"), "budget");
}

}  // namespace
}  // namespace depeche::indexer
