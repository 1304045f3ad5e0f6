// The website endpoint on the fake host: index documents, folder redirects, error documents,
// routing rules, RedirectAllRequestsTo, per-object redirects and the HTML error pages.
#include "config_fixture.hpp"

namespace {

constexpr const char* k_site = "site-bucket";
constexpr const char* k_website_host = "site-bucket.s3-website-us-east-1.amazonaws.com";

struct WebsiteFixture : ConfigFixture {
  WebsiteFixture() { make_bucket(k_site); }

  void put(const std::string& key, const std::string& body, ce::testing::HeaderList headers = {}) {
    headers.emplace_back("Content-Type", "text/html");
    REQUIRE(call("PUT", std::string("/") + k_site + "/" + key, body, std::move(headers)).status ==
            200);
  }
  void configure(const std::string& inner) {
    const auto r = call("PUT", std::string("/") + k_site + "?website",
                        "<WebsiteConfiguration>" + inner + "</WebsiteConfiguration>");
    REQUIRE(r.status == 200);
  }
  ce::testing::HttpResponse visit(std::string method, std::string target,
                                  std::string host = k_website_host) {
    return call(std::move(method), std::move(target), {}, {{"Host", std::move(host)}});
  }
};

}  // namespace

TEST_CASE_METHOD(WebsiteFixture, "website: index documents and folder redirects", "[s3][website]") {
  configure("<IndexDocument><Suffix>index.html</Suffix></IndexDocument>");
  put("index.html", "home");
  put("docs/index.html", "docs home");
  put("page.html", "a page");

  auto r = visit("GET", "/");
  CHECK(r.status == 200);
  CHECK(r.body == "home");
  CHECK(r.header("Content-Type") == "text/html");
  CHECK(visit("GET", "/docs/").body == "docs home");
  CHECK(visit("GET", "/page.html").body == "a page");

  // A folder without its slash is redirected to it.
  r = visit("GET", "/docs");
  CHECK(r.status == 302);
  CHECK(r.header("Location") == "/docs/");

  // HEAD answers the headers only.
  r = visit("HEAD", "/page.html");
  CHECK(r.status == 200);
  CHECK(r.body.empty());

  // The same request on the REST endpoint is the plain API.
  CHECK(visit("GET", "/", "site-bucket.s3.amazonaws.com").body.find("<ListBucketResult") !=
        std::string::npos);
}

TEST_CASE_METHOD(WebsiteFixture, "website: errors are HTML, and the error document replaces them",
                 "[s3][website]") {
  configure("<IndexDocument><Suffix>index.html</Suffix></IndexDocument>");
  auto r = visit("GET", "/missing.html");
  CHECK(r.status == 404);
  CHECK(r.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(contains(r.body, "<h1>404 Not Found</h1>"));
  CHECK(contains(r.body, "<li>Code: NoSuchKey</li>"));
  CHECK(contains(r.body, "<li>Key: missing.html</li>"));

  configure(
      "<IndexDocument><Suffix>index.html</Suffix></IndexDocument>"
      "<ErrorDocument><Key>error.html</Key></ErrorDocument>");
  r = visit("GET", "/missing.html");
  CHECK(r.status == 404);
  CHECK(contains(r.body, "An Error Occurred While Attempting to Retrieve a Custom Error Document"));
  put("error.html", "<p>sorry</p>");
  r = visit("GET", "/missing.html");
  CHECK(r.status == 404);
  CHECK(r.body == "<p>sorry</p>");

  // Only GET and HEAD.
  r = visit("PUT", "/x.html");
  CHECK(r.status == 405);
  CHECK(contains(r.body, "<li>Code: MethodNotAllowed</li>"));
}

TEST_CASE_METHOD(WebsiteFixture, "website: a bucket without website or without bucket",
                 "[s3][website]") {
  auto r = visit("GET", "/");
  CHECK(r.status == 404);
  CHECK(contains(r.body, "<li>Code: NoSuchWebsiteConfiguration</li>"));
  CHECK(contains(r.body, "<li>BucketName: site-bucket</li>"));
  r = visit("GET", "/", "no-such-site.s3-website.localhost.localstack.cloud:4566");
  CHECK(r.status == 404);
  CHECK(contains(r.body, "<li>Code: NoSuchBucket</li>"));
  r = visit("HEAD", "/", "no-such-site.s3-website.localhost.localstack.cloud:4566");
  CHECK(r.status == 404);
  CHECK(r.body.empty());
}

TEST_CASE_METHOD(WebsiteFixture, "website: redirects", "[s3][website]") {
  SECTION("every request") {
    configure(
        "<RedirectAllRequestsTo><HostName>example.com</HostName><Protocol>https</Protocol>"
        "</RedirectAllRequestsTo>");
    const auto r = visit("GET", "/a/b.html");
    CHECK(r.status == 301);
    CHECK(r.header("Location") == "https://example.com/a/b.html");
  }
  SECTION("routing rules, by prefix and by error code") {
    configure(
        "<IndexDocument><Suffix>index.html</Suffix></IndexDocument><RoutingRules>"
        "<RoutingRule><Condition><KeyPrefixEquals>old/</KeyPrefixEquals></Condition>"
        "<Redirect><ReplaceKeyPrefixWith>new/</ReplaceKeyPrefixWith></Redirect></RoutingRule>"
        "<RoutingRule><Condition><HttpErrorCodeReturnedEquals>404</HttpErrorCodeReturnedEquals>"
        "</Condition><Redirect><HostName>fallback.example</HostName>"
        "<ReplaceKeyWith>404.html</ReplaceKeyWith><HttpRedirectCode>302</HttpRedirectCode>"
        "</Redirect></RoutingRule></RoutingRules>");
    put("present.html", "here");
    auto r = visit("GET", "/old/page.html");
    CHECK(r.status == 301);
    CHECK(r.header("Location") == std::string("http://") + k_website_host + "/new/page.html");
    r = visit("GET", "/gone.html");
    CHECK(r.status == 302);
    CHECK(r.header("Location") == "http://fallback.example/404.html");
    CHECK(visit("GET", "/present.html").body == "here");
  }
  SECTION("an object's x-amz-website-redirect-location") {
    configure("<IndexDocument><Suffix>index.html</Suffix></IndexDocument>");
    put("moved.html", "", {{"x-amz-website-redirect-location", "/elsewhere.html"}});
    const auto r = visit("GET", "/moved.html");
    CHECK(r.status == 301);
    CHECK(r.header("Location") == "/elsewhere.html");
  }
}
