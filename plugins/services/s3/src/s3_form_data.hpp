// multipart/form-data (RFC 7578 over RFC 2046) for browser POST uploads, read as a stream: part
// headers are parsed, small values are returned whole (bounded), and the file part's bytes go to a
// sink piece by piece, so a 5 GiB upload never sits in memory. Malformed input is
// MalformedPOSTRequest, as S3 answers.
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace s3 {

/// 400 MalformedPOSTRequest.
ce::AwsError malformed_post_request();

/// The boundary of a "multipart/form-data; boundary=..." Content-Type (media type compared
/// case-insensitively, boundary quoted or not, 1..70 characters); nullopt for anything else.
std::optional<std::string> multipart_boundary(std::string_view content_type);

struct FormPart {
  std::string name;                     // Content-Disposition name, as sent
  std::optional<std::string> filename;  // Content-Disposition filename, when given
  std::string content_type;             // the part's Content-Type, "" when absent
};

class FormDataReader {
 public:
  /// Fills buf with up to cap bytes of the body; 0 at its end.
  using Source = std::function<std::size_t(char* buf, std::size_t cap)>;

  FormDataReader(std::string_view boundary, Source source);

  /// Moves to the next part (skipping what is left of the current one) and returns its headers;
  /// nullopt after the closing delimiter.
  std::optional<FormPart> next_part();
  /// Streams the rest of the current part's bytes to sink.
  void read_data(const std::function<void(std::string_view)>& sink);
  /// The rest of the current part's bytes; nullopt (the part left unfinished) past `limit`.
  std::optional<std::string> read_value(std::size_t limit);
  /// Reads and drops whatever the source still holds, unparsed (S3 ignores what follows the file).
  void drain();
  /// Body bytes parsed so far (read-ahead not counted).
  uint64_t offset() const noexcept {
    const uint64_t parsed = read_ - (buf_.size() - pos_);
    return parsed < 2 ? 0 : parsed - 2;  // the primed CRLF is not the client's
  }

 private:
  enum class State { data, after_delimiter, done };

  bool fill();
  bool ensure(std::size_t n);
  std::string_view pending() const noexcept { return std::string_view(buf_).substr(pos_); }
  std::string read_line();
  FormPart read_headers();
  /// Bytes of the current part's data up to the delimiter, at most `max`, to sink; true when the
  /// delimiter was reached.
  bool pump(std::size_t max, const std::function<void(std::string_view)>& sink);

  std::string delimiter_;  // CRLF "--" boundary
  Source source_;
  std::string buf_;
  std::size_t pos_ = 0;
  uint64_t read_ = 0;  // bytes taken from the source, plus the CRLF primed below
  State state_ = State::data;
};

}  // namespace s3
