// Implements the stream helpers with direct stream-buffer reads (no per-character istream calls).
#include "indexer/stream_util.h"

#include <utility>

namespace depeche::indexer {

bool read_all(std::istream& in, std::size_t max_bytes, std::string& out) {
  std::array<char, 1 << 16> chunk;
  std::streambuf* buffer = in.rdbuf();
  while (buffer) {
    const std::streamsize n =
        buffer->sgetn(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (n <= 0) break;
    if (out.size() + static_cast<std::size_t>(n) > max_bytes) return false;
    out.append(chunk.data(), static_cast<std::size_t>(n));
  }
  return true;
}

std::string read_head(std::istream& in, std::size_t max_bytes) {
  std::string head(max_bytes, '\0');
  std::streambuf* buffer = in.rdbuf();
  const std::streamsize n =
      buffer ? buffer->sgetn(head.data(), static_cast<std::streamsize>(max_bytes)) : 0;
  head.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return head;
}

PrefixedStreambuf::PrefixedStreambuf(std::string head, std::streambuf* rest)
    : head_(std::move(head)), rest_(rest) {
  setg(head_.data(), head_.data(), head_.data() + head_.size());
}

PrefixedStreambuf::int_type PrefixedStreambuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  const std::streamsize n =
      rest_ ? rest_->sgetn(buffer_.data(), static_cast<std::streamsize>(buffer_.size())) : 0;
  if (n <= 0) return traits_type::eof();
  setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
  return traits_type::to_int_type(*gptr());
}

}  // namespace depeche::indexer
