// What the host loaded: plugins, the services and storage backends they registered, and the ones
// it refused with the reason. Filled once at start-up from one thread, read-only afterwards.
#pragma once
#include <cloudemu/abi.h>

#include <memory>
#include <string>
#include <vector>

namespace ce::host {

using ServiceCtx = ce_service_ctx_s;  // defined in plugins/service_ctx.hpp

/// Keeps a plugin's library mapped; every object the plugin registered holds a copy.
using LibraryHandle = std::shared_ptr<void>;

struct PluginRecord {
  std::string file;  // path, or "(static)" for a linked-in plugin
  std::string name, version, maturity;
  uint16_t abi_major = 0, abi_minor = 0;
  uint32_t kinds = 0;
  const ce_plugin_descriptor* descriptor = nullptr;
  LibraryHandle library;
  std::vector<std::string> services;  // ids it registered
  std::vector<std::string> storage;   // backend ids it registered
};

struct RefusedPlugin {
  std::string file;
  std::string name;  // "" when the descriptor could not be read
  std::string reason;
};

struct ServiceRecord {
  ce_service_v1 table{};  // the plugin's table, copied up to its struct_size; missing slots NULL
  std::string id, protocol;
  std::vector<ce_route_claim> routes;  // values point into the plugin's static data
  std::string plugin_name;
  LibraryHandle library;
  std::unique_ptr<ServiceCtx> ctx;  // set once the instance is created
};

struct StorageRecord {
  ce_storage_backend_v1 table{};
  std::string id, plugin_name;
  LibraryHandle library;
};

struct Registry {
  std::vector<PluginRecord> plugins;
  std::vector<RefusedPlugin> refused;
  std::vector<std::string> skipped;  // found but not selected by --services/--storage
  std::vector<std::unique_ptr<ServiceRecord>> services;
  std::vector<std::unique_ptr<StorageRecord>> storage;

  ServiceRecord* find_service(std::string_view id) const;
  StorageRecord* find_storage(std::string_view id) const;
};

}  // namespace ce::host
