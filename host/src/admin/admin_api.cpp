#include "admin/admin_api.hpp"

#include <cloudemu/url.hpp>
#include <mutex>
#include <nlohmann/json.hpp>

#include "http/dispatcher.hpp"
#include "plugins/service_ctx.hpp"
#include "runtime/host_runtime.hpp"
#include "version.hpp"

namespace ce::host {
namespace {

using nlohmann::json;

void answer_json(ce_response_s& resp, uint32_t status, const json& body, bool head) {
  const std::string text = body.dump();
  answer(resp, status, "application/json", head ? std::string_view() : std::string_view(text));
}

void admin_error(ce_response_s& resp, uint32_t status, std::string_view message, bool head) {
  answer_json(resp, status, json{{"error", message}}, head);
}

json health(const HostRuntime& rt) {
  json services = json::object();
  for (const auto& name : rt.registry.skipped) services[name] = "disabled";
  for (const auto& s : rt.registry.services) services[s->id] = s->ctx ? "running" : "error";
  return json{{"services", services}, {"edition", "community"}, {"version", kVersion}};
}

json plugins(const HostRuntime& rt) {
  json loaded = json::array(), refused = json::array();
  for (const auto& p : rt.registry.plugins) {
    json kinds = json::array();
    if (p.kinds & CE_PLUGIN_SERVICE) kinds.push_back("service");
    if (p.kinds & CE_PLUGIN_STORAGE) kinds.push_back("storage");
    loaded.push_back({{"name", p.name},
                      {"file", p.file},
                      {"version", p.version},
                      {"maturity", p.maturity},
                      {"abi", std::to_string(p.abi_major) + "." + std::to_string(p.abi_minor)},
                      {"kinds", kinds},
                      {"services", p.services},
                      {"storage", p.storage}});
  }
  for (const auto& r : rt.registry.refused)
    refused.push_back({{"file", r.file}, {"name", r.name}, {"reason", r.reason}});
  return json{{"host_abi", std::to_string(CE_ABI_MAJOR) + "." + std::to_string(CE_ABI_MINOR)},
              {"storage", rt.storage ? rt.storage->backend_id() : ""},
              {"loaded", loaded},
              {"refused", refused},
              {"skipped", rt.registry.skipped}};
}

std::string read_small_body(ce_body_s* body, std::size_t limit) {
  std::string out;
  uint8_t buf[4096];
  for (;;) {
    size_t n = 0;
    if (body == nullptr || body->read(buf, sizeof buf, &n, nullptr) != CE_OK || n == 0) break;
    out.append(reinterpret_cast<const char*>(buf), n);
    if (out.size() > limit) break;
  }
  return out;
}

// How long POST /_cloudemu/clock waits for the timers it fired to run (real time).
constexpr int64_t k_clock_settle_ms = 10'000;

void clock(HostRuntime& rt, Incoming& in, std::string_view query, bool head) {
  bool settled = true;
  if (in.method == "POST") {
    int64_t advance_ms = 0;
    const std::string body = read_small_body(in.body, 4096);
    try {
      if (const auto ms = ce::query_param(query, "advance_ms"); !ms.empty())
        advance_ms = std::stoll(ms);
      else if (const auto s = ce::query_param(query, "advance_seconds"); !s.empty())
        advance_ms = std::stoll(s) * 1000;
      else if (!body.empty()) {
        const json j = json::parse(body);
        if (j.contains("advance_ms"))
          advance_ms = j.at("advance_ms").get<int64_t>();
        else if (j.contains("advance_seconds"))
          advance_ms = j.at("advance_seconds").get<int64_t>() * 1000;
        else
          return admin_error(*in.response, 400,
                             "expected {\"advance_ms\": N} or {\"advance_seconds\": N}", head);
      }
    } catch (const std::exception& e) {
      return admin_error(*in.response, 400, std::string("bad clock request: ") + e.what(), head);
    }
    if (advance_ms < 0) return admin_error(*in.response, 400, "the clock only moves forward", head);
    rt.clock.advance(advance_ms);
    rt.timers.clock_moved();
    // The answer comes once what the move set off has run (a client reading right after it sees
    // the sweep done), or after k_clock_settle_ms if a fired task takes longer (say so).
    settled = rt.timers.settle(k_clock_settle_ms);
  } else if (in.method != "GET" && in.method != "HEAD") {
    return admin_error(*in.response, 405, "use GET or POST", head);
  }
  answer_json(
      *in.response, 200,
      json{
          {"now_ms", rt.clock.now_ms()}, {"offset_ms", rt.clock.offset_ms()}, {"settled", settled}},
      head);
}

void reset(HostRuntime& rt, Incoming& in, std::string_view query, bool head) {
  if (in.method != "POST") return admin_error(*in.response, 405, "use POST", head);
  const std::string service = ce::query_param(query, "service");
  if (!service.empty() && rt.registry.find_service(service) == nullptr)
    return admin_error(*in.response, 400, "no service '" + service + "' is loaded", head);
  std::string error;
  if (!rt.reset(service, error)) return admin_error(*in.response, 500, error, head);
  json done = json::array();
  for (const auto& s : rt.registry.services)
    if (service.empty() || s->id == service) done.push_back(s->id);
  answer_json(*in.response, 200, json{{"reset", done}}, head);
}

}  // namespace

bool is_admin_path(std::string_view path) {
  return path.rfind("/_cloudemu/", 0) == 0 || path.rfind("/_localstack/", 0) == 0;
}

void handle_admin(HostRuntime& rt, Incoming& in, std::string_view path, std::string_view query) {
  const bool head = in.method == "HEAD";
  ce_response_s& resp = *in.response;
  resp.service = "cloudemu";
  if (path == "/_cloudemu/health" || path == "/_localstack/health") {
    resp.operation = "Health";
    // Readiness probes poll this: the body is built once (the plugin set is fixed after start-up).
    static const std::string* cached = nullptr;
    static std::once_flag once;
    std::call_once(once, [&] { cached = new std::string(health(rt).dump()); });
    return answer(resp, 200, "application/json",
                  head ? std::string_view() : std::string_view(*cached));
  }
  if (path == "/_cloudemu/plugins") {
    resp.operation = "Plugins";
    return answer_json(resp, 200, plugins(rt), head);
  }
  if (path == "/_cloudemu/clock") {
    resp.operation = "Clock";
    return clock(rt, in, query, head);
  }
  if (path == "/_cloudemu/reset" || path == "/_localstack/state/reset") {
    resp.operation = "Reset";
    return reset(rt, in, query, head);
  }
  admin_error(resp, 404, "no admin endpoint " + std::string(path), head);
}

}  // namespace ce::host
