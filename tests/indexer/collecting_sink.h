// A sink for reader tests: keeps every article and every error, in order, with errors rendered
// as "file:line: reason" so expectations read like the messages users see.
#pragma once

#include <string>
#include <vector>

#include "indexer/article_sink.h"

namespace depeche::indexer::testing {

class CollectingSink : public ArticleSink {
 public:
  void on_article(Article&& article) override { articles.push_back(std::move(article)); }
  void on_error(RecordError&& error) override { errors.push_back(to_string(error)); }

  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const Article& a : articles) out.push_back(a.id);
    return out;
  }

  std::vector<Article> articles;
  std::vector<std::string> errors;
};

// Stops at the first error, as the indexer does under --strict.
class ThrowingSink : public CollectingSink {
 public:
  struct Stop {};
  void on_error(RecordError&& error) override {
    CollectingSink::on_error(std::move(error));
    throw Stop{};
  }
};

}  // namespace depeche::indexer::testing
