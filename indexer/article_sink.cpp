// Formats record errors the way every front end prints them.
#include "indexer/article_sink.h"

namespace depeche::indexer {

std::string to_string(const RecordError& error) {
  std::string out = error.where.file;
  if (error.where.line > 0) out += ":" + std::to_string(error.where.line);
  out += ": ";
  out += error.reason;
  return out;
}

}  // namespace depeche::indexer
