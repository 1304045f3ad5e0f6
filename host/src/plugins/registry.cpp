#include "plugins/registry.hpp"

#include "plugins/service_ctx.hpp"

namespace ce::host {

ServiceRecord* Registry::find_service(std::string_view id) const {
  for (const auto& s : services)
    if (s->id == id) return s.get();
  return nullptr;
}

StorageRecord* Registry::find_storage(std::string_view id) const {
  for (const auto& s : storage)
    if (s->id == id) return s.get();
  return nullptr;
}

}  // namespace ce::host
