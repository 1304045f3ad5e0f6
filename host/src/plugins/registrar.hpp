// The registrar a plugin's init receives: it validates each table the plugin registers and records
// it; nothing takes effect unless init as a whole succeeds.
#pragma once
#include <cloudemu/abi.h>

#include <memory>
#include <string>
#include <vector>

#include "plugins/registry.hpp"

namespace ce::host {
class HostRuntime;
}

struct ce_registrar_s {
  ce::host::HostRuntime* runtime = nullptr;
  std::string plugin_name;
  std::string file;
  ce::host::LibraryHandle library;
  std::vector<std::unique_ptr<ce::host::ServiceRecord>> services;
  std::vector<std::unique_ptr<ce::host::StorageRecord>> storage;
  std::string first_error;  // a failed registration refuses the plugin even if init returns CE_OK
};

namespace ce::host {
ce_status register_service(ce_registrar_s* reg, const ce_service_v1* svc, ce_error* err);
ce_status register_storage(ce_registrar_s* reg, const ce_storage_backend_v1* be, ce_error* err);
/// Undoes the router entries a refused plugin made.
void rollback(ce_registrar_s& reg);
}  // namespace ce::host
