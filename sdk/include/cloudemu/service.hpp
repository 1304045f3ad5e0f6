// Implementing ce_service_v1 with a C++ class: trampolines inside the exception barrier.
//
//   class Notes {
//    public:
//     static constexpr const char* k_id = "example-notes";
//     static constexpr const char* k_protocol = "rest-json";
//     static constexpr ce_route_claim k_routes[] = {{CE_ROUTE_PATH_PREFIX, "/_example/notes"}};
//     static constexpr uint32_t k_flags = 0;                       // optional
//     static ce::ErrorRenderOptions error_options();               // optional
//     Notes(ce::ServiceContext ctx, std::string_view config_json);
//     void handle(ce::Request& req, ce::Response& resp);
//     void reset();                                                 // optional
//     bool answers_inline(const ce::Request& req) const;            // optional, see ce_service.h
//     bool answers_inline_with_body(const ce::Request& req) const;  // optional, see ce_service.h
//   };
//   ... in init: ce::register_service<Notes>(host, reg, err);
#pragma once
#include <cloudemu/barrier.hpp>
#include <cloudemu/context.hpp>
#include <cloudemu/plugin.hpp>
#include <cloudemu/protocol/render.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <concepts>
#include <iterator>
#include <string>
#include <string_view>

namespace ce {

template <typename Svc>
concept ServiceClass = requires(Svc& svc, Request& req, Response& resp) {
  { Svc::k_id } -> std::convertible_to<const char*>;
  { Svc::k_protocol } -> std::convertible_to<const char*>;
  std::size(Svc::k_routes);
  svc.handle(req, resp);
}
&&std::constructible_from<Svc, ServiceContext, std::string_view>;

namespace detail {

template <ServiceClass Svc>
struct ServiceTrampolines {
  /// "<id>.<call>", built once per call kind: the barrier needs a stable const char* and the
  /// request path should not allocate for it.
  static const char* where_create() {
    static const std::string text = std::string(Svc::k_id) + ".create";
    return text.c_str();
  }
  static const char* where_handle() {
    static const std::string text = std::string(Svc::k_id) + ".handle";
    return text.c_str();
  }
  static const char* where_reset() {
    static const std::string text = std::string(Svc::k_id) + ".reset";
    return text.c_str();
  }

  static ErrorRenderOptions options() {
    if constexpr (requires { Svc::error_options(); }) {
      return Svc::error_options();
    } else {
      return {};
    }
  }

  static ce_status create(ce_service_ctx_host_ptr ctx, ce_str config, ce_service_plugin_ptr* out,
                          ce_error* err) noexcept {
    return barrier(where_create(), err, CE_INTERNAL, [&]() -> ce_status {
      auto* svc = new Svc(ServiceContext(ctx), to_view(config));
      *out = reinterpret_cast<ce_service_plugin_ptr>(svc);
      return CE_OK;
    });
  }

  static void destroy(ce_service_plugin_ptr p) noexcept { delete reinterpret_cast<Svc*>(p); }

  static void reset(ce_service_plugin_ptr p) noexcept {
    if constexpr (requires(Svc & s) { s.reset(); }) {
      ce_error ignored = make_error();
      const ce_status s = barrier(where_reset(), &ignored, CE_INTERNAL, [&]() -> ce_status {
        reinterpret_cast<Svc*>(p)->reset();
        return CE_OK;
      });
      if (s != CE_OK) log_error(Svc::k_id, ignored.message);
    }
  }

  // The two "may the network thread answer this?" questions: a false or a throw means a worker.
  template <class Ask>
  static uint32_t ask_inline(ce_service_plugin_ptr p, const ce_request* req, Ask ask) noexcept {
    try {
      return ask(*reinterpret_cast<const Svc*>(p), Request(Host::get(), req)) ? 1 : 0;
    } catch (...) {
      return 0;
    }
  }
  static uint32_t answers_inline(ce_service_plugin_ptr p, const ce_request* req) noexcept {
    return ask_inline(p, req, [](const Svc& s, const Request& r) { return s.answers_inline(r); });
  }
  static uint32_t answers_inline_with_body(ce_service_plugin_ptr p,
                                           const ce_request* req) noexcept {
    return ask_inline(p, req,
                      [](const Svc& s, const Request& r) { return s.answers_inline_with_body(r); });
  }

  /// A thrown AwsError is rendered in the service's protocol (a normal AWS answer); any other
  /// exception gives the exchange back to the host, which answers 500 (see layer barrier tests).
  static ce_status handle(ce_service_plugin_ptr p, const ce_request* req, ce_error* err) noexcept {
    const ce_host_api_v1* api = Host::get();
    Response resp(api, req->response);
    const ce_status s = barrier(where_handle(), err, CE_INTERNAL, [&]() -> ce_status {
      Request request(api, req);
      resp.set_head(request.is_head());
      try {
        reinterpret_cast<Svc*>(p)->handle(request, resp);
      } catch (const AwsError& e) {
        return answer(resp, e, request.request_id());
      } catch (const BodyTooLarge& e) {
        return answer(resp, AwsError::client(413, "RequestEntityTooLarge", e.what()),
                      request.request_id());
      }
      if (resp.detached()) return CE_PENDING;
      resp.finish();
      return CE_OK;
    });
    if (s != CE_OK && s != CE_PENDING) resp.abandon();
    return s;
  }

  static ce_status answer(Response& resp, const AwsError& e, std::string_view request_id) {
    // Once body bytes are out, an error document would corrupt the stream: fail the exchange.
    if (resp.started())
      throw ResponseError(CE_INTERNAL, std::string("error after body started: ") + e.code);
    render_error(Svc::k_protocol, e, request_id, resp, options());
    return CE_OK;
  }

  static constexpr uint32_t flags() {
    if constexpr (requires { Svc::k_flags; }) {
      return Svc::k_flags;
    } else {
      return 0;
    }
  }

  static constexpr ce_service_v1 table() {
    ce_service_v1 t{};
    t.struct_size = sizeof(ce_service_v1);
    t.id = Svc::k_id;
    t.protocol = Svc::k_protocol;
    t.routes = std::data(Svc::k_routes);
    t.route_count = std::size(Svc::k_routes);
    t.flags = flags();
    t.create = &create;
    t.destroy = &destroy;
    t.handle = &handle;
    if constexpr (requires(Svc & s) { s.reset(); }) t.reset = &reset;
    if constexpr (requires(const Svc& s, const Request& r) {
                    { s.answers_inline(r) } -> std::convertible_to<bool>;
                  })
      t.answers_inline = &answers_inline;
    if constexpr (requires(const Svc& s, const Request& r) {
                    { s.answers_inline_with_body(r) } -> std::convertible_to<bool>;
                  })
      t.answers_inline_with_body = &answers_inline_with_body;
    return t;
  }
  static constexpr ce_service_v1 k_table = table();
};

}  // namespace detail

/// The static ce_service_v1 for Svc (valid for the life of the library, as the ABI requires).
template <ServiceClass Svc>
const ce_service_v1* service_table() noexcept {
  return &detail::ServiceTrampolines<Svc>::k_table;
}

/// Registers Svc with the host during init. @return the host's status (CE_EXISTS for a taken
/// route).
template <ServiceClass Svc>
ce_status register_service(const ce_host_api_v1* host, ce_registrar_host_ptr reg, ce_error* err) {
  return host->register_service(reg, service_table<Svc>(), err);
}

}  // namespace ce
