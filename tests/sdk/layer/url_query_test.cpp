#include <catch2/catch.hpp>
#include <cloudemu/protocol/query_protocol.hpp>
#include <cloudemu/url.hpp>

TEST_CASE("form parsing decodes percent escapes and plus", "[sdk][query]") {
  const auto p =
      ce::parse_form("Action=SendMessage&MessageBody=a+b%20c%2Bd&Empty=&Flag&&X=%E2%9C%93");
  REQUIRE(p.has_value());
  REQUIRE(p->size() == 5);
  REQUIRE(*ce::find_param(*p, "Action") == "SendMessage");
  REQUIRE(*ce::find_param(*p, "MessageBody") == "a b c+d");
  REQUIRE(ce::find_param(*p, "Empty")->empty());
  REQUIRE(ce::find_param(*p, "Flag")->empty());
  REQUIRE(*ce::find_param(*p, "X") == "\xE2\x9C\x93");
  REQUIRE(ce::find_param(*p, "action") == nullptr);  // names are case-sensitive
}

TEST_CASE("repeated parameters keep wire order", "[sdk][query]") {
  const auto p = ce::parse_form("A=1&A=2");
  REQUIRE(p->at(0).second == "1");
  REQUIRE(p->at(1).second == "2");
}

TEST_CASE("malformed escapes are MalformedQueryString", "[sdk][query]") {
  REQUIRE_FALSE(ce::parse_form("a=%4").has_value());
  REQUIRE_FALSE(ce::parse_form("a=%zz").has_value());
  REQUIRE_FALSE(ce::percent_decode("%", false).has_value());
  try {
    ce::parse_query_params("a=%G0");
    FAIL("expected AwsError");
  } catch (const ce::AwsError& e) {
    REQUIRE(e.code == "MalformedQueryString");
    REQUIRE(e.http_status == 404);
  }
}

TEST_CASE("path decoding keeps plus signs", "[sdk][query]") {
  REQUIRE(ce::percent_decode("a+b%2Fc", false) == std::optional<std::string>("a+b/c"));
}

TEST_CASE("percent_encode follows RFC 3986 unreserved", "[sdk][query]") {
  REQUIRE(ce::percent_encode("a b/c~d*") == "a%20b%2Fc~d%2A");
  REQUIRE(ce::percent_encode("a b/c", true) == "a%20b/c");
}

TEST_CASE("query_action requires a non-empty Action", "[sdk][query]") {
  REQUIRE(ce::query_action(ce::parse_query_params("Action=ListQueues")) == "ListQueues");
  REQUIRE_THROWS_MATCHES(ce::query_action(ce::parse_query_params("Version=1")), ce::AwsError,
                         Catch::Predicate<ce::AwsError>(
                             [](const ce::AwsError& e) { return e.code == "MissingAction"; }));
}

TEST_CASE("query responses wrap the result and the request id", "[sdk][query]") {
  const std::string xml =
      ce::query_response("GetQueueUrl", "http://queue.amazonaws.com/doc/2012-11-05/", "rid-1",
                         [](ce::XmlWriter& w) { w.element("QueueUrl", "http://x/q?a&b"); });
  REQUIRE(xml ==
          "<GetQueueUrlResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">"
          "<GetQueueUrlResult><QueueUrl>http://x/q?a&amp;b</QueueUrl></GetQueueUrlResult>"
          "<ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata>"
          "</GetQueueUrlResponse>");
  REQUIRE(ce::query_response_empty("DeleteQueue", "", "r") ==
          "<DeleteQueueResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
          "</DeleteQueueResponse>");
}

TEST_CASE("xml escaping covers markup and control characters", "[sdk][xml]") {
  REQUIRE(ce::xml_escape("<a href=\"x\">&'</a>") ==
          "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  REQUIRE(ce::xml_escape(std::string("a\x01\tb", 4)) == "a&#x1;\tb");
}
