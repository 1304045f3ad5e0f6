// What every DynamoDB answer carries, whatever the operation: x-amz-crc32, the CRC32 of the body
// that botocore and the JS SDK v3 check.
#include "ddb_fixture.hpp"

namespace {

/// CRC-32 (IEEE, reflected, as zlib and gzip), bit by bit: the reference the header must match.
uint32_t reference_crc32(const std::string& data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (const char c : data) {
    crc ^= static_cast<uint8_t>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

}  // namespace

TEST_CASE("the reference CRC32 is the standard one", "[ddb][crc32]") {
  CHECK(reference_crc32("123456789") == 0xCBF43926u);  // the CRC-32 check value
}

TEST_CASE_METHOD(DdbFixture, "x-amz-crc32 is the CRC32 of a success body, in decimal",
                 "[ddb][crc32]") {
  create_table("tbl");
  const auto r = raw("DescribeTable", Json{{"TableName", "tbl"}}.dump());
  REQUIRE(r.status == 200);
  REQUIRE(r.header("x-amz-crc32"));
  CHECK(*r.header("x-amz-crc32") == std::to_string(reference_crc32(r.body)));
}

TEST_CASE_METHOD(DdbFixture, "x-amz-crc32 comes with an error body too", "[ddb][crc32]") {
  for (const auto& [op, body] :
       {std::pair{"DescribeTable", R"({"TableName":"missing"})"},
        std::pair{"NoSuchOperation", "{}"}, std::pair{"PutItem", "not json"}}) {
    const auto r = raw(op, body);
    INFO(op << " -> " << r.status << " " << r.body);
    CHECK(r.status == 400);
    REQUIRE(r.header("x-amz-crc32"));
    CHECK(*r.header("x-amz-crc32") == std::to_string(reference_crc32(r.body)));
  }
}
