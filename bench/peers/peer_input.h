// Reads the benchmark corpus for the peers that index JSON Lines themselves (Lucene++, FTS5):
// articles.jsonl (the file Depeche indexes) and, line for line, articles.countries.tsv (the
// countries the generator wrote into each article: the peers have no entity extraction, so this
// is their country filter and facet).
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

struct PeerArticle {
  std::string id, title, body, date /* YYYYMMDD */, source, url;
  std::vector<std::string> countries;  // ISO codes, the main one first
};

class PeerReader {
 public:
  PeerReader(const std::string& jsonl, const std::string& countries) : jsonl_(jsonl), tsv_(countries) {
    if (!jsonl_) throw std::runtime_error("cannot read " + jsonl);
    if (!tsv_) throw std::runtime_error("cannot read " + countries);
  }

  // The next raw line pair; false at the end. Parsing is separate so threads can share it.
  bool next_lines(std::string& json_line, std::string& tsv_line) {
    if (!std::getline(jsonl_, json_line)) return false;
    if (!std::getline(tsv_, tsv_line)) throw std::runtime_error("articles.countries.tsv is shorter than the JSONL");
    return true;
  }

  static PeerArticle parse(const std::string& json_line, const std::string& tsv_line) {
    const auto j = nlohmann::json::parse(json_line);
    PeerArticle a;
    a.id = j.at("id").get<std::string>();
    a.title = j.value("title", "");
    a.body = j.at("body").get<std::string>();
    const std::string date = j.value("date", "");
    if (date.size() >= 10) a.date = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
    a.source = j.value("source", "");
    a.url = j.value("url", "");
    const auto tab = tsv_line.find('\t');
    if (tab == std::string::npos || tsv_line.compare(0, tab, a.id) != 0) {
      throw std::runtime_error("articles.countries.tsv does not match the JSONL at id " + a.id);
    }
    std::size_t at = tab + 1;
    while (at < tsv_line.size()) {
      std::size_t end = tsv_line.find(' ', at);
      if (end == std::string::npos) end = tsv_line.size();
      if (end > at) a.countries.push_back(tsv_line.substr(at, end - at));
      at = end + 1;
    }
    return a;
  }

 private:
  std::ifstream jsonl_, tsv_;
};

// Splits query text into words and "quoted phrases" (the only syntax the query set uses).
inline std::vector<std::string> query_parts(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
    } else if (text[i] == '"') {
      const std::size_t end = text.find('"', i + 1);
      parts.push_back(text.substr(i, end == std::string::npos ? std::string::npos : end - i + 1));
      i = end == std::string::npos ? text.size() : end + 1;
    } else {
      std::size_t end = text.find(' ', i);
      if (end == std::string::npos) end = text.size();
      parts.push_back(text.substr(i, end - i));
      i = end;
    }
  }
  return parts;
}

}  // namespace bench
