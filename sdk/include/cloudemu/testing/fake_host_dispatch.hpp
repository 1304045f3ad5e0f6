// How the fake host turns an HttpRequest into a ce_request and runs a service's handle().
#pragma once
#include <cloudemu/status.hpp>
#include <cloudemu/testing/fake_host_core.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ce::testing::fake_detail {

/// Runs one request through a service's handle(), as a real host worker would.
inline std::shared_ptr<Exchange> dispatch(Core& c, Service& svc, const HttpRequest& in,
                                          std::function<void(const HttpResponse&)> on_finish) {
  auto exchange = std::make_shared<Exchange>();
  std::string request_id;
  {
    std::lock_guard lock(c.mu);
    request_id = "fake-req-" + std::to_string(c.next_request++);
    c.exchanges.push_back(exchange);
  }
  exchange->init(request_id, std::move(on_finish));

  // Headers as a client sends them: Content-Length unless the body is "chunked".
  HeaderList headers = in.headers;
  bool has_length = false;
  for (const auto& [k, v] : headers) has_length = has_length || iequals_ascii(k, "content-length");
  if (!has_length && !in.unknown_length && !in.body.empty()) {
    headers.emplace_back("Content-Length", std::to_string(in.body.size()));
  }
  std::vector<ce_header> raw_headers;
  for (const auto& [k, v] : headers) raw_headers.push_back(ce_header{to_str(k), to_str(v)});

  const std::string_view target = in.target;
  const std::size_t q = target.find('?');
  FakeBody body{in.body, 0, in.body_chunk == 0 ? 1 : in.body_chunk};

  ce_request r{};
  r.struct_size = sizeof(ce_request);
  r.method = to_str(in.method);
  r.target = to_str(target);
  r.path = to_str(target.substr(0, q));
  r.query = to_str(q == std::string_view::npos ? std::string_view{} : target.substr(q + 1));
  // As the real host does: the Host header when the test sends one (virtual-hosted addressing).
  std::string_view host = "localhost:4566";
  for (const auto& [k, v] : headers)
    if (iequals_ascii(k, "host")) host = v;
  r.host = to_str(host);
  r.request_id = to_str(request_id);
  r.headers = raw_headers.data();
  r.header_count = raw_headers.size();
  r.content_length = in.unknown_length ? -1 : static_cast<int64_t>(in.body.size());
  r.auth_kind = in.access_key_id.empty() ? CE_AUTH_NONE : CE_AUTH_HEADER;
  r.signing_service = to_str(in.signing_service);
  r.region = to_str(in.region);
  r.access_key_id = to_str(in.access_key_id);
  r.account_id = to_str(in.account_id);
  r.route_kind = CE_ROUTE_PATH_PREFIX;
  r.route_value = to_str("");
  r.body = reinterpret_cast<ce_body_host_ptr>(&body);
  r.response = reinterpret_cast<ce_response_host_ptr>(exchange.get());

  ce_error err = make_error();
  const ce_status s = svc.table->handle(svc.instance, &r, &err);
  if (s == CE_OK) {
    exchange->set_handle_status(s);
    if (!exchange->finished()) c.violation(svc.id + ": handle returned CE_OK without resp_finish");
  } else if (s == CE_PENDING) {
    exchange->set_handle_status(s);
  } else {
    // As the real host: 500 InternalError when nothing was sent, else the connection is closed.
    exchange->fail_internal(s, err.message);
  }
  return exchange;
}

}  // namespace ce::testing::fake_detail
