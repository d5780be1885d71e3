// Terminal rendering helpers shared by the commands: aligned tables, safe UTF-8.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace depeche::cli {

// Replaces every ill-formed UTF-8 sequence with U+FFFD so terminals and JSON get valid text.
std::string valid_utf8(std::string_view bytes);

// Number of terminal columns a UTF-8 string takes (code points; combining marks take none).
std::size_t display_width(std::string_view utf8);

// A left-aligned text table with a header row.
class Table {
 public:
  explicit Table(std::vector<std::string> header);
  void add_row(std::vector<std::string> row);
  void print(std::ostream& out) const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace depeche::cli
