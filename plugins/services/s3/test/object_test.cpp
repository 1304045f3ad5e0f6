// Object operations on the fake host: put/get/head, ranges, preconditions, digests, aws-chunked
// uploads, versioning and delete markers, copy, delete-objects.
#include "config_fixture.hpp"
#include "s3_checksum.hpp"
#include "s3_records.hpp"

using ce::testing::HttpRequest;

namespace {

struct ObjectFixture : ConfigFixture {
  ObjectFixture() { make_bucket("bkt"); }
  ce::testing::HttpResponse put(const std::string& key, const std::string& body,
                                ce::testing::HeaderList headers = {}) {
    return call("PUT", "/bkt/" + key, body, std::move(headers));
  }
};

std::string b64(const std::string& raw) {
  return s3::base64_encode(raw);
}

std::string crc32_b64(std::string_view data) {
  s3::Hasher h(s3::ChecksumAlgorithm::crc32);
  h.update(data);
  return b64(h.digest());
}

}  // namespace

TEST_CASE_METHOD(ObjectFixture, "PutObject then GetObject returns bytes, ETag and metadata",
                 "[s3][object]") {
  auto r = put("dir/a%20b", "hello", {{"Content-Type", "text/plain"}, {"x-amz-meta-Color", "red"}});
  REQUIRE(r.status == 200);
  CHECK(r.header("ETag") == "\"5d41402abc4b2a76b9719d911017c592\"");
  CHECK(r.header("x-amz-server-side-encryption") == "AES256");
  CHECK_FALSE(r.header("x-amz-version-id"));  // never-versioned bucket

  r = call("GET", "/bkt/dir/a%20b");
  REQUIRE(r.status == 200);
  CHECK(r.body == "hello");
  CHECK(r.header("Content-Type") == "text/plain");
  CHECK(r.header("x-amz-meta-color") == "red");
  CHECK(r.header("Content-Length") == "5");
  CHECK(r.header("Last-Modified").has_value());

  r = call("HEAD", "/bkt/dir/a%20b");
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  CHECK(r.header("Content-Length") == "5");
}

TEST_CASE_METHOD(ObjectFixture, "large bodies are stored as blobs and read back whole",
                 "[s3][object]") {
  std::string body(300 * 1024, '\0');
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>(i * 7);
  REQUIRE(put("big", body).status == 200);
  const auto r = call("GET", "/bkt/big");
  CHECK(r.body == body);
  CHECK(r.header("ETag") == "\"" + s3::to_hex(s3::md5_raw(body)) + "\"");
}

TEST_CASE_METHOD(ObjectFixture, "missing keys and buckets answer NoSuchKey and NoSuchBucket",
                 "[s3][object][errors]") {
  auto r = call("GET", "/bkt/nope");
  CHECK(r.status == 404);
  CHECK(error_code(r) == "NoSuchKey");
  CHECK(contains(r.body, "<Key>nope</Key>"));
  CHECK(contains(r.body, "<RequestId>"));
  r = call("HEAD", "/bkt/nope");
  CHECK(r.status == 404);
  CHECK(r.body.empty());
  r = call("GET", "/nobucket/k");
  CHECK(error_code(r) == "NoSuchBucket");
  CHECK(contains(r.body, "<BucketName>nobucket</BucketName>"));
  r = call("GET", "/bkt/" + std::string(1025, 'k'));
  CHECK(error_code(r) == "KeyTooLongError");
}

TEST_CASE_METHOD(ObjectFixture, "single ranges give 206 with Content-Range; past the end is 416",
                 "[s3][object][range]") {
  put("r", "0123456789");
  auto r = call("GET", "/bkt/r", {}, {{"Range", "bytes=2-4"}});
  CHECK(r.status == 206);
  CHECK(r.body == "234");
  CHECK(r.header("Content-Range") == "bytes 2-4/10");
  r = call("GET", "/bkt/r", {}, {{"Range", "bytes=-3"}});
  CHECK(r.body == "789");
  r = call("GET", "/bkt/r", {}, {{"Range", "bytes=10-"}});
  CHECK(r.status == 416);
  CHECK(error_code(r) == "InvalidRange");
  CHECK(contains(r.body, "<ActualObjectSize>10</ActualObjectSize>"));
  r = call("GET", "/bkt/r", {}, {{"Range", "bytes=0-1,4-5"}});
  CHECK(r.status == 200);  // several ranges: S3 sends the whole object
  CHECK(r.body == "0123456789");
}

TEST_CASE_METHOD(ObjectFixture, "conditional reads answer 304 and 412",
                 "[s3][object][conditions]") {
  const auto etag = *put("c", "x").header("ETag");
  CHECK(call("GET", "/bkt/c", {}, {{"If-Match", etag}}).status == 200);
  auto r = call("GET", "/bkt/c", {}, {{"If-Match", "\"other\""}});
  CHECK(r.status == 412);
  CHECK(contains(r.body, "<Condition>If-Match</Condition>"));
  r = call("GET", "/bkt/c", {}, {{"If-None-Match", etag}});
  CHECK(r.status == 304);
  CHECK(r.body.empty());
  CHECK(
      call("GET", "/bkt/c", {}, {{"If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"}}).status ==
      200);
  CHECK(
      call("GET", "/bkt/c", {}, {{"If-Modified-Since", "Sat, 01 Jan 2101 00:00:00 GMT"}}).status ==
      304);
  CHECK(call("GET", "/bkt/c", {}, {{"If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"}})
            .status == 412);
  // If-Match that holds wins over a failing If-Unmodified-Since (RFC 7232, S3 docs).
  CHECK(call("GET", "/bkt/c", {},
             {{"If-Match", etag}, {"If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"}})
            .status == 200);
}

TEST_CASE_METHOD(ObjectFixture, "conditional writes: If-None-Match * and If-Match",
                 "[s3][object][conditions]") {
  CHECK(put("w", "1", {{"If-None-Match", "*"}}).status == 200);
  auto r = put("w", "2", {{"If-None-Match", "*"}});
  CHECK(r.status == 412);
  CHECK(error_code(r) == "PreconditionFailed");
  CHECK(call("GET", "/bkt/w").body == "1");
  r = put("w", "3", {{"If-Match", "\"nope\""}});
  CHECK(r.status == 412);
  const auto etag = *call("HEAD", "/bkt/w").header("ETag");
  CHECK(put("w", "4", {{"If-Match", etag}}).status == 200);
  CHECK(error_code(put("absent", "x", {{"If-Match", etag}})) == "NoSuchKey");
}

TEST_CASE_METHOD(ObjectFixture, "Content-MD5 and checksum headers are verified",
                 "[s3][object][checksum]") {
  CHECK(put("m", "hello", {{"Content-MD5", b64(s3::md5_raw("hello"))}}).status == 200);
  auto r = put("m", "hello", {{"Content-MD5", b64(s3::md5_raw("other"))}});
  CHECK(error_code(r) == "BadDigest");
  CHECK(error_code(put("m", "hello", {{"Content-MD5", "not-base64"}})) == "InvalidDigest");

  r = put("c", "hello", {{"x-amz-checksum-crc32", crc32_b64("hello")}});
  REQUIRE(r.status == 200);
  CHECK(r.header("x-amz-checksum-crc32") == crc32_b64("hello"));
  r = put("c2", "hello", {{"x-amz-checksum-crc32", crc32_b64("hellO")}});
  CHECK(r.status == 400);
  CHECK(error_code(r) == "BadDigest");
  CHECK(call("GET", "/bkt/c2").status == 404);  // nothing published
  r = call("GET", "/bkt/c", {}, {{"x-amz-checksum-mode", "ENABLED"}});
  CHECK(r.header("x-amz-checksum-crc32") == crc32_b64("hello"));
  CHECK(r.header("x-amz-checksum-type") == "FULL_OBJECT");
  CHECK_FALSE(call("GET", "/bkt/c").header("x-amz-checksum-crc32"));
}

TEST_CASE_METHOD(ObjectFixture, "aws-chunked uploads with a checksum trailer",
                 "[s3][object][chunked]") {
  const std::string data = "hello world";
  const std::string good =
      "6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:" + crc32_b64(data) + "\r\n\r\n";
  const ce::testing::HeaderList headers = {
      {"Content-Encoding", "aws-chunked"},
      {"x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
      {"x-amz-decoded-content-length", std::to_string(data.size())},
      {"x-amz-trailer", "x-amz-checksum-crc32"}};
  auto r = put("t", good, headers);
  REQUIRE(r.status == 200);
  CHECK(r.header("x-amz-checksum-crc32") == crc32_b64(data));
  CHECK(call("GET", "/bkt/t").body == data);

  const std::string bad =
      "6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:" + crc32_b64("other") + "\r\n\r\n";
  CHECK(error_code(put("t2", bad, headers)) == "BadDigest");
  const std::string truncated = "6\r\nhello \r\n";
  CHECK(error_code(put("t3", truncated, headers)) == "IncompleteBody");
}

TEST_CASE_METHOD(ObjectFixture, "versioning keeps every version and delete markers hide keys",
                 "[s3][object][versioning]") {
  put("v", "0");  // the null version, from before versioning
  enable_versioning("bkt");
  const auto v1 = *put("v", "1").header("x-amz-version-id");
  const auto v2 = *put("v", "2").header("x-amz-version-id");
  CHECK(v1 != v2);
  CHECK(call("GET", "/bkt/v").body == "2");
  CHECK(call("GET", "/bkt/v?versionId=" + v1).body == "1");
  CHECK(call("GET", "/bkt/v?versionId=null").body == "0");

  auto r = call("DELETE", "/bkt/v");
  CHECK(r.status == 204);
  CHECK(r.header("x-amz-delete-marker") == "true");
  const auto marker = *r.header("x-amz-version-id");
  r = call("GET", "/bkt/v");
  CHECK(r.status == 404);
  CHECK(r.header("x-amz-delete-marker") == "true");
  r = call("GET", "/bkt/v?versionId=" + marker);
  CHECK(r.status == 405);
  CHECK(error_code(r) == "MethodNotAllowed");
  CHECK(error_code(call("GET", "/bkt/v?versionId=" + s3::version_id_for(1))) == "NoSuchVersion");
  CHECK(error_code(call("GET", "/bkt/v?versionId=garbage")) == "InvalidArgument");

  // Deleting the marker by id brings the key back.
  CHECK(call("DELETE", "/bkt/v?versionId=" + marker).status == 204);
  CHECK(call("GET", "/bkt/v").body == "2");
  // Permanently deleting a version removes only it.
  CHECK(call("DELETE", "/bkt/v?versionId=" + v2).status == 204);
  CHECK(call("GET", "/bkt/v").body == "1");
}

TEST_CASE_METHOD(ObjectFixture, "suspended versioning writes and replaces the null version",
                 "[s3][object][versioning]") {
  enable_versioning("bkt");
  const auto v1 = *put("s", "1").header("x-amz-version-id");
  REQUIRE(call("PUT", "/bkt?versioning",
               "<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>")
              .status == 200);
  CHECK(put("s", "2").header("x-amz-version-id") == "null");
  CHECK(put("s", "3").header("x-amz-version-id") == "null");
  const auto list = call("GET", "/bkt?versions");
  CHECK(contains(list.body, "<VersionId>" + v1 + "</VersionId>"));
  // One null version only: the second suspended write replaced the first.
  const auto first = list.body.find("<VersionId>null</VersionId>");
  REQUIRE(first != std::string::npos);
  CHECK(list.body.find("<VersionId>null</VersionId>", first + 1) == std::string::npos);
  CHECK(call("GET", "/bkt/s").body == "3");
  CHECK(contains(call("GET", "/bkt?versioning").body, "<Status>Suspended</Status>"));
}

TEST_CASE_METHOD(ObjectFixture, "CopyObject copies bytes and metadata, or replaces metadata",
                 "[s3][object][copy]") {
  put("src", "payload", {{"x-amz-meta-a", "1"}, {"Content-Type", "text/x"}});
  auto r = call("PUT", "/bkt/dst", {}, {{"x-amz-copy-source", "/bkt/src"}});
  REQUIRE(r.status == 200);
  CHECK(contains(r.body, "<CopyObjectResult"));
  CHECK(contains(r.body, "<ETag>&quot;" + s3::to_hex(s3::md5_raw("payload")) + "&quot;</ETag>"));
  r = call("GET", "/bkt/dst");
  CHECK(r.body == "payload");
  CHECK(r.header("x-amz-meta-a") == "1");
  CHECK(r.header("Content-Type") == "text/x");

  r = call("PUT", "/bkt/dst", {},
           {{"x-amz-copy-source", "bkt/src"},
            {"x-amz-metadata-directive", "REPLACE"},
            {"x-amz-meta-b", "2"}});
  REQUIRE(r.status == 200);
  r = call("HEAD", "/bkt/dst");
  CHECK_FALSE(r.header("x-amz-meta-a"));
  CHECK(r.header("x-amz-meta-b") == "2");
}

TEST_CASE_METHOD(ObjectFixture, "a copy shares its source's blob and outlives it",
                 "[s3][object][copy]") {
  std::string big(100 * 1024, 'x');
  for (std::size_t i = 0; i < big.size(); i += 97) big[i] = static_cast<char>('a' + i % 26);
  const std::string crc = crc32_b64(big);
  REQUIRE(put("src", big, {{"x-amz-checksum-crc32", crc}}).status == 200);
  auto r = call("PUT", "/bkt/copy1", {},
                {{"x-amz-copy-source", "/bkt/src"}, {"x-amz-checksum-algorithm", "CRC32"}});
  REQUIRE(r.status == 200);
  CHECK(contains(r.body, "<ETag>&quot;" + s3::to_hex(s3::md5_raw(big)) + "&quot;</ETag>"));
  CHECK(contains(r.body, "<ChecksumCRC32>" + crc + "</ChecksumCRC32>"));
  REQUIRE(call("PUT", "/bkt/copy2", {}, {{"x-amz-copy-source", "/bkt/copy1"}}).status == 200);

  // The memory store frees a blob's bytes as soon as it is unlinked: a copy whose blob was
  // released with its source would read nothing.
  REQUIRE(call("DELETE", "/bkt/src").status == 204);
  CHECK(call("GET", "/bkt/copy1").body == big);
  REQUIRE(call("DELETE", "/bkt/copy1").status == 204);
  CHECK(call("GET", "/bkt/copy2").body == big);
  REQUIRE(put("copy2", "overwritten").status == 200);
  CHECK(call("GET", "/bkt/copy2").body == "overwritten");
  CHECK(host.violations().empty());
}

TEST_CASE_METHOD(ObjectFixture, "copying an object onto itself needs a change",
                 "[s3][object][copy]") {
  put("self", "x", {{"x-amz-meta-a", "1"}});
  auto r = call("PUT", "/bkt/self", {}, {{"x-amz-copy-source", "/bkt/self"}});
  CHECK(error_code(r) == "InvalidRequest");
  r = call("PUT", "/bkt/self", {},
           {{"x-amz-copy-source", "/bkt/self"},
            {"x-amz-metadata-directive", "REPLACE"},
            {"x-amz-meta-a", "2"}});
  CHECK(r.status == 200);
  CHECK(call("HEAD", "/bkt/self").header("x-amz-meta-a") == "2");
  CHECK(error_code(call("PUT", "/bkt/x", {}, {{"x-amz-copy-source", "/bkt/missing"}})) ==
        "NoSuchKey");
  CHECK(error_code(call("PUT", "/bkt/x", {},
                        {{"x-amz-copy-source", "/bkt/self"},
                         {"x-amz-copy-source-if-match", "\"no\""}})) == "PreconditionFailed");
}

TEST_CASE_METHOD(ObjectFixture, "DeleteObjects reports each key; quiet mode only errors",
                 "[s3][object][delete]") {
  put("d1", "1");
  put("d2", "2");
  const std::string xml =
      "<Delete><Object><Key>d1</Key></Object><Object><Key>d2</Key></Object>"
      "<Object><Key>never</Key></Object></Delete>";
  auto r = call("POST", "/bkt?delete", xml);
  REQUIRE(r.status == 200);
  CHECK(contains(r.body, "<Deleted><Key>d1</Key></Deleted>"));
  CHECK(contains(r.body, "<Deleted><Key>never</Key></Deleted>"));
  CHECK(call("GET", "/bkt/d1").status == 404);

  r = call("POST", "/bkt?delete",
           "<Delete><Quiet>true</Quiet><Object><Key>x</Key></Object></Delete>");
  CHECK(r.status == 200);
  CHECK_FALSE(contains(r.body, "<Deleted>"));
  CHECK(error_code(call("POST", "/bkt?delete", "<Delete>")) == "MalformedXML");
  CHECK(error_code(call("POST", "/bkt?delete", "<Delete></Delete>")) == "MalformedXML");
}

TEST_CASE_METHOD(ObjectFixture, "an object's bytes are released when it is replaced or deleted",
                 "[s3][object][storage]") {
  put("blob", std::string(100 * 1024, 'a'));
  put("blob", std::string(100 * 1024, 'b'));
  CHECK(call("DELETE", "/bkt/blob").status == 204);
  CHECK(call("DELETE", "/bkt").status == 204);
  CHECK(host.violations().empty());
}

TEST_CASE_METHOD(ConfigFixture, "object lock: default retention applies and protects versions",
                 "[s3][object][lock]") {
  make_bucket("locked", {{"x-amz-bucket-object-lock-enabled", "true"}});
  REQUIRE(call("PUT", "/locked?object-lock",
               "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule>"
               "<DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention>"
               "</Rule></ObjectLockConfiguration>")
              .status == 200);
  const auto put = call("PUT", "/locked/doc", "v1");
  REQUIRE(put.status == 200);
  const auto version = *put.header("x-amz-version-id");
  CHECK(call("HEAD", "/locked/doc").header("x-amz-object-lock-mode") == "GOVERNANCE");
  auto r = call("DELETE", "/locked/doc?versionId=" + version);
  CHECK(r.status == 403);
  CHECK(error_code(r) == "AccessDenied");
  // Governance mode yields to the bypass header; a delete without a version only adds a marker.
  CHECK(call("DELETE", "/locked/doc").status == 204);
  CHECK(call("DELETE", "/locked/doc?versionId=" + version, {},
             {{"x-amz-bypass-governance-retention", "true"}})
            .status == 204);
}

TEST_CASE_METHOD(ObjectFixture, "ACL headers on PutObject follow the bucket's ownership",
                 "[s3][object][acl]") {
  // New buckets enforce bucket-owner ownership: ACLs other than the owner's are refused.
  auto r = put("acl", "x", {{"x-amz-acl", "public-read"}});
  CHECK(r.status == 400);
  CHECK(error_code(r) == "AccessControlListNotSupported");
  CHECK(put("acl", "x", {{"x-amz-acl", "bucket-owner-full-control"}}).status == 200);
}
