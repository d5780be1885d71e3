// What every input reader hands its results to: articles, and per-record errors that let the
// reader go on with the next record.
#pragma once

#include <string>

#include "core/article.h"

namespace depeche::indexer {

// A record the reader had to reject; where.line points at the record's first line.
struct RecordError {
  SourceLocation where;
  std::string reason;  // one lower-case clause: "field 'title' must be a string, got number"
};

// "file:line: reason" ("file: reason" when the line is unknown), as printed to users.
std::string to_string(const RecordError& error);

// The indexer implements this. Either call may throw (--strict stops at the first error, a
// failed commit stops everything); readers never catch such exceptions, they propagate.
class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  virtual void on_article(Article&& article) = 0;
  virtual void on_error(RecordError&& error) = 0;
};

}  // namespace depeche::indexer
