// ListObjects v1/v2 and ListObjectVersions: order, prefixes, delimiters, pagination, encoding.
#include <regex>

#include "config_fixture.hpp"

namespace {

struct ListFixture : ConfigFixture {
  ListFixture() { make_bucket("bkt"); }
  void put(const std::string& key) { REQUIRE(call("PUT", "/bkt/" + key, "x").status == 200); }
};

std::vector<std::string> all(const std::string& body, const std::string& element) {
  std::vector<std::string> out;
  const std::regex re("<" + element + ">([^<]*)</" + element + ">");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), re); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1]);
  return out;
}

std::string first(const std::string& body, const std::string& element) {
  const auto v = all(body, element);
  return v.empty() ? std::string() : v.front();
}

}  // namespace

TEST_CASE_METHOD(ListFixture, "keys list in UTF-8 byte order", "[s3][list]") {
  for (const char* k : {"b", "a/b", "%C3%A9", "a", "ab", "A", "a%2Bb"}) put(k);
  const auto r = call("GET", "/bkt?list-type=2");
  REQUIRE(r.status == 200);
  CHECK(all(r.body, "Key") ==
        std::vector<std::string>{"A", "a", "a+b", "a/b", "ab", "b", "\xC3\xA9"});
  CHECK(first(r.body, "KeyCount") == "7");
}

TEST_CASE_METHOD(ListFixture, "prefix and delimiter fold keys into common prefixes", "[s3][list]") {
  for (const char* k : {"photos/2006/jan/1.jpg", "photos/2006/feb/2.jpg", "photos/2007/x.jpg",
                        "photos/index.html", "readme"})
    put(k);
  auto r = call("GET", "/bkt?list-type=2&delimiter=/");
  CHECK(all(r.body, "Key") == std::vector<std::string>{"readme"});
  CHECK(all(r.body, "Prefix") == std::vector<std::string>{"", "photos/"});
  r = call("GET", "/bkt?list-type=2&prefix=photos/&delimiter=/");
  CHECK(all(r.body, "Key") == std::vector<std::string>{"photos/index.html"});
  CHECK(all(r.body, "Prefix") ==
        std::vector<std::string>{"photos/", "photos/2006/", "photos/2007/"});
  r = call("GET", "/bkt?prefix=photos/2006/");  // v1
  CHECK(all(r.body, "Key").size() == 2);
  CHECK(first(r.body, "Marker").empty());
}

TEST_CASE_METHOD(ListFixture, "ListObjectsV2 pages with continuation tokens", "[s3][list]") {
  for (int i = 0; i < 25; ++i) put("k" + std::string(i < 10 ? "0" : "") + std::to_string(i));
  std::vector<std::string> keys;
  std::string token;
  int pages = 0;
  for (;;) {
    auto r = call("GET", "/bkt?list-type=2&max-keys=10" +
                             (token.empty() ? "" : "&continuation-token=" + token));
    REQUIRE(r.status == 200);
    ++pages;
    for (auto& k : all(r.body, "Key")) keys.push_back(k);
    if (first(r.body, "IsTruncated") == "false") break;
    token = first(r.body, "NextContinuationToken");
    REQUIRE(!token.empty());
    // Tokens are base64: escape what a query string cannot carry.
    for (std::size_t p; (p = token.find('=')) != std::string::npos;) token.replace(p, 1, "%3D");
    for (std::size_t p; (p = token.find('+')) != std::string::npos;) token.replace(p, 1, "%2B");
  }
  CHECK(pages == 3);
  REQUIRE(keys.size() == 25);
  CHECK(keys.front() == "k00");
  CHECK(keys.back() == "k24");
  CHECK(first(call("GET", "/bkt?list-type=2&start-after=k22").body, "Key") == "k23");
  CHECK(error_code(call("GET", "/bkt?list-type=2&continuation-token=bad")) == "InvalidArgument");
  CHECK(error_code(call("GET", "/bkt?list-type=2&max-keys=-1")) == "InvalidArgument");
  CHECK(all(call("GET", "/bkt?list-type=2&max-keys=0").body, "Key").empty());
}

TEST_CASE_METHOD(ListFixture, "ListObjects v1 pages by marker; NextMarker with a delimiter",
                 "[s3][list]") {
  for (const char* k : {"a/1", "a/2", "b/1", "c"}) put(k);
  auto r = call("GET", "/bkt?max-keys=2&delimiter=/");
  CHECK(all(r.body, "Prefix") == std::vector<std::string>{"", "a/", "b/"});
  CHECK(first(r.body, "IsTruncated") == "true");
  CHECK(first(r.body, "NextMarker") == "b/");
  r = call("GET", "/bkt?max-keys=2&delimiter=/&marker=b/");
  CHECK(all(r.body, "Key") == std::vector<std::string>{"c"});
  CHECK(first(r.body, "IsTruncated") == "false");
  r = call("GET", "/bkt?max-keys=1");
  CHECK(first(r.body, "IsTruncated") == "true");
  CHECK(r.body.find("<NextMarker>") == std::string::npos);
}

TEST_CASE_METHOD(ListFixture, "encoding-type=url percent-encodes names", "[s3][list]") {
  put("a%20b%2Bc");
  put("ctl%01");
  const auto r = call("GET", "/bkt?list-type=2&encoding-type=url");
  CHECK(all(r.body, "Key") == std::vector<std::string>{"a%20b%2Bc", "ctl%01"});
  CHECK(first(r.body, "EncodingType") == "url");
  CHECK(error_code(call("GET", "/bkt?list-type=2&encoding-type=xml")) == "InvalidArgument");
}

TEST_CASE_METHOD(ListFixture,
                 "ListObjectVersions lists versions newest first and pages inside a key",
                 "[s3][list][versioning]") {
  enable_versioning("bkt");
  put("k");
  put("k");
  put("k");
  put("z");
  REQUIRE(call("DELETE", "/bkt/z").status == 204);
  auto r = call("GET", "/bkt?versions");
  REQUIRE(r.status == 200);
  CHECK(all(r.body, "IsLatest") ==
        std::vector<std::string>{"true", "false", "false", "true", "false"});
  CHECK(contains(r.body, "<DeleteMarker><Key>z</Key>"));
  const auto ids = all(r.body, "VersionId");
  REQUIRE(ids.size() == 5);

  r = call("GET", "/bkt?versions&max-keys=2");
  CHECK(first(r.body, "NextKeyMarker") == "k");
  CHECK(first(r.body, "NextVersionIdMarker") == ids[1]);
  r = call("GET", "/bkt?versions&key-marker=k&version-id-marker=" + ids[1]);
  CHECK(all(r.body, "VersionId") == std::vector<std::string>{ids[2], ids[3], ids[4]});
  CHECK(all(r.body, "IsLatest") == std::vector<std::string>{"false", "true", "false"});
  // The current listing hides the deleted key.
  CHECK(all(call("GET", "/bkt?list-type=2").body, "Key") == std::vector<std::string>{"k"});
}

TEST_CASE_METHOD(ListFixture, "ListBuckets shows the caller's buckets only", "[s3][list][bucket]") {
  make_bucket("other");
  auto r = call("GET", "/");
  CHECK(all(r.body, "Name") == std::vector<std::string>{"bkt", "other"});
  ce::testing::HttpRequest req;
  req.target = "/";
  req.account_id = "111122223333";
  r = host.request("s3", req);
  CHECK(all(r.body, "Name").empty());
  req.method = "PUT";
  req.target = "/bkt";
  CHECK(error_code(host.request("s3", req)) == "BucketAlreadyExists");
  req.method = "GET";
  req.target = "/bkt/anything";
  CHECK(host.request("s3", req).status == 403);
}
