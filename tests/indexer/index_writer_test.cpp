// The writer: upserts, near-duplicate keys across a batch and across commits, spelling data.
#include "indexer/index_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

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

}  // namespace
}  // namespace depeche::indexer
