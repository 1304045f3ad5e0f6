#include <catch2/catch.hpp>
#include <cloudemu/protocol/render.hpp>

#include "render_helper.hpp"

using ce::AwsError;

TEST_CASE("json 1.0 errors carry __type, message and x-amzn-ErrorType", "[sdk][render][json]") {
  const auto r = capture([](ce::Response& resp) {
    ce::render_error(
        "json-1.0",
        AwsError::not_found("ResourceNotFoundException", "Requested resource not found"), "rid",
        resp);
  });
  REQUIRE(r.finished);
  REQUIRE(r.status == 404);
  REQUIRE(r.header("x-amzn-ErrorType") == "ResourceNotFoundException");
  REQUIRE(r.header("Content-Type") == "application/x-amz-json-1.0");
  REQUIRE(r.header("Content-Length") == std::to_string(r.body.size()));
  REQUIRE_FALSE(r.header("x-amzn-query-error"));
  REQUIRE(r.body ==
          R"({"__type":"ResourceNotFoundException","message":"Requested resource not found"})");
}

TEST_CASE("json 1.1 uses its content type", "[sdk][render][json]") {
  const auto r = capture([](ce::Response& resp) {
    ce::render_error("json-1.1", AwsError::validation("bad"), "rid", resp);
  });
  REQUIRE(r.header("Content-Type") == "application/x-amz-json-1.1");
  REQUIRE(r.body == R"({"__type":"ValidationException","message":"bad"})");
}

TEST_CASE("json errors carry JSON-valued fields as documents", "[sdk][render][json]") {
  const auto r = capture([](ce::Response& resp) {
    ce::render_error("json-1.0",
                     AwsError::client(400, "TransactionCanceledException", "cancelled")
                         .with_json("CancellationReasons", R"([{"Code":"None"}])"),
                     "rid", resp);
  });
  REQUIRE(r.body == R"({"__type":"TransactionCanceledException","message":"cancelled",)"
                    R"("CancellationReasons":[{"Code":"None"}]})");
}

TEST_CASE("query-compatible json errors add x-amzn-query-error code;fault", "[sdk][render][json]") {
  const auto r = capture([](ce::Response& resp) {
    ce::render_error(
        "json-1.0",
        AwsError::client(400, "QueueDoesNotExist", "The specified queue does not exist.")
            .with_query_code("AWS.SimpleQueueService.NonExistentQueue"),
        "rid", resp);
  });
  REQUIRE(r.header("x-amzn-query-error") == "AWS.SimpleQueueService.NonExistentQueue;Sender");
  const auto server = capture([](ce::Response& resp) {
    ce::ErrorRenderOptions o;
    o.query_compatible = true;
    ce::render_error("json-1.0", AwsError::internal_failure("x"), "rid", resp, o);
  });
  REQUIRE(server.header("x-amzn-query-error") == "InternalFailure;Receiver");
}

TEST_CASE("query errors render ErrorResponse with Type, Code, Message and RequestId",
          "[sdk][render][query]") {
  const auto r = capture([](ce::Response& resp) {
    ce::ErrorRenderOptions o;
    o.xmlns = "https://sns.amazonaws.com/doc/2010-03-31/";
    ce::render_error("query", AwsError::not_found("NotFound", "Topic does not exist"), "req-9",
                     resp, o);
  });
  REQUIRE(r.status == 404);
  REQUIRE(r.header("Content-Type") == "text/xml");
  REQUIRE(r.body ==
          "<ErrorResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
          "<Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message>"
          "</Error><RequestId>req-9</RequestId></ErrorResponse>");
}

TEST_CASE("query errors prefer the legacy query code and say Receiver for server faults",
          "[sdk][render][query]") {
  const auto r = capture([](ce::Response& resp) {
    ce::render_error("query", AwsError::internal_failure("boom <&>"), "r", resp);
  });
  REQUIRE(r.status == 500);
  REQUIRE(r.body ==
          "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code>"
          "<Message>boom &lt;&amp;&gt;</Message></Error><RequestId>r</RequestId></ErrorResponse>");
}

TEST_CASE("rest-xml errors are S3's Error document with extra fields in order",
          "[sdk][render][xml]") {
  const auto r = capture([](ce::Response& resp) {
    ce::ErrorRenderOptions o;
    o.host_id = "host-1";
    ce::render_error(
        "rest-xml",
        AwsError::not_found("NoSuchKey", "The specified key does not exist.").with("Key", "a&b"),
        "req-1", resp, o);
  });
  REQUIRE(r.status == 404);
  REQUIRE(r.header("Content-Type") == "application/xml");
  REQUIRE(r.body ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
          "<Key>a&amp;b</Key><RequestId>req-1</RequestId><HostId>host-1</HostId></Error>");
}

TEST_CASE("rest-xml errors to HEAD have no body", "[sdk][render][xml]") {
  const auto r = capture(
      [](ce::Response& resp) {
        ce::render_error("rest-xml", AwsError::not_found("NoSuchBucket", "x"), "r", resp);
      },
      /*head=*/true);
  REQUIRE(r.finished);
  REQUIRE(r.status == 404);
  REQUIRE(r.body.empty());
}

TEST_CASE("rest-json errors: message, Lambda typed and coded forms", "[sdk][render][rest-json]") {
  const auto plain = capture([](ce::Response& resp) {
    ce::render_error("rest-json", AwsError::not_found("NoSuchNote", "no note \"a\""), "r", resp);
  });
  REQUIRE(plain.status == 404);
  REQUIRE(plain.header("x-amzn-ErrorType") == "NoSuchNote");
  REQUIRE(plain.header("Content-Type") == "application/json");
  REQUIRE(plain.body == R"({"message":"no note \"a\""})");

  const auto typed = capture([](ce::Response& resp) {
    ce::ErrorRenderOptions o;
    o.rest_json_style = ce::RestJsonErrorStyle::typed;
    ce::render_error("rest-json",
                     AwsError::not_found("ResourceNotFoundException", "Function not found"), "r",
                     resp, o);
  });
  REQUIRE(typed.body == R"({"Type":"User","Message":"Function not found"})");

  const auto coded = capture([](ce::Response& resp) {
    ce::ErrorRenderOptions o;
    o.rest_json_style = ce::RestJsonErrorStyle::coded;
    ce::render_error("rest-json", AwsError::internal_error("x"), "r", resp, o);
  });
  REQUIRE(coded.body == R"({"code":"InternalError","message":"x","type":"Server"})");
}

TEST_CASE("unknown operations map to each protocol's code", "[sdk][render]") {
  REQUIRE(ce::unknown_operation_error("json-1.0", "Foo").code == "UnknownOperationException");
  REQUIRE(ce::unknown_operation_error("query", "Foo").code == "InvalidAction");
  REQUIRE(ce::unknown_operation_error("rest-xml", "Foo").http_status == 501);
}

TEST_CASE("factories carry AWS's documented statuses", "[sdk][render]") {
  REQUIRE(AwsError::internal_error().http_status == 500);
  REQUIRE(AwsError::internal_failure().http_status == 500);
  REQUIRE(AwsError::not_implemented().http_status == 501);
  REQUIRE(AwsError::malformed_query_string().http_status == 404);
  REQUIRE(AwsError::access_denied().http_status == 403);
  REQUIRE(AwsError::access_denied_exception().http_status == 400);
  REQUIRE(AwsError::missing_action().code == "MissingAction");
  REQUIRE(AwsError::serialization("x").code == "SerializationException");
  REQUIRE_FALSE(AwsError::internal_error().sender_fault);
}
