#include <catch2/catch.hpp>

#include "test_service.hpp"

using layer_test::op;

TEST_CASE("fake host round-trips a JSON request", "[sdk][fake]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  const auto r = host.request("test-json", op("Echo", R"({"a":[1,2]})"));
  REQUIRE(r.status == 200);
  REQUIRE(r.body == R"({"a":[1,2]})");
  REQUIRE(r.header("content-type") == "application/x-amz-json-1.0");
  REQUIRE(r.request_id.rfind("fake-req-", 0) == 0);
}

TEST_CASE("registration refuses a second claim of the same route", "[sdk][fake]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_EXISTS);
  REQUIRE_THAT(host.last_error(), Catch::Contains("service id taken: test-json"));
}

TEST_CASE("a plugin built for a newer ABI minor is refused", "[sdk][fake]") {
  ce::testing::FakeHost host;
  ce_plugin_descriptor d = layer_test::k_descriptor;
  d.abi_minor = CE_ABI_MINOR + 1;
  REQUIRE(host.load(&d) == CE_INVALID);
}

TEST_CASE("storage is prefixed with the service id and isolated per service",
          "[sdk][fake][storage]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  REQUIRE(host.request("test-json", op("Put", R"({"k":"a","v":"1"})")).status == 200);
  REQUIRE(host.request("test-json", op("Get", R"({"k":"a"})")).body == R"({"v":"1"})");

  // Backend view: the keyspace is "test-json/items"; test-peer's "items" is a different one.
  char names[256] = {};
  size_t len = 0;
  ce_error err = ce::make_error();
  REQUIRE(host.backend()->keyspace_list(host.backend_handle(), names, sizeof names, &len, &err) ==
          CE_OK);
  const std::string list(names, len);
  REQUIRE_THAT(list, Catch::Contains("test-json/items") && Catch::Contains("test-peer/items"));

  // A keyspace id the service never opened is refused by the mediator.
  ce::ServiceContext peer(host.api(), host.context("test-peer"));
  ce::ReadTxn txn(peer);
  REQUIRE_THROWS_AS(txn.get(ce::Keyspace{7}, "a"), ce::StorageError);
  REQUIRE_FALSE(txn.get(ce::Keyspace{0}, "a").has_value());  // peer's own "items" is empty
}

TEST_CASE("reset wipes the service's data and calls reset()", "[sdk][fake][storage]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  REQUIRE(host.request("test-json", op("Put", R"({"k":"a","v":"1"})")).status == 200);
  host.reset("test-json");
  const auto r = host.request("test-json", op("Get", R"({"k":"a"})"));
  REQUIRE(r.status == 404);
  REQUIRE(r.header("x-amzn-ErrorType") == "ResourceNotFoundException");
}

TEST_CASE("log helpers reach the host log", "[sdk][fake]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  ce::log_warn("test", "hello");
  REQUIRE(host.logs().back() == "warn test: hello");
}

TEST_CASE("request helpers: headers, query params, chunked body", "[sdk][fake]") {
  ce::testing::FakeHost host;
  ce::testing::Exchange ex;
  ce_header h[] = {{ce::to_str("X-Thing"), ce::to_str("v")}};
  ce::testing::FakeBody body{std::string(100000, 'x'), 0, 1000};
  ce_request raw{};
  raw.method = ce::to_str("GET");
  raw.query = ce::to_str("prefix=a%2Fb&max-keys=5&flag");
  raw.headers = h;
  raw.header_count = 1;
  raw.body = reinterpret_cast<ce_body_host_ptr>(&body);
  ce::Request req(host.api(), &raw);
  REQUIRE(req.header("x-thing") == "v");
  REQUIRE_FALSE(req.header("x-other"));
  REQUIRE(req.query_param("prefix") == "a/b");
  REQUIRE(req.has_query_param("flag"));
  size_t chunks = 0, total = 0;
  req.read_chunks(4096, [&](std::string_view c) {
    ++chunks;
    total += c.size();
  });
  REQUIRE(total == 100000);
  REQUIRE(chunks == 100);  // the host's pieces (1000 bytes) are smaller than our buffer
}

TEST_CASE("read_all enforces its limit", "[sdk][fake]") {
  ce::testing::FakeHost host;
  ce::testing::FakeBody body{std::string(10, 'x'), 0, 3};
  ce_request raw{};
  raw.content_length = -1;
  raw.body = reinterpret_cast<ce_body_host_ptr>(&body);
  ce::Request req(host.api(), &raw);
  REQUIRE_THROWS_AS(req.read_all(9), ce::BodyTooLarge);
}
