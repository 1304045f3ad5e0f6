// Streaming multipart/form-data reader: a small look-ahead buffer over the request body.
#include "s3_form_data.hpp"

#include <algorithm>
#include <cloudemu/status.hpp>
#include <cloudemu/text.hpp>
#include <utility>
#include <vector>

#include "s3_text.hpp"

namespace s3 {

namespace {

constexpr std::size_t k_read_chunk = 64 * 1024;
// Browsers send a handful of short header lines per part; anything larger is not a form.
constexpr std::size_t k_max_header_line = 8 * 1024;
constexpr std::size_t k_max_part_headers = 16 * 1024;
constexpr std::size_t k_max_boundary = 70;  // RFC 2046 section 5.1.1

using Params = std::vector<std::pair<std::string, std::string>>;

/// `; name=value; name="quoted value"` after a media type or disposition type. Quoted values end
/// at the next quote without backslash escapes: browsers (WHATWG HTML "multipart/form-data
/// encoding algorithm") percent-encode quotes in names and filenames and send backslashes as they
/// are, so a Windows path must survive. nullopt when a quote is left open or a name is empty.
std::optional<Params> parse_params(std::string_view s) {
  Params out;
  while (true) {
    while (!s.empty() && (s.front() == ';' || s.front() == ' ' || s.front() == '\t'))
      s.remove_prefix(1);
    if (s.empty()) return out;
    const std::size_t eq = s.find_first_of("=;");
    if (eq == std::string_view::npos || s[eq] != '=') return std::nullopt;
    const std::string_view name = ce::trim_blanks(s.substr(0, eq));
    if (name.empty()) return std::nullopt;
    s = ce::trim_blanks(s.substr(eq + 1));
    std::string value;
    if (!s.empty() && s.front() == '"') {
      const std::size_t close = s.find('"', 1);
      if (close == std::string_view::npos) return std::nullopt;
      value = std::string(s.substr(1, close - 1));
      s.remove_prefix(close + 1);
    } else {
      const std::size_t end = s.find(';');
      value = std::string(ce::trim_blanks(s.substr(0, end)));
      s = end == std::string_view::npos ? std::string_view{} : s.substr(end);
    }
    out.emplace_back(ascii_lower(name), std::move(value));
  }
}

const std::string* find(const Params& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return &v;
  return nullptr;
}

}  // namespace

ce::AwsError malformed_post_request() {
  return ce::AwsError::client(400, "MalformedPOSTRequest",
                              "The body of your POST request is not well-formed "
                              "multipart/form-data.");
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const std::size_t semi = content_type.find(';');
  if (!ce::iequals(ce::trim_blanks(content_type.substr(0, semi)), "multipart/form-data"))
    return std::nullopt;
  if (semi == std::string_view::npos) return std::nullopt;
  const auto params = parse_params(content_type.substr(semi + 1));
  if (!params) return std::nullopt;
  const std::string* boundary = find(*params, "boundary");
  if (boundary == nullptr || boundary->empty() || boundary->size() > k_max_boundary)
    return std::nullopt;
  return *boundary;
}

FormDataReader::FormDataReader(std::string_view boundary, Source source)
    : delimiter_("\r\n--" + std::string(boundary)),
      source_(std::move(source)),
      // The first delimiter may open the body without the CRLF that precedes every other one:
      // priming the buffer with one lets a single search rule find them all.
      buf_("\r\n"),
      read_(2) {}

bool FormDataReader::fill() {
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old = buf_.size();
  buf_.resize(old + k_read_chunk);
  const std::size_t n = std::min(source_(buf_.data() + old, k_read_chunk), k_read_chunk);
  buf_.resize(old + n);
  read_ += n;
  return n > 0;
}

bool FormDataReader::ensure(std::size_t n) {
  while (pending().size() < n)
    if (!fill()) return false;
  return true;
}

bool FormDataReader::pump(std::size_t max, const std::function<void(std::string_view)>& sink) {
  if (state_ != State::data) return true;
  std::size_t emitted = 0;
  for (;;) {
    const std::string_view p = pending();
    const std::size_t at = p.find(delimiter_);
    // Bytes that cannot be the start of a delimiter are safe to hand out now.
    std::size_t safe = at;
    if (at == std::string_view::npos)
      safe = p.size() >= delimiter_.size() ? p.size() - delimiter_.size() + 1 : 0;
    const std::size_t n = std::min(safe, max - emitted);
    if (n > 0) {
      sink(p.substr(0, n));
      pos_ += n;
      emitted += n;
    }
    if (at != std::string_view::npos && n == at) {
      pos_ += delimiter_.size();
      state_ = State::after_delimiter;
      return true;
    }
    if (n < safe) return false;                   // the limit, with more data before the delimiter
    if (!fill()) throw malformed_post_request();  // the body ended inside a part
  }
}

std::string FormDataReader::read_line() {
  for (;;) {
    const std::string_view p = pending();
    const std::size_t nl = p.find('\n');
    if (nl != std::string_view::npos) {
      if (nl > k_max_header_line) throw malformed_post_request();
      std::string line(p.substr(0, nl));
      pos_ += nl + 1;
      // CRLF is the rule; a bare LF is taken too, as lenient servers do.
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (p.size() > k_max_header_line || !fill()) throw malformed_post_request();
  }
}

FormPart FormDataReader::read_headers() {
  FormPart part;
  bool has_disposition = false;
  std::size_t total = 0;
  for (;;) {
    const std::string line = read_line();
    if (line.empty()) break;
    total += line.size();
    if (total > k_max_part_headers) throw malformed_post_request();
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) throw malformed_post_request();
    const std::string_view name = ce::trim_blanks(std::string_view(line).substr(0, colon));
    const std::string_view value = ce::trim_blanks(std::string_view(line).substr(colon + 1));
    if (ce::iequals(name, "content-disposition")) {
      const std::size_t semi = value.find(';');
      if (!ce::iequals(ce::trim_blanks(value.substr(0, semi)), "form-data") ||
          semi == std::string::npos)
        throw malformed_post_request();
      const auto params = parse_params(value.substr(semi + 1));
      const std::string* field = params ? find(*params, "name") : nullptr;
      if (field == nullptr) throw malformed_post_request();
      part.name = *field;
      if (const std::string* f = find(*params, "filename")) part.filename = *f;
      has_disposition = true;
    } else if (ce::iequals(name, "content-type")) {
      part.content_type = std::string(value);
    }
  }
  if (!has_disposition) throw malformed_post_request();
  return part;
}

std::optional<FormPart> FormDataReader::next_part() {
  if (state_ == State::done) return std::nullopt;
  if (state_ == State::data) pump(SIZE_MAX, [](std::string_view) {});  // the rest, or preamble
  if (!ensure(2)) throw malformed_post_request();
  if (pending().substr(0, 2) == "--") {
    state_ = State::done;  // the close delimiter; the epilogue is never read
    return std::nullopt;
  }
  // Transport padding (RFC 2046) may follow a delimiter before its line break.
  for (;;) {
    if (!ensure(1)) throw malformed_post_request();
    const char c = pending().front();
    if (c != ' ' && c != '\t') break;
    ++pos_;
  }
  if (!read_line().empty()) throw malformed_post_request();
  FormPart part = read_headers();
  state_ = State::data;
  return part;
}

void FormDataReader::read_data(const std::function<void(std::string_view)>& sink) {
  pump(SIZE_MAX, sink);
}

std::optional<std::string> FormDataReader::read_value(std::size_t limit) {
  std::string out;
  if (!pump(limit, [&](std::string_view piece) { out.append(piece); })) return std::nullopt;
  return out;
}

void FormDataReader::drain() {
  buf_.clear();
  pos_ = 0;
  while (fill()) buf_.clear();
  state_ = State::done;
}

}  // namespace s3
