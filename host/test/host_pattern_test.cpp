#include "routing/host_pattern.hpp"

#include <catch2/catch.hpp>

using ce::host::host_matches;
using ce::host::strip_port;

TEST_CASE("a '*' in a host pattern stands for one or more whole labels", "[routing][host]") {
  CHECK(host_matches("*.s3.*.amazonaws.com", "bucket.s3.eu-west-1.amazonaws.com"));
  CHECK(host_matches("*.s3.*.amazonaws.com", "my.dotted.bucket.s3.eu-west-1.amazonaws.com"));
  CHECK_FALSE(host_matches("*.s3.*.amazonaws.com", "s3.eu-west-1.amazonaws.com"));
  CHECK(
      host_matches("*.s3.localhost.localstack.cloud", "bucket.s3.localhost.localstack.cloud:4566"));
  CHECK_FALSE(host_matches("*.localhost", "localhost:4566"));
  CHECK(host_matches("*.localhost", "Bucket.LOCALHOST"));
  CHECK_FALSE(host_matches("*.localhost", ""));
  CHECK_FALSE(host_matches("*.localhost", "a..localhost"));
}

TEST_CASE("the port is not part of the host", "[routing][host]") {
  CHECK(strip_port("a.b:80") == "a.b");
  CHECK(strip_port("[::1]:4566") == "[::1]");
  CHECK(strip_port("[::1]") == "[::1]");
  CHECK(strip_port("localhost") == "localhost");
}
