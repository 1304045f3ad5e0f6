// The `memory` storage plugin: registers the SDK's reference store
// (cloudemu/testing/memory_store.hpp) with the host and stamps pending blobs with the host clock,
// so a test that moves the host clock ages pending blobs too.
#include <cloudemu/abi/ce_host_api.h>
#include <cloudemu/abi/ce_plugin.h>

#include <cloudemu/barrier.hpp>
#include <cloudemu/testing/memory_store.hpp>
#include <cstddef>

namespace {

ce_status init(const ce_host_api_v1* host, ce_registrar_host_ptr reg, ce_error* err) noexcept {
  return ce::barrier("memory.init", err, CE_INTERNAL, [&] {
    if (host == nullptr || host->register_storage == nullptr ||
        host->struct_size < offsetof(ce_host_api_v1, now_ms) + sizeof(host->now_ms)) {
      return ce::fail(err, CE_INVALID, "memory: the host API table lacks register_storage/now_ms");
    }
    if (host->now_ms != nullptr) ce::testing::set_memory_store_clock(host->now_ms);
    return host->register_storage(reg, ce::testing::memory_storage_backend(), err);
  });
}

void shutdown() noexcept {
  ce::testing::set_memory_store_clock(nullptr);
}

const ce_plugin_descriptor kDescriptor = {
    sizeof(ce_plugin_descriptor),
    CE_ABI_MAJOR,
    CE_ABI_MINOR,
    CE_PLUGIN_STORAGE,
    "memory",
    "0.1.0",
    "stable",
    &init,
    &shutdown,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const ce_plugin_descriptor* ce_plugin_entry() {
  return &kDescriptor;
}
