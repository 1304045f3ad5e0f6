#include <catch2/catch.hpp>
#include <cloudemu/value.hpp>
#include <string>

namespace {
struct RecordV1 {
  uint64_t size = 0;
  std::string etag;
  MSGPACK_DEFINE_MAP(size, etag)
};
struct RecordV2 {
  uint64_t size = 0;
  std::string etag;
  std::string content_type = "binary/octet-stream";
  MSGPACK_DEFINE_MAP(size, etag, content_type)
};
}  // namespace

TEST_CASE("records round-trip with their format version byte", "[sdk][value]") {
  const std::string bytes = ce::encode_record(1, RecordV1{42, "abc"});
  REQUIRE(static_cast<uint8_t>(bytes[0]) == 1);
  REQUIRE(ce::record_version(bytes) == 1);
  const auto r = ce::decode_record<RecordV1>(bytes, 1);
  REQUIRE(r.size == 42);
  REQUIRE(r.etag == "abc");
}

TEST_CASE("an older record decodes into a newer struct with defaults", "[sdk][value]") {
  const auto r = ce::decode_record<RecordV2>(ce::encode_record(1, RecordV1{7, "e"}), 2);
  REQUIRE(r.size == 7);
  REQUIRE(r.content_type == "binary/octet-stream");
}

TEST_CASE("a record from a newer plugin is refused with both versions named", "[sdk][value]") {
  const std::string bytes = ce::encode_record(3, RecordV2{});
  REQUIRE_THROWS_WITH(ce::decode_record<RecordV2>(bytes, 2),
                      Catch::Contains("format version 3") && Catch::Contains("up to version 2"));
}

TEST_CASE("empty or garbage values are RecordError, not crashes", "[sdk][value]") {
  REQUIRE_THROWS_AS(ce::decode_record<RecordV1>("", 1), ce::RecordError);
  REQUIRE_THROWS_AS(ce::decode_record<RecordV1>(std::string("\x01\xc1", 2), 1), ce::RecordError);
  REQUIRE(ce::unpack<std::string>(ce::pack(std::string("x"))) == "x");
}
