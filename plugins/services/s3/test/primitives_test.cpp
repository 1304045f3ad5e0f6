// Pure pieces of the S3 plugin: checksums, base64, version ids, ranges, dates, bucket names,
// addressing.
#include <catch2/catch.hpp>

#include "s3_addressing.hpp"
#include "s3_bucket_name.hpp"
#include "s3_checksum.hpp"
#include "s3_list_scan.hpp"
#include "s3_range.hpp"
#include "s3_records.hpp"
#include "s3_time.hpp"

using namespace s3;

namespace {
std::string hex_digest(ChecksumAlgorithm a, std::string_view data) {
  Hasher h(a);
  h.update(data);
  return to_hex(h.digest());
}
}  // namespace

TEST_CASE("CRC checksums match the published check values", "[s3][checksum]") {
  // The "check" value of each CRC catalogue entry is the CRC of the ASCII digits 1-9.
  CHECK(hex_digest(ChecksumAlgorithm::crc32, "123456789") == "cbf43926");
  CHECK(hex_digest(ChecksumAlgorithm::crc32c, "123456789") == "e3069283");
  CHECK(hex_digest(ChecksumAlgorithm::crc64nvme, "123456789") == "ae8b14860a799888");
  CHECK(hex_digest(ChecksumAlgorithm::sha1, "abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(hex_digest(ChecksumAlgorithm::sha256, "abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(to_hex(md5_raw("")) == "d41d8cd98f00b204e9800998ecf8427e");
}

TEST_CASE("CRCs computed in pieces equal the CRC of the whole", "[s3][checksum]") {
  const std::string data(100000, 'x');
  for (const auto a : {ChecksumAlgorithm::crc32, ChecksumAlgorithm::crc32c,
                       ChecksumAlgorithm::crc64nvme, ChecksumAlgorithm::sha256}) {
    Hasher whole(a), pieces(a);
    whole.update(data);
    for (std::size_t i = 0; i < data.size(); i += 777)
      pieces.update(std::string_view(data).substr(i, 777));
    CHECK(whole.digest() == pieces.digest());
  }
}

TEST_CASE("checksum names, headers and sizes", "[s3][checksum]") {
  CHECK(parse_checksum_algorithm("crc64nvme") == ChecksumAlgorithm::crc64nvme);
  CHECK_FALSE(parse_checksum_algorithm("md5"));
  CHECK(checksum_header(ChecksumAlgorithm::crc32c) == "x-amz-checksum-crc32c");
  CHECK(checksum_size(ChecksumAlgorithm::sha1) == 20);
  // A CRC32 of "" is 0: four zero bytes, "AAAAAA==" on the wire.
  CHECK(base64_encode(Hasher(ChecksumAlgorithm::crc32).digest()) == "AAAAAA==");
}

TEST_CASE("base64 decoding accepts only canonical text", "[s3][checksum]") {
  CHECK(base64_decode("aGVsbG8=") == std::optional<std::string>("hello"));
  CHECK(base64_decode("aGVsbA==") == std::optional<std::string>("hell"));
  CHECK_FALSE(base64_decode("aGVsbG8"));   // length not a multiple of 4
  CHECK_FALSE(base64_decode("aGVs*G8="));  // not in the alphabet
  CHECK_FALSE(base64_decode(""));
}

TEST_CASE("version ids round-trip to their sequence and reject others", "[s3][records]") {
  const std::string id = version_id_for(123456789);
  CHECK(id.size() == 32);
  CHECK(seq_of_version_id(id) == std::optional<uint64_t>(123456789));
  CHECK(version_id_for(1) != version_id_for(2));
  std::string forged = id;
  forged[31] = forged[31] == '0' ? '1' : '0';
  CHECK_FALSE(seq_of_version_id(forged));
  CHECK_FALSE(seq_of_version_id("null"));
}

TEST_CASE("newer versions of a key sort first, keys keep byte order", "[s3][records]") {
  CHECK(version_key("b", "k", 2) < version_key("b", "k", 1));
  // "a" < "a/b" < "ab" < "é" (0xC3 0xA9) bytewise, whatever the sequence.
  CHECK(version_key("b", "a", 1) < version_key("b", "a/b", 9));
  CHECK(version_key("b", "a/b", 1) < version_key("b", "ab", 9));
  CHECK(version_key("b", "ab", 1) < version_key("b", "\xC3\xA9", 9));
  const auto [key, seq] = decode_version_key(version_key("bucket", "dir/x y", 42));
  CHECK(key == "dir/x y");
  CHECK(seq == 42);
}

TEST_CASE("Range headers: one byte range or nothing", "[s3][range]") {
  ByteRange r;
  REQUIRE(parse_range("bytes=0-9", 100, r) == RangeParse::ok);
  CHECK((r.first == 0 && r.length == 10));
  REQUIRE(parse_range("bytes=90-", 100, r) == RangeParse::ok);
  CHECK((r.first == 90 && r.length == 10));
  REQUIRE(parse_range("bytes=-10", 100, r) == RangeParse::ok);
  CHECK((r.first == 90 && r.length == 10));
  REQUIRE(parse_range("bytes=-1000", 100, r) == RangeParse::ok);
  CHECK((r.first == 0 && r.length == 100));
  REQUIRE(parse_range("bytes=50-1000", 100, r) == RangeParse::ok);
  CHECK(r.length == 50);
  CHECK(parse_range("bytes=100-", 100, r) == RangeParse::unsatisfiable);
  CHECK(parse_range("bytes=0-", 0, r) == RangeParse::unsatisfiable);
  CHECK(parse_range("bytes=5-1", 100, r) == RangeParse::none);
  CHECK(parse_range("bytes=0-1,5-6", 100, r) == RangeParse::none);
  CHECK(parse_range("items=0-1", 100, r) == RangeParse::none);
}

TEST_CASE("dates in S3's two formats", "[s3][time]") {
  CHECK(iso8601(1700000000123) == "2023-11-14T22:13:20.123Z");
  CHECK(http_date(1700000000123) == "Tue, 14 Nov 2023 22:13:20 GMT");
  CHECK(parse_http_date("Tue, 14 Nov 2023 22:13:20 GMT") == std::optional<int64_t>(1700000000000));
  CHECK(parse_http_date("2023-11-14T22:13:20.123Z") == std::optional<int64_t>(1700000000123));
  CHECK(parse_http_date("Tue Nov 14 22:13:20 2023") == std::optional<int64_t>(1700000000000));
  CHECK_FALSE(parse_http_date("yesterday"));
}

TEST_CASE("bucket naming rules", "[s3][bucket]") {
  CHECK(valid_bucket_name("my-bucket.2026"));
  CHECK_FALSE(valid_bucket_name("ab"));
  CHECK_FALSE(valid_bucket_name(std::string(64, 'a')));
  CHECK_FALSE(valid_bucket_name("My-Bucket"));
  CHECK_FALSE(valid_bucket_name("my..bucket"));
  CHECK_FALSE(valid_bucket_name("-bucket"));
  CHECK_FALSE(valid_bucket_name("192.168.1.1"));
  CHECK_FALSE(valid_bucket_name("xn--bucket"));
  CHECK_FALSE(valid_bucket_name("bucket-s3alias"));
  CHECK_FALSE(valid_bucket_name("under_score"));
}

TEST_CASE("virtual-hosted and path-style addressing", "[s3][addressing]") {
  CHECK(bucket_from_host("my.bucket.s3.localhost.localstack.cloud:4566") ==
        std::optional<std::string>("my.bucket"));
  CHECK(bucket_from_host("bkt.s3.amazonaws.com") == std::optional<std::string>("bkt"));
  CHECK(bucket_from_host("bkt.s3.eu-west-1.amazonaws.com") == std::optional<std::string>("bkt"));
  CHECK(bucket_from_host("bkt.s3-us-west-2.amazonaws.com") == std::optional<std::string>("bkt"));
  CHECK(bucket_from_host("bkt.localhost:4566") == std::optional<std::string>("bkt"));
  CHECK_FALSE(bucket_from_host("localhost:4566"));
  CHECK_FALSE(bucket_from_host("s3.localhost.localstack.cloud:4566"));
  CHECK_FALSE(bucket_from_host("127.0.0.1:4566"));

  auto a = parse_address("localhost", "/bkt/dir/a%20b%2Bc/../d");
  REQUIRE(a);
  CHECK(a->bucket == "bkt");
  CHECK(a->key == "dir/a b+c/../d");  // a name, never a path: ".." stays
  a = parse_address("bkt.s3.amazonaws.com", "//x");
  REQUIRE(a);
  CHECK((a->bucket == "bkt" && a->key == "/x" && a->has_key));
  a = parse_address("localhost", "/bkt/");
  REQUIRE(a);
  CHECK((a->bucket == "bkt" && !a->has_key));
  a = parse_address("localhost", "/");
  REQUIRE(a);
  CHECK(a->bucket.empty());
  CHECK_FALSE(parse_address("localhost", "/bkt/%zz"));
}

TEST_CASE("listings read the fields they show from a stored record", "[s3][records][list]") {
  ObjectVersion v;
  v.version_id = version_id_for(7);
  v.seq = 7;
  v.last_modified_ms = 1700000000123;
  v.owner = "111122223333";
  v.size = 42;
  v.etag = "abc-2";
  v.storage_class = "GLACIER";
  v.checksum = {"CRC32", "AAAAAA==", "FULL_OBJECT"};
  v.inline_body = std::string(100, 'x');
  v.metadata = {{"a", "b"}};
  const ObjectVersion got =
      decode_version_record(ce::encode_record(k_record_version, v), RecordScope::listing);
  CHECK(got.version_id == v.version_id);
  CHECK(got.seq == 7);
  CHECK_FALSE(got.delete_marker);
  CHECK(got.last_modified_ms == v.last_modified_ms);
  CHECK(got.owner == v.owner);
  CHECK(got.size == 42);
  CHECK(got.etag == "abc-2");
  CHECK(got.storage_class == "GLACIER");
  CHECK(got.checksum.value == "AAAAAA==");
  CHECK(got.inline_body.empty());  // not a listing field: never copied
  CHECK_THROWS_AS(decode_version_record(std::string("\x01\x93", 2)), ce::RecordError);
  CHECK_THROWS_AS(decode_version_record(std::string("\x09\x80", 2)), ce::RecordError);
}

TEST_CASE("one-pass decoding agrees with msgpack on every field", "[s3][records]") {
  // Every field set to a non-default value: a field the one-pass decoder forgets breaks this.
  ObjectVersion v;
  v.version_id = version_id_for(9);
  v.seq = 9;
  v.delete_marker = true;
  v.last_modified_ms = 1;
  v.owner = "o";
  v.size = 3;
  v.etag = "e";
  v.inline_body = "abc";
  v.segments = {{std::string(16, '\x01'), 3}};
  v.part_sizes = {1, 2};
  v.part_checksums = {{"CRC32", "AAAAAA==", "FULL_OBJECT"}};
  v.metadata = {{"m", "1"}};
  v.headers = {{"Content-Type", "text/plain"}};
  v.storage_class = "GLACIER";
  v.checksum = {"SHA1", "x", "COMPOSITE"};
  v.tags = {{"t", "v"}};
  v.lock_mode = "GOVERNANCE";
  v.lock_until_ms = 5;
  v.legal_hold = true;
  v.acl = "<AccessControlPolicy/>";
  v.legal_hold_set = true;
  const std::string stored = ce::encode_record(k_record_version, v);
  CHECK(ce::pack(decode_version_record(stored)) == ce::pack(v));
  CHECK(ce::pack(decode_version_record(stored)) ==
        ce::pack(ce::decode_record<ObjectVersion>(stored, k_record_version)));
}
