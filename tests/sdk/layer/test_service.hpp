// Two tiny services used by the layer tests: "test-json" (json-1.0, OperationTable) and
// "test-peer" (rest-json), registered by one plugin descriptor.
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/sdk.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <stdexcept>
#include <string>

namespace layer_test {

class JsonSvc {
 public:
  static constexpr const char* k_id = "test-json";
  static constexpr const char* k_protocol = "json-1.0";
  static constexpr ce_route_claim k_routes[] = {{CE_ROUTE_TARGET_PREFIX, "Test_2024"}};

  JsonSvc(ce::ServiceContext ctx, std::string_view)
      : ctx_(ctx), items_(ce::open_keyspace(ctx, "items")) {}

  void handle(ce::Request& req, ce::Response& resp) {
    const std::string_view op = ce::json_operation_name(req);
    if (!ops().dispatch(*this, op, req, resp)) throw ce::unknown_operation_error(k_protocol, op);
  }
  void reset() { ++resets; }
  int resets = 0;

 private:
  static const ce::OperationTable<JsonSvc>& ops() {
    static const ce::OperationTable<JsonSvc> table{
        {"Echo", &JsonSvc::echo},
        {"Throw", &JsonSvc::throw_std},
        {"ThrowAws", &JsonSvc::throw_aws},
        {"Forget", &JsonSvc::forget},
        {"Put", &JsonSvc::put},
        {"Get", &JsonSvc::get},
        {"Later", &JsonSvc::later},
        {"Call", &JsonSvc::call},
    };
    return table;
  }
  void echo(ce::Request& req, ce::Response& resp) { ce::send_json(resp, ce::read_json_body(req)); }
  void throw_std(ce::Request&, ce::Response&) { throw std::runtime_error("kaboom"); }
  void throw_aws(ce::Request&, ce::Response&) { throw ce::AwsError::validation("bad input"); }
  void forget(ce::Request&, ce::Response& resp) { resp.status(201); }
  void put(ce::Request& req, ce::Response& resp) {
    const auto doc = ce::read_json_body(req);
    ce::with_write_txn(ctx_, [&](ce::WriteTxn& txn) {
      txn.put(items_, doc.at("k").get<std::string>(), doc.at("v").get<std::string>());
    });
    ce::send_json(resp, nlohmann::json::object());
  }
  void get(ce::Request& req, ce::Response& resp) {
    const auto doc = ce::read_json_body(req);
    ce::ReadTxn txn(ctx_);
    const auto v = txn.get(items_, doc.at("k").get<std::string>());
    if (!v) throw ce::AwsError::not_found("ResourceNotFoundException", "no such item");
    ce::send_json(resp, {{"v", std::string(*v)}});
  }
  void later(ce::Request&, ce::Response& resp) {
    auto async = resp.detach();
    ce::start_timer(ctx_, 100, [async] { async->send(200, "text/plain", "late"); });
  }
  void call(ce::Request& req, ce::Response& resp) {
    ce::CallRequest c;
    c.service = req.header_or("x-target-service", "test-peer");
    c.method = "POST";
    c.target = "/peer/x";
    c.body = req.read_all(1024);
    auto async = resp.detach();
    ce::call_service(ctx_, c, [async](ce::CallResult r) {
      if (!r.ok()) return async->send(502, "text/plain", r.error);
      async->send(r.http_status, "text/plain", r.body);
    });
  }

  ce::ServiceContext ctx_;
  ce::Keyspace items_;
};

class PeerSvc {
 public:
  static constexpr const char* k_id = "test-peer";
  static constexpr const char* k_protocol = "rest-json";
  static constexpr ce_route_claim k_routes[] = {{CE_ROUTE_PATH_PREFIX, "/peer"}};

  PeerSvc(ce::ServiceContext ctx, std::string_view)
      : ctx_(ctx), items_(ce::open_keyspace(ctx, "items")) {}
  void handle(ce::Request& req, ce::Response& resp) {
    resp.send(202, "text/plain", "peer:" + req.read_all(1024));
  }
  ce::ServiceContext ctx_;
  ce::Keyspace items_;
};

inline ce_status init(const ce_host_api_v1* host, ce_registrar_host_ptr reg,
                      ce_error* err) noexcept {
  return ce::plugin_init("layer-test.init", host, err, [&](const ce_host_api_v1* h) {
    if (ce_status s = ce::register_service<JsonSvc>(h, reg, err); s != CE_OK) return s;
    return ce::register_service<PeerSvc>(h, reg, err);
  });
}

inline constexpr ce_plugin_descriptor k_descriptor =
    ce::make_descriptor("layer-test", "0.0.1", "wip", CE_PLUGIN_SERVICE, &init);

/// A request to the json service for `operation`.
inline ce::testing::HttpRequest op(std::string operation, std::string body = "{}") {
  ce::testing::HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers = {{"X-Amz-Target", "Test_2024." + operation},
               {"Content-Type", "application/x-amz-json-1.0"}};
  r.body = std::move(body);
  return r;
}

}  // namespace layer_test
