// verify_request() policy: who, when, and the exact error AWS gives for each refusal.
#include "auth/sigv4_verify.hpp"

#include <catch2/catch.hpp>

#include "auth/canonical_request.hpp"
#include "auth/signing.hpp"
#include "auth/sigv4_parse.hpp"
#include "test_support.hpp"

using namespace ce::host::auth;
using ce::host::auth::test::at;
using ce::host::auth::test::OwnedRequest;

namespace {

// A request signed here (the AWS and botocore vectors prove the signer; these tests are about
// the policy around it).
OwnedRequest signed_request(std::string_view service, std::string_view akid = "AKID",
                            std::string_view secret = "SECRET",
                            std::string_view amz_date = "20250101T120000Z") {
  OwnedRequest r{"GET",
                 "/path",
                 "a=1",
                 {{"Host", "localhost:4566"},
                  {"X-Amz-Date", std::string(amz_date)},
                  {"x-amz-content-sha256", std::string(kEmptySha256Hex)}},
                 {}};
  ParsedAuth a;
  a.kind = AuthKind::header_v4;
  a.access_key_id = akid;
  a.amz_date = amz_date;
  a.scope_date = amz_date.substr(0, 8);
  a.region = "us-east-1";
  a.service = service;
  a.signed_headers = {"host", "x-amz-content-sha256", "x-amz-date"};
  const Digest key = signing_key(secret, a.scope_date, a.region, a.service);
  const std::string sig =
      sign(key, string_to_sign(a.amz_date, a.credential_scope(),
                               canonical_request(r.view(), a, kEmptySha256Hex)));
  r.set_header("Authorization", "AWS4-HMAC-SHA256 Credential=" + std::string(akid) + "/" +
                                    a.credential_scope() +
                                    ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                                    "Signature=" +
                                    sig);
  return r;
}

VerifyOutcome verify_at(OwnedRequest& r, std::string_view now,
                        std::string_view creds = "AKID:SECRET") {
  const ParseOutcome parsed = parse_auth(r.view());
  REQUIRE(parsed.ok());
  return verify_request(r.view(), parsed.auth, *Credentials::parse(creds), at(now));
}

}  // namespace

TEST_CASE("a correctly signed request verifies and names its account", "[auth][verify]") {
  OwnedRequest r = signed_request("sqs", "111122223333");
  const VerifyOutcome v = verify_at(r, "20250101T120000Z", "111122223333:SECRET");
  CHECK(v.ok());
  CHECK(v.account_id == "111122223333");
}

TEST_CASE("unknown access key: S3 and common wording", "[auth][verify]") {
  OwnedRequest s3 = signed_request("s3", "NOBODY");
  VerifyOutcome v = verify_at(s3, "20250101T120000Z");
  CHECK(v.result.http_status == 403);
  CHECK(v.result.code == "InvalidAccessKeyId");
  CHECK(v.result.message == "The AWS Access Key Id you provided does not exist in our records.");

  OwnedRequest sqs = signed_request("sqs", "NOBODY");
  v = verify_at(sqs, "20250101T120000Z");
  CHECK(v.result.http_status == 403);
  CHECK(v.result.code == "UnrecognizedClientException");
  CHECK(v.result.message == "The security token included in the request is invalid.");
}

TEST_CASE("a wrong secret is SignatureDoesNotMatch", "[auth][verify]") {
  OwnedRequest s3 = signed_request("s3", "AKID", "OTHER");
  const VerifyOutcome v = verify_at(s3, "20250101T120000Z");
  CHECK(v.result.http_status == 403);
  CHECK(v.result.code == "SignatureDoesNotMatch");
  CHECK(v.result.message ==
        "The request signature we calculated does not match the signature you provided. Check "
        "your key and signing method.");
}

TEST_CASE("15 minutes of clock skew are allowed, not more", "[auth][verify]") {
  OwnedRequest s3 = signed_request("s3");
  CHECK(verify_at(s3, "20250101T121500Z").ok());
  CHECK(verify_at(s3, "20250101T114500Z").ok());
  const VerifyOutcome late = verify_at(s3, "20250101T121501Z");
  CHECK(late.result.http_status == 403);
  CHECK(late.result.code == "RequestTimeTooSkewed");
  CHECK(late.result.message ==
        "The difference between the request time and the current time is too large.");
}

TEST_CASE("skew outside S3 is InvalidSignatureException with AWS's wording", "[auth][verify]") {
  OwnedRequest sqs = signed_request("sqs");
  VerifyOutcome v = verify_at(sqs, "20250101T123000Z");
  CHECK(v.result.code == "InvalidSignatureException");
  CHECK(v.result.message ==
        "Signature expired: 20250101T120000Z is now earlier than 20250101T121500Z "
        "(20250101T123000Z - 15 min.)");
  v = verify_at(sqs, "20250101T113000Z");
  CHECK(v.result.message ==
        "Signature not yet current: 20250101T120000Z is still later than 20250101T114500Z "
        "(20250101T113000Z + 15 min.)");
}

TEST_CASE("S3 header auth needs x-amz-content-sha256", "[auth][verify][s3]") {
  OwnedRequest s3 = signed_request("s3");
  s3.headers.erase(s3.headers.begin() + 2);
  VerifyOutcome v = verify_at(s3, "20250101T120000Z");
  CHECK(v.result.code == "InvalidRequest");
  CHECK(v.result.message == "Missing required header for this request: x-amz-content-sha256");
  s3.set_header("x-amz-content-sha256", "not-a-hash");
  v = verify_at(s3, "20250101T120000Z");
  CHECK(v.result.code == "InvalidArgument");
}

TEST_CASE("temporary keys must come with their session token", "[auth][verify]") {
  OwnedRequest r = signed_request("sqs");
  Credentials creds;
  creds.add("AKID", "SECRET", "444455556666", "TOKEN");
  ParseOutcome parsed = parse_auth(r.view());
  VerifyOutcome v = verify_request(r.view(), parsed.auth, creds, at("20250101T120000Z"));
  CHECK(v.result.code == "UnrecognizedClientException");

  parsed.auth.security_token = "TOKEN";  // as if sent (and signed) in X-Amz-Security-Token
  v = verify_request(r.view(), parsed.auth, creds, at("20250101T120000Z"));
  CHECK(v.ok());
  CHECK(v.account_id == "444455556666");
}

TEST_CASE("anonymous requests are refused by verify", "[auth][verify]") {
  OwnedRequest r{"GET", "/", "", {{"Host", "h"}}, {}};
  const ParseOutcome parsed = parse_auth(r.view());
  const VerifyOutcome v =
      verify_request(r.view(), parsed.auth, Credentials{}, at("20250101T120000Z"));
  CHECK(v.result.http_status == 403);
}

TEST_CASE("SigV2 with a known key is accepted without a signature check", "[auth][verify]") {
  OwnedRequest r{"GET", "/b", "", {{"Authorization", "AWS AKID:c2ln"}}, {}};
  const VerifyOutcome v = verify_at(r, "20250101T120000Z");
  CHECK(v.ok());
  CHECK_FALSE(v.signature_checked);
}
