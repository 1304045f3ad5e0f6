// Bucket and object tagging on the fake host.
#include "config_fixture.hpp"

namespace {

std::string tagging(const std::vector<std::pair<std::string, std::string>>& tags) {
  std::string out = "<Tagging><TagSet>";
  for (const auto& [k, v] : tags) out += "<Tag><Key>" + k + "</Key><Value>" + v + "</Value></Tag>";
  return out + "</TagSet></Tagging>";
}

std::vector<std::pair<std::string, std::string>> numbered(int n) {
  std::vector<std::pair<std::string, std::string>> tags;
  for (int i = 0; i < n; ++i) tags.emplace_back("k" + std::to_string(i), "v");
  return tags;
}

}  // namespace

TEST_CASE_METHOD(ConfigFixture, "bucket tagging round trip and NoSuchTagSet", "[config][tagging]") {
  make_bucket("bkt");
  const auto none = call("GET", "/bkt?tagging");
  REQUIRE(none.status == 404);
  REQUIRE(error_code(none) == "NoSuchTagSet");
  REQUIRE(contains(none.body, "<Message>The TagSet does not exist</Message>"));

  REQUIRE(call("PUT", "/bkt?tagging", tagging({{"env", "dev"}, {"team", "a & b"}})).status == 204);
  const auto get = call("GET", "/bkt?tagging");
  REQUIRE(get.status == 200);
  REQUIRE(get.body ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>"
          "<Tag><Key>env</Key><Value>dev</Value></Tag>"
          "<Tag><Key>team</Key><Value>a &amp; b</Value></Tag></TagSet></Tagging>");
  REQUIRE(call("DELETE", "/bkt?tagging").status == 204);
  REQUIRE(error_code(call("GET", "/bkt?tagging")) == "NoSuchTagSet");
  REQUIRE(error_code(call("PUT", "/nope?tagging", tagging({{"a", "b"}}))) == "NoSuchBucket");
}

TEST_CASE_METHOD(ConfigFixture, "tag validation", "[config][tagging]") {
  make_bucket("bkt");
  REQUIRE(call("PUT", "/bkt?tagging", tagging(numbered(50))).status == 204);
  REQUIRE(error_code(call("PUT", "/bkt?tagging", tagging(numbered(51)))) == "InvalidTag");
  REQUIRE(error_code(call("PUT", "/bkt?tagging", tagging({{"a", "1"}, {"a", "2"}}))) ==
          "InvalidTag");
  REQUIRE(error_code(call("PUT", "/bkt?tagging", tagging({{std::string(129, 'k'), "v"}}))) ==
          "InvalidTag");
  REQUIRE(error_code(call("PUT", "/bkt?tagging", tagging({{"k", std::string(257, 'v')}}))) ==
          "InvalidTag");
  // Limits count characters: 128 two-byte characters are fine.
  std::string wide;
  for (int i = 0; i < 128; ++i) wide += "\xC3\xA9";
  REQUIRE(call("PUT", "/bkt?tagging", tagging({{wide, "v"}})).status == 204);
  REQUIRE(error_code(call("PUT", "/bkt?tagging", tagging({{"aws:cloudformation", "v"}}))) ==
          "InvalidTag");
  REQUIRE(error_code(call("PUT", "/bkt?tagging", "<Tagging/>")) == "MalformedXML");
  REQUIRE(error_code(call("PUT", "/bkt?tagging",
                          "<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>")) ==
          "MalformedXML");

  REQUIRE(call("PUT", "/bkt/o", "x").status == 200);
  REQUIRE(call("PUT", "/bkt/o?tagging", tagging(numbered(10))).status == 200);
  REQUIRE(call("PUT", "/bkt/o?tagging", tagging(numbered(11))).status == 400);
}

TEST_CASE_METHOD(ConfigFixture, "object tagging round trip", "[config][tagging]") {
  make_bucket("bkt");
  REQUIRE(error_code(call("GET", "/bkt/missing?tagging")) == "NoSuchKey");
  REQUIRE(call("PUT", "/bkt/o", "x").status == 200);
  const auto empty = call("GET", "/bkt/o?tagging");
  REQUIRE(empty.status == 200);
  REQUIRE(contains(empty.body, "<TagSet></TagSet>"));
  REQUIRE_FALSE(empty.header("x-amz-version-id").has_value());

  REQUIRE(call("PUT", "/bkt/o?tagging", tagging({{"color", "blue"}})).status == 200);
  REQUIRE(contains(call("GET", "/bkt/o?tagging").body,
                   "<Tag><Key>color</Key><Value>blue</Value></Tag>"));
  // The object's bytes are untouched.
  REQUIRE(call("GET", "/bkt/o").body == "x");
  REQUIRE(call("DELETE", "/bkt/o?tagging").status == 204);
  REQUIRE(contains(call("GET", "/bkt/o?tagging").body, "<TagSet></TagSet>"));
  REQUIRE(host.violations().empty());
}

TEST_CASE_METHOD(ConfigFixture, "object tagging addresses versions", "[config][tagging]") {
  make_bucket("bkt");
  enable_versioning("bkt");
  const auto v1 = call("PUT", "/bkt/o", "one");
  const auto v2 = call("PUT", "/bkt/o", "two");
  const std::string id1 = v1.header("x-amz-version-id").value_or("");
  const std::string id2 = v2.header("x-amz-version-id").value_or("");
  REQUIRE(!id1.empty());
  REQUIRE(id1 != id2);

  const auto put = call("PUT", "/bkt/o?tagging&versionId=" + id1, tagging({{"old", "yes"}}));
  REQUIRE(put.status == 200);
  REQUIRE(put.header("x-amz-version-id") == id1);
  REQUIRE(contains(call("GET", "/bkt/o?tagging&versionId=" + id1).body, "<Key>old</Key>"));
  const auto latest = call("GET", "/bkt/o?tagging");
  REQUIRE(latest.header("x-amz-version-id") == id2);
  REQUIRE(contains(latest.body, "<TagSet></TagSet>"));

  REQUIRE(call("DELETE", "/bkt/o").status == 204);  // a delete marker on top
  REQUIRE(call("GET", "/bkt/o?tagging").status == 404);
  REQUIRE(contains(call("GET", "/bkt/o?tagging&versionId=" + id1).body, "<Key>old</Key>"));
}
