// Captures what a ce::Response writes, without a service: a FakeHost provides the C slots and an
// Exchange stands in for the host's response handle.
#pragma once
#include <cloudemu/response.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <functional>

inline ce::testing::HttpResponse capture(const std::function<void(ce::Response&)>& fn,
                                         bool head = false) {
  ce::testing::FakeHost host;
  ce::testing::Exchange exchange;
  {
    ce::Response resp(host.api(), reinterpret_cast<ce_response_host_ptr>(&exchange));
    resp.set_head(head);
    fn(resp);
  }
  return exchange.result();
}
