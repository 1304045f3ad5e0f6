// example-notes: a tiny REST-JSON service showing every part of the SDK (see README.md).
#pragma once
#include <cloudemu/blob.hpp>
#include <cloudemu/context.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/storage.hpp>
#include <cloudemu/value.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace notes {

/// The stored metadata of one note (keyspace "notes"); the body is a blob.
struct NoteMeta {
  uint64_t size = 0;
  std::string etag;        // md5 hex, unquoted
  int64_t created_ms = 0;  // host clock
  std::string blob;        // the 16-byte blob id
  MSGPACK_DEFINE_MAP(size, etag, created_ms, blob)
};
inline constexpr uint8_t k_meta_version = 1;

/// A parsed "Range: bytes=..." header against a known size: [first, last] inclusive.
struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;
};

class NotesService {
 public:
  static constexpr const char* k_id = "example-notes";
  static constexpr const char* k_protocol = "rest-json";
  static constexpr ce_route_claim k_routes[] = {
      {CE_ROUTE_PATH_PREFIX, "/_example/notes"},
      {CE_ROUTE_SIGV4_SERVICE, "example-notes"},
  };
  static constexpr std::size_t k_chunk = 64 * 1024;
  static constexpr std::size_t k_max_name = 256;
  static constexpr int64_t k_max_wait_ms = 60'000;

  NotesService(ce::ServiceContext ctx, std::string_view config_json);
  void handle(ce::Request& req, ce::Response& resp);

 private:
  // notes_list.cpp
  void list(ce::Request& req, ce::Response& resp);
  // notes_put.cpp
  void put(ce::Request& req, ce::Response& resp, const std::string& name);
  void del(ce::Request& req, ce::Response& resp, const std::string& name);
  // notes_get.cpp
  void get(ce::Request& req, ce::Response& resp, const std::string& name);
  void wait_then_get(ce::Request& req, ce::Response& resp, const std::string& name,
                     int64_t wait_ms);
  void serve(ce::Response& resp, const NoteMeta& meta, std::optional<std::string> range_header);
  // notes_echo.cpp
  void echo_to(ce::Request& req, ce::Response& resp, std::string_view service);

  std::string key(std::string_view account, std::string_view region, std::string_view name) const;
  std::optional<NoteMeta> find(std::string_view key);

  ce::ServiceContext ctx_;
  ce::Keyspace notes_;
};

/// Parses a single "bytes=a-b" / "bytes=a-" / "bytes=-n" range. nullopt: no usable range (absent,
/// malformed or multi-range: serve the whole note, as RFC 9110 allows). Throws AwsError
/// InvalidRange (416) when the range starts past the end.
std::optional<ByteRange> parse_range(std::string_view header, uint64_t size);

}  // namespace notes
