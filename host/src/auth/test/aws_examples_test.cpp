// AWS's own documented SigV4 examples: the IAM ListUsers walk-through of the General Reference
// and the S3 API Reference examples (AKIAIOSFODNN7EXAMPLE). Passing them means we agree with the
// real service, not merely with ourselves.
#include <catch2/catch.hpp>

#include "auth/canonical_request.hpp"
#include "auth/crypto.hpp"
#include "auth/signing.hpp"
#include "auth/sigv4_parse.hpp"
#include "auth/sigv4_verify.hpp"
#include "test_support.hpp"

using namespace ce::host::auth;
using ce::host::auth::test::at;
using ce::host::auth::test::OwnedRequest;

namespace {

constexpr auto kS3Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

Credentials s3_example_credentials() {
  Credentials c;
  c.add("AKIAIOSFODNN7EXAMPLE", kS3Secret);
  return c;
}

VerifyOutcome parse_and_verify(OwnedRequest& r, const Credentials& creds, std::string_view now,
                               std::string_view body_sha = {}) {
  const ParseOutcome parsed = parse_auth(r.view());
  REQUIRE(parsed.ok());
  return verify_request(r.view(), parsed.auth, creds, at(now), body_sha);
}

std::string s3_auth(std::string_view signed_headers, std::string_view signature) {
  return "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
         "SignedHeaders=" +
         std::string(signed_headers) + ",Signature=" + std::string(signature);
}

}  // namespace

TEST_CASE("IAM ListUsers example: canonical request, signing key and signature", "[auth][aws]") {
  OwnedRequest r{"GET",
                 "/",
                 "Action=ListUsers&Version=2010-05-08",
                 {{"Host", "iam.amazonaws.com"},
                  {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                  {"X-Amz-Date", "20150830T123600Z"},
                  {"Authorization",
                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                   "SignedHeaders=content-type;host;x-amz-date, "
                   "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"}},
                 {}};
  const ParseOutcome parsed = parse_auth(r.view());
  REQUIRE(parsed.ok());
  const std::string canonical = canonical_request(r.view(), parsed.auth, kEmptySha256Hex);
  CHECK(canonical ==
        "GET\n/\nAction=ListUsers&Version=2010-05-08\n"
        "content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\n"
        "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n" +
            std::string(kEmptySha256Hex));
  CHECK(sha256_hex(canonical) ==
        "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  const Digest key =
      signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam");
  CHECK(to_hex(key) == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");

  Credentials creds;
  creds.add("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  const VerifyOutcome v = verify_request(r.view(), parsed.auth, creds, at("20150830T123600Z"));
  CHECK(v.result.message == "");
  CHECK(v.ok());
  CHECK(v.account_id == "000000000000");
}

TEST_CASE("S3 example: GET object with Range", "[auth][aws][s3]") {
  OwnedRequest r{"GET",
                 "/test.txt",
                 "",
                 {{"Host", "examplebucket.s3.amazonaws.com"},
                  {"Range", "bytes=0-9"},
                  {"x-amz-content-sha256", std::string(kEmptySha256Hex)},
                  {"x-amz-date", "20130524T000000Z"},
                  {"Authorization",
                   s3_auth("host;range;x-amz-content-sha256;x-amz-date",
                           "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")}},
                 {}};
  CHECK(parse_and_verify(r, s3_example_credentials(), "20130524T000500Z").ok());
}

TEST_CASE("S3 example: PUT object with Date header and an encoded '$' in the key",
          "[auth][aws][s3]") {
  OwnedRequest r{
      "PUT",
      "/test%24file.text",
      "",
      {{"Host", "examplebucket.s3.amazonaws.com"},
       {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
       {"x-amz-date", "20130524T000000Z"},
       {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
       {"x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"},
       {"Authorization",
        s3_auth("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")}},
      {}};
  CHECK(sha256_hex("Welcome to Amazon S3.") ==
        "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  CHECK(parse_and_verify(r, s3_example_credentials(), "20130524T000000Z").ok());
}

TEST_CASE("S3 example: GET bucket lifecycle (valueless query parameter)", "[auth][aws][s3]") {
  OwnedRequest r{"GET",
                 "/",
                 "lifecycle",
                 {{"Host", "examplebucket.s3.amazonaws.com"},
                  {"x-amz-date", "20130524T000000Z"},
                  {"x-amz-content-sha256", std::string(kEmptySha256Hex)},
                  {"Authorization",
                   s3_auth("host;x-amz-content-sha256;x-amz-date",
                           "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")}},
                 {}};
  CHECK(parse_and_verify(r, s3_example_credentials(), "20130524T000000Z").ok());
}

TEST_CASE("S3 example: list objects with query parameters out of order", "[auth][aws][s3]") {
  OwnedRequest r{"GET",
                 "/",
                 "max-keys=2&prefix=J",
                 {{"Host", "examplebucket.s3.amazonaws.com"},
                  {"x-amz-date", "20130524T000000Z"},
                  {"x-amz-content-sha256", std::string(kEmptySha256Hex)},
                  {"Authorization",
                   s3_auth("host;x-amz-content-sha256;x-amz-date",
                           "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")}},
                 {}};
  CHECK(parse_and_verify(r, s3_example_credentials(), "20130524T000000Z").ok());
}

TEST_CASE("S3 example: presigned GET URL valid for a day", "[auth][aws][s3][presigned]") {
  OwnedRequest r{
      "GET",
      "/test.txt",
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%"
      "2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-"
      "Amz-SignedHeaders=host&X-Amz-Signature="
      "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
      {{"Host", "examplebucket.s3.amazonaws.com"}},
      {}};
  const ParseOutcome parsed = parse_auth(r.view());
  REQUIRE(parsed.ok());
  CHECK(parsed.auth.kind == AuthKind::presigned_v4);
  CHECK(parsed.auth.expires == 86400);
  const Credentials creds = s3_example_credentials();
  CHECK(verify_request(r.view(), parsed.auth, creds, at("20130524T230000Z")).ok());

  const VerifyOutcome late = verify_request(r.view(), parsed.auth, creds, at("20130525T000001Z"));
  CHECK(late.result.http_status == 403);
  CHECK(late.result.code == "AccessDenied");
  CHECK(late.result.message == "Request has expired");
}

TEST_CASE("S3 example: chunked upload seed signature", "[auth][aws][s3][chunked]") {
  OwnedRequest r{"PUT",
                 "/examplebucket/chunkObject.txt",
                 "",
                 {{"Host", "s3.amazonaws.com"},
                  {"x-amz-date", "20130524T000000Z"},
                  {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
                  {"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"},
                  {"Content-Encoding", "aws-chunked"},
                  {"x-amz-decoded-content-length", "66560"},
                  {"Content-Length", "66824"},
                  {"Authorization",
                   s3_auth("content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                           "x-amz-decoded-content-length;x-amz-storage-class",
                           "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")}},
                 {}};
  const ParseOutcome parsed = parse_auth(r.view());
  REQUIRE(parsed.ok());
  CHECK(parsed.auth.payload_mode == PayloadMode::streaming_signed);
  CHECK(
      verify_request(r.view(), parsed.auth, s3_example_credentials(), at("20130524T000000Z")).ok());
}
