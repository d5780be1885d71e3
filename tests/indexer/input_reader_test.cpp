// Tests of input dispatch: format names, detection by extension and content, directory walks,
// stdin-like streams, and the errors for paths that cannot be read.
#include "indexer/input_reader.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "tests/indexer/collecting_sink.h"

namespace depeche::indexer {
namespace {

namespace fs = std::filesystem;
using testing::CollectingSink;

const std::string kFixtures = std::string(DEPECHE_SOURCE_DIR) + "/tests/data/readers/archive";

// A fresh directory under the system temp dir, removed when the test ends.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "depeche-readers-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path write(const std::string& relative, const std::string& content) const {
    const fs::path p = path_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  fs::path path_;
};

TEST(InputReader, ParsesFormatNames) {
  EXPECT_EQ(parse_input_format("auto"), InputFormat::kAuto);
  EXPECT_EQ(parse_input_format("jsonl"), InputFormat::kJsonLines);
  EXPECT_EQ(parse_input_format("text"), InputFormat::kText);
  EXPECT_EQ(parse_input_format("rss"), InputFormat::kFeed);
  EXPECT_EQ(parse_input_format("atom"), InputFormat::kFeed);
  EXPECT_EQ(parse_input_format("feed"), InputFormat::kFeed);
  EXPECT_EQ(parse_input_format("JSONL"), InputFormat::kJsonLines);
  try {
    parse_input_format("csv");
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(),
                 "unknown input format 'csv' (expected auto, jsonl, text, rss, atom or feed)");
  }
}

TEST(InputReader, DetectsFormatFromExtension) {
  struct Row {
    const char* path;
    std::optional<InputFormat> format;
  };
  const std::vector<Row> rows = {
      {"a/b.jsonl", InputFormat::kJsonLines},
      {"b.NDJSON", InputFormat::kJsonLines},
      {"c.json", InputFormat::kJsonLines},
      {"flux.xml", InputFormat::kFeed},
      {"flux.rss", InputFormat::kFeed},
      {"flux.Atom", InputFormat::kFeed},
      {"article.txt", InputFormat::kText},
      {"article", std::nullopt},
      {"photo.jpg", std::nullopt},
      {".txt", std::nullopt},
  };
  for (const Row& row : rows) EXPECT_EQ(format_from_extension(row.path), row.format) << row.path;
}

TEST(InputReader, SniffsFormatFromContent) {
  struct Row {
    std::string head;
    std::optional<InputFormat> format;
  };
  const std::vector<Row> rows = {
      {"{\"id\":\"a\"}\n", InputFormat::kJsonLines},
      {"\xEF\xBB\xBF \n {\"id\":1}", InputFormat::kJsonLines},
      {"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", InputFormat::kFeed},
      {"<?xml version=\"1.0\"?>\n<!-- x -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">",
       InputFormat::kFeed},
      {"<rdf:RDF xmlns:rdf=\"x\">", InputFormat::kFeed},
      {"Titre de l’article\n\nCorps.", InputFormat::kText},
      {"<!DOCTYPE html><html><body>", std::nullopt},
      {"<feedback>", std::nullopt},
      {std::string("PNG\x00\x01 binaire", 13), std::nullopt},
      {"caf\xE9 en latin-1", std::nullopt},
      {"", std::nullopt},
      {" \n\t", std::nullopt},
      {"Coupé au milieu d’un caractère : \xC3", InputFormat::kText},
  };
  for (const Row& row : rows) EXPECT_EQ(sniff_format(row.head), row.format) << row.head;
}

TEST(InputReader, ReadsFixtureDirectoryRecursivelyInSortedOrder) {
  CollectingSink sink;
  read_inputs({kFixtures}, InputFormat::kAuto, sink);
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{
                            "2022/11/08/port-de-brest.txt",
                            "2022/11/08/vendanges.txt",
                            "afp-2022-11-08-marseille",
                            "afp-2022-11-09-lille",
                            "courrier-2022-11-08-tempete",
                            "https://courrier.example.org/2022/11/09/noel",
                            "urn:sciences:2022-11-10-satellite",
                        }));
  EXPECT_EQ(
      sink.errors,
      (std::vector<std::string>{kFixtures + "/depeches.jsonl:2: missing required field 'body'"}));

  const Article& brest = sink.articles[0];
  EXPECT_EQ(brest.title, "Grève au port de Brest\u00a0: les dockers réclament une revalorisation");
  EXPECT_EQ(brest.date->iso(), "2022-11-08");  // from the path
  EXPECT_EQ(brest.origin.file, kFixtures + "/2022/11/08/port-de-brest.txt");
  EXPECT_TRUE(brest.body.ends_with("a indiqué un délégué.")) << brest.body;  // trailer dropped
  EXPECT_EQ(std::count(brest.body.begin(), brest.body.end(), '\n'), 4);      // three paragraphs
  EXPECT_EQ(sink.articles[1].date->iso(), "2022-11-03");  // from the Date: header
  EXPECT_EQ(sink.articles[3].date->iso(), "2022-11-09");
  EXPECT_EQ(sink.articles[4].source, "Le Courrier de l’Ouest");
  EXPECT_EQ(sink.articles[4].body,
            "Des rafales à 130\u00a0km/h ont été relevées «\u00a0en pointe\u00a0» à Quiberon.");
  EXPECT_EQ(
      sink.articles[5].body,
      "Les chalets seront installés dès le 18\u00a0novembre.\n\nLa mairie promet des animations "
      "chaque week-end.");
  EXPECT_EQ(sink.articles[6].title, "Un nouveau satellite d’observation pour l’ESA");
  EXPECT_EQ(sink.articles[6].author, "Rédaction Sciences");
}

TEST(InputReader, SingleFileArgumentUsesFileNameAsTextId) {
  CollectingSink sink;
  read_inputs({kFixtures + "/2022/11/08/vendanges.txt"}, InputFormat::kAuto, sink);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].id, "vendanges.txt");
}

TEST(InputReader, ExplicitFormatOverridesExtension) {
  const TempDir dir;
  const fs::path file = dir.write("depeches.txt", "{\"id\":\"x\",\"body\":\"Contenu JSON.\"}\n");
  CollectingSink as_text;
  read_inputs({file.string()}, InputFormat::kText, as_text);
  ASSERT_EQ(as_text.articles.size(), 0u);  // a one-line text file has no body
  CollectingSink as_jsonl;
  read_inputs({file.string()}, InputFormat::kJsonLines, as_jsonl);
  EXPECT_EQ(as_jsonl.ids(), (std::vector<std::string>{"x"}));
}

TEST(InputReader, WalkSniffsFeedsAndJsonButTakesOnlyExtensionlessFilesAsText) {
  const TempDir dir;
  dir.write("a-depeches", "\n{\"id\":\"j\",\"body\":\"JSON sans extension.\"}\n");
  dir.write("b-flux",
            "<?xml version=\"1.0\"?>\n<rss><channel><item><guid>r</guid>"
            "<description>Flux sans extension.</description></item></channel></rss>\n");
  dir.write("c-article", "Titre\n\nArticle sans extension.\n");
  dir.write("c-notes.md", "Notes\n\nUn README n’est pas un article.\n");
  dir.write("d-page.html", "<!DOCTYPE html><html><body>Page web</body></html>");
  dir.write("e-photo.jpg", std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10));
  dir.write("f-vide", "");
  CollectingSink sink;
  read_inputs({dir.path().string()}, InputFormat::kAuto, sink);
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"j", "r", "c-article"}));
  EXPECT_TRUE(sink.errors.empty());
  EXPECT_EQ(sink.articles[0].origin.line, 2u);  // the sniffed bytes are not lost
}

TEST(InputReader, NamedFileWithOtherExtensionIsReadAsText) {
  const TempDir dir;
  const fs::path file = dir.write("depeche.md", "Titre\n\nUn article nommé explicitement.\n");
  CollectingSink sink;
  read_inputs({file.string()}, InputFormat::kAuto, sink);
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"depeche.md"}));
}

TEST(InputReader, UndetectableFileArgumentIsAnError) {
  const TempDir dir;
  const fs::path file = dir.write("page.html", "<html><body>Page</body></html>");
  CollectingSink sink;
  try {
    read_inputs({file.string()}, InputFormat::kAuto, sink);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), file.string() +
                                         ": cannot detect the input format (not JSON Lines, a feed "
                                         "or text); name it with --format");
  }
}

TEST(InputReader, SkipsHiddenFilesAndDirectories) {
  const TempDir dir;
  dir.write(".cache/a.txt", "Caché\n\nNe pas lire.\n");
  dir.write(".notes.txt", "Caché\n\nNe pas lire.\n");
  dir.write("visible/b.txt", "Visible\n\nÀ lire.\n");
  CollectingSink sink;
  read_inputs({dir.path().string()}, InputFormat::kAuto, sink);
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"visible/b.txt"}));
}

TEST(InputReader, DoesNotFollowDirectorySymlinks) {
  const TempDir dir;
  dir.write("racine/a.txt", "Titre\n\nCorps.\n");
  fs::create_directory_symlink(dir.path() / "racine", dir.path() / "racine" / "boucle");
  CollectingSink sink;
  read_inputs({(dir.path() / "racine").string()}, InputFormat::kAuto, sink);
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"a.txt"}));
}

TEST(InputReader, ReadsSeveralPathsInArgumentOrder) {
  const TempDir dir;
  const fs::path b = dir.write("b.txt", "B\n\nCorps B.\n");
  const fs::path a = dir.write("a.jsonl", "{\"id\":\"a\",\"body\":\"Corps A.\"}\n");
  CollectingSink sink;
  read_inputs({b.string(), a.string()}, InputFormat::kAuto, sink);
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"b.txt", "a"}));
}

TEST(InputReader, MissingPathThrowsInputError) {
  CollectingSink sink;
  try {
    read_inputs({"/nonexistent/depeches.jsonl"}, InputFormat::kAuto, sink);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/depeches.jsonl: No such file or directory");
  }
}

TEST(InputReader, PathUnderAFileThrowsInputError) {
  const TempDir dir;
  const fs::path file = dir.write("a.txt", "Titre\n\nCorps.\n");
  CollectingSink sink;
  try {
    read_inputs({(file / "b.txt").string()}, InputFormat::kAuto, sink);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (file / "b.txt").string() + ": Not a directory");
  }
}

TEST(InputReader, ExplicitFormatAppliesToEveryFileOfADirectory) {
  const TempDir dir;
  dir.write("a.log", "{\"id\":\"a\",\"body\":\"Un.\"}\n");
  dir.write("b.txt", "{\"id\":\"b\",\"body\":\"Deux.\"}\n");
  CollectingSink sink;
  read_inputs({dir.path().string()}, InputFormat::kJsonLines, sink);
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"a", "b"}));
}

TEST(InputReader, DashReadsStandardInput) {
  std::istringstream fake_stdin("{\"id\":\"stdin-1\",\"body\":\"Lu sur l’entrée standard.\"}\n");
  std::streambuf* const saved = std::cin.rdbuf(fake_stdin.rdbuf());
  CollectingSink sink;
  read_inputs({"-"}, InputFormat::kAuto, sink);
  std::cin.rdbuf(saved);
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"stdin-1"}));
  EXPECT_EQ(sink.articles.at(0).origin.file, "-");
}

// Runs as root too: a Unix socket exists but cannot be opened as a file.
TEST(InputReader, FileThatCannotBeOpenedThrowsInputError) {
  const TempDir dir;
  const fs::path path = dir.path() / "prise.sock";
  const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  ASSERT_LT(path.string().size(), sizeof address.sun_path);
  std::strcpy(address.sun_path, path.c_str());
  ASSERT_EQ(bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  CollectingSink sink;
  try {
    read_inputs({path.string()}, InputFormat::kAuto, sink);
    ADD_FAILURE() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), path.string() + ": No such device or address");
  }
  close(fd);
}

TEST(InputReader, UnreadableFileThrowsInputError) {
  if (geteuid() == 0) GTEST_SKIP() << "root can read files whatever their mode";
  const TempDir dir;
  const fs::path file = dir.write("secret.jsonl", "{}\n");
  fs::permissions(file, fs::perms::none);
  CollectingSink sink;
  try {
    read_inputs({file.string()}, InputFormat::kAuto, sink);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), file.string() + ": Permission denied");
  }
}

TEST(InputReader, StreamAutoDetectsFromFirstNonSpaceByte) {
  struct Row {
    std::string input;
    std::vector<std::string> ids;
  };
  const std::vector<Row> rows = {
      {"\n  {\"id\":\"j\",\"body\":\"Par l’entrée standard.\"}\n", {"j"}},
      {"\xEF\xBB\xBF{\"id\":\"bom\",\"body\":\"Avec BOM.\"}\n", {"bom"}},
      {"  "
       "<rss><channel><item><guid>f</guid><description>Flux.</description></item></channel></rss>",
       {"f"}},
      {"Un titre\n\nUn corps lu sur l’entrée standard.\n", {"-"}},
  };
  for (const Row& row : rows) {
    std::istringstream in(row.input);
    CollectingSink sink;
    read_stream(in, "-", InputFormat::kAuto, sink);
    EXPECT_TRUE(sink.errors.empty()) << row.input << sink.errors.front();
    EXPECT_EQ(sink.ids(), row.ids) << row.input;
    if (!sink.articles.empty()) {
      EXPECT_EQ(sink.articles[0].origin.file, "-");
    }
  }
}

TEST(InputReader, StreamLongerThanSniffWindowIsReadWhole) {
  std::string input;
  for (int i = 0; i < 2000; ++i) {
    input += "{\"id\":\"d" + std::to_string(i) + "\",\"body\":\"Dépêche numéro " +
             std::to_string(i) + ".\"}\n";
  }
  std::istringstream in(input);
  CollectingSink sink;
  read_stream(in, "-", InputFormat::kAuto, sink);
  EXPECT_TRUE(sink.errors.empty());
  ASSERT_EQ(sink.articles.size(), 2000u);
  EXPECT_EQ(sink.articles[1999].id, "d1999");
  EXPECT_EQ(sink.articles[1999].origin.line, 2000u);
}

TEST(InputReader, SinkExceptionStopsTheWalk) {
  testing::ThrowingSink sink;
  EXPECT_THROW(read_inputs({kFixtures}, InputFormat::kAuto, sink), testing::ThrowingSink::Stop);
  EXPECT_EQ(sink.errors.size(), 1u);
}

TEST(InputReader, RecordErrorFormatsAsFileLineReason) {
  EXPECT_EQ(to_string(RecordError{{"a.jsonl", 12}, "missing required field 'id'"}),
            "a.jsonl:12: missing required field 'id'");
  EXPECT_EQ(to_string(RecordError{{"a.xml", 0}, "feed is larger than 256 MiB"}),
            "a.xml: feed is larger than 256 MiB");
}

}  // namespace
}  // namespace depeche::indexer
