#include <catch2/catch.hpp>

#include "test_service.hpp"

using layer_test::op;

TEST_CASE("a detached response completes from a timer when the clock advances", "[sdk][async]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  auto ex = host.send("test-json", op("Later"));
  REQUIRE(ex->result().handle_status == CE_PENDING);
  REQUIRE_FALSE(ex->finished());
  host.advance(99);
  REQUIRE_FALSE(ex->finished());
  host.advance(1);
  const auto r = ex->result();
  REQUIRE(r.finished);
  REQUIRE(r.status == 200);
  REQUIRE(r.body == "late");
  REQUIRE(host.violations().empty());
}

TEST_CASE("call_service reaches another service in the same host", "[sdk][async][call]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  const auto r = host.request("test-json", op("Call", "hello"));
  REQUIRE(r.finished);
  REQUIRE(r.status == 202);
  REQUIRE(r.body == "peer:hello");
}

TEST_CASE("call_service to a missing service reports it without crashing", "[sdk][async][call]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  auto req = op("Call", "x");
  req.headers.emplace_back("x-target-service", "nope");
  const auto r = host.request("test-json", req);
  REQUIRE(r.status == 502);
  REQUIRE(r.body == "call_service: service 'nope' is not loaded");
}

TEST_CASE("timers fire in due order and cancel frees them", "[sdk][async][timer]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  ce::ServiceContext ctx(host.api(), host.context("test-json"));
  std::string order;
  ce::start_timer(ctx, 20, [&] { order += "b"; });
  ce::start_timer(ctx, 10, [&] { order += "a"; });
  ce::TimerHandle c = ce::start_timer(ctx, 15, [&] { order += "X"; });
  REQUIRE(ce::cancel_timer(ctx, c));
  REQUIRE_FALSE(ce::cancel_timer(ctx, c));
  ce::post(ctx, [&] { order += "p"; });
  host.advance(30);
  REQUIRE(order == "pab");
  REQUIRE(host.pending_timers() == 0);
}

TEST_CASE("the future form of call_service", "[sdk][async][call]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  ce::ServiceContext ctx(host.api(), host.context("test-json"));
  ce::CallRequest c;
  c.service = "test-peer";
  c.body = "q";
  auto fut = ce::call_service(ctx, c);
  host.run_posted();
  const ce::CallResult r = fut.get();
  REQUIRE(r.ok());
  REQUIRE(r.http_status == 202);
  REQUIRE(r.body == "peer:q");
  REQUIRE(r.header("content-type") == "text/plain");
}
