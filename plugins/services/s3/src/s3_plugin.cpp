// The S3 plugin's descriptor and its one exported symbol, ce_plugin_entry.
#include <cloudemu/plugin.hpp>
#include <cloudemu/service.hpp>

#include "s3_service.hpp"

namespace {

ce_status s3_init(const ce_host_api_v1* host, ce_registrar_host_ptr reg, ce_error* err) noexcept {
  return ce::plugin_init("s3.init", host, err, [&](const ce_host_api_v1* h) {
    return ce::register_service<s3::S3Service>(h, reg, err);
  });
}

constexpr ce_plugin_descriptor k_descriptor =
    ce::make_descriptor("s3", "0.1.0", "alpha", CE_PLUGIN_SERVICE, &s3_init);

}  // namespace

CE_PLUGIN_ENTRY(k_descriptor)
