// GetNote / HeadNote: streams the blob back with Content-Length and ETag, single byte ranges (206),
// and the ?wait=<ms> long poll that completes asynchronously from a host timer.
#include <algorithm>
#include <charconv>
#include <cloudemu/blob.hpp>
#include <cloudemu/clock.hpp>
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/protocol/rest_json.hpp>
#include <cstring>

#include "notes_service.hpp"

namespace notes {

namespace {
ce::AwsError no_such_note(const std::string& name) {
  return ce::AwsError::not_found("NoSuchNote", "The note '" + name + "' does not exist.");
}

std::optional<uint64_t> parse_u64(std::string_view s) {
  uint64_t v = 0;
  if (s.empty()) return std::nullopt;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

std::optional<ByteRange> parse_range(std::string_view header, uint64_t size) {
  constexpr std::string_view k_unit = "bytes=";
  if (header.substr(0, k_unit.size()) != k_unit || size == 0) return std::nullopt;
  header.remove_prefix(k_unit.size());
  const std::size_t dash = header.find('-');
  if (dash == std::string_view::npos || header.find(',') != std::string_view::npos)
    return std::nullopt;
  const std::string_view a = header.substr(0, dash);
  const std::string_view b = header.substr(dash + 1);
  const ce::AwsError unsatisfiable =
      ce::AwsError::client(416, "InvalidRange", "The requested range is not satisfiable");
  if (a.empty()) {  // "-n": the last n bytes
    const auto n = parse_u64(b);
    if (!n) return std::nullopt;
    if (*n == 0) throw unsatisfiable;
    return ByteRange{size > *n ? size - *n : 0, size - 1};
  }
  const auto first = parse_u64(a);
  const auto last = b.empty() ? std::optional<uint64_t>(size - 1) : parse_u64(b);
  if (!first || !last) return std::nullopt;
  // A start past the end is unsatisfiable even when the (open or clamped) end lies before it.
  if (*first >= size) throw unsatisfiable;
  if (*last < *first) return std::nullopt;
  return ByteRange{*first, std::min(*last, size - 1)};
}

void NotesService::serve(ce::Response& resp, const NoteMeta& meta,
                         std::optional<std::string> range_header) {
  // A plain struct plus a flag (not std::optional) keeps GCC's -O2 -Wmaybe-uninitialized quiet.
  ByteRange range{0, meta.size == 0 ? 0 : meta.size - 1};
  bool partial = false;
  if (range_header) {
    if (const auto r = parse_range(*range_header, meta.size)) {
      range = *r;
      partial = true;
    }
  }
  const uint64_t first = range.first;
  const uint64_t length = partial ? range.last - range.first + 1 : meta.size;

  // Open the blob before any header goes out, so a vanished blob can still become a clean 404.
  std::optional<ce::BlobReader> reader;
  if (!resp.is_head() && length > 0) {
    ce::BlobId id{};
    std::memcpy(id.data(), meta.blob.data(), std::min(meta.blob.size(), id.size()));
    reader.emplace(ctx_, id, first, length);
  }
  resp.status(partial ? 206 : 200);
  resp.header("Content-Type", "application/octet-stream");
  resp.header("ETag", "\"" + meta.etag + "\"");
  resp.header("Accept-Ranges", "bytes");
  resp.header("x-notes-created-ms", std::to_string(meta.created_ms));
  if (partial) {
    resp.header("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                     std::to_string(range.last) + "/" + std::to_string(meta.size));
  }
  resp.header("Content-Length", std::to_string(length));
  if (reader) {
    std::string buf(k_chunk, '\0');
    while (const std::size_t n = reader->read(buf.data(), buf.size())) {
      if (!resp.write(std::string_view(buf.data(), n))) break;  // client went away
    }
  }
  resp.finish();
}

void NotesService::get(ce::Request& req, ce::Response& resp, const std::string& name) {
  const auto meta = find(key(req.account_id(), req.region(), name));
  if (!meta) throw no_such_note(name);
  const auto range = req.header("Range");
  serve(resp, *meta, range ? std::optional<std::string>(*range) : std::nullopt);
}

void NotesService::wait_then_get(ce::Request& req, ce::Response& resp, const std::string& name,
                                 int64_t wait_ms) {
  const std::string k = key(req.account_id(), req.region(), name);
  if (find(k) || wait_ms == 0) return get(req, resp, name);

  // Everything the timer needs is copied now: the request's views die when handle() returns.
  const auto range_view = req.header("Range");
  std::optional<std::string> range =
      range_view ? std::optional<std::string>(*range_view) : std::nullopt;
  auto async = resp.detach();  // handle() now returns CE_PENDING; no thread waits
  ce::start_timer(ctx_, wait_ms, [this, async, k, name, range] {
    try {
      const auto meta = find(k);
      if (!meta) throw no_such_note(name);
      serve(*async, *meta, range);
    } catch (const ce::AwsError& e) {
      if (!async->started()) ce::render_rest_json_error(e, *async);
    }
    // Anything else propagates to the SDK's timer barrier (logged); dropping `async` then
    // finishes the exchange, so the client is never left hanging.
  });
}

}  // namespace notes
