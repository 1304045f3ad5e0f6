// Incremental decoder for `Content-Encoding: aws-chunked` request bodies (S3 streaming uploads):
//
//   <hex-size>[;chunk-signature=<64 hex>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n
//   [<trailer-name>:<value>\r\n ...][x-amz-trailer-signature:<sig>\r\n]\r\n
//
// Feed it the body in slices of any size (one byte at a time works); decoded bytes go to a sink as
// views into the input, so nothing is buffered but one size or trailer line. Malformed input is an
// Error value, sticky once set; the decoder never throws and never reads past a slice.
// Signatures are not computed here (the SDK links no crypto): a SignatureCheck sees each chunk and
// the trailers and answers yes or no. The host's SigV4 code provides one; see docs/sigv4.md.
#pragma once
#include <cloudemu/text.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ce::aws_chunked {

enum class Error : std::uint8_t {
  none,
  bad_chunk_size,             // size line is not 1-16 hex digits [+ ;extensions]
  chunk_line_too_long,        // size line longer than Limits::max_line
  chunk_size_too_large,       // a chunk above Limits::max_chunk_size
  bad_chunk_extension,        // ';' not followed by name=value, or a malformed chunk-signature
  missing_chunk_signature,    // signed stream, chunk without chunk-signature
  missing_crlf,               // a line or a chunk's data not terminated by \r\n
  chunk_too_small,            // a chunk other than the last below Limits::min_chunk_size
  trailer_too_large,          // trailer section above Limits::max_trailer_bytes
  bad_trailer,                // trailer line without "name:"
  missing_trailer_signature,  // signed trailer stream without x-amz-trailer-signature
  signature_mismatch,         // the SignatureCheck refused a chunk or the trailers
  length_mismatch,            // decoded size differs from x-amz-decoded-content-length
  data_after_end,             // bytes after the final empty line
  truncated,                  // finish() before the terminating chunk
};

/// Short English text for logs and test failures (the HTTP layer maps errors to AWS codes).
constexpr std::string_view describe(Error e) {
  switch (e) {
    case Error::none:
      return "no error";
    case Error::bad_chunk_size:
      return "malformed chunk size";
    case Error::chunk_line_too_long:
      return "chunk size line too long";
    case Error::chunk_size_too_large:
      return "chunk too large";
    case Error::bad_chunk_extension:
      return "malformed chunk extension";
    case Error::missing_chunk_signature:
      return "chunk without chunk-signature";
    case Error::missing_crlf:
      return "missing CRLF";
    case Error::chunk_too_small:
      return "only the last chunk may be smaller than the minimum";
    case Error::trailer_too_large:
      return "trailer section too large";
    case Error::bad_trailer:
      return "malformed trailer";
    case Error::missing_trailer_signature:
      return "trailer without x-amz-trailer-signature";
    case Error::signature_mismatch:
      return "chunk or trailer signature does not match";
    case Error::length_mismatch:
      return "decoded length differs from x-amz-decoded-content-length";
    case Error::data_after_end:
      return "data after the end of the aws-chunked body";
    case Error::truncated:
      return "aws-chunked body ended early";
  }
  return "unknown error";
}

/// A trailer as received: name lowercased, value with surrounding whitespace removed.
using Trailer = std::pair<std::string, std::string>;

/// Verifies the signatures an aws-chunked body carries (STREAMING-AWS4-HMAC-SHA256-PAYLOAD...).
class SignatureCheck {
 public:
  virtual ~SignatureCheck() = default;
  /// A piece of the current chunk's data; a chunk may arrive in many pieces.
  virtual void chunk_data(std::string_view bytes) = 0;
  /// The current chunk is complete (the final chunk has no data); `signature` is what its size
  /// line carried. Return false to refuse the body.
  virtual bool chunk_end(std::string_view signature) = 0;
  /// The trailer section is complete. `trailers` excludes x-amz-trailer-signature.
  virtual bool trailers_end(std::span<const Trailer> trailers, std::string_view signature) = 0;
};

struct Limits {
  std::size_t max_line = 4096;                // size line incl. extensions, without CRLF
  std::size_t max_trailer_bytes = 16 * 1024;  // whole trailer section
  std::uint64_t max_chunk_size = std::uint64_t{1} << 40;
  // S3 refuses signed streams whose chunks (but the last data chunk) are under 8 KiB
  // (InvalidChunkSizeError); the host sets 8192 there, 0 disables the check.
  std::uint64_t min_chunk_size = 0;
};

struct Options {
  Limits limits;
  std::optional<std::uint64_t> decoded_length;  // x-amz-decoded-content-length, when sent
  bool require_chunk_signatures = false;        // STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]
  bool require_trailer_signature = false;       // STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER
  SignatureCheck* signatures = nullptr;         // borrowed; null: signatures are not checked
};

class Decoder {
 public:
  explicit Decoder(Options options = {}) : opt_(options) {}

  /// Consumes all of `input`, calling sink(std::string_view) with decoded data (views into
  /// `input`). Returns the sticky error; after an error nothing more is consumed.
  template <typename Sink>
  Error feed(std::string_view input, Sink&& sink) {
    std::size_t i = 0;
    while (i < input.size() && err_ == Error::none) {
      switch (state_) {
        case State::size_line:
        case State::trailer_line: {
          const char c = input[i++];
          if (c == '\n') {
            state_ == State::size_line ? end_size_line() : end_trailer_line();
          } else if (state_ == State::size_line) {
            if (line_.size() >= opt_.limits.max_line) return fail(Error::chunk_line_too_long);
            line_ += c;
          } else {
            if (++trailer_bytes_ > opt_.limits.max_trailer_bytes) {
              return fail(Error::trailer_too_large);
            }
            line_ += c;
          }
          break;
        }
        case State::data: {
          const std::size_t avail = input.size() - i;
          const std::size_t n = remaining_ < avail ? static_cast<std::size_t>(remaining_) : avail;
          const std::string_view piece = input.substr(i, n);
          if (opt_.signatures != nullptr) opt_.signatures->chunk_data(piece);
          sink(piece);
          i += n;
          remaining_ -= n;
          if (remaining_ == 0) state_ = State::data_cr;
          break;
        }
        case State::data_cr:
          if (input[i++] != '\r') return fail(Error::missing_crlf);
          state_ = State::data_lf;
          break;
        case State::data_lf:
          if (input[i++] != '\n') return fail(Error::missing_crlf);
          if (!check_chunk()) return err_;
          state_ = State::size_line;
          break;
        case State::done:
          return fail(Error::data_after_end);
      }
    }
    return err_;
  }

  /// The body ended. Returns truncated unless the terminating chunk was seen; a body that stops
  /// right after "0\r\n" with no trailer section at all is accepted (some clients omit the CRLF).
  Error finish() {
    if (err_ != Error::none || state_ == State::done) return err_;
    if (state_ == State::trailer_line && line_.empty() && trailer_bytes_ == 0) {
      end_trailers();
      return err_;
    }
    return fail(Error::truncated);
  }

  bool done() const { return state_ == State::done && err_ == Error::none; }
  Error error() const { return err_; }
  std::uint64_t decoded_bytes() const { return decoded_; }
  const std::vector<Trailer>& trailers() const { return trailers_; }
  std::string_view trailer_signature() const { return trailer_signature_; }

  /// Value of a trailer by lowercase name, or nullopt.
  std::optional<std::string_view> trailer(std::string_view lowercase_name) const {
    for (const auto& [n, v] : trailers_) {
      if (n == lowercase_name) return std::string_view(v);
    }
    return std::nullopt;
  }

 private:
  enum class State : std::uint8_t { size_line, data, data_cr, data_lf, trailer_line, done };

  static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  static char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
  Error fail(Error e) {
    if (err_ == Error::none) err_ = e;
    return err_;
  }

  // Strips the CR of a just-ended line; a bare LF terminator is malformed.
  bool take_cr() {
    if (line_.empty() || line_.back() != '\r') {
      fail(Error::missing_crlf);
      return false;
    }
    line_.pop_back();
    return true;
  }

  void end_size_line() {
    if (!take_cr()) return;
    const std::string_view line = line_;
    std::size_t pos = 0;
    std::uint64_t size = 0;
    while (pos < line.size() && hex_digit(line[pos]) >= 0) {
      if (pos == 16) return void(fail(Error::bad_chunk_size));  // would overflow 64 bits
      size = size * 16 + static_cast<std::uint64_t>(hex_digit(line[pos]));
      ++pos;
    }
    if (pos == 0 || (pos < line.size() && line[pos] != ';'))
      return void(fail(Error::bad_chunk_size));
    if (!parse_extensions(line.substr(pos))) return;
    if (opt_.require_chunk_signatures && chunk_signature_.empty()) {
      return void(fail(Error::missing_chunk_signature));
    }
    if (size > opt_.limits.max_chunk_size) return void(fail(Error::chunk_size_too_large));
    if (size > 0 && previous_was_small_) return void(fail(Error::chunk_too_small));
    previous_was_small_ = size < opt_.limits.min_chunk_size;
    if (opt_.decoded_length && size > *opt_.decoded_length - decoded_) {
      return void(fail(Error::length_mismatch));  // caught before a byte too many is emitted
    }
    decoded_ += size;
    line_.clear();
    if (size == 0) {
      if (check_chunk()) state_ = State::trailer_line;
      return;
    }
    remaining_ = size;
    state_ = State::data;
  }

  // ";name=value" pairs after the size; only chunk-signature means anything in aws-chunked.
  bool parse_extensions(std::string_view ext) {
    chunk_signature_.clear();
    while (!ext.empty()) {
      ext.remove_prefix(1);  // the ';'
      const std::size_t end = ext.find(';');
      const std::string_view item = ext.substr(0, end);
      ext = end == std::string_view::npos ? std::string_view() : ext.substr(end);
      const std::size_t eq = item.find('=');
      if (eq == 0 || eq == std::string_view::npos) return fail(Error::bad_chunk_extension), false;
      if (item.substr(0, eq) != "chunk-signature") continue;
      const std::string_view sig = item.substr(eq + 1);
      bool hex = sig.size() == 64;
      for (std::size_t k = 0; hex && k < sig.size(); ++k) hex = hex_digit(sig[k]) >= 0;
      if (!hex) return fail(Error::bad_chunk_extension), false;
      chunk_signature_.assign(sig);
    }
    return true;
  }

  bool check_chunk() {
    if (opt_.signatures != nullptr && !chunk_signature_.empty() &&
        !opt_.signatures->chunk_end(chunk_signature_)) {
      fail(Error::signature_mismatch);
      return false;
    }
    return true;
  }

  void end_trailer_line() {
    if (!take_cr()) return;
    if (line_.empty()) return end_trailers();
    const std::size_t colon = line_.find(':');
    if (colon == 0 || colon == std::string::npos) return void(fail(Error::bad_trailer));
    std::string name;
    for (char c : trim_blanks(std::string_view(line_).substr(0, colon))) name += lower(c);
    if (name.empty()) return void(fail(Error::bad_trailer));
    const std::string_view value = trim_blanks(std::string_view(line_).substr(colon + 1));
    if (name == "x-amz-trailer-signature") {
      trailer_signature_.assign(value);
    } else {
      trailers_.emplace_back(std::move(name), std::string(value));
    }
    line_.clear();
  }

  void end_trailers() {
    if (opt_.require_trailer_signature && trailer_signature_.empty()) {
      return void(fail(Error::missing_trailer_signature));
    }
    if (opt_.signatures != nullptr && !trailer_signature_.empty() &&
        !opt_.signatures->trailers_end(trailers_, trailer_signature_)) {
      return void(fail(Error::signature_mismatch));
    }
    if (opt_.decoded_length && decoded_ != *opt_.decoded_length) {
      return void(fail(Error::length_mismatch));
    }
    state_ = State::done;
  }

  Options opt_;
  State state_ = State::size_line;
  Error err_ = Error::none;
  std::string line_;  // the size or trailer line being read, bounded by the limits
  std::string chunk_signature_;
  std::uint64_t remaining_ = 0;  // data bytes left in the current chunk
  std::uint64_t decoded_ = 0;    // data bytes announced so far
  std::size_t trailer_bytes_ = 0;
  bool previous_was_small_ = false;
  std::vector<Trailer> trailers_;
  std::string trailer_signature_;
};

/// The x-amz-trailer header ("x-amz-checksum-crc32, x-amz-checksum-sha256") as lowercase names;
/// empty items are dropped.
inline std::vector<std::string> parse_trailer_names(std::string_view header) {
  std::vector<std::string> names;
  for (const std::string& item : split_list(header)) {
    std::string name;
    for (char c : item) name += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace ce::aws_chunked
