// The SNS plugin's descriptor and its one exported symbol, ce_plugin_entry.
#include <cloudemu/plugin.hpp>
#include <cloudemu/service.hpp>

#include "sns_service.hpp"

namespace {

ce_status sns_init(const ce_host_api_v1* host, ce_registrar_host_ptr reg, ce_error* err) noexcept {
  return ce::plugin_init("sns.init", host, err, [&](const ce_host_api_v1* h) {
    return ce::register_service<sns::SnsService>(h, reg, err);
  });
}

constexpr ce_plugin_descriptor k_descriptor =
    ce::make_descriptor("sns", "0.1.0", "wip", CE_PLUGIN_SERVICE, &sns_init);

}  // namespace

CE_PLUGIN_ENTRY(k_descriptor)
