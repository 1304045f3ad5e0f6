// Requests signed by botocore (scripts/gen_sigv4_vectors.py): every one must verify, and must
// stop verifying when one signed thing changes.
#include <catch2/catch.hpp>

#include "auth/sigv4_parse.hpp"
#include "auth/sigv4_verify.hpp"
#include "test_support.hpp"

using namespace ce::host::auth;
using ce::host::auth::test::at;
using ce::host::auth::test::OwnedRequest;

namespace {

struct Vector {
  const char* name;
  const char* service;
  const char* method;
  const char* path;
  const char* query;
  const char* body_sha256;
  std::vector<std::pair<std::string, std::string>> headers;
};

const std::vector<Vector>& vectors() {
  static const std::vector<Vector> v = {
#include "botocore_vectors.inc"
  };
  return v;
}

Credentials botocore_credentials() {
  Credentials c;
  c.add("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  return c;
}

VerifyOutcome check(OwnedRequest& r, const char* body_sha) {
  const ParseOutcome parsed = parse_auth(r.view());
  REQUIRE(parsed.ok());
  return verify_request(r.view(), parsed.auth, botocore_credentials(), at("20250101T123100Z"),
                        body_sha);
}

}  // namespace

TEST_CASE("botocore-signed requests verify", "[auth][botocore]") {
  REQUIRE(vectors().size() >= 12);
  for (const Vector& v : vectors()) {
    INFO(v.name);
    OwnedRequest r{v.method, v.path, v.query, v.headers, {}};
    const ParseOutcome parsed = parse_auth(r.view());
    REQUIRE(parsed.ok());
    CHECK(parsed.auth.service == v.service);
    const VerifyOutcome outcome = check(r, v.body_sha256);
    CHECK(outcome.result.code == "");
    CHECK(outcome.ok());
    CHECK(outcome.signature_checked);
  }
}

TEST_CASE("botocore-signed requests fail once the method or path changes", "[auth][botocore]") {
  for (const Vector& v : vectors()) {
    INFO(v.name);
    OwnedRequest r{v.method, v.path, v.query, v.headers, {}};
    r.method = r.method == "GET" ? "DELETE" : "GET";
    CHECK(check(r, v.body_sha256).result.code == "SignatureDoesNotMatch");
    r.method = v.method;
    r.path += "x";
    CHECK(check(r, v.body_sha256).result.code == "SignatureDoesNotMatch");
  }
}

TEST_CASE("botocore-signed non-S3 requests fail when the body hash differs", "[auth][botocore]") {
  for (const Vector& v : vectors()) {
    if (std::string_view(v.service) == "s3" ||
        std::string_view(v.query).find("X-Amz-") != std::string_view::npos) {
      continue;  // S3 signs x-amz-content-sha256; presigned URLs sign no body
    }
    INFO(v.name);
    OwnedRequest r{v.method, v.path, v.query, v.headers, {}};
    CHECK(
        check(r, "0000000000000000000000000000000000000000000000000000000000000000").result.code ==
        "SignatureDoesNotMatch");
  }
}
