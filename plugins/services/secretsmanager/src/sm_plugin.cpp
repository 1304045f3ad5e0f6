// The Secrets Manager plugin's descriptor and its one exported symbol, ce_plugin_entry.
#include <cloudemu/plugin.hpp>
#include <cloudemu/service.hpp>

#include "sm_service.hpp"

namespace {

ce_status sm_init(const ce_host_api_v1* host, ce_registrar_host_ptr reg, ce_error* err) noexcept {
  return ce::plugin_init("secretsmanager.init", host, err, [&](const ce_host_api_v1* h) {
    return ce::register_service<sm::SecretsManagerService>(h, reg, err);
  });
}

constexpr ce_plugin_descriptor k_descriptor =
    ce::make_descriptor("secretsmanager", "0.1.0", "wip", CE_PLUGIN_SERVICE, &sm_init);

}  // namespace

CE_PLUGIN_ENTRY(k_descriptor)
