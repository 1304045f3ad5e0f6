// parse_http_url: the endpoint URLs a subscriber hands SNS.
#include "http/http_url.hpp"

#include <catch2/catch.hpp>

using ce::host::parse_http_url;

TEST_CASE("http and https URLs split into host, port and target", "[http][url]") {
  auto u = parse_http_url("http://127.0.0.1:8080/hook?x=1");
  REQUIRE(u);
  CHECK_FALSE(u->tls);
  CHECK(u->host == "127.0.0.1");
  CHECK(u->port == 8080);
  CHECK(u->target == "/hook?x=1");

  u = parse_http_url("HTTPS://example.com");
  REQUIRE(u);
  CHECK(u->tls);
  CHECK(u->port == 443);
  CHECK(u->target == "/");

  u = parse_http_url("http://user:pw@host.local?q#frag");
  REQUIRE(u);
  CHECK(u->host == "host.local");
  CHECK(u->port == 80);
  CHECK(u->target == "/?q");

  u = parse_http_url("http://[::1]:9000/a#b");
  REQUIRE(u);
  CHECK(u->host == "::1");
  CHECK(u->port == 9000);
  CHECK(u->target == "/a");
}

TEST_CASE("URLs a client cannot use are refused", "[http][url]") {
  for (const char* bad :
       {"", "ftp://x/", "http://", "http:///path", "http://host:0/", "http://host:65536/",
        "http://host:80x/", "http://ho st/", "http://[::1/", "http://[zz]/", "http://[::1]x/",
        "http://host/a b", "http://host/\r\nX: y", "127.0.0.1:80"}) {
    INFO(bad);
    CHECK_FALSE(parse_http_url(bad));
  }
}
