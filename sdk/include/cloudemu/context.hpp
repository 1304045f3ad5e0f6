// ce::ServiceContext: a service instance's identity for every host call (storage, timers, calls).
#pragma once
#include <cloudemu/plugin.hpp>
#include <stdexcept>

namespace ce {

/// A cheap, copyable pair (host table, service ctx). The ctx is what the host uses to scope storage
/// to "<service id>/..." and to cancel the service's timers at destroy; it is valid from create()
/// until destroy() returns.
class ServiceContext {
 public:
  ServiceContext() = default;
  ServiceContext(const ce_host_api_v1* api, ce_service_ctx_host_ptr ctx) : api_(api), ctx_(ctx) {}
  /// Uses the table stored by Host::set() during init.
  explicit ServiceContext(ce_service_ctx_host_ptr ctx) : ServiceContext(Host::get(), ctx) {}

  const ce_host_api_v1& api() const {
    // A context built before init (or in a test that forgot FakeHost) would crash later; say why
    // now.
    if (api_ == nullptr) throw std::logic_error("ce::ServiceContext used without a host api");
    return *api_;
  }
  const ce_host_api_v1* api_ptr() const noexcept { return api_; }
  ce_service_ctx_host_ptr raw() const noexcept { return ctx_; }

  /// The host clock (epoch ms). Tests move it; never use the system clock for expiries.
  int64_t now_ms() const { return api().now_ms(); }

 private:
  const ce_host_api_v1* api_ = nullptr;
  ce_service_ctx_host_ptr ctx_ = nullptr;
};

}  // namespace ce
