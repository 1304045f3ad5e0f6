// The identity a service instance passes to every host call (ce_service_ctx_host_ptr).
#pragma once
#include <cloudemu/abi.h>

#include <atomic>
#include <bitset>
#include <mutex>
#include <string>

namespace ce::host {
class HostRuntime;
struct ServiceRecord;
}  // namespace ce::host

struct ce_service_ctx_s {
  ce::host::HostRuntime* runtime = nullptr;
  ce::host::ServiceRecord* record = nullptr;
  std::string id;      // "s3": keyspace prefix and blob namespace
  uint64_t owner = 0;  // timer owner id
  ce_service_plugin_ptr instance = nullptr;
  // Keyspaces this service opened: the mediator refuses any other id (a service never sees another
  // service's data, even by guessing ids). Ids are small: backends number keyspaces from 0.
  std::mutex keyspaces_mutex;
  std::bitset<4096> keyspaces;
  std::atomic<bool> keyspaces_any{false};
};

namespace ce::host {
using ServiceCtx = ce_service_ctx_s;
}
