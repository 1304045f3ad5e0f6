// The canonicalisation rules one at a time (the AWS and botocore vectors cover them together).
#include "auth/canonical_request.hpp"

#include <catch2/catch.hpp>

using namespace ce::host::auth;

TEST_CASE("uri_encode keeps only RFC 3986 unreserved characters", "[auth][canonical]") {
  CHECK(uri_encode("AZaz09-._~", false) == "AZaz09-._~");
  CHECK(uri_encode("a b+c/d=e*", false) == "a%20b%2Bc%2Fd%3De%2A");
  CHECK(uri_encode("a b/c", true) == "a%20b/c");
  CHECK(uri_encode("\xC3\xA9", false) == "%C3%A9");
}

TEST_CASE("percent_decode leaves broken escapes alone", "[auth][canonical]") {
  CHECK(percent_decode("a%2Fb%2fc") == "a/b/c");
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz%4") == "%zz%4");
  CHECK(percent_decode("a+b") == "a+b");
}

TEST_CASE("S3 canonical URI is the path as sent", "[auth][canonical][s3]") {
  CHECK(canonical_uri("/bucket/a%20b//c/../d", "s3") == "/bucket/a%20b//c/../d");
  CHECK(canonical_uri("", "s3") == "/");
}

TEST_CASE("non-S3 canonical URI is normalised and encoded a second time", "[auth][canonical]") {
  CHECK(canonical_uri("/a/./b/../c//d/", "lambda") == "/a/c/d/");
  CHECK(canonical_uri("/fn/my%3Afn", "lambda") == "/fn/my%253Afn");
  CHECK(canonical_uri("/documents and settings/", "execute-api") == "/documents%20and%20settings/");
  CHECK(canonical_uri("", "sqs") == "/");
  CHECK(canonical_uri("/..", "sqs") == "/");
}

TEST_CASE("canonical query sorts by encoded name then value and re-encodes", "[auth][canonical]") {
  CHECK(canonical_query("b=2&a=1&a=0&c", false) == "a=0&a=1&b=2&c=");
  CHECK(canonical_query("k=a%20b&k2=a+b&%7Ex=%7e", false) == "k=a%20b&k2=a%2Bb&~x=~");
  CHECK(canonical_query("X-Amz-Signature=abc&X-Amz-Date=1", true) == "X-Amz-Date=1");
  CHECK(canonical_query("X-Amz-Signature=abc", false) == "X-Amz-Signature=abc");
  CHECK(canonical_query("", false) == "");
  CHECK(canonical_query("&&a=1&", false) == "a=1");
}

TEST_CASE("canonical headers lowercase, fold whitespace and join repeats", "[auth][canonical]") {
  const std::vector<HeaderView> headers = {{"Host", "example.com"},
                                           {"X-Amz-Meta-A", "  one   two\t three "},
                                           {"x-amz-meta-a", "four"},
                                           {"Unsigned", "x"}};
  CHECK(canonical_headers(headers, {"x-amz-meta-a", "host"}) ==
        "host:example.com\nx-amz-meta-a:one two three,four\n");
}
