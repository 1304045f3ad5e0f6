// Lifecycle rules acted on by the sweeper on the host clock, and CORS preflight/actual requests.
#include "config_fixture.hpp"
#include "s3_cors.hpp"
#include "s3_lifecycle.hpp"

namespace {

constexpr int64_t k_day = 86400 * 1000;

struct SweepFixture : ConfigFixture {
  SweepFixture() { make_bucket("bkt"); }
  void put(const std::string& key, const std::string& body = "x") {
    REQUIRE(call("PUT", "/bkt/" + key, body).status == 200);
  }
  void lifecycle(const std::string& rules) {
    REQUIRE(call("PUT", "/bkt?lifecycle",
                 "<LifecycleConfiguration>" + rules + "</LifecycleConfiguration>")
                .status == 200);
  }
  void days(int64_t n) { host.advance(n * k_day); }
};

}  // namespace

TEST_CASE("lifecycle actions fall due at the midnight UTC after the age", "[s3][lifecycle]") {
  // 2023-11-14T22:13:20Z + 1 day = 2023-11-15T22:13:20Z -> due 2023-11-16T00:00:00Z.
  CHECK(s3::due_at(1700000000000, 1) == 1700092800000);
  CHECK(s3::due_at(1700092800000, 0) == 1700179200000);
}

TEST_CASE_METHOD(SweepFixture, "expiration by days deletes matching current objects",
                 "[s3][lifecycle]") {
  lifecycle(
      "<Rule><ID>logs</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>"
      "<Expiration><Days>1</Days></Expiration></Rule>");
  put("logs/a");
  put("keep/b");
  days(1);  // not yet: due at the midnight after one full day
  CHECK(call("GET", "/bkt/logs/a").status == 200);
  days(1);
  CHECK(call("GET", "/bkt/logs/a").status == 404);
  CHECK(call("GET", "/bkt/keep/b").status == 200);
}

TEST_CASE_METHOD(SweepFixture, "disabled rules and unmatched tags do nothing", "[s3][lifecycle]") {
  lifecycle(
      "<Rule><Filter><Prefix></Prefix></Filter><Status>Disabled</Status>"
      "<Expiration><Days>1</Days></Expiration></Rule>"
      "<Rule><Filter><Tag><Key>t</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>"
      "<Expiration><Days>1</Days></Expiration></Rule>");
  put("a");
  REQUIRE(call("PUT", "/bkt/tagged", "x", {{"x-amz-tagging", "t=v"}}).status == 200);
  days(3);
  CHECK(call("GET", "/bkt/a").status == 200);
  CHECK(call("GET", "/bkt/tagged").status == 404);
}

TEST_CASE_METHOD(SweepFixture, "versioned buckets get a delete marker, then noncurrent expiry",
                 "[s3][lifecycle][versioning]") {
  enable_versioning("bkt");
  lifecycle(
      "<Rule><Filter/><Status>Enabled</Status><Expiration><Days>2</Days></Expiration>"
      "<NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays>"
      "</NoncurrentVersionExpiration></Rule>");
  put("k", "1");
  days(3);
  auto r = call("GET", "/bkt/k");
  CHECK(r.status == 404);
  CHECK(r.header("x-amz-delete-marker") == "true");
  CHECK(contains(call("GET", "/bkt?versions").body, "<Version>"));
  days(2);  // the old version has been noncurrent for more than a day
  CHECK_FALSE(contains(call("GET", "/bkt?versions").body, "<Version>"));
}

TEST_CASE_METHOD(SweepFixture, "incomplete multipart uploads are aborted", "[s3][lifecycle]") {
  lifecycle(
      "<Rule><Filter/><Status>Enabled</Status><AbortIncompleteMultipartUpload>"
      "<DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>");
  const auto created = call("POST", "/bkt/big?uploads");
  REQUIRE(created.status == 200);
  CHECK(contains(call("GET", "/bkt?uploads").body, "<Upload>"));
  days(2);
  CHECK_FALSE(contains(call("GET", "/bkt?uploads").body, "<Upload>"));
}

TEST_CASE("CORS origins match with one wildcard, headers case-insensitively", "[s3][cors]") {
  CHECK(s3::wildcard_match("http://*.example.com", "http://www.example.com", false));
  CHECK_FALSE(s3::wildcard_match("http://*.example.com", "http://example.org", false));
  CHECK(s3::wildcard_match("*", "anything", false));
  CHECK(s3::wildcard_match("x-amz-*", "X-Amz-Date", true));
  CHECK_FALSE(s3::wildcard_match("x-amz-*", "content-type", true));
}

TEST_CASE_METHOD(SweepFixture, "CORS preflight and actual requests follow the bucket's rules",
                 "[s3][cors]") {
  auto r = call("OPTIONS", "/bkt/k", {},
                {{"Origin", "http://app.example.com"}, {"Access-Control-Request-Method", "PUT"}});
  CHECK(r.status == 403);
  CHECK(error_code(r) == "AccessForbidden");

  REQUIRE(call("PUT", "/bkt?cors",
               "<CORSConfiguration><CORSRule><AllowedOrigin>http://*.example.com</AllowedOrigin>"
               "<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>"
               "<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>"
               "<MaxAgeSeconds>300</MaxAgeSeconds></CORSRule></CORSConfiguration>")
              .status == 200);
  r = call("OPTIONS", "/bkt/k", {},
           {{"Origin", "http://app.example.com"},
            {"Access-Control-Request-Method", "PUT"},
            {"Access-Control-Request-Headers", "content-type, x-amz-date"}});
  CHECK(r.status == 200);
  CHECK(r.header("Access-Control-Allow-Origin") == "http://app.example.com");
  CHECK(r.header("Access-Control-Allow-Methods") == "GET, PUT");
  CHECK(r.header("Access-Control-Allow-Headers") == "content-type, x-amz-date");
  CHECK(r.header("Access-Control-Max-Age") == "300");

  CHECK(call("OPTIONS", "/bkt/k", {},
             {{"Origin", "http://evil.org"}, {"Access-Control-Request-Method", "GET"}})
            .status == 403);
  CHECK(call("OPTIONS", "/bkt/k", {},
             {{"Origin", "http://app.example.com"}, {"Access-Control-Request-Method", "DELETE"}})
            .status == 403);
  CHECK(call("OPTIONS", "/bkt/k", {}, {{"Access-Control-Request-Method", "GET"}}).status == 400);

  put("k");
  r = call("GET", "/bkt/k", {}, {{"Origin", "http://app.example.com"}});
  CHECK(r.header("Access-Control-Allow-Origin") == "http://app.example.com");
  CHECK(r.header("Access-Control-Expose-Headers") == "ETag");
  CHECK_FALSE(call("GET", "/bkt/k", {}, {{"Origin", "http://evil.org"}})
                  .header("Access-Control-Allow-Origin"));
  // Errors carry the headers too, so browsers can read them.
  CHECK(call("GET", "/bkt/missing", {}, {{"Origin", "http://app.example.com"}})
            .header("Access-Control-Allow-Origin") == "http://app.example.com");
}
