// Defining a plugin: its descriptor, the one exported entry symbol, the host table and logging.
#pragma once
#include <cloudemu/abi.h>

#include <atomic>
#include <cloudemu/barrier.hpp>
#include <cloudemu/status.hpp>
#include <cstddef>
#include <string>
#include <string_view>

namespace ce {

/// Size of ce_host_api_v1 as of ABI 1.0. A slot at or past this offset was appended by a later
/// minor version and must be checked with CE_HOST_HAS_SLOT before use (an older host leaves it
/// out).
inline constexpr std::size_t k_host_api_v1_0_size =
    offsetof(ce_host_api_v1, blob_reader_close) + sizeof(void*);

/// True when `api` (as compiled by the host) contains `field` and the slot is set. Use it for every
/// slot appended after ABI 1.0; v1.0 slots are guaranteed once Host::set() accepted the table.
#define CE_HOST_HAS_SLOT(api, field)                                                 \
  ((api) != nullptr &&                                                               \
   (api)->struct_size >= offsetof(ce_host_api_v1, field) + sizeof(((api)->field)) && \
   (api)->field != nullptr)

/// The host function table given to init, kept for the life of the plugin. Each plugin library has
/// its own copy (the SDK is header-only and plugins are built with hidden visibility).
class Host {
 public:
  /// Stores the table. Refuses one smaller than the v1.0 set, which no conforming host sends, so
  /// that later code may call every v1.0 slot without checks.
  static ce_status set(const ce_host_api_v1* api, ce_error* err) noexcept {
    if (api == nullptr || api->struct_size < k_host_api_v1_0_size) {
      return fail(err, CE_INVALID, "host api table is smaller than ABI 1.0");
    }
    slot().store(api, std::memory_order_release);
    return CE_OK;
  }
  /// The table given to init, or nullptr before init (and after clear()).
  static const ce_host_api_v1* get() noexcept { return slot().load(std::memory_order_acquire); }
  static void clear() noexcept { slot().store(nullptr, std::memory_order_release); }

 private:
  static std::atomic<const ce_host_api_v1*>& slot() noexcept {
    static std::atomic<const ce_host_api_v1*> api{nullptr};
    return api;
  }
};

/// Writes one log line through the host; silently dropped before init (no host to write to).
inline void log(uint32_t level, std::string_view component, std::string_view message) noexcept {
  if (const ce_host_api_v1* api = Host::get(); api != nullptr && api->log != nullptr) {
    api->log(level, to_str(component), to_str(message));
  }
}
inline void log_debug(std::string_view c, std::string_view m) noexcept {
  log(CE_LOG_DEBUG, c, m);
}
inline void log_info(std::string_view c, std::string_view m) noexcept {
  log(CE_LOG_INFO, c, m);
}
inline void log_warn(std::string_view c, std::string_view m) noexcept {
  log(CE_LOG_WARN, c, m);
}
inline void log_error(std::string_view c, std::string_view m) noexcept {
  log(CE_LOG_ERROR, c, m);
}

/// The standard init prologue: stores the host table, then runs `body` (which registers services)
/// inside the barrier, so a throwing registration refuses the plugin instead of crashing the host.
template <typename Body>
ce_status plugin_init(const char* where, const ce_host_api_v1* host, ce_error* err,
                      Body&& body) noexcept {
  if (ce_status s = Host::set(host, err); s != CE_OK) return s;
  return barrier(where, err, CE_INTERNAL, [&]() -> ce_status { return body(host); });
}

/// Builds a descriptor for the current ABI (`static constexpr` friendly).
constexpr ce_plugin_descriptor make_descriptor(const char* name, const char* version,
                                               const char* maturity, uint32_t kinds,
                                               decltype(ce_plugin_descriptor::init) init,
                                               void (*shutdown)(void) = nullptr) noexcept {
  return ce_plugin_descriptor{sizeof(ce_plugin_descriptor),
                              CE_ABI_MAJOR,
                              CE_ABI_MINOR,
                              kinds,
                              name,
                              version,
                              maturity,
                              init,
                              shutdown};
}

}  // namespace ce

/// The name of the exported entry. Static (slim) builds compile each plugin with
/// -DCE_PLUGIN_ENTRY_NAME=ce_plugin_entry_<name> so several plugins link into one binary.
#ifndef CE_PLUGIN_ENTRY_NAME
#define CE_PLUGIN_ENTRY_NAME ce_plugin_entry
#endif

/// Defines the exported, side-effect-free entry returning `descriptor` (a static
/// ce_plugin_descriptor). Use once per plugin, at namespace scope:  CE_PLUGIN_ENTRY(k_descriptor)
#define CE_PLUGIN_ENTRY(descriptor)                                             \
  extern "C" __attribute__((visibility("default"))) const ce_plugin_descriptor* \
  CE_PLUGIN_ENTRY_NAME(void) {                                                  \
    return &(descriptor);                                                       \
  }
