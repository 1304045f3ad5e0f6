// The asynchronous paths: ?wait= long poll on a host timer, and _echo-to internal calls.
#include <cloudemu/sdk.hpp>

#include "notes_fixture.hpp"

namespace {
// A second service in the same fake host, the target of _echo-to.
class EchoSvc {
 public:
  static constexpr const char* k_id = "test-echo";
  static constexpr const char* k_protocol = "rest-json";
  static constexpr ce_route_claim k_routes[] = {{CE_ROUTE_PATH_PREFIX, "/echo"}};
  EchoSvc(ce::ServiceContext, std::string_view) {}
  void handle(ce::Request& req, ce::Response& resp) {
    resp.send(201, "text/plain", std::string(req.target()) + ":" + req.read_all(1024));
  }
};
ce_status echo_init(const ce_host_api_v1* host, ce_registrar_host_ptr reg, ce_error* err) noexcept {
  return ce::plugin_init("test-echo.init", host, err, [&](const ce_host_api_v1* h) {
    return ce::register_service<EchoSvc>(h, reg, err);
  });
}
constexpr ce_plugin_descriptor k_echo =
    ce::make_descriptor("test-echo", "0.0.1", "wip", CE_PLUGIN_SERVICE, &echo_init);
}  // namespace

TEST_CASE_METHOD(NotesFixture, "GET ?wait= on a missing note answers 404 after the wait",
                 "[notes][async]") {
  auto ex =
      host.send("example-notes", {.method = "GET", .target = "/_example/notes/later?wait=500"});
  REQUIRE(ex->result().handle_status == CE_PENDING);
  REQUIRE_FALSE(ex->finished());
  host.advance(499);
  REQUIRE_FALSE(ex->finished());
  host.advance(1);
  const auto r = ex->result();
  REQUIRE(r.finished);
  REQUIRE(r.status == 404);
  REQUIRE(r.header("x-amzn-ErrorType") == "NoSuchNote");
  REQUIRE(host.violations().empty());
}

TEST_CASE_METHOD(NotesFixture, "GET ?wait= serves a note created during the wait",
                 "[notes][async]") {
  auto ex =
      host.send("example-notes", {.method = "GET", .target = "/_example/notes/soon?wait=100"});
  REQUIRE(call("PUT", "/soon", "arrived").status == 200);
  REQUIRE_FALSE(ex->finished());
  host.advance(100);
  REQUIRE(ex->result().status == 200);
  REQUIRE(ex->result().body == "arrived");
}

TEST_CASE_METHOD(NotesFixture, "GET ?wait= on an existing note answers at once", "[notes][async]") {
  REQUIRE(call("PUT", "/now", "x").status == 200);
  const auto r = call("GET", "/now?wait=1000");
  REQUIRE(r.finished);
  REQUIRE(r.body == "x");
}

TEST_CASE_METHOD(NotesFixture, "_echo-to forwards the body to another service", "[notes][call]") {
  REQUIRE(host.load(&k_echo) == CE_OK);
  const auto r = call("POST", "/_echo-to/test-echo?target=/echo/x", "ping");
  REQUIRE(r.status == 201);
  REQUIRE(r.body == "/echo/x:ping");
  REQUIRE(r.header("Content-Type") == "text/plain");
}

TEST_CASE_METHOD(NotesFixture, "_echo-to a service that is not loaded is NoSuchService",
                 "[notes][call]") {
  const auto r = call("POST", "/_echo-to/nothing", "ping");
  REQUIRE(r.status == 404);
  REQUIRE(r.header("x-amzn-ErrorType") == "NoSuchService");
}
