// Stream plumbing shared by the readers: bounded whole-stream reads, and re-reading bytes already
// taken from a stream to sniff its format.
#pragma once

#include <array>
#include <cstddef>
#include <istream>
#include <streambuf>
#include <string>

namespace depeche::indexer {

// Appends all of `in` to `out`; false (with `out` partly filled) when it holds more than max_bytes.
bool read_all(std::istream& in, std::size_t max_bytes, std::string& out);

// Reads up to max_bytes from the start of `in` (fewer at end of input).
std::string read_head(std::istream& in, std::size_t max_bytes);

// A stream buffer that yields `head` first, then the rest of another buffer: lets the format
// sniffer consume the first bytes of stdin and still hand the whole input to a reader.
class PrefixedStreambuf : public std::streambuf {
 public:
  PrefixedStreambuf(std::string head, std::streambuf* rest);

 protected:
  int_type underflow() override;

 private:
  std::string head_;
  std::streambuf* rest_;
  std::array<char, 1 << 16> buffer_{};
};

}  // namespace depeche::indexer
