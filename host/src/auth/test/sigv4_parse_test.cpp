// What parse_auth() recognises and how it refuses malformed authentication.
#include "auth/sigv4_parse.hpp"

#include <catch2/catch.hpp>

#include "auth/credentials.hpp"
#include "test_support.hpp"

using namespace ce::host::auth;
using ce::host::auth::test::OwnedRequest;

namespace {

constexpr auto kSig = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

OwnedRequest header_request(std::string authorization) {
  return OwnedRequest{"GET",
                      "/",
                      "",
                      {{"Host", "localhost"},
                       {"X-Amz-Date", "20250101T000000Z"},
                       {"Authorization", std::move(authorization)}},
                      {}};
}

ParseOutcome parse(OwnedRequest& r) {
  return parse_auth(r.view());
}

}  // namespace

TEST_CASE("a request without credentials is kind none", "[auth][parse]") {
  OwnedRequest r{"GET", "/bucket", "prefix=a", {{"Host", "localhost"}}, {}};
  const ParseOutcome p = parse(r);
  CHECK(p.ok());
  CHECK(p.auth.kind == AuthKind::none);
}

TEST_CASE("Authorization header V4 is split into its parts", "[auth][parse]") {
  OwnedRequest r = header_request(
      "AWS4-HMAC-SHA256 Credential=123456789012/20250101/eu-west-1/sqs/aws4_request, "
      "SignedHeaders=Host;x-amz-date, Signature=" +
      std::string(kSig));
  const ParseOutcome p = parse(r);
  REQUIRE(p.ok());
  CHECK(p.auth.kind == AuthKind::header_v4);
  CHECK(p.auth.access_key_id == "123456789012");
  CHECK(p.auth.region == "eu-west-1");
  CHECK(p.auth.service == "sqs");
  CHECK(p.auth.signed_headers == std::vector<std::string>{"host", "x-amz-date"});
  CHECK(p.auth.credential_scope() == "20250101/eu-west-1/sqs/aws4_request");
  CHECK(account_for_access_key(p.auth.access_key_id) == "123456789012");
}

TEST_CASE("the Date header stands in for X-Amz-Date", "[auth][parse]") {
  OwnedRequest r{"GET",
                 "/",
                 "",
                 {{"Date", "Wed, 01 Jan 2025 10:20:30 GMT"},
                  {"Authorization",
                   "AWS4-HMAC-SHA256 Credential=AK/20250101/us-east-1/s3/aws4_request,"
                   "SignedHeaders=date;host,Signature=" +
                       std::string(kSig)}},
                 {}};
  const ParseOutcome p = parse(r);
  REQUIRE(p.ok());
  CHECK(p.auth.amz_date == "20250101T102030Z");
}

TEST_CASE("missing components: S3 and common wording", "[auth][parse]") {
  OwnedRequest s3 =
      header_request("AWS4-HMAC-SHA256 Credential=AK/20250101/us-east-1/s3/aws4_request");
  ParseOutcome p = parse_auth(s3.view(), ErrorDialect::s3);
  CHECK(p.error.code == "AuthorizationHeaderMalformed");
  CHECK(p.error.http_status == 400);

  OwnedRequest other =
      header_request("AWS4-HMAC-SHA256 Credential=AK/20250101/us-east-1/sqs/aws4_request");
  p = parse_auth(other.view(), ErrorDialect::aws);
  CHECK(p.error.code == "IncompleteSignature");
  CHECK(p.error.message ==
        "Authorization header requires 'Signature' parameter. Authorization header requires "
        "'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 "
        "Credential=AK/20250101/us-east-1/sqs/aws4_request");
}

TEST_CASE("a malformed credential is refused", "[auth][parse]") {
  OwnedRequest r = header_request(
      "AWS4-HMAC-SHA256 Credential=AK/20250101/us-east-1/s3, "
      "SignedHeaders=host, Signature=" +
      std::string(kSig));
  const ParseOutcome p = parse(r);
  CHECK(p.error.code == "AuthorizationHeaderMalformed");
  CHECK(p.error.message ==
        "The authorization header is malformed; the Credential is mal-formed; expecting "
        "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
}

TEST_CASE("the credential date must be the request's date", "[auth][parse]") {
  OwnedRequest r = header_request(
      "AWS4-HMAC-SHA256 Credential=AK/20241231/us-east-1/sqs/aws4_request, "
      "SignedHeaders=host, Signature=" +
      std::string(kSig));
  const ParseOutcome p = parse(r);
  CHECK(p.error.code == "SignatureDoesNotMatch");
  CHECK(p.error.message ==
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
        "HTTP: '20241231' != '20250101', from '20250101T000000Z'.");
}

TEST_CASE("a request without any date is refused", "[auth][parse]") {
  OwnedRequest r{"GET",
                 "/",
                 "",
                 {{"Authorization",
                   "AWS4-HMAC-SHA256 Credential=AK/20250101/us-east-1/s3/aws4_request,"
                   "SignedHeaders=host,Signature=" +
                       std::string(kSig)}},
                 {}};
  const ParseOutcome p = parse(r);
  CHECK(p.error.http_status == 403);
  CHECK(p.error.code == "AccessDenied");
}

TEST_CASE("header and query authentication together are refused", "[auth][parse]") {
  OwnedRequest r = header_request("AWS AKID:c2lnbmF0dXJl");
  r.query = "X-Amz-Algorithm=AWS4-HMAC-SHA256";
  CHECK(parse(r).error.code == "InvalidArgument");
}

TEST_CASE("an unknown Authorization scheme is refused", "[auth][parse]") {
  OwnedRequest r = header_request("Bearer abc");
  const ParseOutcome p = parse(r);
  CHECK(p.error.code == "InvalidArgument");
  CHECK(p.error.message == "Unsupported Authorization Type");
}

TEST_CASE("presigned parameters are checked the way S3 checks them", "[auth][parse][presigned]") {
  const std::string base =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20250101%2Fus-east-1%2Fs3%2Faws4_"
      "request&X-Amz-Date=20250101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=" +
      std::string(kSig);
  OwnedRequest r{"GET", "/b/k", base + "&X-Amz-Expires=604800", {{"Host", "localhost"}}, {}};
  CHECK(parse(r).ok());

  r.query = base + "&X-Amz-Expires=604801";
  CHECK(parse(r).error.code == "AuthorizationQueryParametersError");
  CHECK(parse(r).error.message ==
        "X-Amz-Expires must be less than a week (in seconds) that is 604800");
  r.query = base + "&X-Amz-Expires=-1";
  CHECK(parse(r).error.message == "X-Amz-Expires must be non-negative");
  r.query = base + "&X-Amz-Expires=soon";
  CHECK(parse(r).error.message == "X-Amz-Expires should be a number");
  r.query = base;
  CHECK(parse(r).error.message ==
        "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
        "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
}

TEST_CASE("SigV2 and SigV4a are recognised", "[auth][parse]") {
  OwnedRequest v2 = header_request("AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=");
  ParseOutcome p = parse(v2);
  CHECK(p.auth.kind == AuthKind::header_v2);
  CHECK(p.auth.access_key_id == "AKIAIOSFODNN7EXAMPLE");

  OwnedRequest q{"GET", "/b/k", "AWSAccessKeyId=AKID&Expires=1700000000&Signature=abc%3D", {}, {}};
  p = parse(q);
  CHECK(p.auth.kind == AuthKind::presigned_v2);
  CHECK(p.auth.signature == "abc=");
  CHECK(p.auth.expires == 1700000000);

  OwnedRequest v4a = header_request(
      "AWS4-ECDSA-P256-SHA256 Credential=AKID/20250101/s3/aws4_request, SignedHeaders=host, "
      "Signature=3045");
  p = parse(v4a);
  CHECK(p.auth.kind == AuthKind::header_v4a);
  CHECK(p.auth.access_key_id == "AKID");
  CHECK(p.auth.service == "s3");
}

TEST_CASE("x-amz-content-sha256 values map to payload modes", "[auth][parse]") {
  CHECK(payload_mode_of(std::string(64, 'a')) == PayloadMode::sha256_hex);
  CHECK(payload_mode_of(std::string(63, 'a')) == PayloadMode::invalid);
  CHECK(payload_mode_of("UNSIGNED-PAYLOAD") == PayloadMode::unsigned_payload);
  CHECK(payload_mode_of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD") == PayloadMode::streaming_signed);
  CHECK(payload_mode_of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER") ==
        PayloadMode::streaming_signed_trailer);
  CHECK(payload_mode_of("STREAMING-UNSIGNED-PAYLOAD-TRAILER") ==
        PayloadMode::streaming_unsigned_trailer);
  CHECK(payload_mode_of("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD") ==
        PayloadMode::streaming_ecdsa);
  CHECK(payload_mode_of("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER") ==
        PayloadMode::streaming_ecdsa_trailer);
}

TEST_CASE("account comes from a 12-digit key, else the default account", "[auth][account]") {
  CHECK(account_for_access_key("000011112222") == "000011112222");
  CHECK(account_for_access_key("AKIAIOSFODNN7EXAMPLE") == "000000000000");
  CHECK(account_for_access_key("12345678901") == "000000000000");
  CHECK(account_for_access_key("12345678901a") == "000000000000");
}

TEST_CASE("credentials parse from AKID:SECRET lists", "[auth][credentials]") {
  const auto c = Credentials::parse("test:test, 111122223333:s3cr/t+x ,");
  REQUIRE(c);
  CHECK(c->size() == 2);
  CHECK(c->find("test")->secret == "test");
  CHECK(c->find("111122223333")->account_id == "111122223333");
  std::string error;
  CHECK_FALSE(Credentials::parse("nocolon", &error));
  CHECK(error == "credential 'nocolon' is not AKID:SECRET");
  CHECK_FALSE(Credentials::parse("a:", &error));
}
