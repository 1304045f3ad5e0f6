// No exception crosses the ABI: a throwing handler becomes CE_INTERNAL with its text in ce_error
// and the host answers 500 (Envoy's sdk_barrier_test idea).
#include <catch2/catch.hpp>

#include "test_service.hpp"

using layer_test::op;

TEST_CASE("a handler throwing std::exception yields CE_INTERNAL with the message",
          "[sdk][barrier]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  const auto r = host.request("test-json", op("Throw"));
  REQUIRE(r.handle_status == CE_INTERNAL);
  REQUIRE_THAT(r.handle_error, Catch::Contains("test-json.handle") && Catch::Contains("kaboom"));
  REQUIRE(r.status == 500);  // answered by the host, not the plugin
  REQUIRE(host.violations().empty());
}

TEST_CASE("a thrown AwsError is rendered in the service protocol", "[sdk][barrier]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  const auto r = host.request("test-json", op("ThrowAws"));
  REQUIRE(r.handle_status == CE_OK);
  REQUIRE(r.status == 400);
  REQUIRE(r.body == R"({"__type":"ValidationException","message":"bad input"})");
}

TEST_CASE("malformed JSON input is SerializationException", "[sdk][barrier]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  const auto r = host.request("test-json", op("Echo", "{not json"));
  REQUIRE(r.status == 400);
  REQUIRE(r.header("x-amzn-ErrorType") == "SerializationException");
}

TEST_CASE("a handler that forgets to finish is finished by RAII", "[sdk][barrier]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  const auto r = host.request("test-json", op("Forget"));
  REQUIRE(r.finished);
  REQUIRE(r.status == 201);
  REQUIRE(host.violations().empty());
}

TEST_CASE("barrier converts non-standard exceptions too", "[sdk][barrier]") {
  ce_error err = ce::make_error();
  const ce_status s = ce::barrier("x.init", &err, CE_INTERNAL, []() -> ce_status { throw 42; });
  REQUIRE(s == CE_INTERNAL);
  REQUIRE(std::string(err.message) == "x.init: uncaught non-standard exception");
}

namespace {
ce_status throwing_init(const ce_host_api_v1* host, ce_registrar_host_ptr, ce_error* err) noexcept {
  return ce::plugin_init("thrower.init", host, err, [](const ce_host_api_v1*) -> ce_status {
    throw std::runtime_error("no config");
  });
}
}  // namespace

TEST_CASE("a throwing init refuses the plugin with the text", "[sdk][barrier]") {
  ce::testing::FakeHost host;
  static constexpr ce_plugin_descriptor d =
      ce::make_descriptor("thrower", "0.0.1", "wip", CE_PLUGIN_SERVICE, &throwing_init);
  REQUIRE(host.load(&d) == CE_INTERNAL);
  REQUIRE(host.last_error() == "thrower.init: uncaught exception: no config");
}
