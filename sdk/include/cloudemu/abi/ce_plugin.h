/* CloudEmu stable ABI: the plugin descriptor and its entry symbol. Pure C. See docs/abi.md. */
#ifndef CLOUDEMU_ABI_CE_PLUGIN_H
#define CLOUDEMU_ABI_CE_PLUGIN_H
#include "ce_types.h"
#ifdef __cplusplus
extern "C" {
#endif

/** Bump the major for any break: every plugin must be rebuilt. */
#define CE_ABI_MAJOR 1
/** Bump the minor when slots are appended: older plugins still load. */
#define CE_ABI_MINOR 3

#define CE_PLUGIN_SERVICE (1u << 0)
#define CE_PLUGIN_STORAGE (1u << 1)

typedef struct ce_host_api_v1 ce_host_api_v1;
typedef struct ce_registrar_s* ce_registrar_host_ptr;

/** Static, immutable metadata and lifecycle hooks of one plugin library.
 *  OWNERSHIP: plugin; must stay valid until the library is unloaded. */
typedef struct ce_plugin_descriptor {
  uint32_t struct_size; /* sizeof(ce_plugin_descriptor) as the plugin compiled it */
  uint16_t abi_major;   /* CE_ABI_MAJOR at plugin build time */
  uint16_t abi_minor;   /* CE_ABI_MINOR at plugin build time */
  uint32_t kinds;       /* CE_PLUGIN_* bits */
  const char* name;     /* "s3", "lmdb": [a-z0-9-]+, unique among loaded plugins */
  const char* version;  /* the plugin's own semver */
  const char* maturity; /* "stable" | "alpha" | "wip" */
  /** Called once, after the version check, from the loading thread. Registers services or storage
   *  backends through host->register_service / host->register_storage.
   *  @param host the host's function table, valid until shutdown returns.
   *  @param reg  the registrar for this plugin, valid only during init.
   *  @param err  filled on failure.
   *  @return CE_OK, or a failure status with err filled; the host then refuses the plugin.
   *  Must not throw. OWNERSHIP: host owns host, reg and err. */
  ce_status (*init)(const ce_host_api_v1* host, ce_registrar_host_ptr reg, ce_error* err);
  /** Called once before unload, after every registered object was destroyed. May be NULL. */
  void (*shutdown)(void);
} ce_plugin_descriptor;

/** The one exported symbol. Side-effect free: returns a pointer to static data, or NULL. */
#define CE_PLUGIN_ENTRY_SYMBOL "ce_plugin_entry"
typedef const ce_plugin_descriptor* (*ce_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif
#endif
