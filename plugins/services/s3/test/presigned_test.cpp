// Presigned URL expiry on the fake host (which verifies no signatures): the plugin enforces
// X-Amz-Date + X-Amz-Expires (SigV4) and Expires (SigV2) against the host clock, which starts at
// 1'700'000'000'000 ms = 2023-11-14T22:13:20Z.
#include "config_fixture.hpp"

namespace {

struct PresignedFixture : ConfigFixture {
  PresignedFixture() {
    make_bucket("bkt");
    REQUIRE(call("PUT", "/bkt/k", "data").status == 200);
  }
  static std::string v4(const std::string& date, const std::string& expires) {
    return "/bkt/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F" +
           date.substr(0, 8) + "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=" + date +
           "&X-Amz-Expires=" + expires + "&X-Amz-SignedHeaders=host&X-Amz-Signature=abc";
  }
};

}  // namespace

TEST_CASE_METHOD(PresignedFixture, "SigV4 presigned URLs work until X-Amz-Date + X-Amz-Expires",
                 "[s3][presigned]") {
  const std::string url = v4("20231114T221320Z", "60");
  auto r = call("GET", url);
  CHECK(r.status == 200);
  CHECK(r.body == "data");
  host.advance(60'000);
  CHECK(call("GET", url).status == 200);  // at the expiry itself: still valid
  host.advance(1'000);
  r = call("GET", url);
  CHECK(r.status == 403);
  CHECK(error_code(r) == "AccessDenied");
  CHECK(contains(r.body, "<Message>Request has expired</Message>"));
  CHECK(contains(r.body, "<X-Amz-Expires>60</X-Amz-Expires>"));
  CHECK(contains(r.body, "<Expires>2023-11-14T22:14:20Z</Expires>"));
  CHECK(contains(r.body, "<ServerTime>2023-11-14T22:14:21Z</ServerTime>"));
  // Writes are refused too, before anything is stored.
  CHECK(call("PUT", v4("20231114T221320Z", "60").replace(5, 1, "z"), "x").status == 403);
  CHECK(call("GET", "/bkt/z").status == 404);
}

TEST_CASE_METHOD(PresignedFixture, "X-Amz-Expires over a week or not a number is refused",
                 "[s3][presigned]") {
  auto r = call("GET", v4("20231114T221320Z", "604801"));
  CHECK(r.status == 400);
  CHECK(error_code(r) == "AuthorizationQueryParametersError");
  CHECK(contains(r.body,
                 "X-Amz-Expires must be less than a week (in seconds) that is, the given "
                 "X-Amz-Expires must be less than 604800 seconds"));
  CHECK(call("GET", v4("20231114T221320Z", "604800")).status == 200);
  CHECK(error_code(call("GET", v4("20231114T221320Z", "soon"))) ==
        "AuthorizationQueryParametersError");
  CHECK(error_code(call("GET", v4("2023-11-14", "60"))) == "AuthorizationQueryParametersError");
}

TEST_CASE_METHOD(PresignedFixture, "SigV2 presigned URLs expire at Expires", "[s3][presigned]") {
  const std::string url =
      "/bkt/k?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1700000030&"
      "Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D";
  CHECK(call("GET", url).status == 200);
  host.advance(31'000);
  const auto r = call("GET", url);
  CHECK(r.status == 403);
  CHECK(error_code(r) == "AccessDenied");
  CHECK(contains(r.body, "<Expires>2023-11-14T22:13:50Z</Expires>"));
  CHECK(contains(r.body, "<ServerTime>2023-11-14T22:13:51Z</ServerTime>"));
  CHECK_FALSE(contains(r.body, "X-Amz-Expires"));
  // An Expires parameter alone is not query authentication.
  CHECK(call("GET", "/bkt/k?Expires=1").status == 200);
}
