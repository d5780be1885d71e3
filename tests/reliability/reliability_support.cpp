// Helpers of the reliability tests; see reliability_support.h.
#include "tests/reliability/reliability_support.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>

#include "core/schema.h"

namespace depeche::reliability {

bool under_sanitizer() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

ScratchDir::ScratchDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = "depeche-rel-" + std::to_string(::getpid());
  if (info) name += std::string("-") + info->test_suite_name() + "-" + info->name();
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  path_ = fs::temp_directory_path() / name;
  fs::remove_all(path_);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ScratchDir::write(const std::string& relative, const std::string& content) const {
  const fs::path p = path_ / relative;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + p.string());
  return p.string();
}

std::string synthetic_id(int index) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "a-%05d", index);
  return buffer;
}

std::string jsonl_record(const std::string& id, const std::string& title, const std::string& body) {
  return nlohmann::json{{"id", id}, {"title", title}, {"body", body}}.dump() + "\n";
}

std::string synthetic_archive(int count, unsigned seed, int words) {
  static const char* kWords[] = {
      "guerre",    "paix",      "armée",        "élections", "sécurité", "président",
      "économie",  "frontière", "accord",       "sommet",    "réfugiés", "sanctions",
      "l’ONU",     "Russie",    "Ukraine",      "Corée",     "déclaré",  "ministre",
      "gouvernement", "crise",  "vote",         "récolte",   "tempête",  "grève",
      "hôpital",   "université", "chômage",     "inflation", "port",     "satellite"};
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
  std::string out;
  for (int i = 0; i < count; ++i) {
    std::string body = "commun marque" + std::to_string(i);
    for (int w = 0; w < words; ++w) body += std::string(w % 10 == 9 ? ". " : " ") + kWords[pick(rng)];
    body += ".";
    out += jsonl_record(synthetic_id(i), "Dépêche numéro " + std::to_string(i), body);
  }
  return out;
}

IndexContents read_contents(const std::string& db_path) {
  Xapian::Database db(db_path);
  IndexContents out;
  out.documents = db.get_doccount();
  const std::string prefix(schema::kPrefixId);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    out.ids[(*it).substr(prefix.size())] = it.get_termfreq();
  }
  return out;
}

bool no_duplicates(const IndexContents& contents) {
  if (contents.ids.size() != contents.documents) return false;
  for (const auto& [id, count] : contents.ids) {
    if (count != 1) return false;
  }
  return true;
}

std::vector<std::string> synthetic_prefix(int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back(synthetic_id(i));
  return out;
}

std::vector<std::string> id_list(const IndexContents& contents) {
  std::vector<std::string> out;
  for (const auto& [id, count] : contents.ids) out.push_back(id);
  return out;
}

testing::ProcessResult xapian_check(const std::string& db) {
  return testing::run_process({"/usr/bin/xapian-check", db}, "", std::chrono::seconds(120));
}

bool index_exists(const std::string& db) {
  return fs::exists(fs::path(db) / "iamglass") || fs::exists(fs::path(db) / "iamchert");
}

std::vector<std::string> lines_containing(const std::string& text, const std::string& needle) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) out.push_back(line);
  }
  return out;
}

namespace {
constexpr std::uint32_t kWriteEvents = IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO;
}  // namespace

WriteWatch::WriteWatch(const std::string& root) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("inotify_init1 failed");
  watch_tree(root);
  if (dirs_.empty()) {
    close(fd_);
    throw std::runtime_error("cannot watch " + root);
  }
}

WriteWatch::~WriteWatch() {
  if (fd_ >= 0) close(fd_);
}

void WriteWatch::watch_tree(const fs::path& dir) {
  const int wd = inotify_add_watch(fd_, dir.c_str(), kWriteEvents);
  if (wd < 0) return;  // gone already: its writes are over
  dirs_[wd] = dir;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) watch_tree(it->path());
  }
}

int WriteWatch::poll(std::chrono::milliseconds wait) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return events_;
  alignas(inotify_event) std::array<char, 16384> buffer;
  while (true) {
    const ssize_t n = read(fd_, buffer.data(), buffer.size());
    if (n <= 0) break;
    for (ssize_t at = 0; at < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buffer.data() + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      if (!(e->mask & kWriteEvents)) continue;  // IN_IGNORED and the like
      ++events_;
      if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO)) && e->len > 0) {
        if (auto parent = dirs_.find(e->wd); parent != dirs_.end()) watch_tree(parent->second / e->name);
      }
    }
  }
  return events_;
}

bool WriteWatch::wait_for(int target, const std::function<bool()>& still_going,
                          std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (poll(std::chrono::milliseconds(0)) < target) {
    if (!still_going() || std::chrono::steady_clock::now() >= deadline) {
      return poll(std::chrono::milliseconds(0)) >= target;
    }
    poll(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace depeche::reliability
