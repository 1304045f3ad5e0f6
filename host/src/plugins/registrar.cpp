#include "plugins/registrar.hpp"

#include <cloudemu/status.hpp>
#include <cstddef>
#include <cstring>

#include "runtime/host_runtime.hpp"

namespace ce::host {
namespace {

bool valid_id(const char* id) {
  if (id == nullptr || *id == '\0' || std::strlen(id) > 64) return false;
  for (const char* p = id; *p; ++p) {
    const char c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// The smallest tables ABI 1.0 defines: everything up to the last slot that is not optional.
constexpr std::size_t kMinServiceSize = offsetof(ce_service_v1, handle) + sizeof(void*);
constexpr std::size_t kMinStorageSize =
    offsetof(ce_storage_backend_v1, blob_collect) + sizeof(void*);

ce_status refuse(ce_registrar_s* reg, ce_error* err, ce_status st, const std::string& msg) {
  if (reg->first_error.empty()) reg->first_error = msg;
  return fail(err, st, msg);
}

std::string too_small(const char* what, uint32_t got, std::size_t need) {
  return std::string(what) + " is " + std::to_string(got) + " bytes, the host needs at least " +
         std::to_string(need) + " (ABI " + std::to_string(CE_ABI_MAJOR) +
         ".0): rebuild the plugin against the CloudEmu SDK";
}

}  // namespace

ce_status register_service(ce_registrar_s* reg, const ce_service_v1* svc, ce_error* err) {
  if (reg == nullptr || svc == nullptr)
    return fail(err, CE_INVALID, "register_service: NULL argument");
  if (svc->struct_size < kMinServiceSize)
    return refuse(reg, err, CE_INVALID,
                  too_small("ce_service_v1", svc->struct_size, kMinServiceSize));
  auto rec = std::make_unique<ServiceRecord>();
  std::memcpy(&rec->table, svc, std::min<std::size_t>(svc->struct_size, sizeof(ce_service_v1)));
  rec->table.struct_size = sizeof(ce_service_v1);
  const auto& t = rec->table;
  if (!valid_id(t.id)) return refuse(reg, err, CE_INVALID, "service id must match [a-z0-9-]{1,64}");
  if (t.protocol == nullptr || t.create == nullptr || t.destroy == nullptr || t.handle == nullptr)
    return refuse(reg, err, CE_INVALID,
                  std::string("service '") + t.id +
                      "' lacks a required slot (protocol, create, destroy, handle)");
  if (t.route_count > 0 && t.routes == nullptr)
    return refuse(reg, err, CE_INVALID,
                  std::string("service '") + t.id + "' has route_count but no routes");
  rec->id = t.id;
  rec->protocol = t.protocol;
  rec->routes.assign(t.routes, t.routes + t.route_count);
  rec->plugin_name = reg->plugin_name;
  rec->library = reg->library;
  HostRuntime& rt = *reg->runtime;
  if (ServiceRecord* other = rt.registry.find_service(rec->id))
    return refuse(reg, err, CE_EXISTS,
                  "service '" + rec->id + "' of plugin " + reg->plugin_name +
                      " is already registered by plugin " + other->plugin_name);
  for (const auto& p : reg->services)
    if (p->id == rec->id)
      return refuse(reg, err, CE_EXISTS,
                    "service '" + rec->id + "' registered twice by plugin " + reg->plugin_name);
  if (std::string clash = rt.router.conflicts(*rec); !clash.empty())
    return refuse(reg, err, CE_EXISTS, clash);
  rt.router.add(*rec);
  reg->services.push_back(std::move(rec));
  return CE_OK;
}

ce_status register_storage(ce_registrar_s* reg, const ce_storage_backend_v1* be, ce_error* err) {
  if (reg == nullptr || be == nullptr)
    return fail(err, CE_INVALID, "register_storage: NULL argument");
  if (be->struct_size < kMinStorageSize)
    return refuse(reg, err, CE_INVALID,
                  too_small("ce_storage_backend_v1", be->struct_size, kMinStorageSize));
  auto rec = std::make_unique<StorageRecord>();
  std::memcpy(&rec->table, be,
              std::min<std::size_t>(be->struct_size, sizeof(ce_storage_backend_v1)));
  rec->table.struct_size = sizeof(ce_storage_backend_v1);
  if (!valid_id(rec->table.id))
    return refuse(reg, err, CE_INVALID, "storage id must match [a-z0-9-]{1,64}");
  // Every slot of a v1.0 backend is required.
  const void* const* slot = reinterpret_cast<const void* const*>(&rec->table.open);
  const void* const* end = reinterpret_cast<const void* const*>(&rec->table.blob_collect) + 1;
  for (; slot < end; ++slot)
    if (*slot == nullptr)
      return refuse(
          reg, err, CE_INVALID,
          std::string("storage backend '") + rec->table.id + "' leaves a required slot NULL");
  rec->id = rec->table.id;
  rec->plugin_name = reg->plugin_name;
  rec->library = reg->library;
  if (StorageRecord* other = reg->runtime->registry.find_storage(rec->id))
    return refuse(
        reg, err, CE_EXISTS,
        "storage backend '" + rec->id + "' is already registered by plugin " + other->plugin_name);
  reg->storage.push_back(std::move(rec));
  return CE_OK;
}

void rollback(ce_registrar_s& reg) {
  for (const auto& s : reg.services) reg.runtime->router.remove(*s);
  reg.services.clear();
  reg.storage.clear();
}

}  // namespace ce::host
